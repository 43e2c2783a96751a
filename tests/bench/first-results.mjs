// Time from navigation to the first sizing table on screen over a throttled network, with the
// files served gzip-compressed as GitHub Pages serves them (tests/e2e/server.mjs), for one or
// more dist dirs. Median of N runs.
// Usage: node tests/bench/first-results.mjs [runs] dist-dir...
//   e.g. node tests/bench/first-results.mjs 3 /tmp/dist-before dist
import { launchChromium } from '../e2e/harness.mjs';
import { serveDist } from '../e2e/server.mjs';

// 4 Mbit/s down, 1 Mbit/s up, 100 ms round trip.
const NETWORK = { offline: false, latency: 100, downloadThroughput: 4e6 / 8, uploadThroughput: 1e6 / 8 };

const [runs, ...dirs] = process.argv.slice(2);
const browser = await launchChromium();
for (const dir of dirs) {
  const server = await serveDist(dir, { gzip: true });
  const url = server.url;
  const times = [];
  for (let i = 0; i < Number(runs); i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    const start = Date.now();
    await page.goto(url);
    await page.locator('table').first().waitFor({ timeout: 60000 });
    times.push(Date.now() - start);
    await context.close();
  }
  times.sort((a, b) => a - b);
  console.log(`${dir}: first table after ${times[times.length >> 1]} ms (median of ${times.length}: ${times.join(', ')})`);
  server.close();
}
await browser.close();
