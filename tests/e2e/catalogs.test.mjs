// End to end: catalogs in the release build served from /headroom/. A planner states where an
// instance type's price applies (its region), and takes a catalog out to a spreadsheet and
// back: downloads the instance types as CSV, changes a price and a region as a spreadsheet
// would, opens the file in the Catalogs tab and sees them used; a table with a mistake is
// refused with its line and changes nothing; undo and a reload behave as for any edit.
// Fails on any console error or failed request (see harness.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBrowser } from './harness.mjs';

const t = useBrowser();

test('a region typed on a catalog entry shows in its line and survives a reload', async () => {
  const { page, app, done } = await t.fresh();
  await app.open(t.server.url);
  await app.tab('catalogs');
  const entry = page.getByTestId('entry-instances-2');
  await entry.waitFor();
  await entry.locator('summary').click();
  assert.doesNotMatch(await entry.locator('.entry-digest').innerText(), /eu-central-1/);

  // Too long a region is refused at the field and never reaches the plan.
  await app.fill('f-catalogs-instances-2-region', 'x'.repeat(65));
  assert.match(await app.fieldError(), /region is longer than 64 characters/);
  await app.fill('f-catalogs-instances-2-region', 'eu-central-1');
  assert.match(await entry.locator('.entry-digest').innerText(), /· eu-central-1$/);

  // Saved with the plan; a reload shows it again.
  await page.waitForFunction(
    () => JSON.parse(localStorage.getItem('headroom.plan'))?.plan?.catalogs?.instances?.[2]?.region === 'eu-central-1',
  );
  await page.reload();
  await app.ready();
  await app.tab('catalogs');
  await page.getByTestId('entry-instances-2').waitFor();
  assert.match(
    await page.getByTestId('entry-instances-2').locator('.entry-digest').innerText(),
    /· eu-central-1$/,
  );
  await done();
});

test('a catalog goes out as CSV and comes back from a file; a bad table changes nothing', async () => {
  const { page, app, done } = await t.fresh({ acceptDownloads: true });
  await app.open(t.server.url);
  const costBefore = await app.text('total-cost');
  await app.tab('catalogs');
  const section = page.getByTestId('catalog-instances');
  await section.waitFor();

  // Out: one row per entry under the plan file's field names.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('csv-instances').click(),
  ]);
  assert.match(download.suggestedFilename(), /-instance-types\.csv$/);
  const text = await readFile(await download.path(), 'utf8');
  const lines = text.split('\r\n');
  assert.equal(lines[0], 'name,vcpu,memory_gb,capacity_rps,usd_per_month,priced_on,region,source');
  const m7g = lines.findIndex((l) => l.startsWith('m7g.large,'));
  assert.match(lines[m7g], /^m7g\.large,2,8,50,59\.6,,,"AWS EC2/);

  // Back, as a spreadsheet saves it: the price of the app's instance type doubled and a region.
  lines[m7g] = lines[m7g].replace(',59.6,,,', ',119.2,,eu-central-1,');
  const dir = await mkdtemp(join(tmpdir(), 'headroom-csv-'));
  const edited = join(dir, 'instances.csv');
  await writeFile(edited, lines.join('\r\n'));
  await section.getByText('Read a CSV table').click();
  await section.getByTestId('catalog-file').setInputFiles(edited);
  assert.equal(await section.getByTestId('catalog-read').innerText(), '6 instance types read.');
  await app.settled();
  assert.notEqual(await app.text('total-cost'), costBefore);
  const entry = section.getByTestId(`entry-instances-${m7g - 1}`);
  assert.match(await entry.locator('.entry-digest').innerText(), /\$119\/month · eu-central-1$/);

  // A mistake on line 3 is named, and nothing changes.
  const box = section.getByRole('textbox', { name: 'A table of entries, a header line first' });
  await box.fill('name,vcpu,memory_gb,capacity_rps,usd_per_month\nsmall,2,4,40,30\nbig,four,16,125,120\n');
  await section.getByRole('button', { name: 'Use this table' }).click();
  assert.equal(
    await section.getByTestId('catalog-paste-error').innerText(),
    'Line 3, vcpu: "four" is not a number',
  );
  assert.match(await box.inputValue(), /big,four,/, 'the text stays, to be fixed');
  assert.match(await entry.locator('.entry-digest').innerText(), /eu-central-1$/);

  // Fixed, it replaces the list; the app moves to the first entry and says so.
  await box.fill('name,vcpu,memory_gb,capacity_rps,usd_per_month\nsmall,2,4,40,30\nbig,4,16,125,120\n');
  await section.getByRole('button', { name: 'Use this table' }).click();
  assert.equal(
    await section.getByTestId('catalog-read').innerText(),
    '2 instance types read. The app now runs on small.',
  );
  assert.equal(await section.locator('.entry').count(), 2);

  // Undo brings the file's list back; a reload keeps it.
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="catalog-instances"] .entry').length === 6);
  await app.settled();
  const saved = await app.savedPlan();
  const kept = saved.plan.catalogs.instances.find((i) => i.name === 'm7g.large');
  assert.equal(kept.usd_per_month, 119.2);
  assert.equal(kept.region, 'eu-central-1');
  await page.reload();
  await app.ready();
  await app.tab('catalogs');
  await page.getByTestId(`entry-instances-${m7g - 1}`).waitFor();
  assert.match(
    await page.getByTestId(`entry-instances-${m7g - 1}`).locator('.entry-digest').innerText(),
    /eu-central-1$/,
  );
  await done();
});
