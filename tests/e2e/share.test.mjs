// End-to-end: sharing and exporting in the release build served from /headroom/. Plan files
// are downloaded and read back, share links are opened in fresh browser contexts (another
// machine, as far as the page can tell), damaged links leave the saved plan alone.
// Fails on any console error or failed request (a favicon aside).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBrowser } from './harness.mjs';
import { HeadroomPage } from './page.mjs';

const t = useBrowser();

/** A fresh context (its own storage: another machine) with a page that records problems. */
async function freshPage() {
  const opened = await t.fresh({ acceptDownloads: true });
  await opened.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(t.server.url).origin,
  });
  return { page: opened.page, app: opened.app, close: opened.done };
}

async function loadTemplate(page, id) {
  await page.getByTestId('template').selectOption(id);
  await page.getByTestId('load-template').click();
}

async function openMenu(page) {
  if ((await page.getByTestId('share-panel').count()) === 0) {
    await page.getByTestId('share-menu').click();
  }
  await page.getByTestId('share-panel').waitFor();
}

/** What must be identical wherever the plan is opened. */
async function figures(page) {
  // Every panel, including those below the fold, built and arrived.
  await new HeadroomPage(page).arrived();
  return {
    name: await page.getByTestId('f-name').inputValue(),
    instances: (await page.getByTestId('app-instances').innerText()).trim(),
    cost: (await page.getByTestId('total-cost').innerText()).trim(),
    // textContent: every panel, including those out of view (not rendered until scrolled near).
    results: (await page.locator('.results-column').textContent()).replace(/\s+/g, ' ').trim(),
  };
}

async function savedPlanName(page) {
  return page.evaluate(() => JSON.parse(localStorage.getItem('headroom.plan')).plan.name);
}

test('the plan downloads as YAML and JSON with its results, and opens again', async () => {
  const { page, app, close } = await freshPage();
  // YAML lives in the file worker, fetched on first use only: not by opening the page.
  const fetched = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  const worker = () => fetched.filter((path) => path.includes('headroom-worker'));
  await app.open(t.server.url);
  await app.fill('f-name', 'Shop: no "quotes" lost');
  assert.deepEqual(worker(), [], 'the file worker is not part of the first load');
  await openMenu(page);
  const [yamlDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download-yaml').click(),
  ]);
  assert.equal(yamlDownload.suggestedFilename(), 'shop-no-quotes-lost.yaml');
  const yaml = await readFile(await yamlDownload.path(), 'utf8');
  assert.ok(yaml.startsWith('headroom_plan: 1\nplan:\n  name: "Shop: no \\"quotes\\" lost"\n'), yaml.slice(0, 80));
  assert.match(yaml, /\n# results: derived from `plan` by Headroom/);
  assert.match(yaml, /\nresults:\n  derived: /);
  assert.match(yaml, /\n  columns: \[month, calendar_month, units, peak_rps, app_instances,/);
  assert.match(await page.getByTestId('share-status').innerText(), /Saved shop-no-quotes-lost\.yaml/);
  assert.ok(worker().some((path) => path.endsWith('_bg.wasm')), `worker fetched: ${worker()}`);

  const [jsonDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download-json').click(),
  ]);
  const file = JSON.parse(await readFile(await jsonDownload.path(), 'utf8'));
  assert.equal(file.headroom_plan, 1);
  assert.equal(file.plan.name, 'Shop: no "quotes" lost');
  const months = file.results.scenarios[0].months;
  assert.equal(months.length, 12);
  const column = file.results.columns.indexOf('app_instances');
  // The page's month is month 12 of the first scenario.
  assert.equal(String(months[11][column]), await app.instances());

  // Edit the downloaded YAML by hand and open it: the inputs are read, results recomputed.
  const dir = await mkdtemp(join(tmpdir(), 'headroom-e2e-'));
  const edited = join(dir, 'edited.yaml');
  await writeFile(edited, yaml.replace('name: "Shop: no \\"quotes\\" lost"', 'name: Edited by hand'));
  await page.getByTestId('import-file').setInputFiles(edited);
  await page.getByTestId('share-notice').waitFor();
  assert.match(await page.getByTestId('share-notice').innerText(), /Opened “Edited by hand” from edited\.yaml/);
  assert.equal(await page.getByTestId('f-name').inputValue(), 'Edited by hand');
  // Undo brings the previous plan back.
  await page.getByTestId('undo').click();
  assert.equal(await page.getByTestId('f-name').inputValue(), 'Shop: no "quotes" lost');

  // A broken file says what and where, and changes nothing.
  const broken = join(dir, 'broken.yaml');
  await writeFile(broken, yaml.replace('  horizon_months: 12\n', '  horizon_months: twelve\n'));
  await openMenu(page);
  await page.getByTestId('import-file').setInputFiles(broken);
  // "Reading broken.yaml…" first (the file worker reads it), then what is wrong.
  await page.getByTestId('share-status').filter({ hasText: 'broken.yaml:' }).waitFor();
  const status = await page.getByTestId('share-status').innerText();
  assert.match(
    status,
    /broken\.yaml: The YAML file does not describe a plan: at `plan\.horizon_months`: invalid type: string "twelve"/,
  );
  assert.equal(await page.getByTestId('f-name').inputValue(), 'Shop: no "quotes" lost');
  await close();
});

test('a share link opens on another machine with identical results', async () => {
  const sender = await freshPage();
  await sender.app.open(t.server.url);
  await loadTemplate(sender.page, 'supabase-redis');
  await openMenu(sender.page);
  await sender.page.getByTestId('copy-link').click();
  await sender.page.getByTestId('share-status').filter({ hasText: 'copied' }).waitFor();
  const link = await sender.page.getByTestId('share-link').inputValue();
  assert.equal(await sender.page.evaluate(() => navigator.clipboard.readText()), link);
  assert.ok(link.startsWith(`${t.server.url}#plan=v2.`), link);
  assert.ok(link.length < 2000, `${link.length} characters`);
  const sent = await figures(sender.page);

  const receiver = await freshPage();
  await receiver.page.goto(link);
  await receiver.app.ready();
  assert.deepEqual(await figures(receiver.page), sent);
  assert.match(await receiver.page.getByTestId('share-notice').innerText(), /from the link/);
  assert.equal(new URL(receiver.page.url()).hash, '', 'the link is cleared from the address');
  assert.equal(await savedPlanName(receiver.page), sent.name);
  await receiver.page.reload();
  await receiver.app.ready();
  assert.equal(await receiver.page.getByTestId('share-notice').count(), 0, 'no second prompt');
  assert.deepEqual(await figures(receiver.page), sent);
  await receiver.close();
  await sender.close();
});

test('a link to a different plan asks first, and the plan kept aside comes back', async () => {
  const sender = await freshPage();
  await sender.app.open(t.server.url);
  await loadTemplate(sender.page, 'cafe-pilot');
  await openMenu(sender.page);
  await sender.page.getByTestId('copy-link').click();
  const link = await sender.page.getByTestId('share-link').inputValue();
  const theirs = await sender.page.getByTestId('f-name').inputValue();
  await sender.close();

  const { page, app, close } = await freshPage();
  await app.open(t.server.url);
  await app.fill('f-name', 'My own plan');
  await page.goto('about:blank');
  await page.goto(link);
  await app.ready();
  const prompt = page.getByTestId('link-prompt');
  assert.match(await prompt.innerText(), new RegExp(`“${theirs}”[\\s\\S]*“My own plan”`));
  assert.equal(await page.getByTestId('f-name').inputValue(), 'My own plan');
  await page.getByTestId('open-linked').click();
  assert.equal(await page.getByTestId('f-name').inputValue(), theirs);
  assert.equal(await savedPlanName(page), theirs);
  assert.deepEqual((await app.keptPlans()).map((e) => [e.kind, e.name]), [['aside', 'My own plan']]);
  await (await app.keptEntry('My own plan')).getByTestId('open-entry').click();
  assert.equal(await page.getByTestId('f-name').inputValue(), 'My own plan');
  assert.equal(await savedPlanName(page), 'My own plan');
  assert.deepEqual(
    (await app.keptPlans()).map((e) => e.name),
    [theirs],
    'opening a kept plan keeps the one it replaces',
  );
  await close();
});

test('a corrupted link shows a message and the earlier plan stays', async () => {
  const { page, app, close } = await freshPage();
  await app.open(t.server.url);
  await app.fill('f-name', 'Earlier plan');
  await app.fill('f-baseline-units', '2500');
  const before = await figures(page);
  const link = `${t.server.url}#plan=v2.7ZRNb9MwGMe_iuVzVdlx3njbDdBuTEi7AEKaOtBNSUoaJ%%`;

  // Pasted into the address bar of the open page (no reload).
  await page.goto(link);
  const error = page.getByTestId('link-error');
  await error.waitFor();
  assert.match(await error.innerText(), /This link could not be opened\. This link is damaged: .*Your own plan is unchanged\./s);
  assert.deepEqual(await figures(page), before);

  // Opened from scratch.
  await page.goto('about:blank');
  await page.goto(`${t.server.url}#plan=v1.${'A'.repeat(70000)}`);
  await app.ready();
  assert.match(await page.getByTestId('link-error').innerText(), /too long to open/);
  assert.deepEqual(await figures(page), before);
  assert.equal(await savedPlanName(page), 'Earlier plan');
  assert.equal(new URL(page.url()).hash, '');
  await page.reload();
  await app.ready();
  assert.equal(await page.getByTestId('link-error').count(), 0);
  assert.deepEqual(await figures(page), before);
  await close();
});

test('a read-only link opens on the results, and "Make my own copy" asks before replacing', async () => {
  const sender = await freshPage();
  await sender.app.open(t.server.url);
  await loadTemplate(sender.page, 'voiceassist');
  await openMenu(sender.page);
  await sender.page.getByTestId('copy-view-link').click();
  const link = await sender.page.getByTestId('share-link').inputValue();
  assert.match(link, /#view=v2\./);
  const sent = await figures(sender.page);
  await sender.close();

  const { page, app, close } = await freshPage();
  await app.open(t.server.url);
  await app.fill('f-name', 'Mine');
  await page.goto('about:blank');
  await page.goto(link);
  await page.getByTestId('read-only-view').waitFor();
  assert.equal(await page.getByTestId('plan-name').innerText(), sent.name);
  assert.equal(await page.getByTestId('f-baseline-units').count(), 0, 'inputs hidden');
  assert.equal(await page.getByTestId('share-menu').count(), 0);
  assert.equal((await page.getByTestId('app-instances').innerText()).trim(), sent.instances);
  assert.equal((await page.getByTestId('total-cost').innerText()).trim(), sent.cost);
  assert.equal(await savedPlanName(page), 'Mine', 'viewing saves nothing');
  await page.reload();
  await page.getByTestId('read-only-view').waitFor();

  await page.getByTestId('make-copy').click();
  assert.match(await page.getByTestId('copy-prompt').innerText(), /“Mine”/);
  await page.getByTestId('confirm-copy').click();
  await app.ready();
  assert.deepEqual(await figures(page), sent);
  assert.equal(await savedPlanName(page), sent.name);
  assert.deepEqual((await app.keptPlans()).map((e) => [e.kind, e.plan.name]), [['aside', 'Mine']]);
  await close();
});

test('a link opens on the scenario and month the sender had on show', async () => {
  const sender = await freshPage();
  await sender.app.open(t.server.url);
  await loadTemplate(sender.page, 'supabase-redis');
  await sender.page.locator('label[for="scenario-pick-2"]').click();
  await sender.page.getByTestId('month-slider').fill('7');
  assert.match(await sender.page.getByTestId('month-label').innerText(), /Month 7 of/);
  await openMenu(sender.page);
  await sender.page.getByTestId('copy-view-link').click();
  const viewLink = await sender.page.getByTestId('share-link').inputValue();
  assert.ok(viewLink.endsWith('&scenario=2&month=7'), viewLink);
  await sender.page.getByTestId('copy-link').click();
  await sender.page.waitForFunction(
    () => document.querySelector('[data-testid="share-link"]').value.includes('#plan='),
  );
  const editLink = await sender.page.getByTestId('share-link').inputValue();
  assert.ok(editLink.includes('#plan=v2.') && editLink.endsWith('&scenario=2&month=7'), editLink);
  const sent = (await sender.page.getByTestId('app-instances').innerText()).trim();
  await sender.close();

  for (const link of [viewLink, editLink]) {
    const { page, close } = await freshPage();
    await page.goto(link);
    await page.getByTestId('month-label').waitFor();
    assert.ok(await page.getByTestId('scenario-2').isChecked(), `${link.slice(-30)}: the third scenario`);
    assert.match(await page.getByTestId('month-label').innerText(), /Month 7 of/);
    assert.equal((await page.getByTestId('app-instances').innerText()).trim(), sent);
    if (link === viewLink) {
      assert.match(await page.getByTestId('assumptions').innerText(), /Assumptions[\s\S]*Today[\s\S]*Prices/);
    }
    await close();
  }
});

test('deployment configs download for the chosen scenario and month', async () => {
  const { page, app, close } = await freshPage();
  await app.open(t.server.url);
  await loadTemplate(page, 'semantic-text');
  await openMenu(page);
  await page.getByTestId('export-scenario').selectOption('1');
  await page.getByTestId('export-month').selectOption('6');
  const [compose] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download-compose').click(),
  ]);
  assert.match(compose.suggestedFilename(), /-2027-\d\d\.compose\.yaml$|\.compose\.yaml$/);
  const composeText = await readFile(await compose.path(), 'utf8');
  assert.match(composeText, /^# Docker Compose file generated by Headroom\n/);
  assert.match(composeText, /\(month 6\)\n/);
  assert.match(composeText, /\n  app:\n/);
  assert.match(composeText, /replicas: \d+\n/);
  const [k8s] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download-k8s').click(),
  ]);
  const k8sText = await readFile(await k8s.path(), 'utf8');
  assert.match(k8sText, /kind: HorizontalPodAutoscaler/);
  assert.match(k8sText, /apiVersion: autoscaling\/v2/);
  await page.getByTestId('copy-k8s').click();
  await page.getByTestId('share-status').filter({ hasText: 'Kubernetes configuration copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), k8sText);
  await close();
});

test('downloaded deployment files apply as they are: Compose and Kubernetes schemas and the conventions check', async () => {
  // The checks of scripts/validate-exports.sh, on what the app downloads. The list of images
  // the exports may name is written from the Rust list by the samples example.
  const target = process.env.CARGO_TARGET_DIR ?? 'target';
  const samples = join(target, 'export-samples');
  const images = join(samples, 'known-images.txt');
  try {
    await readFile(images);
  } catch {
    execFileSync('cargo', ['run', '--quiet', '-p', 'headroom-core', '--example', 'export_samples', '--', samples]);
  }
  const venv = '.tools/venv/bin';
  const { page, app, close } = await freshPage();
  await app.open(t.server.url);
  // The café pilot runs GPU voice nodes; VoiceAssist's plan asks autoscalers for 100 % (the
  // files aim at 90 %).
  for (const [template, name, gpu] of [['cafe-pilot', /^cafe-voice-pilot-/, true], ['voiceassist', /^voiceassist-/, false]]) {
    await loadTemplate(page, template);
    await openMenu(page);
    // The plan's last month: the largest fleet of the plan.
    const months = page.getByTestId('export-month').locator('option');
    await page.getByTestId('export-month').selectOption(await months.last().getAttribute('value'));
    const dir = await mkdtemp(join(tmpdir(), `headroom-${template}-`));
    const files = {};
    for (const [kind, suffix] of [['compose', '.compose.yaml'], ['k8s', '.k8s.yaml'], ['helm', '.helm-values.yaml']]) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId(`download-${kind}`).click(),
      ]);
      const file = download.suggestedFilename();
      assert.ok(file.endsWith(suffix), `${template}: ${file}`);
      assert.match(file, name, `${template}: the plan's name, accents folded`);
      files[kind] = join(dir, file);
      await download.saveAs(files[kind]);
    }
    const compose = await readFile(files.compose, 'utf8');
    assert.match(compose, /\nx-headroom:\n/);
    const k8s = await readFile(files.k8s, 'utf8');
    const helm = await readFile(files.helm, 'utf8');
    if (gpu) {
      assert.match(compose, /driver: nvidia/, `${template}: a GPU voice service`);
      assert.match(k8s, /nvidia\.com\/gpu/, `${template}: a GPU voice Deployment`);
      assert.match(helm, /\nvoiceGpu:\n/);
    } else {
      assert.match(k8s, /averageUtilization: 90\n/, `${template}: the autoscaler aims below 100 %`);
    }
    execFileSync(`${venv}/check-jsonschema`, ['--builtin-schema', 'vendor.compose-spec', files.compose]);
    execFileSync(`${venv}/kubernetes-validate`, ['--strict', '--quiet', '-k', '1.30.0', files.k8s]);
    execFileSync(`${venv}/python3`, ['scripts/validate_exports.py', '--downloaded', dir, images]);
    await page.keyboard.press('Escape');
  }
  await close();
});
