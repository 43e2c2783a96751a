// Where a keystroke's script time goes, by function: a sampling profile of 30 inputs into the
// large plan. Function names need a build with them kept (wasm-bindgen --keep-debug).
//
//   node tests/bench/profile.mjs [dist=dist]
import { launchChromium } from '../e2e/harness.mjs';
import { serveDist } from '../e2e/server.mjs';
import { openLargePlan } from './large-plan.mjs';
const server = await serveDist(process.argv[2] ?? 'dist');
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await openLargePlan(page, server.url);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
await page.evaluate(async () => {
  const input = document.querySelector('[data-testid="f-baseline-units"]');
  const base = Number(input.value);
  for (let i = 0; i < 30; i++) {
    input.value = String(base + 1 + (i % 5));
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => requestAnimationFrame(() => r()));
  }
});
const { profile } = await cdp.send('Profiler.stop');
const self = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas;
const counts = new Map();
profile.samples.forEach((id, i) => counts.set(id, (counts.get(id) ?? 0) + (dt[i] ?? 0)));
for (const [id, us] of counts) {
  const n = byId.get(id);
  const name = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop()})`;
  self.set(name, (self.get(name) ?? 0) + us);
}
// inclusive time per function
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map();
for (const [id, us] of counts) {
  const seen = new Set();
  let cur = id;
  while (cur !== undefined) {
    const n = byId.get(cur);
    const name = n.callFrame.functionName || '(anon)';
    if (!seen.has(name)) { incl.set(name, (incl.get(name) ?? 0) + us); seen.add(name); }
    cur = parent.get(cur);
  }
}
const callers = new Map();
for (const [id, us] of counts) {
  const n = byId.get(id);
  const name = n.callFrame.functionName;
  if (!new RegExp(process.env.CALLERS ?? "indexmap|ArcMemo<T>::new_with_compare|set_nodeValue|decode$|setItem").test(name)) continue;
  const chain = [];
  let cur = parent.get(id);
  while (cur !== undefined && chain.length < 6) { chain.push(byId.get(cur).callFrame.functionName.slice(0, 90)); cur = parent.get(cur); }
  const key = name.slice(0, 60) + ' <- ' + chain.join(' <- ');
  callers.set(key, (callers.get(key) ?? 0) + us);
}
const top = (m, k) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, k);
console.log('SELF (ms over 30 inputs)');
for (const [n, us] of top(self, 40)) console.log((us / 1000).toFixed(1).padStart(8), n.slice(0, 140));
console.log('CALLERS');
for (const [n, us] of top(callers, 25)) console.log((us / 1000).toFixed(1).padStart(8), n);
console.log('INCLUSIVE');
for (const [n, us] of top(incl, 60)) console.log((us / 1000).toFixed(1).padStart(8), n.slice(0, 140));
await browser.close();
await server.close();
