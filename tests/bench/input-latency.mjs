// Browser benchmark: input-to-DOM latency of the release build for a 120-month, 5-scenario
// plan with voice. Types into a baseline field the way the page receives keystrokes (one
// `input` event per value) and measures, in the page, the time from the event to the moment
// every reaction has run and the DOM is updated (the first macrotask after the event, so all
// of Leptos' microtask-scheduled effects are included). Prints p50/p95/max in milliseconds.
//
//   make release && node tests/bench/input-latency.mjs [runs=200] [dist=dist]
//
// The figure is recorded in BENCHMARKS.md; it is a measurement, not a test.
import { launchChromium } from '../e2e/harness.mjs';
import { serveDist } from '../e2e/server.mjs';

const runs = Number(process.argv[2] ?? 200);
const server = await serveDist(process.argv[3] ?? 'dist');
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(server.url);
await page.getByTestId('f-baseline-units').waitFor();

// Build the large plan from a template: 120 months, 5 scenarios, voice on.
await page.getByTestId('template').selectOption('supabase-redis');
await page.getByTestId('load-template').click();
await page.evaluate(() => {
  const stored = JSON.parse(localStorage.getItem('headroom.plan'));
  const plan = stored.plan;
  plan.horizon_months = 120;
  while (plan.scenarios.length < 5) {
    const copy = structuredClone(plan.scenarios[plan.scenarios.length % 3]);
    copy.name = `${copy.name} ${plan.scenarios.length + 1}`;
    plan.scenarios.push(copy);
  }
  plan.baseline.voice = {
    sessions_per_unit_per_day: 0.2,
    peak_hour_share_pct: 15,
    session_minutes: 4,
    interactions_per_session: 6,
    gpu_seconds_per_interaction: 2,
  };
  localStorage.setItem('headroom.plan', JSON.stringify(stored));
});
await page.reload();
await page.getByTestId('f-baseline-units').waitFor();
const shape = await page.evaluate(() => {
  const plan = JSON.parse(localStorage.getItem('headroom.plan')).plan;
  return { months: plan.horizon_months, scenarios: plan.scenarios.length, voice: !!plan.baseline.voice };
});

const samples = await page.evaluate(async (runs) => {
  const input = document.querySelector('[data-testid="f-baseline-units"]');
  const base = Number(input.value);
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
  const times = [];
  for (let i = 0; i < runs + 10; i++) {
    input.value = String(base + (i % 2 === 0 ? 1 + (i % 7) : 0));
    const start = performance.now();
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await nextTask();
    const elapsed = performance.now() - start;
    if (i >= 10) times.push(elapsed); // the first few warm up the JIT and caches
    await new Promise((resolve) => requestAnimationFrame(() => resolve()));
  }
  return times;
}, runs);

samples.sort((a, b) => a - b);
const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
console.log(JSON.stringify({
  plan: shape,
  runs: samples.length,
  p50_ms: +at(0.5).toFixed(2),
  p95_ms: +at(0.95).toFixed(2),
  max_ms: +samples[samples.length - 1].toFixed(2),
}));
await browser.close();
await server.close();
