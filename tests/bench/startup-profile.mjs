// Where the start-up's long tasks spend their time, by function: a sampling profile of one page
// load (phone-sized, CPU slowed 4×, gzip), cut into bursts of work between idle samples (about
// the page's tasks); for each burst of 30 ms or more, the functions with the most time in it,
// self and (for the app's own functions) inclusive. The release build's wasm functions are
// unnamed (wasm-split-cli writes no name section): what it shows by name is the page's side,
// the glue and the DOM calls (cloneNode, insertBefore, createElement).
//
//   node tests/bench/startup-profile.mjs [dist=dist] [hash=]
import { launchChromium } from '../e2e/harness.mjs';
import { serveDist } from '../e2e/server.mjs';

const server = await serveDist(process.argv[2] ?? 'dist', { gzip: true });
const browser = await launchChromium();
const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
await page.goto(server.url + (process.argv[3] ?? ''));
await page.getByTestId('app-instances').first().waitFor({ timeout: 60_000 });
await page.waitForTimeout(5000);
const { profile } = await cdp.send('Profiler.stop');
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n) => n.callFrame.functionName || `(${n.callFrame.url.split('/').pop() || 'anonymous'})`;
const idle = new Set(['(idle)', '(program)', '(garbage collector)']);
// Bursts: runs of samples not idle, split where 2 ms or more of idle comes between.
const bursts = [];
let t = profile.startTime;
let current = null;
let idleFor = 0;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i];
  const node = byId.get(profile.samples[i]);
  const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
  if (idle.has(name(node)) && name(node) !== '(garbage collector)') {
    idleFor += dt;
    if (idleFor >= 2 && current) {
      bursts.push(current);
      current = null;
    }
    continue;
  }
  idleFor = 0;
  current ??= { start: t, end: t, samples: [] };
  current.end = t + dt * 1000;
  current.samples.push([node, dt]);
}
if (current) bursts.push(current);
const t0 = profile.startTime;
for (const b of bursts) {
  const ms = (b.end - b.start) / 1000;
  if (ms < 30) continue;
  const self = new Map();
  const incl = new Map();
  for (const [node, dt] of b.samples) {
    self.set(name(node), (self.get(name(node)) ?? 0) + dt);
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const n = name(byId.get(id));
      if (seen.has(n) || !/headroom|tachys|leptos|reactive_graph|js_sys|web_sys/.test(n)) continue;
      seen.add(n);
      incl.set(n, (incl.get(n) ?? 0) + dt);
    }
  }
  const top = (m, k) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, v]) => `    ${v.toFixed(1).padStart(6)} ${n.slice(0, 150)}`).join('\n');
  console.log(`burst at ${((b.start - t0) / 1000).toFixed(0)} ms: ${ms.toFixed(0)} ms\n  self:\n${top(self, 8)}\n  inclusive (the app's and its libraries'):\n${top(incl, 14)}`);
}
await browser.close();
await server.close();
