// Where a keystroke's frame goes, by phase (script, style, layout, pre-paint, paint, ...), from a
// Chromium trace of N inputs into the large plan of input-latency.mjs. Averages per input.
//
//   make release && node tests/bench/trace.mjs [inputs=60] [dist=dist]
import { launchChromium } from '../e2e/harness.mjs';
import { serveDist } from '../e2e/server.mjs';
import { openLargePlan } from './large-plan.mjs';

const inputs = Number(process.argv[2] ?? 60);
const server = await serveDist(process.argv[3] ?? 'dist');
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await openLargePlan(page, server.url);
if (process.env.CSS) await page.addStyleTag({ content: process.env.CSS }); // to try a rule
const cdp = await page.context().newCDPSession(page);
const events = [];
cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
const done = new Promise((resolve) => cdp.on('Tracing.tracingComplete', resolve));
await cdp.send('Tracing.start', {
  categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink,v8.execute' + (process.env.INVALIDATIONS ? ',disabled-by-default-devtools.timeline.invalidationTracking' : ''),
  transferMode: 'ReportEvents',
});
await page.evaluate(async (inputs) => {
  const input = document.querySelector('[data-testid="f-baseline-units"]');
  const base = Number(input.value);
  for (let i = 0; i < inputs; i++) {
    await new Promise((r) => requestAnimationFrame(() => r()));
    input.value = String(base + 1 + (i % 5));
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 0));
    // The panels below the fold follow; let them render in a frame of their own.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    // ... and are laid out and painted in the frame after their task.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  }
}, inputs);
await cdp.send('Tracing.end');
await done;
const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const names = ['FunctionCall', 'EventDispatch', 'RunMicrotasks', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'Commit', 'HitTest', 'ParseHTML', 'MajorGC', 'MinorGC', 'V8.GC_SCAVENGER', 'TimerFire', 'FireAnimationFrame', 'v8.run'];
const total = new Map();
for (const e of events) {
  if (e.ph !== 'X' || (main && e.tid !== main.tid)) continue;
  if (!names.includes(e.name)) continue;
  total.set(e.name, (total.get(e.name) ?? 0) + (e.dur ?? 0));
}
const rows = [...total.entries()].sort((a, b) => b[1] - a[1]);
for (const [name, us] of rows) console.log(name.padEnd(20), (us / 1000 / inputs).toFixed(2), 'ms per input');
const scripts = events.filter((e) => e.ph === 'X' && e.name === 'FunctionCall' && (!main || e.tid === main.tid));
const forced = events.filter((e) => e.ph === 'X' && (e.name === 'Layout' || e.name === 'UpdateLayoutTree') && (!main || e.tid === main.tid)
  && scripts.some((f) => f.ts <= e.ts && e.ts + e.dur <= f.ts + f.dur));
console.log('forced (inside script):', forced.length, 'events,', (forced.reduce((a, e) => a + e.dur, 0) / 1000 / inputs).toFixed(2), 'ms per input');
const layouts = events.filter((e) => e.name === 'Layout' && e.ph === 'X' && (!main || e.tid === main.tid));
const dirty = layouts.map((e) => e.args?.beginData?.dirtyObjects ?? 0);
console.log('layouts', layouts.length, 'dirty objects mean', (dirty.reduce((a, b) => a + b, 0) / Math.max(1, dirty.length)).toFixed(0));
const styles = events.filter((e) => e.name === 'UpdateLayoutTree' && e.ph === 'X' && (!main || e.tid === main.tid));
const elems = styles.map((e) => e.args?.elementCount ?? 0);
console.log('style recalcs', styles.length, 'elements mean', (elems.reduce((a, b) => a + b, 0) / Math.max(1, elems.length)).toFixed(0));
if (process.env.TRACE_DETAIL) {
  // Per input: from the input event to the first timer after it, and what fills that time.
  const onMain = events.filter((e) => e.ph === 'X' && (!main || e.tid === main.tid)).sort((a, b) => a.ts - b.ts);
  const inputsAt = onMain.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'input');
  for (const ev of inputsAt.slice(5, 10)) {
    const timer = onMain.find((e) => e.name === 'TimerFire' && e.ts > ev.ts);
    const within = onMain.filter((e) => e.ts >= ev.ts && e.ts < timer.ts && ['FunctionCall', 'RunMicrotasks', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'MinorGC', 'MajorGC'].includes(e.name));
    const parts = {};
    for (const e of within) parts[e.name] = (parts[e.name] ?? 0) + e.dur / 1000;
    console.log('input→timer', ((timer.ts - ev.ts) / 1000).toFixed(1), 'ms:', Object.entries(parts).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', '));
  }
  const paints = events.filter((e) => e.name === 'Paint' && e.ph === 'X' && (!main || e.tid === main.tid));
  const byNode = new Map();
  for (const e of paints) {
    const d = e.args?.data ?? {};
    const key = `${d.nodeId ?? '?'} layer ${d.layerId ?? '?'} clip ${JSON.stringify(d.clip ?? []).slice(0, 60)}`;
    const v = byNode.get(key) ?? [0, 0];
    byNode.set(key, [v[0] + 1, v[1] + (e.dur ?? 0)]);
  }
  for (const [k, [n, us]] of [...byNode.entries()].sort((a, b) => b[1][1] - a[1][1]).slice(0, 15)) console.log('paint', n, (us / 1000 / inputs).toFixed(2), k);
  for (const e of layouts.slice(0, 6)) console.log('layout', (e.dur / 1000).toFixed(2), 'ms', JSON.stringify(e.args.beginData.dirtyObjects));
  for (const e of paints.slice(0, 12)) console.log('paint', (e.dur / 1000).toFixed(2), 'ms', e.args.data.nodeId);
}
if (process.env.INVALIDATIONS) {
  const counts = new Map();
  for (const e of events) {
    if (!/Invalidation/.test(e.name)) continue;
    const d = e.args?.data ?? {};
    const key = `${e.name} ${d.nodeName ?? ''} ${d.reason ?? ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [k, n] of [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log((n / inputs).toFixed(1).padStart(7), k);
}
await browser.close();
await server.close();
