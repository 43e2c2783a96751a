// End-to-end: the release build, served from /headroom/, used as a person would.
// Fails on any console error or failed request (a favicon aside).
import { test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { serveDist } from './server.mjs';
import { HeadroomPage } from './page.mjs';

let server;
let browser;
let context;
let page;
let problems;

before(async () => {
  server = await serveDist('dist');
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  context = await browser.newContext();
  page = await context.newPage();
  problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => {
    if (!req.url().includes('favicon')) problems.push(`request failed: ${req.url()}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && !res.url().includes('favicon')) {
      problems.push(`HTTP ${res.status()}: ${res.url()}`);
    }
  });
});

afterEach(async () => {
  await context?.close();
  assert.deepEqual(problems, [], 'the page reported problems');
});

test('the release build loads from a sub-path and sizes the default baseline', async () => {
  const app = new HeadroomPage(page);
  await app.open(server.url);
  assert.equal(await page.title(), 'Headroom — capacity planning');
  assert.equal(await app.instances(), '6');
  assert.equal(await page.locator('#loading').count(), 0, 'loading placeholder removed');
});

test('changing the peak recomputes the instance count as the person types', async () => {
  const app = new HeadroomPage(page);
  await app.open(server.url);
  await app.fill('peak_rps', '1000');
  assert.equal(await app.instances(), '29');
  await app.fill('target_utilisation_pct', '50');
  assert.equal(await app.instances(), '40');
});

test('bad input gets an inline error, blocks the result, and recovers', async () => {
  const app = new HeadroomPage(page);
  await app.open(server.url);
  await app.fill('capacity_per_instance_rps', '0');
  assert.equal(
    await app.fieldError(),
    'Capacity of one instance must be at least 0.001 req/s',
  );
  assert.equal(await app.input('capacity_per_instance_rps').getAttribute('aria-invalid'), 'true');
  assert.match(await page.getByTestId('sizing-blocked').innerText(), /Fix the highlighted field/);
  await app.fill('capacity_per_instance_rps', 'twelve');
  assert.match(await app.fieldError(), /is not a number/);
  await app.fill('capacity_per_instance_rps', '100');
  assert.equal(await page.getByTestId('field-error').count(), 0);
  assert.equal(await app.instances(), '3');
});

test('the explanation shows the working behind the number', async () => {
  const app = new HeadroomPage(page);
  await app.open(server.url);
  await page.getByText('How is this computed?').click();
  await page.getByText('Needed for peak = ⌈200 req/s ÷ 35 req/s⌉ = ⌈5.71⌉ = 6').waitFor();
});

test('a reload keeps what was typed', async () => {
  const app = new HeadroomPage(page);
  await app.open(server.url);
  await app.fill('peak_rps', '350');
  await app.fill('min_instances', '12');
  await page.reload();
  await app.ready();
  assert.equal(await app.input('peak_rps').inputValue(), '350');
  assert.equal(await app.input('min_instances').inputValue(), '12');
  assert.equal(await app.instances(), '12');
});

test('a corrupted saved draft falls back to defaults without breaking the page', async () => {
  const app = new HeadroomPage(page);
  await app.open(server.url);
  await page.evaluate(() => localStorage.setItem('headroom.baseline', '{"version":1,"baseline":'));
  await page.reload();
  await app.ready();
  assert.equal(await app.input('peak_rps').inputValue(), '200');
  assert.equal(await app.instances(), '6');
});
