// End to end: the editors through the release build served from /headroom/, used as a person
// would — by label, role and keyboard. Every test fails on a console error or a failed request
// (see harness.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, watchedPage, seriousA11yViolations, screenshot } from './harness.mjs';
import { HeadroomPage } from './page.mjs';

const t = useApp();
let page;

async function open() {
  page = t.page;
  const app = new HeadroomPage(page);
  await app.open(t.server.url);
  return app;
}

async function openTab(name) {
  await page.getByRole('tab', { name }).click();
}

/** Waits until keyboard focus is on the element with `testId` (focus moves after a redraw). */
async function focusReaches(testId) {
  await page.waitForFunction(
    (id) => document.activeElement?.getAttribute('data-testid') === id,
    testId,
    { timeout: 5000 },
  );
}

test('a planner builds a launch scenario, prices a catalog entry, deletes and undoes, and finds it all after a reload', async () => {
  const app = await open();

  await openTab('Scenarios');
  await page.getByRole('button', { name: 'Add a scenario' }).click();
  await focusReaches('f-scenarios-1-name');
  await app.fill('f-scenarios-1-name', 'Launch');
  assert.match(await page.getByTestId('scenario-item-1').innerText(), /Launch/);

  await page.getByRole('radio', { name: /^Milestones/ }).check();
  await page.getByTestId('milestone-fields').waitFor();
  await page.getByRole('button', { name: 'Add a milestone' }).click();
  await focusReaches('f-scenarios-1-growth-points-4-month');
  await app.fill('f-scenarios-1-growth-points-4-month', '2');
  await app.fill('f-scenarios-1-growth-points-3-units', '4000');
  assert.match(await page.getByTestId('scenario-outcome').innerText(), /4\u202F000 in Dec 2027 \(month 12\)/);

  await page.getByRole('button', { name: 'Black Friday (Nov 20–30 ×3)' }).click();
  assert.equal(await app.input('f-scenarios-1-calendar-0-name').inputValue(), 'Black Friday');
  assert.equal(await app.input('f-scenarios-1-calendar-0-from').inputValue(), '11-20');
  assert.equal(await app.input('f-scenarios-1-calendar-0-multiplier').inputValue(), '3');

  await openTab('Catalogs');
  const entry = page.getByTestId('entry-instances-2');
  await entry.locator('summary').click();
  await app.fill('f-catalogs-instances-2-usd_per_month', '65');
  assert.match(await entry.locator('summary').innerText(), /\$65\.00\/month/);

  await openTab('Scenarios');
  await page.getByTestId('scenario-item-1').click();
  await page.getByRole('button', { name: 'Delete' }).click();
  await focusReaches('scenario-note-undo');
  assert.match(await page.getByTestId('scenario-note').innerText(), /Deleted “Launch”\./);
  assert.equal(await page.getByTestId('scenario-item-1').count(), 0);
  await page.keyboard.press('ControlOrMeta+z');
  assert.match(await page.getByTestId('scenario-item-1').innerText(), /Launch/);
  assert.equal(await page.getByTestId('scenario-note').count(), 0);

  await page.reload();
  await app.ready();
  await openTab('Scenarios');
  await page.getByTestId('scenario-item-1').click();
  assert.equal(await app.input('f-scenarios-1-name').inputValue(), 'Launch');
  assert.equal(await page.getByRole('radio', { name: /^Milestones/ }).isChecked(), true);
  assert.equal(await app.input('f-scenarios-1-growth-points-3-units').inputValue(), '4000');
  assert.equal(await app.input('f-scenarios-1-growth-points-4-month').inputValue(), '2');
  assert.equal(await app.input('f-scenarios-1-calendar-0-name').inputValue(), 'Black Friday');
  await openTab('Catalogs');
  await page.getByTestId('entry-instances-2').locator('summary').click();
  assert.equal(await app.input('f-catalogs-instances-2-usd_per_month').inputValue(), '65');
});

test('the growth model is picked with the arrow keys and a bad price is explained next to it', async () => {
  const app = await open();
  await openTab('Scenarios');
  const compound = page.getByRole('radio', { name: /^Compound growth/ });
  await compound.focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getByRole('radio', { name: /^Milestones/ }).isChecked(), true);
  await page.getByTestId('milestone-fields').waitFor();
  await page.keyboard.press('ArrowDown');
  await page.getByTestId('trend-fields').waitFor();
  assert.match(await page.getByTestId('trend-fit').innerText(), /^Fitted: \+4/);

  await openTab('Catalogs');
  const before = await page.getByTestId('total-cost').innerText();
  const entry = page.getByTestId('entry-databases-0');
  await entry.locator('summary').focus();
  await page.keyboard.press('Enter');
  await app.fill('f-catalogs-databases-0-usd_per_month', '-1');
  const field = page.getByTestId('f-catalogs-databases-0-usd_per_month').locator('xpath=ancestor::div[contains(@class,"field")][1]');
  assert.equal(
    (await field.getByTestId('field-error').innerText()).trim(),
    'Price must be at least 0 per month',
  );
  assert.equal(await app.input('f-catalogs-databases-0-usd_per_month').getAttribute('aria-invalid'), 'true');
  await page.getByTestId('stale').waitFor();
  assert.equal(await page.getByTestId('total-cost').innerText(), before, 'the last results stay');
  await app.fill('f-catalogs-databases-0-usd_per_month', '10');
  assert.equal(await page.getByTestId('stale').count(), 0);
});

test('every editor passes an accessibility scan, on a phone and a wide screen, light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [390, 1440]) {
      const { context, page: view, problems: errors } = await watchedPage(
        t.browser,
        { colorScheme, viewport: { width, height: 900 } },
        t.server.origin,
      );
      const app = new HeadroomPage(view);
      await app.open(t.server.url);
      for (const tab of ['baseline', 'scenarios', 'policies', 'catalogs']) {
        await app.tab(tab);
        if (tab === 'scenarios') {
          await view.getByTestId('preset-0').click();
          await view.getByRole('radio', { name: /^Milestones/ }).check();
        }
        if (tab === 'catalogs') {
          await view.getByTestId('entry-instances-2').locator('summary').click();
        }
        assert.deepEqual(
          await seriousA11yViolations(view),
          [],
          `${tab} at ${width} px, ${colorScheme}`,
        );
        await screenshot(view, `editors-${tab}-${width}-${colorScheme}`);
      }
      await context.close();
      assert.deepEqual(errors, [], `problems at ${width} px, ${colorScheme}`);
    }
  }
});

test('a trend count keeps room for its value beside a long unit name', async () => {
  const app = await open();
  await page.setViewportSize({ width: 390, height: 844 });
  await app.fill('f-baseline-demand_unit', 'monthly active subscribers');
  await openTab('Scenarios');
  await page.getByRole('radio', { name: /^Trend/ }).check();
  await page.getByTestId('trend-fields').waitFor();
  const id = 'f-scenarios-0-growth-history-0-units';
  await app.fill(id, '10000');
  const { client, scroll } = await app
    .input(id)
    .evaluate((el) => ({ client: el.clientWidth, scroll: el.scrollWidth }));
  assert.ok(scroll <= client, `"10000" is cut off: ${scroll} px of text in a ${client} px box`);
  const box = await app.input(id).boundingBox();
  assert.ok(box.width >= 60, `the count box is ${box.width} px wide`);
});

test('history pasted from a spreadsheet becomes the trend; a bad line is named and changes nothing', async () => {
  await open();
  await openTab('Scenarios');
  await page.getByRole('radio', { name: /^Trend from history/ }).check();
  await page.getByTestId('trend-fields').waitFor();
  const fitBefore = await page.getByTestId('trend-fit').innerText();
  await page.getByText('Paste history').click();
  const box = page.getByRole('textbox', { name: 'Dates and counts' });

  // A typo on line 3: nothing changes, and the message says where.
  await box.fill('month\tusers\n2026-01\t1 000\n2026-02\t1.2k\n2026-03\t1 400\n');
  await page.getByRole('button', { name: 'Use these observations' }).click();
  assert.equal(
    await page.getByTestId('history-paste-error').innerText(),
    'Line 3: "1.2k" is not a number',
  );
  assert.equal(await page.getByTestId('trend-fit').innerText(), fitBefore);

  // Fixed: the rows replace the observations and the fit follows them (+20 % a month, linear
  // +200 a month over 1 000).
  await box.fill('month\tusers\n2026-01\t1 000\n2026-02\t1 200\n2026-03\t1 400\n2026-04\t1 600\n');
  await page.getByRole('button', { name: 'Use these observations' }).click();
  assert.match(
    await page.getByTestId('history-read').innerText(),
    /^4 observations read\. Line 1 \("month", "users"\) was taken as the header\.$/,
  );
  assert.equal(await page.getByTestId('f-scenarios-0-growth-history-3-units').inputValue(), '1600');
  assert.notEqual(await page.getByTestId('trend-fit').innerText(), fitBefore);
  assert.equal(await box.inputValue(), '', 'the box is emptied once read');

  // Undo brings the observations back.
  await page.keyboard.press('Control+z');
  await page.waitForFunction((before) => document.querySelector('[data-testid="trend-fit"]')?.innerText === before, fitBefore);
});

test('a scenario with traffic of its own sizes from it, keeps it after a reload, and gives it back', async () => {
  const app = await open();
  assert.equal(await app.instances(), '2');
  await openTab('Scenarios');
  const own = app.input('f-scenarios-0-traffic-own');
  assert.equal(await own.inputValue(), 'baseline');
  await own.selectOption('own');
  assert.equal(await app.input('f-scenarios-0-traffic').inputValue(), 'daily_ratio');
  // Its own starts as a copy of the baseline's: the same figures, the same sizing.
  assert.equal(await app.input('f-scenarios-0-traffic-requests_per_unit_per_day').inputValue(), '200');
  assert.equal(await app.instances(), '2');
  // 1 000 users × 100 000 requests a day ÷ 86 400 s × 3 peak-to-average ≈ 3 472 req/s.
  await app.fill('f-scenarios-0-traffic-requests_per_unit_per_day', '100000');
  const busy = Number(await app.instances());
  assert.ok(busy > 20, `instances for the scenario's own traffic: ${busy}`);
  await app.fill('f-scenarios-0-traffic-requests_per_unit_per_day', '-5');
  assert.match(await app.fieldError(), /at least 0/);
  await app.fill('f-scenarios-0-traffic-requests_per_unit_per_day', '100000');
  const saved = await app.savedPlan();
  assert.equal(saved.plan.scenarios[0].traffic.requests_per_unit_per_day, 100000);
  assert.equal(saved.plan.baseline.traffic.requests_per_unit_per_day, 200);

  await page.reload();
  await app.ready();
  assert.equal(await app.instances(), String(busy));
  await openTab('Scenarios');
  assert.equal(await app.input('f-scenarios-0-traffic-own').inputValue(), 'own');
  await app.input('f-scenarios-0-traffic-own').selectOption('baseline');
  assert.equal(await app.input('f-scenarios-0-traffic-requests_per_unit_per_day').count(), 0);
  assert.equal(await app.instances(), '2');
  await page.keyboard.press('ControlOrMeta+z');
  assert.equal(await app.instances(), String(busy));
});
