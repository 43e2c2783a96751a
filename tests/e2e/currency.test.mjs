// End to end: a plan priced in euros, in the release build served from /headroom/. The
// currency is chosen by keyboard in the Policies tab; the cards and the cost table show it,
// a reload keeps it, and a share link carries it to another machine.
// Fails on any console error or failed request (see harness.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './harness.mjs';
import { HeadroomPage } from './page.mjs';

const t = useBrowser();

async function freshPage() {
  const opened = await t.fresh();
  await opened.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(t.server.url).origin,
  });
  return opened;
}

/** The total-cost card, the cost table's first total and its note. */
async function costs(page) {
  const app = new HeadroomPage(page);
  await app.settled();
  await page.getByTestId('table-tab-cost').click();
  const table = page.getByTestId('table-cost');
  return {
    card: await app.text('total-cost'),
    note: (await page.getByTestId('table-note-cost').innerText()).trim(),
    header: (await table.locator('thead').innerText()).replace(/\s+/g, ' '),
    total: (await table.locator('tr[data-month="1"]').innerText()).replace(/\s+/g, ' '),
  };
}

test('a plan priced in euros shows € everywhere, after a reload and through a share link', async () => {
  const { page, app, done } = await freshPage();
  await app.open(t.server.url);
  assert.match((await costs(page)).card, /^\$/);

  // Chosen by keyboard: the field is labelled, says that nothing is converted, and takes the
  // arrow keys like any other choice.
  await app.tab('policies');
  const choice = page.getByLabel('Currency');
  await choice.waitFor();
  assert.match(
    await page.getByTestId('f-currency').getAttribute('aria-describedby'),
    /f-currency-hint/,
  );
  assert.match(await page.locator('#f-currency-hint').innerText(), /No conversion/);
  await choice.focus();
  await choice.selectOption('EUR');
  await app.settled();
  assert.equal(await choice.inputValue(), 'EUR');

  const euros = await costs(page);
  assert.match(euros.card, /€/);
  assert.doesNotMatch(euros.card, /\$/);
  assert.match(euros.note, /^EUR\/month, prices of /);
  assert.match(euros.header, /EUR\/month/);
  assert.match(euros.total, /€/);
  assert.doesNotMatch(euros.total, /\$/);
  assert.equal((await app.savedPlan()).plan.currency, 'EUR');

  await page.reload();
  await app.ready();
  assert.deepEqual(await costs(page), euros, 'the same after a reload');

  // The link carries the currency to another machine.
  if ((await page.getByTestId('share-panel').count()) === 0) {
    await page.getByTestId('share-menu').click();
  }
  await page.getByTestId('copy-link').click();
  await page.getByTestId('share-status').filter({ hasText: 'copied' }).waitFor();
  const link = await page.getByTestId('share-link').inputValue();
  const receiver = await freshPage();
  await receiver.page.goto(link);
  await receiver.app.ready();
  assert.deepEqual(await costs(receiver.page), euros, 'the same through a share link');
  await receiver.app.tab('policies');
  assert.equal(await receiver.page.getByLabel('Currency').inputValue(), 'EUR');
  await receiver.done();
  await done();
});
