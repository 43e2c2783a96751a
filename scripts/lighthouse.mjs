// Lighthouse over the release build in dist/ (build first: `make release`; this builds nothing).
// dist/ is served under /headroom/ with gzip, as GitHub Pages serves it (tests/e2e/server.mjs);
// uncompressed, Lighthouse would weigh the wasm at about three times its transferred size.
// Runs the mobile preset three times and desktop once, for the blank app and for a #plan= share
// link (made by the app itself, as tests/e2e/share.test.mjs does), and prints per run the
// performance / accessibility / best-practices / SEO scores and LCP, then the mobile medians.
// Usage: make lighthouse   (scripts/setup.sh lighthouse installs the pinned lighthouse)
//        node scripts/lighthouse.mjs [dist-dir]   (another build, to compare side by side)
// Env: LIGHTHOUSE_RUNS (mobile runs, default 3), CHROME_PATH (default /usr/bin/chromium).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { serveDist } from '../tests/e2e/server.mjs';
import { launchChromium } from '../tests/e2e/harness.mjs';

const run = promisify(execFile);
const LIGHTHOUSE = '.tools/lighthouse/node_modules/.bin/lighthouse';
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const OUT = 'test-results/lighthouse';
const DIST = process.argv[2] ?? 'dist';
if (!existsSync(`${DIST}/index.html`)) throw new Error(`no ${DIST}/index.html: run \`make release\` first`);
if (!existsSync(LIGHTHOUSE)) throw new Error('no lighthouse: run `scripts/setup.sh lighthouse`');
await mkdir(OUT, { recursive: true });

const server = await serveDist(DIST, { gzip: true });

/** A share link to a template plan, made by the app's own "Copy link". */
async function planLink() {
  const browser = await launchChromium();
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByTestId('template').selectOption('supabase-redis');
  await page.getByTestId('load-template').click();
  await page.getByTestId('share-menu').click();
  await page.getByTestId('copy-link').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="share-link"]')?.value.includes('#plan='));
  const link = await page.getByTestId('share-link').inputValue();
  await browser.close();
  return link;
}

async function lighthouse(url, name, desktop) {
  const path = `${OUT}/${name}.json`;
  await run(
    LIGHTHOUSE,
    [
      url,
      '--output=json',
      `--output-path=${path}`,
      '--quiet',
      '--only-categories=performance,accessibility,best-practices,seo',
      '--chrome-flags=--headless=new --no-sandbox',
      ...(desktop ? ['--preset=desktop'] : []),
    ],
    { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' }, maxBuffer: 1 << 26 },
  );
  const lhr = JSON.parse(await readFile(path, 'utf8'));
  const score = (id) => Math.round((lhr.categories[id]?.score ?? NaN) * 100);
  return {
    run: name,
    perf: score('performance'),
    a11y: score('accessibility'),
    bp: score('best-practices'),
    seo: score('seo'),
    lcp_ms: Math.round(lhr.audits['largest-contentful-paint'].numericValue),
    tbt_ms: Math.round(lhr.audits['total-blocking-time'].numericValue),
    kb: Math.round(lhr.audits['total-byte-weight'].numericValue / 1024),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  const targets = [
    ['app', server.url],
    ['plan-link', await planLink()],
  ];
  for (const [label, url] of targets) {
    console.log(`\n${label}: ${url.length > 100 ? `${url.slice(0, 100)}…` : url}`);
    const rows = [];
    for (let i = 1; i <= RUNS; i++) rows.push(await lighthouse(url, `${label}-mobile-${i}`, false));
    const mobile = [...rows];
    const keys = ['perf', 'a11y', 'bp', 'seo', 'lcp_ms', 'tbt_ms', 'kb'];
    rows.push({ run: `${label}-mobile-median`, ...Object.fromEntries(keys.map((k) => [k, median(mobile.map((r) => r[k]))])) });
    rows.push(await lighthouse(url, `${label}-desktop`, true));
    console.table(rows);
  }
  console.log(`\nreports: ${OUT}/*.json`);
} finally {
  await server.close();
}
