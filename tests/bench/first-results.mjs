// Time from navigation to the first sizing table on screen over a throttled network, with the
// files served gzip -9 (as a static host would), for one or more dist dirs. Median of N runs.
// Usage: node tests/bench/first-results.mjs [runs] dist-dir...
//   e.g. node tests/bench/first-results.mjs 3 /tmp/dist-before dist
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { extname, join } from 'node:path';
import { launchChromium } from '../e2e/harness.mjs';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml' };
// 4 Mbit/s down, 1 Mbit/s up, 100 ms round trip.
const NETWORK = { offline: false, latency: 100, downloadThroughput: 4e6 / 8, uploadThroughput: 1e6 / 8 };

function serve(dir) {
  const cache = new Map();
  const server = createServer((req, res) => {
    const rel = new URL(req.url, 'http://x').pathname.slice(1) || 'index.html';
    const file = join(dir, rel);
    if (!existsSync(file)) return res.writeHead(404).end();
    if (!cache.has(file)) cache.set(file, gzipSync(readFileSync(file), { level: 9 }));
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Encoding': 'gzip', 'Cache-Control': 'no-store' });
    res.end(cache.get(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

const [runs, ...dirs] = process.argv.slice(2);
const browser = await launchChromium();
for (const dir of dirs) {
  const server = await serve(dir);
  const url = `http://127.0.0.1:${server.address().port}/`;
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
