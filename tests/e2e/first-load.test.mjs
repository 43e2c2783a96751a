// End to end: what the first load leaves for later, when later goes wrong. A view split out of
// the app whose chunk cannot be fetched says so and can be tried again; the file worker that
// cannot be fetched leaves the page working and says why, and a plan to save falls back to
// JSON. These tests expect the failed requests they cause, and nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useBrowser, watchedPage } from './harness.mjs';
import { HeadroomPage } from './page.mjs';

const t = useBrowser();

/** A page whose problems are checked against `expected` (regular expressions) at the end. */
async function pageExpecting(expected) {
  const watched = await watchedPage(t.browser, { acceptDownloads: true }, t.server.origin);
  return {
    ...watched,
    app: new HeadroomPage(watched.page),
    async done() {
      await watched.context.close();
      const unexpected = watched.problems.filter((p) => !expected.some((e) => e.test(p)));
      assert.deepEqual(unexpected, [], 'only the problems this test causes');
    },
  };
}

test('a view whose code cannot be fetched says so, and Try again brings it', async () => {
  const { context, page, app, done } = await pageExpecting([
    /split_input_tab\.wasm/,
    /HTTP status code is not ok/,
    /status of 503/,
  ]);
  let refuse = true;
  await context.route('**/split_input_tab.wasm', (route) =>
    refuse ? route.fulfill({ status: 503, body: 'unavailable' }) : route.continue(),
  );
  await app.open(t.server.url);
  await app.tab('catalogs');
  const alert = page.getByTestId('not-loaded');
  await alert.waitFor();
  assert.match(await alert.innerText(), /could not be fetched/);
  // The rest of the page still works.
  await app.fill('f-horizon_months', '24');
  assert.equal(await app.instances(), '2');

  refuse = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { name: 'Catalogs' }).waitFor();
  assert.equal(await page.getByTestId('not-loaded').count(), 0);
  await done();
});

test('without the file worker, files say why and a plan to save falls back to JSON', async () => {
  const { context, page, app, done } = await pageExpecting([/headroom-worker/, /status of 503/]);
  // The context's route: it sees a worker's requests too.
  await context.route('**/headroom-worker*', (route) => route.fulfill({ status: 503, body: 'unavailable' }));
  await app.open(t.server.url);
  await page.getByTestId('share-menu').click();
  await page.getByTestId('download-yaml').click();
  const status = page.getByTestId('share-status').filter({ hasText: 'could not be loaded' });
  await status.waitFor();
  assert.match(await status.innerText(), /file tools could not be loaded/);

  // My plans' download of a kept plan: JSON, written on the page.
  await page.getByTestId('plans-menu').click();
  await page.getByTestId('save-copy').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download-entry').first().click(),
  ]);
  assert.match(download.suggestedFilename(), /\.json$/);
  const file = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(file.plan.name, 'New plan (copy)');
  await done();
});
