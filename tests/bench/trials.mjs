// Browser benchmark: Monte Carlo trials per second in the trials worker (wasm, Chromium), on
// the 120-month, 5-scenario plan of input-latency.mjs with a range on each scenario's growth
// and on the baseline's units. Times a run from the Ranges panel's first progress to its
// bands, as a person sees it, and prints trials per second.
//
//   make release && node tests/bench/trials.mjs [trials=1000] [dist=dist]
//
// The figure is recorded in BENCHMARKS.md beside the native one
// (`cargo bench -p headroom-core --bench montecarlo`); it is a measurement, not a test.
import { launchChromium } from '../e2e/harness.mjs';
import { serveDist } from '../e2e/server.mjs';
import { openLargePlan } from './large-plan.mjs';

const trials = Number(process.argv[2] ?? 1000);
const server = await serveDist(process.argv[3] ?? 'dist');
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
const shape = await openLargePlan(page, server.url);
await page.evaluate((trials) => {
  const stored = JSON.parse(localStorage.getItem('headroom.plan'));
  const plan = stored.plan;
  const ranges = plan.scenarios.flatMap((s, i) =>
    s.growth.model === 'compound'
      ? [{ field: `scenarios[${i}].growth.monthly_growth_pct`, distribution: { shape: 'pert', low: 0, likely: s.growth.monthly_growth_pct, high: s.growth.monthly_growth_pct * 2 + 1 } }]
      : []);
  ranges.push({ field: 'baseline.units', distribution: { shape: 'lognormal', median: plan.baseline.units, gsd: 1.3 } });
  plan.uncertainty = { seed: 1, trials, band_pct: [10, 90], ranges };
  localStorage.setItem('headroom.plan', JSON.stringify(stored));
}, trials);
await page.reload();
await page.getByTestId('trials-progress').waitFor({ timeout: 60_000 });
const start = Date.now();
await page.getByTestId('trials-done').waitFor({ timeout: 600_000 });
const seconds = (Date.now() - start) / 1000;
const ranges = await page.evaluate(() => JSON.parse(localStorage.getItem('headroom.plan')).plan.uncertainty.ranges.length);
console.log(JSON.stringify({ plan: shape, ranges, trials, seconds: +seconds.toFixed(2), trials_per_s: +(trials / seconds).toFixed(1) }));
await browser.close();
await server.close();
