// End-to-end: the charts in the release build, served from /headroom/, as a planner uses them.
// Loads the café pilot and a template with several scenarios, checks the charts, their legends
// and upgrade markers, and writes screenshots in light and dark mode at phone and wide widths
// to $CHART_SHOTS (default test-results/screenshots/charts). Fails on any console error or failed request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { useBrowser, seriousA11yViolations } from './harness.mjs';
import { HeadroomPage } from './page.mjs';

const SHOTS = process.env.CHART_SHOTS ?? 'test-results/screenshots/charts';
const t = useBrowser();

/** A fresh page at the given size and colour scheme, with the app open. */
async function open({ width = 1440, height = 900, colorScheme = 'light' } = {}) {
  const opened = await t.fresh({ viewport: { width, height }, colorScheme });
  await opened.app.open(t.server.url);
  return opened;
}

/** Loads a template (fetched on demand, so it lands a moment after the click: wait for its
 * notice) and waits for its charts. */
async function loadTemplate(page, id) {
  await new HeadroomPage(page).loadTemplate(id);
  await page.getByTestId('chart-demand-svg').waitFor();
}

/** The three charts, each an image with its accessible name. */
async function assertCharts(page, overlayTitle) {
  for (const name of ['Demand and capacity', 'Cost by component', overlayTitle]) {
    const img = page.getByRole('img', { name, exact: true });
    assert.equal(await img.count(), 1, `one chart named “${name}”`);
    assert.ok(await img.isVisible(), `${name} is visible`);
  }
  const units = await page.locator('svg text.axis-title').allTextContents();
  assert.deepEqual(units.slice(0, 2), ['req/s', 'USD/month']);
}

test('café pilot: demand against capacity with upgrade markers, cost by component', async () => {
  const { page, done } = await open();
  await loadTemplate(page, 'cafe-pilot');
  await assertCharts(page, 'Total cost by scenario');
  await new HeadroomPage(page).reveal('charts');
  const demandLegend = await page.getByTestId('chart-demand-legend').innerText();
  assert.match(demandLegend, /Peak demand\s+[\d\u202f]+(\.\d+)? req\/s/);
  assert.match(demandLegend, /Capacity of the instances/);
  const costLegend = await page.getByTestId('chart-cost-legend').innerText();
  assert.match(costLegend, /App instances/);
  assert.match(costLegend, /GPU voice/);
  assert.match(costLegend, /Total\s+\$[\d\u202f]+(\.\d+)?\/month/);
  // Upgrade markers on the chart and listed under it, with the timeline's sentences.
  const markers = page.getByTestId('chart-demand-svg').getByTestId('chart-marker');
  assert.ok((await markers.count()) > 0, 'the pilot has upgrades');
  const events = await page.getByTestId('chart-events').innerText();
  assert.match(events, /→|needed|stops helping|above the maximum/);
  // Pointing at a month reads its values; clicking selects it for the page.
  const plot = page.getByTestId('chart-demand-plot');
  await plot.scrollIntoViewIfNeeded();
  const box = await plot.boundingBox();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  const hovered = await page.getByTestId('chart-demand-legend').getByTestId('readout-month').innerText();
  await page.mouse.click(box.x + box.width * 0.3, box.y + box.height / 2);
  const marker = page.getByTestId('chart-demand-svg').getByTestId('selected-month-marker');
  const month = Number(await marker.getAttribute('data-month'));
  assert.ok(month >= 3 && month <= 5, `clicked about a third in: month ${month} (${hovered})`);
  // The keyboard moves the selection too.
  await plot.focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(Number(await marker.getAttribute('data-month')), month + 1);
  await page.keyboard.press('Home');
  assert.equal(await marker.getAttribute('data-month'), '1');
  await done();
});

test('several scenarios: overlaid, pickable from the legend, metric selectable', async () => {
  const { page, done } = await open();
  await loadTemplate(page, 'supabase-redis');
  await assertCharts(page, 'Total cost by scenario');
  const legend = page.getByTestId('chart-scenarios-legend').getByRole('button');
  const count = await legend.count();
  assert.equal(count, 3);
  const lines = page.getByTestId('chart-scenarios-svg').getByTestId('chart-series');
  assert.equal(await lines.count(), 3);
  await legend.nth(2).click();
  assert.equal(await legend.nth(2).getAttribute('aria-pressed'), 'true');
  const name = (await legend.nth(2).locator('.legend-name').innerText()).trim();
  assert.equal((await page.getByTestId('charts-scenario').innerText()).trim(), name);
  assert.ok(
    (await page.getByTestId('chart-demand-svg').getByTestId('chart-marker').count()) > 0,
    'the fastest-growing scenario moves up tiers',
  );
  await page.getByTestId('chart-metric').selectOption('app-instances');
  await page.getByRole('img', { name: 'App instances by scenario', exact: true }).waitFor();
  const unit = await page.getByTestId('chart-scenarios-svg').locator('text.axis-title').textContent();
  assert.equal(unit, 'instances');
  await done();
});

test('a 120-month, 5-scenario plan redraws on every keystroke', async () => {
  const { page, app, done } = await open();
  await loadTemplate(page, 'supabase-redis');
  // Stretch the saved plan to 120 months and 5 scenarios, then reload it: once the template's
  // save has landed, or that save would overwrite the stretched plan.
  await page.waitForFunction(
    () => JSON.parse(localStorage.getItem('headroom.plan') ?? 'null')?.plan?.scenarios?.length > 1,
  );
  await page.evaluate(() => {
    const stored = JSON.parse(localStorage.getItem('headroom.plan'));
    const plan = stored.plan;
    plan.horizon_months = 120;
    while (plan.scenarios.length < 5) {
      plan.scenarios.push({ ...plan.scenarios[0], name: `Copy ${plan.scenarios.length + 1}` });
    }
    localStorage.setItem('headroom.plan', JSON.stringify(stored));
  });
  await page.reload();
  await app.ready();
  await page.getByTestId('chart-demand-svg').waitFor();
  // Scenarios are computed one at a time after a reload: the chart has all five once they are.
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid="chart-scenarios-svg"] [data-testid="chart-series"]').length >= 5,
  );
  assert.equal(await page.getByTestId('chart-scenarios-svg').getByTestId('chart-series').count(), 5);
  const times = [];
  // The first edits run on the browser's baseline WebAssembly compiler; measure once the
  // optimised code is in (as for anyone who types more than a few characters).
  const warmUp = 20;
  for (let i = 0; i < warmUp + 30; i += 1) {
    const sample = await page.evaluate(async (value) => {
      const input = document.querySelector('[data-testid="f-baseline-units"]');
      const drawn = () =>
        [...document.querySelectorAll('[data-testid="chart-demand-svg"] [data-testid="chart-series"]')]
          .map((p) => p.getAttribute('d'))
          .join('|') + document.querySelector('[data-testid="chart-demand-legend"]').textContent;
      const before = drawn();
      // Input to DOM: the time of the last change to the page, seen by a MutationObserver
      // (its callbacks run as microtasks right after Leptos writes, before the browser paints).
      // The results follow once the keystroke's frame is painted (the next frame, then a
      // task), and the charts once the results' frame is painted (the same again).
      let last = 0;
      const observer = new MutationObserver(() => {
        last = performance.now();
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      const start = performance.now();
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      // Leptos runs its effects as microtasks: a zero timeout runs after all of them.
      await new Promise((resolve) => setTimeout(resolve, 0));
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      observer.disconnect();
      return { ms: last - start, changed: drawn() !== before };
    }, String(150 + i * 3));
    assert.ok(sample.changed, `redrawn for ${150 + i * 3}`);
    if (i >= warmUp) times.push(sample.ms);
  }
  times.sort((a, b) => a - b);
  const p50 = times[Math.floor(times.length / 2)];
  const p95 = times[Math.floor(times.length * 0.95)];
  // Timing is reported, not asserted: the target lives in tests/bench/input-latency.mjs.
  console.log(`120 months × 5 scenarios, input to redrawn charts: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${times.at(-1).toFixed(1)} ms`);
  await done();
});

for (const colorScheme of ['light', 'dark']) {
  for (const width of [390, 1440]) {
    test(`screenshots: ${colorScheme}, ${width} px`, async () => {
      await mkdir(SHOTS, { recursive: true });
      const { page, done } = await open({ width, height: 900, colorScheme });
      for (const id of ['cafe-pilot', 'supabase-redis']) {
        await loadTemplate(page, id);
        if (id === 'supabase-redis') {
          await page.getByTestId('chart-scenarios-legend').getByRole('button').nth(2).click();
        }
        // Nothing in the charts is wider than their panel.
        const charts = page.getByTestId('charts');
        const spill = await charts.evaluate((panel) => {
          const edge = panel.getBoundingClientRect().right;
          return [...panel.querySelectorAll('*')]
            .filter((el) => el.getBoundingClientRect().right > edge + 0.5)
            .map((el) => el.tagName);
        });
        assert.deepEqual(spill, [], 'elements wider than the charts panel');
        await charts.scrollIntoViewIfNeeded();
        await charts.screenshot({ path: `${SHOTS}/${id}-${colorScheme}-${width}.png` });
      }
      await done();
    });
  }
}

test('print: the charts keep their size and drop the pointer cursor', async () => {
  const { page, done } = await open({ width: 1440 });
  await loadTemplate(page, 'cafe-pilot');
  await page.emulateMedia({ media: 'print' });
  const svg = page.getByTestId('chart-demand-svg');
  assert.ok((await svg.boundingBox()).width > 200);
  assert.equal(await svg.locator('.cursor').evaluate((el) => getComputedStyle(el).display), 'none');
  assert.equal(await page.locator('.charts-hint').evaluate((el) => getComputedStyle(el).display), 'none');
  await done();
});

test('accessibility: axe-core finds nothing serious in the charts, light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page, done } = await open({ width: 1440, colorScheme });
    for (const id of ['cafe-pilot', 'supabase-redis']) {
      await loadTemplate(page, id);
      assert.deepEqual(await seriousA11yViolations(page, '[data-testid="charts"]'), [], `${id}, ${colorScheme}`);
    }
    await done();
  }
});
