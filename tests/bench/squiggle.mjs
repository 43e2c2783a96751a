// Monte Carlo against a peer: compound growth with churn over 120 months, Uₘ = Uₘ₋₁ · (1 + g − c)
// with g ~ PERT(1, 3, 6) % and c ~ uniform(0.5, 2) % drawn once per trial (sample), run in
// Squiggle (@quri/squiggle-lang, in Node) and by Headroom's native bench
// (`cargo bench -p headroom-core --bench montecarlo -- growth`, figure "growth"), one after the
// other, with the same number of trials. Prints each side's trials per second (median and best
// of RUNS timed runs after a warm-up), the ratio, and the mean month-120 units of both against
// the exact mean (a quadrature), so that the two are seen to compute the same thing.
//
// The same work on both sides: every trial (Squiggle: every sample of a sample set of
// `sampleCount`) draws g and c once and computes all 120 months, and the mean of every month
// is taken. Squiggle works sample-set by sample-set (each month is one array of `sampleCount`
// numbers, all 120 kept: a List of 120 distributions built by a fold); Headroom works trial by
// trial (one reused buffer of 120 months, and a running sum per month).
//
// Usage: scripts/setup.sh squiggle   (installs the pinned Squiggle into .tools/squiggle)
//        node tests/bench/squiggle.mjs [trials]   (default 100000)
// Env: RUNS (timed runs of each side, default 5; Headroom's bench always runs 21).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const SQUIGGLE = '.tools/squiggle/node_modules/@quri/squiggle-lang';
const TRIALS = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 5);
if (!existsSync(`${SQUIGGLE}/package.json`)) {
  console.error('no Squiggle in .tools/squiggle: run `scripts/setup.sh squiggle` first');
  process.exit(1);
}
if (!(Number.isInteger(TRIALS) && TRIALS > 0 && Number.isInteger(RUNS) && RUNS > 0)) {
  console.error('usage: node tests/bench/squiggle.mjs [trials]   (RUNS=5)');
  process.exit(1);
}

// The model; core/benches/montecarlo.rs's GROWTH_MODEL, checked through its description below.
const MODEL = { units: 1000, growth: [1, 3, 6], churn: [0.5, 2], months: 120 };
const [low, likely, high] = MODEL.growth;
const description =
  `U0 ${MODEL.units} · (1 + g − c) over ${MODEL.months} months, ` +
  `g ~ pert(${low}, ${likely}, ${high}) %, c ~ uniform(${MODEL.churn[0]}, ${MODEL.churn[1]}) %`;

// PERT(a, c, b) is a + (b − a)·Beta(α, β), α = 1 + 4(c − a)/(b − a), β = 1 + 4(b − c)/(b − a):
// Squiggle has no PERT, so the beta draw is scaled. Each `SampleSet.fromDist` draws
// `sampleCount` samples; arithmetic on sample sets is sample by sample, so sample i uses its own
// g and c in every month, as a Headroom trial does.
const code = `
low = ${low / 100}
likely = ${likely / 100}
high = ${high / 100}
alpha = 1 + 4 * (likely - low) / (high - low)
beta_ = 1 + 4 * (high - likely) / (high - low)
g = low + (high - low) * SampleSet.fromDist(beta(alpha, beta_))
c = SampleSet.fromDist(uniform(${MODEL.churn[0] / 100}, ${MODEL.churn[1] / 100}))
factor = 1 + g - c
start = { units: SampleSet.fromNumber(${MODEL.units}), months: [] }
step(acc, m) = {
  next = acc.units * factor
  { units: next, months: List.append(acc.months, next) }
}
path = List.reduce(List.upTo(1, ${MODEL.months}), start, step).months
{
  months: List.length(path),
  samples: List.length(SampleSet.toList(path[${MODEL.months - 1}])),
  means: List.map(path, {|d| mean(d)})
}
`;

/** The exact mean of month `months`' units: E[U₀·(1 + g − c)ᵐ], the churn integrated in closed
 *  form, the PERT density by the midpoint rule (normalised on the same grid). */
function exactMean() {
  const [a, c, b] = MODEL.growth.map((x) => x / 100);
  const [cl, ch] = MODEL.churn.map((x) => x / 100);
  const alpha = 1 + (4 * (c - a)) / (b - a);
  const beta = 1 + (4 * (b - c)) / (b - a);
  const n = MODEL.months;
  const steps = 200_000;
  let weight = 0;
  let sum = 0;
  for (let i = 0; i < steps; i++) {
    const x = (i + 0.5) / steps;
    const density = x ** (alpha - 1) * (1 - x) ** (beta - 1);
    const g = a + (b - a) * x;
    // ∫ (1 + g − c)ⁿ dc / (ch − cl) over [cl, ch].
    const churned = ((1 + g - cl) ** (n + 1) - (1 + g - ch) ** (n + 1)) / ((n + 1) * (ch - cl));
    weight += density;
    sum += density * churned;
  }
  return (MODEL.units * sum) / weight;
}

const median = (xs) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)];
const fmt = (x, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

// 1. Headroom's bench, built before anything is timed.
execFileSync('cargo', ['bench', '-q', '-p', 'headroom-core', '--bench', 'montecarlo', '--no-run'], {
  stdio: ['ignore', 'ignore', 'inherit'],
});

// 2. Squiggle: a warm-up run, then RUNS timed runs of `run` (each its own project: parse,
//    compile and evaluate; parsing and compiling take a few milliseconds).
const squiggle = await import(pathToFileURL(`${SQUIGGLE}/dist/index.js`).href);
const { version } = JSON.parse(readFileSync(`${SQUIGGLE}/package.json`, 'utf8'));
const environment = { sampleCount: TRIALS, xyPointLength: 1000, seed: 'headroom' };
async function runSquiggle() {
  const started = performance.now();
  const output = await squiggle.run(code, { environment });
  const ms = performance.now() - started;
  if (!output.result.ok) throw new Error(`Squiggle failed: ${output.result.value.toString()}`);
  const value = output.result.value.result.asJS().value;
  if (value.months !== MODEL.months || value.samples !== TRIALS) {
    throw new Error(`Squiggle computed ${value.months} months of ${value.samples} samples`);
  }
  return { ms, mean: value.means[MODEL.months - 1] };
}
await runSquiggle();
const squiggleRuns = [];
for (let i = 0; i < RUNS; i++) squiggleRuns.push(await runSquiggle());
const squiggleMs = squiggleRuns.map((r) => r.ms);
const squiggleRate = TRIALS / (median(squiggleMs) / 1000);
const squiggleBest = TRIALS / (Math.min(...squiggleMs) / 1000);
const squiggleMean = squiggleRuns[0].mean;

// 3. Headroom: figure "growth" of the bench, RUNS times (each its own 21 timed runs).
const headroomRuns = [];
let headroomModel;
for (let i = 0; i < RUNS; i++) {
  const out = execFileSync('cargo', ['bench', '-q', '-p', 'headroom-core', '--bench', 'montecarlo', '--', 'growth'], {
    env: { ...process.env, MC_TRIALS: String(TRIALS) },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  headroomModel = out.match(/^montecarlo growth model: (.*)$/m)?.[1];
  const figure = out.match(/^montecarlo growth: ([\d.]+) trials\/s.*; best ([\d.]+) trials\/s\); mean month-\d+ units ([\d.]+)$/m);
  if (!figure) throw new Error(`unexpected bench output:\n${out}`);
  headroomRuns.push({ rate: Number(figure[1]), best: Number(figure[2]), mean: Number(figure[3]) });
}
if (headroomModel !== description) {
  throw new Error(`the bench's model is not this script's:\n  bench:  ${headroomModel}\n  script: ${description}`);
}
const headroomRate = median(headroomRuns.map((r) => r.rate));
const headroomBest = Math.max(...headroomRuns.map((r) => r.best));
const headroomMean = headroomRuns[0].mean;

// 4. The figures.
const exact = exactMean();
const off = (x) => `${(((x - exact) / exact) * 100).toFixed(2)} %`;
console.log(`model: ${description}; ${fmt(TRIALS)} trials`);
console.log(
  `squiggle ${version}: ${fmt(squiggleRate)} trials/s (median of ${RUNS} runs: ${squiggleMs.map((ms) => fmt(ms, 1)).join(' / ')} ms; best ${fmt(squiggleBest)} trials/s)`,
);
console.log(
  `headroom: ${fmt(headroomRate)} trials/s (median of ${RUNS} bench runs' medians: ${headroomRuns.map((r) => fmt(r.rate)).join(' / ')}; best ${fmt(headroomBest)} trials/s)`,
);
console.log(`ratio headroom/squiggle: ${(headroomRate / squiggleRate).toFixed(1)}× (medians), ${(headroomBest / squiggleBest).toFixed(1)}× (best)`);
console.log(
  `mean month-${MODEL.months} units: squiggle ${fmt(squiggleMean, 1)} (${off(squiggleMean)}), headroom ${fmt(headroomMean, 1)} (${off(headroomMean)}), exact ${fmt(exact, 1)}`,
);
// Both means are estimates from TRIALS draws: a few percent off at 10 000 trials is chance, a
// tenth off is another model.
const tolerance = TRIALS >= 10_000 ? 0.05 : 0.2;
for (const [who, mean] of [['squiggle', squiggleMean], ['headroom', headroomMean]]) {
  if (Math.abs(mean - exact) > tolerance * exact) {
    console.error(`${who}'s mean is more than ${tolerance * 100} % from the exact mean: not the same model`);
    process.exit(1);
  }
}
