// End to end: nothing the person has is lost — My plans, two tabs, a full and a blocked
// storage, a page framed by another site — and the menus reachable on a phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './harness.mjs';
import { HeadroomPage } from './page.mjs';

const t = useBrowser();

/** Fills this origin's storage with junk until not one more character fits. */
async function fillStorage(page) {
  await page.evaluate(() => {
    let n = 0;
    for (const size of [256 * 1024, 16 * 1024, 1024, 64, 8, 1]) {
      const chunk = 'x'.repeat(size);
      for (;;) {
        try {
          localStorage.setItem(`junk.${n}`, chunk);
          n += 1;
        } catch {
          break;
        }
      }
    }
  });
}

async function emptyJunk(page) {
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('junk.')) localStorage.removeItem(key);
  });
}

async function loadTemplate(app, id) {
  await app.page.getByTestId('template').selectOption(id);
  await app.page.getByTestId('load-template').click();
  await app.settled();
}

test('a template keeps the plan it replaces in My plans, where it opens, is renamed, duplicated and deleted (undoably)', async () => {
  const { page, app, done } = await t.fresh();
  await app.open(t.server.url);
  await app.fill('f-name', 'Budget 2027');
  await loadTemplate(app, 'cafe-pilot');
  assert.match(await app.text('notice'), /Your plan “Budget 2027” is kept in My plans/);
  await page.reload();
  await app.ready();
  assert.deepEqual((await app.keptPlans()).map((e) => [e.kind, e.name]), [['aside', 'Budget 2027']], 'kept across a reload');

  const entry = await app.keptEntry('Budget 2027');
  await entry.getByTestId('rename-entry').click();
  const rename = page.getByTestId('rename-input');
  assert.equal(await rename.evaluate((el) => el === document.activeElement), true, 'the name field has the focus');
  await rename.fill('Budget 2027, board version');
  await rename.press('Enter');
  assert.equal((await app.keptPlans())[0].plan.name, 'Budget 2027, board version', 'the plan inside is renamed too');

  await (await app.keptEntry('Budget 2027, board version')).getByTestId('duplicate-entry').click();
  assert.deepEqual((await app.keptPlans()).map((e) => e.name), [
    'Budget 2027, board version (copy)',
    'Budget 2027, board version',
  ]);
  await (await app.keptEntry('Budget 2027, board version (copy)')).getByTestId('delete-entry').click();
  assert.match(await app.text('plans-status'), /Deleted/);
  assert.equal((await app.keptPlans()).length, 1);
  await page.getByTestId('undo-delete').click();
  assert.equal((await app.keptPlans()).length, 2, 'undo brings the deleted plan back');

  const cafe = await page.getByTestId('f-name').inputValue();
  await (await app.keptEntry('Budget 2027, board version')).getByTestId('open-entry').click();
  assert.equal(await page.getByTestId('f-name').inputValue(), 'Budget 2027, board version');
  assert.ok((await app.keptPlans()).some((e) => e.name === cafe), 'the café plan it replaced is kept');
  await done();
});

test('two tabs: a save in one is followed in the other, and nothing either had is lost', async () => {
  const { context, page, app, done } = await t.fresh();
  await app.open(t.server.url);
  await app.fill('f-name', 'Shared plan');
  const other = await context.newPage();
  const otherApp = new HeadroomPage(other);
  await otherApp.open(t.server.url);
  assert.equal(await other.getByTestId('f-name').inputValue(), 'Shared plan');

  await otherApp.fill('f-baseline-units', '4321');
  await page.waitForFunction(() => document.querySelector('[data-testid="f-baseline-units"]').value === '4321');
  assert.match(await app.text('share-notice'), /Another tab changed this plan/);

  // A template in the first tab: the second follows, and the plan both had is in My plans.
  await loadTemplate(app, 'voiceassist');
  const template = await page.getByTestId('f-name').inputValue();
  await other.waitForFunction(
    (name) => document.querySelector('[data-testid="f-name"]').value === name,
    template,
  );
  const kept = await otherApp.keptPlans();
  assert.deepEqual(kept.map((e) => [e.name, e.plan.baseline.units]), [['Shared plan', 4321]]);
  await other.getByTestId('plans-menu').click();
  assert.equal(await other.getByTestId('plans-count').innerText(), '1');
  await other.close();
  await done();
});

test('a full storage: the failed save is said at once, a replacement is refused, and saving resumes once there is room', async () => {
  const { page, app, done } = await t.fresh();
  await app.open(t.server.url);
  await app.fill('f-name', 'Nearly full');
  await fillStorage(page);
  // A save that needs more room than the plan had (an equal-sized one still fits).
  await app.fill('f-name', 'Nearly full, now with a longer name');
  const alert = page.getByTestId('save-problem');
  await alert.waitFor();
  assert.match(await alert.innerText(), /Not saved[\s\S]*storage is full/);
  assert.equal(await page.getByTestId('f-name').inputValue(), 'Nearly full, now with a longer name', 'what is on screen stays');

  await loadTemplate(app, 'cafe-pilot');
  assert.match(await app.text('notice'), /Nothing was changed[\s\S]*storage is full/);
  assert.equal(await page.getByTestId('f-name').inputValue(), 'Nearly full, now with a longer name', 'the plan was not replaced');

  await emptyJunk(page);
  await page.getByTestId('retry-save').click();
  await app.settled();
  assert.equal(await page.getByTestId('save-problem').count(), 0);
  assert.equal((await app.savedPlan()).plan.name, 'Nearly full, now with a longer name');
  await done();
});

test('an unreadable saved plan is never overwritten, even when there is no room to move it', async () => {
  const { page, app, done } = await t.fresh();
  await app.open(t.server.url);
  // The page saves its starting plan once it is idle: wait for that save, or it could land
  // on the damaged text below before the reload (on a loaded machine it came late).
  await page.waitForFunction(() => localStorage.getItem('headroom.plan') !== null);
  const damaged = '{"headroom_plan":99,"plan":{"name":"From the future"}}';
  await page.evaluate((text) => localStorage.setItem('headroom.plan', text), damaged);
  await fillStorage(page);
  await page.reload();
  await app.ready();
  const held = page.getByTestId('save-held');
  await held.waitFor();
  assert.match(await held.innerText(), /not being saved[\s\S]*newer version/);
  await app.fill('f-baseline-units', '777');
  assert.equal(await page.evaluate(() => localStorage.getItem('headroom.plan')), damaged, 'left as it was');

  await emptyJunk(page);
  const download = page.waitForEvent('download');
  await page.getByTestId('download-held').click();
  assert.equal((await download).suggestedFilename(), 'headroom-unreadable-plan.txt');
  await page.getByTestId('discard-held').click();
  await app.settled();
  assert.equal(await page.getByTestId('save-held').count(), 0);
  assert.equal((await app.savedPlan()).plan.baseline.units, 777, 'the edits are saved once it is discarded');
  await done();
});

test('a blocked storage: the page works and says at once that nothing is saved', async () => {
  const { context, page, app, done } = await t.fresh();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await app.open(t.server.url);
  const alert = page.getByTestId('save-problem');
  await alert.waitFor();
  assert.match(await alert.innerText(), /does not let Headroom save/);
  await app.fill('f-baseline-units', '3000');
  assert.equal(await page.getByTestId('f-baseline-units').inputValue(), '3000');
  await loadTemplate(app, 'cafe-pilot');
  assert.match(await app.text('notice'), /Undo \(Ctrl\+Z\) brings your plan back/);
  await done();
});

test('inside another site\'s frame the page edits and saves nothing, and shows no plan of this browser', async () => {
  const { page, app, done } = await t.fresh();
  await app.open(t.server.url);
  await app.fill('f-name', 'My private plan');
  const before = await page.evaluate(() => JSON.stringify(localStorage));
  // Another page frames Headroom (same server, so the test can look inside the frame).
  await page.setContent(`<iframe src="${t.server.url}" width="900" height="700" title="framed"></iframe>`);
  const frame = page.frameLocator('iframe');
  await frame.getByTestId('framed-notice').waitFor();
  assert.equal(await frame.getByTestId('f-name').count(), 0, 'no inputs');
  assert.equal(await frame.getByTestId('make-copy').count(), 0);
  assert.notEqual(await frame.getByTestId('plan-name').innerText(), 'My private plan');
  assert.equal(await page.evaluate(() => JSON.stringify(localStorage)).catch(() => before), before);
  await done();
});

test('on a phone the Share & export and My plans menus open inside the screen', async () => {
  const { page, app, done } = await t.fresh({ viewport: { width: 390, height: 844 } });
  await app.open(t.server.url);
  for (const [toggle, panel, action] of [
    ['share-menu', 'share-panel', 'copy-link'],
    ['plans-menu', 'plans-panel', 'save-copy'],
  ]) {
    await page.getByTestId(toggle).click();
    const box = await page.getByTestId(panel).boundingBox();
    assert.ok(box.x >= 0, `${panel} starts inside the screen (x = ${box.x})`);
    assert.ok(box.x + box.width <= 390, `${panel} ends inside the screen (right = ${box.x + box.width})`);
    // A real click (not forced) lands only when the button is on screen and on top.
    await page.getByTestId(action).click({ trial: true });
    await page.keyboard.press('Escape');
  }
  await page.getByTestId('share-menu').click();
  for (const id of ['copy-link', 'download-yaml', 'open-file']) {
    await page.getByTestId(id).click({ trial: true });
  }
  await done();
});

test('printing keeps the headline figures, the plan name and its assumptions', async () => {
  const { page, app, done } = await t.fresh();
  await app.open(t.server.url);
  await app.fill('f-name', 'Printed plan');
  await page.emulateMedia({ media: 'print' });
  // What the browser does before it takes the print snapshot (Ctrl+P or the page's button).
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.ok(await page.getByTestId('app-instances').isVisible(), 'the card figure prints');
  assert.match(await page.getByTestId('print-heading').innerText(), /Printed plan[\s\S]*months[\s\S]*Traffic/);
  await page.emulateMedia({ media: 'screen' });
  await done();
});
