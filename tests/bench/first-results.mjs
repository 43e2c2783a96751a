// Time from navigation to the first sizing table on screen over a throttled network, with the
// files served gzip-compressed as GitHub Pages serves them (tests/e2e/server.mjs), for one or
// more dist dirs, and for the blank plan, a `#plan=` link and a `#view=` link (each link made
// by the app itself, from the "Supabase + Redis SaaS" template). Median of N runs.
// Usage: node tests/bench/first-results.mjs [runs] dist-dir...
//   e.g. node tests/bench/first-results.mjs 3 /tmp/dist-before dist
// Env: PAGES (default "blank"; e.g. "blank,plan,view"), CPU_SLOWDOWN (default 1; 4 is a
// mid-range phone).
import { launchChromium } from '../e2e/harness.mjs';
import { serveDist } from '../e2e/server.mjs';

// 4 Mbit/s down, 1 Mbit/s up, 100 ms round trip.
const NETWORK = { offline: false, latency: 100, downloadThroughput: 4e6 / 8, uploadThroughput: 1e6 / 8 };
const PAGES = (process.env.PAGES ?? 'blank').split(',');
const CPU = Number(process.env.CPU_SLOWDOWN ?? 1);

/** The fragment of a link to a template's plan, made by the app's own Share & export menu. */
async function linkFragment(browser, url, button) {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId('template').selectOption('supabase-redis');
  await page.getByTestId('load-template').click();
  await page.getByTestId('share-menu').click();
  await page.getByTestId(button).click();
  await page.waitForFunction(() => /#(plan|view)=/.test(document.querySelector('[data-testid="share-link"]')?.value ?? ''));
  const link = await page.getByTestId('share-link').inputValue();
  await context.close();
  return new URL(link).hash;
}

const [runs, ...dirs] = process.argv.slice(2);
const browser = await launchChromium();
for (const dir of dirs) {
  const server = await serveDist(dir, { gzip: true });
  for (const name of PAGES) {
    const hash = { blank: '', plan: () => linkFragment(browser, server.url, 'copy-link'), view: () => linkFragment(browser, server.url, 'copy-view-link') }[name];
    if (hash === undefined) throw new Error(`unknown page ${name}: blank, plan or view`);
    const url = server.url + (typeof hash === 'function' ? await hash() : hash);
    const times = [];
    for (let i = 0; i < Number(runs); i++) {
      const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', NETWORK);
      if (CPU > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
      const start = Date.now();
      await page.goto(url);
      await page.locator('table').first().waitFor({ timeout: 60000 });
      times.push(Date.now() - start);
      await context.close();
    }
    times.sort((a, b) => a - b);
    console.log(`${dir} ${name}: first table after ${times[times.length >> 1]} ms (median of ${times.length}: ${times.join(', ')})`);
  }
  server.close();
}
await browser.close();
