// End to end: names a person (or a hand-made link) could use to change an export's structure
// never reach one. Every Unicode line break in a plan's name is refused at its field, and while
// it is there no export leaves the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './harness.mjs';

const t = useBrowser();

const BREAKS = {
  'line feed': '\n',
  'carriage return': '\r',
  'CR LF': '\r\n',
  'vertical tab': '\u000b',
  'form feed': '\u000c',
  'next line (U+0085)': '\u0085',
  'line separator (U+2028)': '\u2028',
  'paragraph separator (U+2029)': '\u2029',
};

test('every Unicode line break in a name is refused, and no export carries it', async () => {
  const { page, app, done } = await t.fresh({ acceptDownloads: true });
  await app.open(t.server.url);
  let downloads = 0;
  page.on('download', () => {
    downloads += 1;
  });
  for (const [what, br] of Object.entries(BREAKS)) {
    const name = `Shop${br}kind: ClusterRoleBinding`;
    // Typed text cannot hold every break (an input drops \n and \r): set it as a paste would.
    await page.getByTestId('f-name').evaluate((input, value) => {
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, name);
    await app.settled();
    const value = await page.getByTestId('f-name').inputValue();
    if (!/[\n\r]/.test(value) && /[\n\r]/.test(br)) {
      // A one-line input drops LF and CR itself: the plan's name holds no break.
      assert.ok(!/[\n\r]/.test((await app.savedPlan()).plan.name), `${what}: dropped by the input`);
      continue;
    }
    const error = page.getByTestId('field-error').first();
    await error.waitFor();
    assert.match(await error.innerText(), /name/i, `${what}: the field says why`);
    if ((await page.getByTestId('share-panel').count()) === 0) await page.getByTestId('share-menu').click();
    for (const id of ['download-compose', 'download-k8s', 'download-helm', 'download-yaml', 'download-json']) {
      await page.getByTestId(id).click();
      assert.match(
        await page.getByTestId('share-status').innerText(),
        /Fix the highlighted fields first/,
        `${what}: ${id} is refused`,
      );
    }
    await page.keyboard.press('Escape');
  }
  assert.equal(downloads, 0, 'nothing was downloaded');
  // A clean name exports again.
  await app.fill('f-name', 'Shop');
  await page.getByTestId('share-menu').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('download-k8s').click();
  const file = await download;
  const text = await (await file.createReadStream()).toArray();
  const yaml = Buffer.concat(text).toString('utf8');
  assert.ok(!/[\u0085\u2028\u2029]/.test(yaml), 'no YAML line break hides in the file');
  assert.ok(yaml.split('\n').every((line) => !line.startsWith('kind: ClusterRoleBinding')));
  await done();
});
