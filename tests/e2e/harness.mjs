// What every end-to-end test file shares: the release build served under /headroom/ (as GitHub
// Pages serves it), Debian's Chromium driven by playwright-core, a fresh context per test that
// fails the test on any console error or warning, page error or failed request, an
// accessibility scan (axe-core) and screenshots for people to look at.
import { before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { serveDist } from './server.mjs';
import { HeadroomPage } from './page.mjs';

const require = createRequire(import.meta.url);

/** Chromium flags for a closed network: no background connections, no sandbox as root. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/** Reports every Content-Security-Policy violation as a console error (so as a problem). Runs
 * before the page's own scripts, in every frame, and is not itself subject to the CSP. */
function reportCspViolations() {
  addEventListener(
    'securitypolicyviolation',
    (e) => console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
    true,
  );
}

/**
 * Starts a new context and page that records every problem the page reports: console errors
 * (CSP violations included) and warnings, page errors, failed requests, HTTP errors, and any
 * request that leaves `origin` (the test server's), from the page, its workers or its service
 * worker.
 */
export async function watchedPage(browser, contextOptions = {}, origin = null) {
  const context = await browser.newContext(contextOptions);
  await context.addInitScript(reportCspViolations);
  const problems = [];
  context.on('request', (req) => {
    const url = new URL(req.url());
    const local = ['data:', 'blob:', 'about:'].includes(url.protocol);
    if (!local && origin && url.origin !== origin) problems.push(`request left the origin: ${req.url()}`);
  });
  const page = await context.newPage();
  page.on('console', (msg) => {
    // A warning too: the release build has none (a deprecated call once drew one).
    if (msg.type() === 'error' || msg.type() === 'warning') {
      problems.push(`console ${msg.type()}: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => {
    // A download's blob: address ends its request on purpose, and a reload or a navigation
    // cancels what the page was still fetching (net::ERR_ABORTED): neither is a failure.
    const url = req.url();
    if (url.includes('favicon') || url.startsWith('blob:')) return;
    if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${url}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && !res.url().includes('favicon')) {
      problems.push(`HTTP ${res.status()}: ${res.url()}`);
    }
  });
  return { context, page, problems };
}

/**
 * Registers the node:test hooks that serve dist/ and start Chromium for a test file, and returns
 * `t` with `t.server.url`, `t.browser` and `t.fresh(contextOptions)`: a new context (its own
 * storage: another machine, as far as the page can tell) whose page records problems, as
 * `{ context, page, app, done }`; `await done()` closes it and fails the test on any problem.
 */
export function useBrowser() {
  const t = {};
  before(async () => {
    t.server = await serveDist('dist');
    t.server.origin = new URL(t.server.url).origin;
    t.browser = await launchChromium();
  });
  after(async () => {
    await t.browser?.close();
    await t.server?.close();
  });
  t.fresh = async (contextOptions = {}) => {
    const { context, page, problems } = await watchedPage(t.browser, contextOptions, t.server.origin);
    return {
      context,
      page,
      app: new HeadroomPage(page),
      async done() {
        await context.close();
        assert.deepEqual(problems, [], 'the page reported problems');
      },
    };
  };
  return t;
}

/**
 * Like useBrowser, with one fresh context per test: `t.page`, `t.context`, `t.problems`, closed
 * and checked after each test.
 */
export function useApp(contextOptions = {}) {
  const t = useBrowser();
  beforeEach(async () => {
    Object.assign(t, await watchedPage(t.browser, contextOptions, t.server.origin));
  });
  afterEach(async () => {
    await t.context?.close();
    assert.deepEqual(t.problems, [], 'the page reported problems');
  });
  return t;
}

/**
 * Runs axe-core on the page (or the element matching `selector`) and returns the violations of
 * impact "serious" or "critical", each as "rule: help (n nodes: selector, …)".
 */
export async function seriousA11yViolations(page, selector = null) {
  // Evaluated through the DevTools protocol, not added as a <script>: the page's CSP would
  // (rightly) refuse an inline script.
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  }
  const result = await page.evaluate(async (selector) => {
    const root = selector ? document.querySelector(selector) : document;
    // eslint-disable-next-line no-undef
    // target-size (WCAG 2.2, 24 × 24 px) is off by default in axe; Lighthouse checks it.
    const r = await axe.run(root, {
      resultTypes: ['violations'],
      rules: { 'target-size': { enabled: true } },
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  }, selector);
  return result
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes: ${v.nodes.slice(0, 5).join(', ')})`);
}

/** Saves a full-page screenshot under test-results/screenshots/NAME.png. */
export async function screenshot(page, name) {
  await mkdir('test-results/screenshots', { recursive: true });
  // Panels out of view are rendered only when scrolled near; a full-page picture shows the
  // page as a reader scrolling through it sees it.
  // Set through the CSSOM, which the page's CSP allows (a <style> element it would refuse).
  const reveal = (on) =>
    page.evaluate((on) => {
      for (const panel of document.querySelectorAll('.panel')) {
        if (on) panel.style.setProperty('content-visibility', 'visible', 'important');
        else panel.style.removeProperty('content-visibility');
      }
    }, on);
  await reveal(true);
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  await reveal(false);
}
