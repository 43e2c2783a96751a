// End-to-end: ranges instead of single numbers, in the release build. A range typed into a
// field runs the Monte Carlo trials in their own worker (fetched only then), with progress;
// the bands show in the Ranges panel, survive a reload and come out the same from a share
// link opened elsewhere; an edit during a run starts it again, and a run can be cancelled.
// Fails on any console error or failed request (a favicon aside).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useBrowser } from './harness.mjs';

const t = useBrowser();

/** The fields of one CSV line (quoted where they hold a comma or a quote). */
function fields(line) {
  const out = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      out.push(field);
      field = '';
    } else {
      field += c;
    }
  }
  out.push(field);
  return out;
}

/** Waits for the trials to finish and returns the bands table's text, then each figure's
 *  fan over the months (its paths' data). */
async function bands(page) {
  await page.getByTestId('trials-done').waitFor({ timeout: 60_000 });
  const table = page.getByTestId('bands-table');
  const text = (await table.textContent()).replace(/\s+/g, ' ').trim();
  const fans = await page.getByTestId('fans').locator('svg.fan path').evaluateAll((paths) => paths.map((p) => p.getAttribute('d')));
  return `${text}\n${fans.join('\n')}`;
}

/** The trials done so far, from "Running trials: 1 234 of 100 000" (grouped by thin spaces). */
async function done(page) {
  const text = await page.getByTestId('trials-count').innerText();
  return Number(text.match(/Running trials: ([\d\u202f]+) of/)[1].replace(/\D/g, ''));
}

test('a range typed into a field gives bands, kept on reload and reproduced by a link', async () => {
  const { page, app, done: close, context } = await t.fresh({ acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(t.server.url).origin,
  });
  const fetched = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await app.open(t.server.url);
  assert.equal(await page.getByTestId('ranges').count(), 0, 'no Ranges panel without ranges');

  await app.fill('f-baseline-units', '800/1000/1500');
  assert.equal(await page.getByTestId('field-error').count(), 0);
  let table = await bands(page);
  assert.ok(fetched.some((p) => p.includes('headroom-trials')), 'the trials worker is fetched');
  assert.match(table, /App instances/);
  assert.match(table, /FigureP10P50P90/);
  const rows = await page.getByTestId('band-row').count();
  assert.ok(rows >= 6);
  // Each figure's fan over the months under the table: the band shaded (along its top, back
  // along its bottom), the median a line, the month on show marked; its scale in its caption.
  const fans = page.getByTestId('fans').locator('svg.fan');
  assert.equal(await fans.count(), rows);
  assert.match(await fans.first().locator('.fan-band').getAttribute('d'), /^M0 \d+(L\d+ \d+)+Z$/);
  assert.match(await fans.first().locator('.fan-median').getAttribute('d'), /^M0 \d+(L\d+ \d+)+$/);
  assert.match(await fans.first().locator('.fan-month').getAttribute('d'), /^M\d+ 0V100$/);
  assert.match(await page.getByTestId('fans').locator('figcaption').first().innerText(), /^Demand units\s+up to [\d\u202f ]+$/);
  const saved = await app.savedPlan();
  assert.deepEqual(saved.plan.uncertainty.ranges, [
    { field: 'baseline.units', distribution: { shape: 'pert', low: 800, likely: 1000, high: 1500 } },
  ]);
  // The field holds the likely value, and shows the range.
  assert.equal(saved.plan.baseline.units, 1000);
  assert.equal(await page.getByTestId('f-baseline-units').inputValue(), '800/1000/1500');
  assert.match(await page.getByTestId('tornado').innerText(), /Today: units/);
  // In the sizing table, beside each figure, its median with the band, month by month.
  const demand = page.getByTestId('table-demand');
  const heads = async () => (await demand.locator('thead th').allInnerTexts()).map((h) => h.trim());
  await page.waitForFunction(() => document.querySelector('[data-testid="table-demand"] thead').textContent.includes('band P10–P90'));
  let columns = await heads();
  const beside = columns.indexOf('App instances') + 1;
  assert.equal(columns[beside], 'App instances P50, band P10–P90', columns.join(' | '));
  const cell = async () => (await demand.locator('tbody tr.selected td').nth(beside - 1).innerText()).trim();
  assert.match(await cell(), /^\d+ \(\d+–\d+\)$/);
  assert.match(await page.getByTestId('table-note-demand').innerText(), /over 2\u202f000 trials: P50, the median, and in brackets the band from P10 to P90/);
  // Each chart draws its figure's band, shaded, and its median: the legend reads the band,
  // the description (for screen readers) says what it is.
  await page.getByTestId('chart-scenarios-svg').waitFor({ timeout: 60_000 });
  await app.reveal('charts');
  for (const [id, name] of [['demand', 'Peak requests/s'], ['cost', 'Cost per month'], ['scenarios', 'Steady']]) {
    const svg = page.getByTestId(`chart-${id}-svg`);
    const band = svg.locator('path.series.band');
    // Attached, not visible: a figure the range does not move (the cost here) has a band of
    // no height.
    await band.waitFor({ state: 'attached', timeout: 60_000 });
    assert.match(await band.getAttribute('d'), /^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+)+Z$/, id);
    // The median: the last series drawn, dashed, in the band's colour (a chart may have
    // dashed series of its own, such as the demand chart's capacity at target).
    const tone = (await band.getAttribute('class')).match(/tone-\S+/)[0];
    const median = await svg.locator('path.series').last().getAttribute('class');
    assert.match(median, new RegExp(`\\b${tone}\\b.*\\bdashed\\b`), `${id}: the median, dashed: ${median}`);
    assert.match(await svg.locator('desc').textContent(), /: .+ to .+ \(P10–P90\) over 2\u202f000 trials of the plan's ranges, median .+\.$/, id);
    const legend = (await page.getByTestId(`chart-${id}-legend`).innerText()).replace(/\s+/g, ' ');
    assert.match(legend, new RegExp(`${name}[^|]* P10–P90 \\S+.*–`), `${id}: ${legend}`);
    assert.match(legend, / P50 /, `${id}: ${legend}`);
  }

  // Sized for P90: the panel's setting, kept in the plan, gives each figure that column.
  await page.getByTestId('f-uncertainty-size_for_pct').selectOption('90');
  await page.getByTestId('bands-table').filter({ hasText: 'Sized for P90' }).waitFor({ timeout: 60_000 });
  assert.equal(await page.locator('svg.fan .fan-sized').count(), rows, 'the figure sized for, dashed in each fan');
  assert.match(await page.getByTestId('bands-table').locator('caption').innerText(), /sized for P90: the figure 90 % of the trials stay at or under/);
  // The sizing table gives each figure at P90 with its band beside it, and says which
  // percentile and over how many trials.
  await page.waitForFunction(() => document.querySelector('[data-testid="table-demand"] thead').textContent.includes('P90, band'));
  columns = await heads();
  assert.equal(columns[beside], 'App instances P90, band P10–P90', columns.join(' | '));
  const [p90, p10, high] = (await cell()).match(/^(\d+) \((\d+)–(\d+)\)$/).slice(1).map(Number);
  assert.ok(p10 <= p90 && p90 === high, `${p90} (${p10}–${high})`);
  assert.match(await page.getByTestId('table-note-demand').innerText(), /over 2\u202f000 trials: P90, the figure the plan sizes for, and in brackets the band from P10 to P90/);
  // The table's CSV has the column too, the figure with its band as text.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-demand').click()]);
  const csv = (await readFile(await download.path(), 'utf8')).split('\r\n');
  const header = fields(csv[0]);
  const at = header.indexOf('App instances P90, band P10–P90');
  assert.equal(header[at - 1], 'App instances', csv[0]);
  assert.match(fields(csv[1])[at], /^\d+ \(\d+–\d+\)$/, csv[1]);
  // The deployment files are sized for P90 too: the month's app instances at P90 as the
  // replicas, and a note that says so.
  await page.getByTestId('share-menu').click();
  await page.getByTestId('share-panel').waitFor();
  assert.match(await page.getByTestId('deploy-sized').innerText(), /^Sized for P90 of the plan's ranges, over 2\u202f000 trials: replicas, database connections and tier, Redis plan and GPU nodes at that percentile/);
  const [compose] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-compose').click()]);
  const composeText = await readFile(await compose.path(), 'utf8');
  assert.match(composeText, /# note: Sized for P90 of the plan's ranges, over 2\u202f000 trials: the app instances \(\d+\), the database connections and tier/, composeText);
  assert.match(composeText, new RegExp(`replicas: ${p90}\\n`), composeText);
  await page.keyboard.press('Escape');
  assert.equal((await app.savedPlan()).plan.uncertainty.size_for_pct, 90);
  // A new seed draws other trials, and is kept too.
  await page.getByTestId('new-seed').click();
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('headroom.plan')).plan.uncertainty.seed === 2);
  // The new seed's run, not the last one's bands: its progress first, then its bands.
  await page.getByTestId('trials-count').waitFor({ timeout: 60_000 });
  table = await bands(page);
  assert.match(table, /Sized for P90/);

  await page.reload();
  await app.ready();
  assert.equal(await page.getByTestId('f-baseline-units').inputValue(), '800/1000/1500');
  assert.equal(await bands(page), table, 'the same seed, the same bands');

  await page.getByTestId('share-menu').click();
  await page.getByTestId('copy-link').click();
  const link = await page.getByTestId('share-link').inputValue();
  const receiver = await t.fresh();
  await receiver.page.goto(link);
  await receiver.app.ready();
  assert.equal(await bands(receiver.page), table, 'a link reproduces the bands');
  await receiver.done();

  // A plain number again: no range, no panel; the settings chosen stay for the next range.
  await app.fill('f-baseline-units', '1000');
  await page.getByTestId('ranges').waitFor({ state: 'detached' });
  await page.waitForFunction(() => !document.querySelector('[data-testid="table-demand"] thead').textContent.includes('band'));
  assert.doesNotMatch(await page.getByTestId('table-note-demand').innerText(), /trials/, 'no bands, no columns');
  assert.equal(await page.locator('svg path.series.band').count(), 0, 'no bands in the charts');
  const left = (await app.savedPlan()).plan.uncertainty;
  assert.deepEqual(left.ranges, []);
  assert.equal(left.seed, 2);
  assert.equal(left.size_for_pct, 90);
  await close();
});

test('an edit during a run starts it again, and a run can be cancelled', async () => {
  const { page, app, done: close } = await t.fresh();
  await app.open(t.server.url);
  await app.fill('f-baseline-units', '500–2000');
  await page.getByTestId('trials-done').waitFor({ timeout: 60_000 });
  // A long run: 100 000 trials, set in the plan (as a plan file would).
  await page.evaluate(() => {
    const stored = JSON.parse(localStorage.getItem('headroom.plan'));
    stored.plan.uncertainty.trials = 100000;
    localStorage.setItem('headroom.plan', JSON.stringify(stored));
  });
  await page.reload();
  await app.ready();
  await page.getByTestId('trials-progress').waitFor();
  await page.waitForFunction(() => {
    const text = document.querySelector('[data-testid="trials-count"]')?.textContent ?? '';
    return Number((text.match(/([\d\u202f]+) of/) ?? ['', '0'])[1].replace(/\D/g, '')) >= 3000;
  });
  assert.match(await page.getByTestId('trials-count').innerText(), /of 100\u202f000/);
  // The page answers while the trials run.
  await app.fill('f-baseline-units', '500–2500');
  await page.waitForFunction(() => {
    const text = document.querySelector('[data-testid="trials-count"]')?.textContent ?? '';
    const m = text.match(/([\d\u202f]+) of/);
    return m && Number(m[1].replace(/\D/g, '')) < 3000;
  });
  assert.ok((await done(page)) < 3000, 'the run started again');
  await page.getByTestId('trials-cancel').click();
  await page.getByTestId('trials-status').filter({ hasText: 'Trials cancelled.' }).waitFor();
  assert.ok(await page.getByTestId('trials-progress').isHidden(), 'no progress bar once cancelled');
  await close();
});

test('while the trials of an edited plan run, its bands are marked as the earlier plan\'s and no deployment file is sized from them', async () => {
  const { page, app, done: close } = await t.fresh();
  await app.open(t.server.url);
  await app.fill('f-baseline-units', '500–2000');
  await page.getByTestId('trials-done').waitFor({ timeout: 60_000 });
  await app.reveal('charts');
  await page.getByTestId('chart-demand-svg').locator('path.series.band').waitFor({ state: 'attached', timeout: 60_000 });
  await page.getByTestId('f-uncertainty-size_for_pct').selectOption('90');
  await page.getByTestId('bands-table').filter({ hasText: 'Sized for P90' }).waitFor({ timeout: 60_000 });
  const sized = async () => {
    await page.getByTestId('share-menu').click();
    await page.getByTestId('share-panel').waitFor();
    const text = await page.getByTestId('deploy-sized').innerText();
    await page.keyboard.press('Escape');
    return text;
  };
  assert.match(await sized(), /^Sized for P90 of the plan's ranges, over 2\u202f000 trials/);
  // An edit: the bands on show are the plan's before it until the new run ends.
  await page.getByTestId('f-uncertainty-trials').selectOption('10000');
  await page.getByTestId('trials-progress').waitFor();
  // Said where the bands are shown: the sizing tables' band columns and note, the charts'
  // legend and description, with the chart's band drawn dashed.
  const heads = () => page.getByTestId('table-demand').locator('thead').innerText();
  const chart = page.getByTestId('chart-demand-svg');
  const marked = async () => ({
    head: (await heads()).includes('App instances P90, band P10–P90, before the last edit'),
    note: (await page.getByTestId('table-note-demand').innerText()).endsWith('These bands are the trials of the plan before its last edit: those of the plan as it is now have not finished.'),
    dashed: (await chart.locator('path.series.band').getAttribute('class')).split(' ').includes('dashed'),
    desc: (await chart.locator('desc').textContent()).endsWith('those of the plan as it is now have not finished.'),
    legend: (await page.getByTestId('chart-demand-legend').textContent()).includes('P10–P90, before the last edit'),
  });
  const all = (value) => ({ head: value, note: value, dashed: value, desc: value, legend: value });
  assert.deepEqual(await marked(), all(true));
  assert.match(await sized(), /^The trials of the plan as it is now have not finished: until they do, the files are sized from the plan's single values\.$/);
  await page.getByTestId('trials-done').waitFor({ timeout: 120_000 });
  assert.match(await sized(), /^Sized for P90 of the plan's ranges, over 10\u202f000 trials/);
  await page.waitForFunction(() => !document.querySelector('[data-testid="table-demand"] thead').textContent.includes('before the last edit'));
  assert.deepEqual(await marked(), all(false));
  await close();
});

test('a range typed on a number keypad takes another shape in the Ranges panel', async () => {
  const { page, app, done: close } = await t.fresh();
  await app.open(t.server.url);
  // Digits and dots only, as a phone's number keypad types them.
  await app.fill('f-baseline-units', '600..1000');
  await page.getByTestId('trials-done').waitFor({ timeout: 60_000 });
  const row = page.getByTestId('range-row');
  assert.equal(await row.count(), 1);
  assert.match(await row.innerText(), /600–1000/);
  const shape = row.getByTestId('range-shape');
  assert.equal(await shape.inputValue(), 'uniform');
  assert.equal(await shape.getAttribute('aria-label'), `Shape of the range of ${(await row.locator('th').innerText()).trim()}`);
  const field = page.getByTestId('f-baseline-units');
  // The autosaved range, once it has the shape `shape`.
  const distribution = async (shape) => {
    await page.waitForFunction((s) => JSON.parse(localStorage.getItem('headroom.plan'))?.plan?.uncertainty?.ranges?.[0]?.distribution?.shape === s, shape);
    return (await app.savedPlan()).plan.uncertainty.ranges[0].distribution;
  };
  // Normal: the same values (its mean ± 2 sd), the field's number kept; the trials run again.
  await shape.selectOption('normal');
  await page.waitForFunction(() => document.querySelector('[data-testid="f-baseline-units"]').value === 'normal(800, 100)');
  await page.getByTestId('trials-done').waitFor({ timeout: 60_000 });
  assert.deepEqual(await distribution('normal'), { shape: 'normal', mean: 800, sd: 100 });
  assert.equal((await app.savedPlan()).plan.baseline.units, 800);
  assert.equal(await page.getByTestId('range-shape').inputValue(), 'normal');
  // Its numbers then edited in the field.
  await app.fill('f-baseline-units', 'normal(800, 150)');
  await page.waitForFunction(() => document.querySelector('[data-testid="range-row"]')?.innerText.includes('normal(800, 150)'));
  // By keyboard: the next shape with the arrow key, and the choice keeps the focus though
  // the list is written again.
  await page.getByTestId('range-shape').focus();
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.querySelector('[data-testid="f-baseline-units"]').value.startsWith('lognormal(800, '));
  assert.equal((await distribution('lognormal')).shape, 'lognormal');
  await page.waitForFunction(() => document.activeElement?.id === 'shape-f-baseline-units');
  assert.equal(await page.evaluate(() => document.activeElement.value), 'lognormal');
  // And back to a bounded shape: PERT over the same values, the likely value the field's.
  await page.getByTestId('range-shape').selectOption('pert');
  await page.waitForFunction(() => /^[\d.]+\/800\/[\d.]+$/.test(document.querySelector('[data-testid="f-baseline-units"]').value));
  assert.equal(await page.getByTestId('range-shape-problem').innerText(), '');
  // Undo takes the reshape back as one step: the lognormal range again, in the field, the
  // saved plan and the choice.
  await page.getByTestId('undo').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="f-baseline-units"]').value.startsWith('lognormal(800, '));
  assert.equal((await distribution('lognormal')).shape, 'lognormal');
  assert.equal(await page.getByTestId('range-shape').inputValue(), 'lognormal');

  // A shape that cannot hold the values says why, and the range stays as it was.
  await app.fill('f-baseline-units', '0..1000');
  await page.waitForFunction(() => document.querySelector('[data-testid="range-row"]')?.innerText.includes('0–1000'));
  await page.getByTestId('range-shape').selectOption('lognormal');
  await page.getByTestId('range-shape-problem').filter({ hasText: 'cannot be lognormal' }).waitFor();
  // The field in words, then why.
  const words = (await page.getByTestId('range-row').locator('th').innerText()).trim();
  assert.equal(await page.getByTestId('range-shape-problem').innerText(), `${words} cannot be lognormal: a lognormal range takes values above 0 only, and this one reaches 0.`);
  assert.equal(await page.getByTestId('range-shape').inputValue(), 'uniform');
  // As typed (the field keeps its text while it has the focus), or as it writes the range.
  assert.match(await field.inputValue(), /^0(\.\.|–)1000$/);
  assert.deepEqual(await distribution('uniform'), { shape: 'uniform', low: 0, high: 1000 });
  // Fixed in its field, the range no longer has the refusal beside it, and the shape applies.
  await app.fill('f-baseline-units', '10..1000');
  await page.waitForFunction(() => document.querySelector('[data-testid="range-row"]')?.innerText.includes('10–1000'));
  assert.equal(await page.getByTestId('range-shape-problem').innerText(), '');
  await page.getByTestId('range-shape').selectOption('lognormal');
  assert.equal((await distribution('lognormal')).shape, 'lognormal');
  assert.equal(await page.getByTestId('range-shape-problem').innerText(), '');
  await close();
});

test('the timeline and the comparison say when each tier is needed over the trials', async () => {
  const { page, app, done: close } = await t.fresh();
  await app.open(t.server.url);
  await app.loadTemplate('supabase-redis');
  await app.reveal('timeline');
  assert.equal(await page.getByTestId('timeline-ranges').textContent(), '', 'nothing without ranges');
  const units = Number(await page.getByTestId('f-baseline-units').inputValue());
  await app.fill('f-baseline-units', `${units / 2}/${units}/${units * 2}`);
  await page.getByTestId('trials-done').waitFor({ timeout: 60_000 });
  // A heading line, then a line per tier.
  const lines = async (testId) => {
    await page.waitForFunction((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent !== '', testId);
    const [heading, ...rest] = (await page.getByTestId(testId).innerText()).split('\n');
    assert.equal(heading, 'When each tier is needed, over the trials:');
    return rest;
  };
  const timeline = await lines('timeline-ranges');
  assert.ok(timeline.length > 0);
  for (const line of timeline) {
    assert.match(line, /^(The database|Redis) needs “[^”]+” from (month \d+|after the horizon) \(P10\) to (month \d+|after the horizon) \(P90\), median (month \d+|after the horizon); within the horizon in \d+ % of the trials\.$/);
  }
  // Every scenario's, named, in the comparison.
  await app.reveal('compare');
  const compared = await lines('compare-ranges');
  const names = (await app.savedPlan()).plan.scenarios.map((s) => s.name);
  assert.ok(compared.length >= timeline.length);
  for (const line of compared) assert.ok(names.some((n) => line.startsWith(`${n}: `)), line);
  assert.ok(timeline.every((l) => compared.some((c) => c.endsWith(`: ${l}`))), 'the scenario on show, as in its timeline');
  // While the trials of an edited plan run, both say their dates are the plan's before the edit.
  await page.getByTestId('f-uncertainty-trials').selectOption('10000');
  await page.getByTestId('trials-progress').waitFor();
  for (const id of ['timeline-ranges', 'compare-ranges']) {
    await page.waitForFunction((id) => document.querySelector(`[data-testid="${id}"]`).innerText.split('\n')[0]
      === 'When each tier is needed, over the trials of the plan before its last edit (those of the plan as it is now have not finished):', id);
  }

  // No ranges, no dates.
  await app.fill('f-baseline-units', String(units));
  await page.getByTestId('ranges').waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.querySelector('[data-testid="timeline-ranges"]').textContent === '');
  assert.equal(await page.getByTestId('compare-ranges').textContent(), '');
  await close();
});

test('a range on a catalog entry is named by the entry, and a count says it takes a whole number', async () => {
  const { page, app, done: close } = await t.fresh();
  await app.open(t.server.url);
  await app.tab('catalogs');
  const entry = page.getByTestId('entry-databases-1');
  await entry.waitFor();
  await entry.locator('summary').click();
  const name = await page.getByTestId('f-catalogs-databases-1-name').inputValue();
  const price = Number(await page.getByTestId('f-catalogs-databases-1-usd_per_month').inputValue());
  await app.fill('f-catalogs-databases-1-usd_per_month', `${price}..${price * 2}`);
  // In the Ranges panel, by the entry's name (two catalog prices would otherwise read alike).
  const row = page.getByTestId('range-row');
  await row.first().waitFor({ timeout: 60_000 });
  assert.equal((await row.locator('th').innerText()).trim(), `${name}: price`);
  // A count takes no range, and is not told to use a decimal point.
  await app.fill('f-catalogs-databases-1-max_connections', '80..120');
  assert.equal(await app.fieldError(), 'Max connections must be a whole number');
  await close();
});
