// 次の一手 (next best actions) on Home and the 類似団体・近い自治体 panel of a government, in a
// real browser against the demo (today 2026-11-27).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { URL, newPage, noProblems, shot, signIn, useBrowser } from './support.mjs';

useBrowser();

test('next actions: a field-sales user sees a ranked action with its reason and dismisses it', async () => {
  const page = await newPage();
  await signIn(page, 'field_sales');
  const panel = page.locator('section', { has: page.getByRole('heading', { name: '次の一手' }) }).first();
  const list = panel.getByRole('list', { name: '次の一手' });
  await list.waitFor();
  const first = list.locator('li').first();
  await first.waitFor();
  // Each action shows its reason; the first has the highest score.
  assert.match(await first.innerText(), /理由: \S+/);
  const scores = await list.locator('li .tag').allInnerTexts();
  const numbers = scores.map(Number);
  assert.deepEqual([...numbers].sort((a, b) => b - a), numbers);
  await shot(page, 'nba-home');
  const action = (await first.locator('strong').innerText()).trim();
  const key = await first.getAttribute('data-key');
  assert.ok(key);
  await first.getByRole('button', { name: `却下: ${action}` }).click();
  await first.getByLabel('却下の理由（任意）').fill('先週対応済み');
  await first.getByRole('button', { name: '却下する' }).click();
  await page.waitForFunction((k) => ![...document.querySelectorAll('ol.nba-list li')].some((li) => li.dataset.key === k), key);
  // It stays gone after a reload.
  await page.reload();
  await list.locator('li').first().waitFor();
  const keys = await list.locator('li').evaluateAll((lis) => lis.map((li) => li.dataset.key));
  assert.ok(!keys.includes(key));
  await page.context().close();
  noProblems();
});

test('similar governments: the panel lists neighbours and the adoption of a product', async () => {
  const page = await newPage();
  await signIn(page, 'field_sales');
  await page.goto(`${URL}/#/governments/132012`);
  await page.getByRole('heading', { name: '類似団体・近い自治体' }).waitFor();
  const neighbours = page.getByRole('table', { name: '近い自治体' });
  await neighbours.locator('tbody tr').first().waitFor();
  assert.ok((await neighbours.locator('tbody tr').count()) >= 5);
  // Pick products until one has adoption rows among similar governments.
  // The product picker of this panel (the page's score panel has its own 製品 column); a
  // wrapping label's name includes the chosen option, so match its start.
  const similarPanel = page.locator('section', { has: page.getByRole('heading', { name: '類似団体・近い自治体' }) });
  const select = similarPanel.getByRole('combobox', { name: /^製品/ });
  const options = await select.locator('option').evaluateAll((os) => os.map((o) => o.value));
  let found = false;
  for (const value of options) {
    await select.selectOption(value);
    const table = page.getByRole('table', { name: 'この自治体に近い団体での導入状況' });
    const empty = page.getByText('近い団体にこの製品の商談はありません');
    await Promise.race([table.locator('tbody tr').first().waitFor(), empty.waitFor()]);
    if ((await table.count()) > 0 && (await table.locator('tbody tr').count()) > 0) {
      const row = await table.locator('tbody tr').first().innerText();
      assert.match(row, /受注|失注|見送り|商談中/);
      found = true;
      break;
    }
  }
  assert.ok(found, 'some product has adoption rows among the similar governments');
  await shot(page, 'nba-similar');
  await page.context().close();
  noProblems();
});
