// End to end: a catalog entry's region, in the release build served from /headroom/. A planner
// states where an instance type's price applies; the entry's line shows it, the plan's
// assumptions say it, an invalid region is refused at the field, and a reload keeps it.
// Fails on any console error or failed request (see harness.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
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
