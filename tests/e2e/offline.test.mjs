// End to end: the release build works offline once visited (service worker, sw.js), is
// installable (web app manifest and its icons) and runs under its Content-Security-Policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, watchedPage } from './harness.mjs';

const t = useBrowser();

test('after one visit the app loads and recomputes with the network off', async () => {
  const { context, page, app, done } = await t.fresh();
  await app.open(t.server.url);
  // ready: the worker is active, so its install (the precache of every file) has finished.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await context.setOffline(true);
  const response = await page.reload();
  assert.ok(response.fromServiceWorker(), 'the page came from the service worker');
  await app.ready();
  assert.equal(await app.instances(), '2');
  await app.fill('f-baseline-units', '2000000');
  assert.notEqual(await app.instances(), '2', 'results follow the edit offline');
  // A lazily loaded view comes from the cache too.
  await app.tab('catalogs');
  await app.settled();
  await context.setOffline(false);
  await done();
});

test('the Ranges code is cached when first used, not by every visitor, then works offline', async () => {
  // (A console warning fails it, as every test: the trials worker's start once drew one.)
  const { context, page, app, done } = await t.fresh();
  await app.open(t.server.url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // The paths the service worker's cache holds that only a plan with ranges fetches.
  const ranged = () =>
    page.evaluate(async () => {
      const paths = [];
      for (const key of await caches.keys()) {
        for (const request of await (await caches.open(key)).keys()) paths.push(new URL(request.url).pathname);
      }
      return paths.filter((p) => /headroom-trials|split_ranges_code/.test(p)).sort();
    });
  assert.deepEqual(await ranged(), [], 'the precache leaves the Ranges code out');

  await app.fill('f-baseline-units', '800/1000/1500');
  await page.getByTestId('trials-done').waitFor({ timeout: 60_000 });
  // The Ranges code, the trials worker's script (its glue, then the call that starts it) and
  // its wasm, cached as they were fetched.
  await page.waitForFunction(
    async () => {
      const keys = await (await caches.open((await caches.keys())[0])).keys();
      const paths = keys.map((r) => r.url);
      const files = ['split_ranges_code.wasm', 'headroom-trials_loader.js', 'headroom-trials_bg.wasm'];
      return files.every((f) =>
        paths.some((p) => p.endsWith(`/${f}`)),
      );
    },
    null,
    { timeout: 10_000 },
  );
  assert.equal((await ranged()).length, 3, (await ranged()).join(', '));

  await context.setOffline(true);
  await page.reload();
  await app.ready();
  await page.getByTestId('trials-done').waitFor({ timeout: 60_000 });
  assert.ok((await page.getByTestId('band-row').count()) >= 6, 'the bands, worked out offline');
  await context.setOffline(false);
  await done();
});

test('the manifest names the app and its icons exist', async () => {
  const { page, done } = await t.fresh();
  await page.goto(t.server.url);
  const href = await page.locator('link[rel=manifest]').getAttribute('href');
  const manifestUrl = new URL(href, t.server.url);
  const manifest = await (await page.request.get(manifestUrl.href)).json();
  assert.equal(manifest.short_name, 'Headroom');
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.display, 'standalone');
  const sizes = manifest.icons.map((i) => i.sizes);
  assert.ok(sizes.includes('192x192') && sizes.includes('512x512'), sizes.join(', '));
  for (const icon of manifest.icons) {
    const res = await page.request.get(new URL(icon.src, manifestUrl).href);
    assert.equal(res.status(), 200, icon.src);
  }
  const og = await page.locator('meta[property="og:image"]').getAttribute('content');
  assert.equal((await page.request.get(new URL(og, t.server.url).href)).status(), 200, og);
  await done();
});

test('the CSP is in force: an inline script is refused and reported', async () => {
  const { context, page, problems } = await watchedPage(t.browser, {}, t.server.origin);
  await page.goto(t.server.url);
  await page.getByTestId('f-baseline-units').waitFor();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const d of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'"]) {
    assert.ok(csp.includes(d), d);
  }
  assert.deepEqual(problems, [], 'the app itself runs without a violation');
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.injected = true';
    document.head.append(s);
  });
  await page.waitForFunction(() => true);
  assert.equal(await page.evaluate(() => window.injected), undefined);
  await page.waitForTimeout(100);
  assert.ok(problems.some((p) => p.includes('CSP violation: script-src')), problems.join('\n'));
  await context.close();
});
