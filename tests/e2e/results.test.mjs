// End-to-end: reading the results of the release build served from /headroom/, as a planner
// would: a template's tables, an explanation opened by keyboard, scenarios compared with their
// break points, a CSV download, the page's speed on a large plan, small screens and an axe scan.
// Fails on any console error or failed request (a favicon aside).
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useBrowser, seriousA11yViolations } from './harness.mjs';
import { HeadroomPage } from './page.mjs';

const t = useBrowser();
let opened;
let page;

/** Opens the app in a fresh context (downloads allowed); closed and checked after the test. */
async function openPage(options = {}) {
  opened = await t.fresh({ acceptDownloads: true, ...options });
  page = opened.page;
  await opened.app.open(t.server.url);
  return opened.app;
}

afterEach(async () => {
  await opened?.done();
  opened = undefined;
});

/** Loads the template `id` from the toolbar. */
async function loadTemplate(id) {
  await opened.app.loadTemplate(id);
}

/** Moves the month slider to `month`, as dragging it would. */
async function setMonth(month) {
  await page.getByTestId('month-slider').evaluate((el, m) => {
    el.value = String(m);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, month);
}

/** The text of a table cell: the column titled `title`, the row of plan month `month`. */
async function cell(table, month, title) {
  const block = page.getByTestId(`table-${table}`);
  const titles = await block.locator('thead .col-title').allInnerTexts();
  const col = titles.indexOf(title);
  assert.notEqual(col, -1, `no column ${title} in ${table}: ${titles}`);
  const td = block.locator(`tr[data-month="${month}"] td[data-col="${col}"]`);
  return td.evaluate((el) => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('.visually-hidden').forEach((h) => h.remove());
    return copy.textContent.trim();
  });
}

/** Waits (up to 10 s) for a cell to read `expected` after an edit, then checks it: under
 * load the results of a keystroke can land some frames after it. */
async function cellBecomes(table, month, title, expected) {
  for (let waited = 0; waited < 10_000; waited += 50) {
    if ((await cell(table, month, title)) === expected) break;
    await page.waitForTimeout(50);
  }
  assert.equal(await cell(table, month, title), expected);
}

test('a template reads month by month, with units and flags', async () => {
  await openPage();
  await loadTemplate('supabase-redis');
  // Conservative: 100 users × (1 + 10 % − 5 %) = 105 in month 1, 10 MB each.
  assert.equal(await cell('demand', 1, 'Units'), '105');
  assert.match(await page.getByTestId('table-demand').locator('thead').innerText(), /req\/s/);
  await page.getByTestId('table-tab-database').click();
  // 105 users × 0.1 GB = 10.5 GB, more than 80 % of Pro's 8 GB: Pro+ from month 1.
  assert.equal(await cell('database', 1, 'Data'), '10.5');
  assert.equal(await cell('database', 1, 'Tier'), 'Pro+');
  const tier = page.getByTestId('table-database').locator('tr[data-month="1"] td.flag-upgrade');
  assert.match(await tier.innerText(), /Pro\+/);
  await page.getByTestId('table-tab-cost').click();
  assert.equal(
    await page.getByTestId('table-note-cost').innerText(),
    'USD/month, prices of 1 Nov 2026',
  );
  // The timeline names the upgrades; a month in it selects that month.
  const timeline = page.getByTestId('timeline');
  await timeline.getByText('Redis 2 GB single node → 4 GB single node', { exact: false }).waitFor();
  await timeline.locator('.event-month').first().click();
  assert.match(await page.getByTestId('month-label').innerText(), /Month 1 of 12/);
});

test('an explanation opens by keyboard, and the arrow keys walk the table', async () => {
  await openPage();
  await loadTemplate('supabase-redis');
  // The pointer rests away from the tables, as it would while typing.
  await page.mouse.move(1, 1);
  // From the table's tab: Tab to the download button, Tab to the selected month's first figure.
  await page.getByTestId('table-tab-demand').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const panel = page.getByTestId('explain-table');
  const said = async () => (await panel.textContent()).replace(/\s+/g, ' ');
  assert.match(await said(), /Units · month 12 \(Nov 2026\) · Conservative/);
  // 100 × (1 + 10 % − 5 %)¹² = 180 users.
  assert.match(await said(), /180 users = 100 × \(1 \+ 10 % − 5 %\)¹²/);
  await page.keyboard.press('ArrowUp');
  assert.match(await said(), /month 11 \(Oct 2026\)/);
  assert.match(await page.getByTestId('month-label').innerText(), /Month 11 of 12/);
  await page.keyboard.press('ArrowRight');
  assert.match(await said(), /^Peak · month 11/);
  // The month slider answers the arrow keys too.
  await page.getByTestId('month-slider').focus();
  await page.keyboard.press('ArrowLeft');
  assert.match(await page.getByTestId('month-label').innerText(), /Sep 2026 · Month 10 of 12/);
  // A summary card explains itself when focused.
  await page.getByTestId('app-instances').focus();
  assert.match(await page.getByTestId('explain-cards').textContent(), /× Vercel Pro/);
});

test('scenarios side by side, with break-point sentences', async () => {
  await openPage();
  await loadTemplate('supabase-redis');
  await page.locator('label[for="scenario-pick-1"]').click();
  await setMonth(7);
  const compare = page.getByTestId('compare');
  // Panels out of view are not rendered until scrolled near (as a reader would).
  await new HeadroomPage(page).reveal('compare');
  assert.match(
    await compare.getByTestId('compare-heading').innerText(),
    /Jun 2026 \(month 7\): differences against Moderate/,
  );
  const table = await page.getByTestId('compare-table').innerText();
  assert.match(table, /Team/);
  assert.match(table, /1 tier larger/);
  const sentences = page.getByTestId('break-sentences');
  await sentences
    .getByText('Aggressive needs 4 GB single node 1 month before Moderate (month 2 vs 3)')
    .waitFor();
  await sentences
    .getByText(
      'Aggressive needs Team in month 6; Moderate does not need Team within the 12-month horizon',
    )
    .waitFor();
  // Hovering a compared figure explains it.
  await page.getByTestId('compare-table').locator('td[data-row="0"][data-scenario="2"]').hover();
  assert.match(await page.getByTestId('explain-compare').textContent(), /Units · month 7 \(Jun 2026\) · Aggressive/);
  assert.match(await page.getByTestId('explain-compare').textContent(), /1\u202F054 users = 100 × \(1 \+ 50 % − 10 %\)⁷/);
});

test('a table downloads as CSV', async () => {
  await openPage();
  await loadTemplate('supabase-redis');
  await page.getByTestId('table-tab-database').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('csv-database').click(),
  ]);
  assert.equal(download.suggestedFilename(), 'supabase-redis-saas-conservative-database.csv');
  const text = await readFile(await download.path(), 'utf8');
  const lines = text.split('\r\n');
  assert.equal(
    lines[0],
    'Month,Calendar month,Connections,From app pools,Data (GB),Tier,Tier use (%),Pooler,Flags',
  );
  // Tier use: the closest limit, connections 55 of Pro+'s 500 = 11 % (data: 10.5 of 100 GB).
  assert.match(lines[1], /^1,Dec 2025,55,55,10\.5,Pro\+,11,direct,Tier: upgrade this month$/);
  assert.equal(lines.length, 14, 'a header, 12 months and the final line break');
  await page.getByTestId('table-tab-cost').click();
  const [costs] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('csv-cost').click(),
  ]);
  const costText = await readFile(await costs.path(), 'utf8');
  assert.match(costText.split('\r\n')[0], /,Flags,Lower bound,Prices as of$/);
  assert.match(costText.split('\r\n')[1], /,2026-11-01$/);
});

test('a response-time target changes the GPU nodes, and their explanation says so', async () => {
  const app = await openPage();
  await loadTemplate('cafe-pilot');
  await page.getByTestId('table-tab-voice').click();
  // Month 1, 3 cafés: one node's p95 wait is 5.4 s, over the 2 s wait target: 2 nodes.
  assert.equal(await cell('voice', 1, 'GPU nodes'), '2');
  await app.tab('policies');
  await page.getByTestId('f-policies-voice-target').selectOption('response');
  // Switching keeps the sizing: 2 s of wait + 3 s on the GPU.
  assert.equal(await page.getByTestId('f-policies-voice-response_target_s').inputValue(), '5');
  assert.equal(await cell('voice', 1, 'GPU nodes'), '2');
  // A p95 response of 10 s leaves 7 s of wait, which one node meets.
  await app.fill('f-policies-voice-response_target_s', '10');
  assert.equal(await cell('voice', 1, 'GPU nodes'), '1');
  assert.equal(await cell('voice', 1, 'Response at p95'), '8.41');
  const block = page.getByTestId('table-voice');
  const titles = await block.locator('thead .col-title').allInnerTexts();
  await block
    .locator(`tr[data-month="1"] td[data-col="${titles.indexOf('GPU nodes')}"]`)
    .hover();
  const said = (await page.getByTestId('explain-table').textContent()).replace(/\s+/g, ' ');
  assert.match(said, /the response-time target \(Erlang C\) binds/);
  assert.match(said, /p95 ≤ 10 s = wait ≤ 7 s \+ 3 s GPU/);
  assert.match(said, /derived: busiest-hour sessions × session length/);
  // Shorter than the GPU time itself: refused next to the field.
  await app.fill('f-policies-voice-response_target_s', '2');
  assert.match(await app.fieldError(), /below the GPU time per interaction \(3 s\)/);
});

/** The plan in local storage made large: 120 months, five scenarios, voice on. */
async function makeLargePlan() {
  await loadTemplate('cafe-pilot');
  await page.evaluate(() => {
    const stored = JSON.parse(localStorage.getItem('headroom.plan'));
    const plan = stored.plan;
    plan.horizon_months = 120;
    const growths = [2, 4, 6, 8, 10];
    plan.scenarios = growths.map((g, i) => ({
      name: `Growth ${g} %`,
      growth: { model: 'compound', monthly_growth_pct: g, monthly_churn_pct: 0.5 },
      calendar: i === 4 && plan.scenarios[0].calendar ? plan.scenarios[0].calendar : [],
    }));
    localStorage.setItem('headroom.plan', JSON.stringify(stored));
  });
  await page.reload();
  await new HeadroomPage(page).ready();
}

test('120 months × 5 scenarios: a keystroke updates cells in place, and is timed', async () => {
  await openPage();
  await makeLargePlan();
  // 120 months in the table, of which only the rows in and near view are drawn.
  const demand = page.getByTestId('table-demand');
  assert.equal(await demand.locator('table').getAttribute('aria-rowcount'), '121');
  const drawn = await demand.locator('tbody tr[data-month]').count();
  assert.ok(drawn >= 12 && drawn < 60, `${drawn} rows drawn`);
  assert.equal(await page.getByTestId('scenario-picker').locator('input').count(), 5);
  // Selecting the last month scrolls the table to it, and its row is drawn.
  await setMonth(120);
  const firstUnits = await cell('demand', 120, 'Units');
  // Input to DOM: set the field, let the app's reactive updates run, force layout. Count the
  // elements added to the results meanwhile: rows and cells must be updated, not rebuilt.
  const { times, added } = await page.evaluate(async () => {
    const input = document.querySelector('[data-testid="f-baseline-units"]');
    const results = document.querySelector('[data-testid="results"]');
    let added = 0;
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) if (n.nodeType === Node.ELEMENT_NODE) added += 1 + n.querySelectorAll('*').length;
      }
    });
    observer.observe(results, { childList: true, subtree: true });
    const base = Number(input.value);
    const times = [];
    for (let i = 1; i <= 40; i++) {
      const t0 = performance.now();
      input.value = String(base + i);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 0));
      void document.body.offsetHeight;
      times.push(performance.now() - t0);
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    }
    observer.disconnect();
    return { times, added: added / 40 };
  });
  times.sort((a, b) => a - b);
  const p50 = times[Math.floor(times.length * 0.5)];
  const p95 = times[Math.floor(times.length * 0.95)];
  console.log(
    `input to DOM, 120 months × 5 scenarios with voice: p50 ${p50.toFixed(1)} ms, ` +
      `p95 ${p95.toFixed(1)} ms; ${added.toFixed(0)} elements added to the results per keystroke`,
  );
  // The table follows what was typed, and its 120 rows were not rebuilt: a rebuild adds
  // thousands of elements (120 rows of 8 cells and their flags).
  assert.notEqual(await cell('demand', 120, 'Units'), firstUnits);
  assert.ok(added < 300, `${added} elements added per keystroke`);
  // Scrolling the table by hand draws the rows that come into view.
  await setMonth(1);
  await demand.locator('tr[data-month="1"]').waitFor();
  assert.equal(await demand.locator('tr[data-month="100"]').count(), 0);
  await demand.locator('.table-scroll').evaluate((el) => {
    el.scrollTop = el.scrollHeight * 0.8;
  });
  await demand.locator('tr[data-month="100"]').waitFor();
  // Picking the month on show again (from the timeline) brings its row back into view.
  const scroller = demand.locator('.table-scroll');
  const rowInView = (month) => scroller.evaluate((el, m) => {
    const row = el.querySelector(`tr[data-month="${m}"]`);
    if (!row) return false;
    const box = el.getBoundingClientRect();
    const r = row.getBoundingClientRect();
    return r.top >= box.top && r.bottom <= box.bottom + 1;
  }, month);
  const app = new HeadroomPage(page);
  const event = page.getByTestId('timeline').locator('button.event-month').first();
  await event.click();
  const picked = Number(await page.getByTestId('month-slider').inputValue());
  await app.settled();
  assert.ok(await rowInView(picked), `month ${picked} in view once picked`);
  await scroller.evaluate((el, m) => {
    el.scrollTop = m > 60 ? 0 : el.scrollHeight;
  }, picked);
  await app.settled();
  assert.ok(!(await rowInView(picked)), `month ${picked} scrolled away`);
  await event.click();
  await app.settled();
  assert.ok(await rowInView(picked), `month ${picked} back in view when picked again`);
  // The arrow keys walk down the table past the rows drawn at first.
  await scroller.evaluate((el) => {
    el.scrollTop = 0;
  });
  await demand.locator('tr[data-month="1"] td[data-cell]').first().focus();
  for (let i = 0; i < 45; i++) await page.keyboard.press('ArrowDown');
  assert.equal(await page.getByTestId('month-slider').inputValue(), '46');
  assert.equal(await page.evaluate(() => document.activeElement.closest('tr').dataset.month), '46');
});

test('a phone-width screen scrolls the tables inside their boxes', async () => {
  await openPage({ viewport: { width: 390, height: 844 } });
  await loadTemplate('supabase-redis');
  await page.getByTestId('table-tab-database').click();
  const box = page.getByTestId('table-database').locator('.table-scroll');
  const { scrollWidth, clientWidth } = await box.evaluate((el) => ({
    scrollWidth: el.scrollWidth,
    clientWidth: el.clientWidth,
  }));
  assert.ok(scrollWidth > clientWidth, 'the table scrolls sideways inside its box');
  // Nothing in the results is wider than the results panel.
  for (const id of ['results', 'compare']) {
    const overflow = await page.getByTestId(id).evaluate((panel) => {
      const right = panel.getBoundingClientRect().right + 1;
      return [...panel.querySelectorAll('*')]
        .filter((el) => !el.closest('.table-scroll') && el.getBoundingClientRect().right > right)
        .map((el) => `${el.tagName}.${el.className}`);
    });
    assert.deepEqual(overflow, [], `${id} overflows its panel`);
  }
});

test('the results pass an axe-core scan', async () => {
  await openPage();
  await loadTemplate('cafe-pilot');
  assert.deepEqual(await seriousA11yViolations(page), []);
});

test("a resource's own trigger moves its upgrade, and emptied it follows the plan's", async () => {
  await openPage();
  await loadTemplate('supabase-redis');
  // The aggressive scenario, month 6: 753 users hold 75.3 GB, past the guide's 75 % of
  // Pro+'s 100 GB (its storage trigger) but within the plan's 80 %.
  await page.locator('label[for="scenario-pick-2"]').click();
  await page.getByTestId('table-tab-database').click();
  assert.equal(await cell('database', 6, 'Tier'), 'Team');
  assert.equal(
    await page.getByTestId('table-note-database').innerText(),
    'Moves up a tier when connections pass 80 % or its size 75 % of a limit; a pooler is advised above 80 % of direct connections.',
  );
  await page.getByRole('tab', { name: 'Policies' }).click();
  const app = new HeadroomPage(page);
  assert.equal(await app.input('f-policies-database_storage_trigger_pct').inputValue(), '75');
  await app.fill('f-policies-database_storage_trigger_pct', '150');
  assert.match(await app.fieldError(), /Database size trigger must be at most 100/);
  await app.fill('f-policies-database_storage_trigger_pct', '');
  assert.equal(await cell('database', 6, 'Tier'), 'Pro+');
  assert.equal(await cell('database', 7, 'Tier'), 'Team');
  assert.match(await page.getByTestId('table-note-database').innerText(), /^Moves up a tier when a need passes 80 % of a limit/);
  assert.equal((await app.savedPlan()).plan.policies.database_storage_trigger_pct, undefined);
});

test("a scenario's data grows at its own rate, and emptied it follows the users", async () => {
  const app = await openPage();
  await loadTemplate('selextract');
  // The conservative scenario: the guide's 100 GB growing 40 % in the year (users 50 %).
  await page.getByTestId('table-tab-database').click();
  await cellBecomes('database', 12, 'Data', '140');
  await page.getByRole('tab', { name: 'Scenarios' }).click();
  const rate = 'f-scenarios-0-data_monthly_growth_pct';
  assert.match(await app.input(rate).inputValue(), /^2\.84/);
  await app.fill(rate, '-150');
  assert.match(await app.fieldError(), /Monthly data growth must be at least -100 %/);
  // 10 % a month: 100 GB × 1.1¹² = 313.84 GB.
  await app.fill(rate, '10');
  await cellBecomes('database', 12, 'Data', '313.84');
  // Emptied, the data follows the users: the template holds no data per user, so it stays.
  await app.fill(rate, '');
  await cellBecomes('database', 12, 'Data', '100');
  await page.waitForFunction(
    () => !('data_monthly_growth_pct' in JSON.parse(localStorage.getItem('headroom.plan')).plan.scenarios[0]),
  );
  // One undo takes back the field's edits: the template's rate again.
  await page.keyboard.press('ControlOrMeta+z');
  await cellBecomes('database', 12, 'Data', '140');
  await app.fill(rate, '10');
  // Kept on reload, once saved.
  await page.waitForFunction(
    () => JSON.parse(localStorage.getItem('headroom.plan')).plan.scenarios[0].data_monthly_growth_pct === 10,
  );
  await page.reload();
  await app.ready();
  await page.getByTestId('table-tab-database').click();
  await cellBecomes('database', 12, 'Data', '313.84');
});

test('a cost line paid from a month on, with units included, costs nothing before it', async () => {
  const app = await openPage();
  await page.getByTestId('add-cost-line').click();
  await app.fill('f-baseline-other_costs-0-name', 'Pro plan');
  await app.fill('f-baseline-other_costs-0-fixed_usd_per_month', '200');
  await app.fill('f-baseline-other_costs-0-from_month', '3');
  await page.getByTestId('table-tab-cost').click();
  await cellBecomes('cost', 2, 'Pro plan', '$0');
  await cellBecomes('cost', 3, 'Pro plan', '$200');
  // A last month before the first is refused, in words, at the field.
  await app.fill('f-baseline-other_costs-0-until_month', '2');
  assert.match(await app.fieldError(), /The last month paid \(2\) is before the first \(3\)/);
  await app.fill('f-baseline-other_costs-0-until_month', '4');
  await cellBecomes('cost', 5, 'Pro plan', '$0');
  // $1 a unit above 1 000 included: the blank plan's 1 040 users in month 1 pay for 40.
  await app.fill('f-baseline-other_costs-0-from_month', '');
  await app.fill('f-baseline-other_costs-0-per_unit_usd_per_month', '1');
  await app.fill('f-baseline-other_costs-0-included_units', '1000');
  await cellBecomes('cost', 1, 'Pro plan', '$240');
  await page.waitForFunction(
    () => JSON.parse(localStorage.getItem('headroom.plan')).plan.baseline.other_costs[0]?.included_units === 1000,
  );
  const saved = (await app.savedPlan()).plan.baseline.other_costs[0];
  assert.deepEqual(
    [saved.included_units, saved.from_month, saved.until_month],
    [1000, undefined, 4],
  );
});
