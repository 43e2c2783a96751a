// Browser benchmark: input-to-DOM latency of the release build for a 120-month, 5-scenario
// plan with voice. Types into a baseline field the way the page receives keystrokes (one
// `input` event per value, each at the start of a frame) and measures, in the page:
// - first_frame: the keystroke's own frame, from the event to the first task after it, by
//   which time the field's reactions have run and the frame has been laid out and painted (the
//   event is dispatched in an animation-frame callback, so that frame's style, layout and
//   paint come before the task). Typing's results follow once this frame is painted
//   (`Workspace::edit_typed`);
// - results: until the frame after that one, with the scenario on show computed and the
//   summary and table rows on screen updated, has been painted (in builds before typing
//   waited for its frame, the results were in the first frame);
// - every_panel: until the panels and table rows out of view (comparison, charts, timeline,
//   advice), which follow once the results are painted, are updated and painted too; the next
//   keystroke comes after that paint.
// Prints p50/p95/max of each in milliseconds. Each waits for frames by design (about 17 ms
// each at 60 Hz).
//
//   make release && node tests/bench/input-latency.mjs [runs=200] [dist=dist]
//
// CPU_SLOWDOWN=n runs the page with Chromium's CPU throttling at n× (DevTools' "CPU slowdown"),
// to see the margin a slower machine would have. RANGED=1 gives the plan a range, so the
// Ranges panel is on the page, its bands and fans drawn, and each keystroke sets up a new run.
//
// The figure is recorded in BENCHMARKS.md; it is a measurement, not a test.
import { launchChromium } from '../e2e/harness.mjs';
import { serveDist } from '../e2e/server.mjs';
import { openLargePlan } from './large-plan.mjs';

const runs = Number(process.argv[2] ?? 200);
const slowdown = Number(process.env.CPU_SLOWDOWN ?? 1);
if (!(slowdown >= 1)) throw new Error(`CPU_SLOWDOWN must be a number of at least 1, not "${process.env.CPU_SLOWDOWN}"`);
const server = await serveDist(process.argv[3] ?? 'dist');
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
const shape = await openLargePlan(page, server.url, { ranged: process.env.RANGED === '1' });
if (slowdown > 1) {
  const devtools = await page.context().newCDPSession(page);
  await devtools.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
}

const samples = await page.evaluate(async (runs) => {
  const input = document.querySelector('[data-testid="f-baseline-units"]');
  const base = Number(input.value);
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const first = [];
  const results = [];
  const settled = [];
  for (let i = 0; i < runs + 10; i++) {
    await nextFrame();
    input.value = String(base + (i % 2 === 0 ? 1 + (i % 7) : 0));
    const start = performance.now();
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await nextTask();
    const painted = performance.now() - start;
    // The results are computed in the task after that frame's paint and painted in the frame
    // after that: the second frame's callback is asked for before that task runs, so the task
    // it sets off runs first after that paint.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))));
    const shown = performance.now() - start;
    // The panels below the fold follow the results the same way, a frame later: they are
    // updated in the task after that frame, and laid out and painted in the frame after it.
    // Waiting for that paint too keeps it out of the next keystroke's frame (where, with the
    // next keystroke at once, it had been counted before 2026-12-07: a person typing leaves a
    // frame or more between keys).
    await nextFrame();
    await nextTask();
    await nextFrame();
    await nextTask();
    const all = performance.now() - start;
    if (i >= 10) { // the first few warm up the JIT and caches
      first.push(painted);
      results.push(shown);
      settled.push(all);
    }
  }
  return { first, results, settled };
}, runs);

const stats = (list) => {
  list.sort((a, b) => a - b);
  const at = (q) => +list[Math.min(list.length - 1, Math.floor(q * list.length))].toFixed(2);
  return { p50_ms: at(0.5), p95_ms: at(0.95), max_ms: +list[list.length - 1].toFixed(2) };
};
console.log(JSON.stringify({
  plan: shape,
  cpu_slowdown: slowdown,
  runs: samples.first.length,
  first_frame: stats(samples.first),
  results: stats(samples.results),
  every_panel: stats(samples.settled),
}));
await browser.close();
await server.close();
