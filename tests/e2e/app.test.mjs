// End to end: the workspace as a person uses it, through the release build served from
// /headroom/. Every test fails on a console error or a failed request (see harness.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, seriousA11yViolations, screenshot } from './harness.mjs';
import { HeadroomPage } from './page.mjs';

const t = useApp();

test('the release build loads from a sub-path and shows results for the blank plan', async () => {
  const app = new HeadroomPage(t.page);
  await app.open(t.server.url);
  assert.equal(await t.page.title(), 'Headroom — capacity planning');
  assert.equal(await t.page.locator('#loading').count(), 0, 'loading placeholder removed');
  // The blank plan: 1 000 users × 200 requests a day is about 7 req/s at peak, so the
  // two-instance availability minimum binds.
  assert.equal(await app.instances(), '2');
});

test('the page paints its header before the app code arrives, then the app replaces it', async () => {
  // Hold the app's wasm back: what shows meanwhile is index.html's own shell.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await t.page.route('**/app-*/headroom_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await t.page.goto(t.server.url, { waitUntil: 'domcontentloaded' });
  await t.page.locator('#loading h1').waitFor();
  assert.equal(await t.page.locator('h1').innerText(), 'Headroom');
  assert.match(await t.page.getByRole('status').innerText(), /Loading the plan/);
  release();
  await t.page.getByTestId('app-instances').waitFor();
  assert.equal(await t.page.locator('#loading').count(), 0, 'the shell is gone');
  assert.equal(await t.page.locator('h1').count(), 1, 'one page heading');
});

test('on a phone the page starts without moving anything: no layout shift while it loads', async () => {
  // What Lighthouse counts as layout shift (CLS): an element on screen that moves between two
  // frames. The first screen is shown at once, in place of the shell; nothing may arrive
  // after it above what is already shown.
  await t.page.setViewportSize({ width: 412, height: 823 });
  await t.page.addInitScript(() => {
    window.shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (!entry.hadRecentInput) window.shifts.push(entry.value);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const app = new HeadroomPage(t.page);
  for (const template of [null, 'supabase-redis']) {
    await t.page.goto(t.server.url);
    await t.page.getByTestId('app-instances').waitFor();
    if (template) {
      // A saved plan with three scenarios and voice: the reload reads it back.
      await app.loadTemplate(template);
      await t.page.reload();
      await t.page.getByTestId('app-instances').waitFor();
    }
    // The start-up's later work: the explanation's chunk, the first save, a table's measure.
    await t.page.waitForTimeout(1500);
    const shifts = await t.page.evaluate(() => window.shifts);
    const total = shifts.reduce((sum, value) => sum + value, 0);
    assert.ok(total < 0.001, `${template ?? 'blank plan'}: layout shifts ${JSON.stringify(shifts)}`);
  }
});

test('a template loads, edits recompute, and undo/redo walk the history by keyboard', async () => {
  const app = new HeadroomPage(t.page);
  await app.open(t.server.url);
  await app.loadTemplate('cafe-pilot');
  assert.match(await app.text('notice'), /template/i);
  const saved = await app.savedPlan();
  assert.equal(saved.plan.baseline.demand_unit, 'cafés');

  await app.fill('f-baseline-units', '30');
  await t.page.waitForFunction(
    () => JSON.parse(localStorage.getItem('headroom.plan')).plan.baseline.units === 30,
  );
  await t.page.locator('body').click({ position: { x: 5, y: 5 } });
  await t.page.keyboard.press('ControlOrMeta+z');
  assert.equal(await app.input('f-baseline-units').inputValue(), '3');
  await t.page.keyboard.press('ControlOrMeta+Shift+z');
  assert.equal(await app.input('f-baseline-units').inputValue(), '30');
  await t.page.keyboard.press('ControlOrMeta+z');
  await t.page.keyboard.press('ControlOrMeta+z');
  assert.equal((await app.savedPlan()).plan.baseline.demand_unit, 'users', 'undo reaches the plan before the template');
});

test('invalid input is named next to its field, and the last results stay, marked stale', async () => {
  const app = new HeadroomPage(t.page);
  await app.open(t.server.url);
  const before = await app.instances();
  await app.fill('f-baseline-units', '12,5');
  assert.match(await app.fieldError(), /Units today uses a comma as the decimal mark/);
  assert.equal(await app.input('f-baseline-units').getAttribute('aria-invalid'), 'true');
  await t.page.getByTestId('stale').waitFor();
  assert.equal(await app.instances(), before, 'the last good results are still shown');
  await app.fill('f-baseline-units', '-4');
  assert.match(await app.fieldError(), /at least 0/);
  await app.fill('f-baseline-units', '4000');
  assert.equal(await t.page.getByTestId('field-error').count(), 0);
  assert.equal(await t.page.getByTestId('stale').count(), 0);
  // Thousands grouped as people paste them are read, not refused.
  await app.fill('f-baseline-units', '2,000');
  assert.equal(await t.page.getByTestId('field-error').count(), 0);
  await app.fill('f-baseline-units', '4 258');
  assert.equal(await t.page.getByTestId('field-error').count(), 0);
});

test('a reload keeps the plan, and a damaged autosave is kept aside with a message', async () => {
  const app = new HeadroomPage(t.page);
  await app.open(t.server.url);
  await app.loadTemplate('selextract');
  await app.fill('f-baseline-units', '750');
  await t.page.reload();
  await app.ready();
  assert.equal(await app.input('f-baseline-units').inputValue(), '750');
  assert.equal((await app.savedPlan()).plan.scenarios.length, 3);

  await t.page.evaluate(() => localStorage.setItem('headroom.plan', '{"headroom_plan":1,"plan":'));
  await t.page.reload();
  await app.ready();
  assert.match(await app.text('notice'), /could not be read.*kept, as it was, in My plans/s);
  const kept = await app.keptPlans();
  assert.deepEqual(kept.map((e) => [e.kind, e.text]), [['unreadable', '{"headroom_plan":1,"plan":']]);
  // A second damaged autosave gets its own entry: the first is never overwritten.
  await t.page.evaluate(() => localStorage.setItem('headroom.plan', '{"headroom_plan":99,"plan":{}}'));
  await t.page.reload();
  await app.ready();
  assert.match(await app.text('notice'), /newer version of Headroom/);
  assert.deepEqual((await app.keptPlans()).map((e) => e.text), [
    '{"headroom_plan":99,"plan":{}}',
    '{"headroom_plan":1,"plan":',
  ]);
  const entry = await app.keptEntry('Unreadable saved plan');
  assert.equal(await entry.count(), 2);
  assert.equal(await entry.first().getByTestId('open-entry').count(), 0, 'an unreadable copy cannot be opened');
});

test('the page passes an accessibility scan on every input tab, in light and dark mode', async () => {
  for (const colorScheme of ['light', 'dark']) {
    await t.page.emulateMedia({ colorScheme });
    const app = new HeadroomPage(t.page);
    await app.open(t.server.url);
    await app.loadTemplate('voiceassist');
    for (const tab of ['baseline', 'scenarios', 'policies', 'catalogs']) {
      await app.tab(tab);
      assert.deepEqual(await seriousA11yViolations(t.page), [], `${tab} tab, ${colorScheme} mode`);
    }
  }
});

test('a name in a summary card wraps between its words, never inside one', async () => {
  // "Supabase Micro" once broke as "Supabas / e Micro" in a card at 1 350 px. A word is cut
  // only where the card allows it (after a dot of a name such as cache.t4g.micro).
  const app = new HeadroomPage(t.page);
  await app.open(t.server.url);
  for (const width of [1350, 1024, 390, 320]) {
    await t.page.setViewportSize({ width, height: 900 });
    const broken = await t.page.evaluate(() => {
      const out = [];
      for (const figure of document.querySelectorAll('.cards .figure')) {
        const text = figure.textContent;
        // Each piece a line may not cut: the words, and the parts of a name between its dots.
        for (const piece of text.matchAll(/[^\s.]+\.?/g)) {
          const range = document.createRange();
          let start = piece.index;
          let end = start + piece[0].length;
          const walker = document.createTreeWalker(figure, NodeFilter.SHOW_TEXT);
          let offset = 0;
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const length = node.textContent.length;
            if (start >= offset && start <= offset + length) range.setStart(node, start - offset);
            if (end >= offset && end <= offset + length) { range.setEnd(node, end - offset); break; }
            offset += length;
          }
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (lines.size > 1) out.push(`${figure.dataset.testid}: "${piece[0]}" of "${text}"`);
        }
      }
      return out;
    });
    assert.deepEqual(broken, [], `at ${width} px`);
  }
});

test('on a phone, one tap jumps from the inputs to the results', async () => {
  const app = new HeadroomPage(t.page);
  await t.page.setViewportSize({ width: 390, height: 844 });
  await app.open(t.server.url);
  const jump = t.page.getByTestId('jump-results');
  assert.ok(await jump.isVisible(), 'the link shows at phone width');
  const url = t.page.url();
  await jump.click();
  await t.page.waitForFunction(() => document.activeElement?.id === 'results');
  const top = await t.page.getByTestId('results').evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(top >= -1 && top < 844, `results in view (top at ${top} px)`);
  assert.equal(t.page.url(), url, 'the address is left alone');
  await t.page.setViewportSize({ width: 1440, height: 900 });
  assert.ok(!(await jump.isVisible()), 'no link on a wide screen, where both columns show');
});

test('screenshots of the workspace at phone and desktop widths, light and dark', async () => {
  const app = new HeadroomPage(t.page);
  for (const [width, height] of [[390, 844], [1440, 900]]) {
    for (const colorScheme of ['light', 'dark']) {
      await t.page.setViewportSize({ width, height });
      await t.page.emulateMedia({ colorScheme });
      await app.open(t.server.url);
      await app.loadTemplate('supabase-redis');
      await screenshot(t.page, `workspace-${width}-${colorScheme}`);
    }
  }
});
