// Scores of the models on the deal, government and lead pages, and the モデル管理 page with
// its 再学習 button, in a real browser against the small demo (too little history for the
// deal-win model: the 受注確度 comes from the rules and says so).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { URL, newPage, noProblems, shot, signIn, useBrowser } from './support.mjs';

useBrowser();

test('models: 受注確度 with its source and factors on a deal, 製品別の導入見込み on a government', async () => {
  const page = await newPage();
  await signIn(page, 'manager');
  await page.goto(`${URL}/#/deals/1`);
  const panel = page.getByRole('region', { name: '受注確度' });
  await panel.waitFor();
  await panel.getByText(/%/).first().waitFor();
  const text = await panel.innerText();
  assert.match(text, /ルール|モデル/);
  await shot(page, 'deal-score');
  await page.goto(`${URL}/#/governments/131016`);
  const gov = page.getByRole('region', { name: '製品別の導入見込み' });
  await gov.waitFor();
  await gov.getByRole('table').waitFor();
  assert.ok((await gov.getByRole('row').count()) > 1);
  await page.context().close();
  noProblems();
});

test('models: a manager sees the registry and retrains with progress', async () => {
  const page = await newPage();
  await signIn(page, 'manager');
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'モデル管理' }).click();
  await page.getByRole('heading', { name: 'モデル管理', level: 1 }).waitFor();
  await page.getByRole('button', { name: '再学習' }).click();
  const results = page.getByRole('list', { name: '学習結果' });
  await results.waitFor({ timeout: 120000 });
  assert.match(await results.innerText(), /deal_win/);
  await page.getByRole('table').waitFor();
  await shot(page, 'models-registry');
  await page.context().close();
  noProblems();
});
