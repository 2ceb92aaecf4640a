// 二軸スコアカード in a real browser against the demo (today 2026-11-27, FY2026 Q3): a
// manager opens the scorecard from the navigation, sees the verdict and both axes with
// trend arrows and sparklines, and switches the quarter. The transformation figures come
// from other parts (signals, case library), so only their presence is checked, not values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, noProblems, shot, signIn, useBrowser } from './support.mjs';

useBrowser();

test('scorecard: the manager sees both axes with trends and switches the quarter', async () => {
  const page = await newPage();
  await signIn(page, 'manager');
  await page.getByRole('navigation').getByRole('link', { name: '二軸スコアカード' }).click();
  await page.getByRole('heading', { name: '二軸スコアカード', level: 1 }).waitFor();
  // The current quarter by the server's clock.
  await page.getByRole('heading', { name: /令和8年度 第3四半期の判定/ }).waitFor();
  assert.equal(await page.getByLabel(/^四半期/).inputValue(), '3');
  assert.equal(await page.getByLabel(/^年度/).inputValue(), '2026');

  const performance = page.getByRole('table', { name: '業績（短期）' });
  const transformation = page.getByRole('table', { name: '変革（長期）' });
  await performance.waitFor();
  await transformation.waitFor();
  for (const name of ['受注額', '勝率', '商談期間（中央値）']) {
    await performance.getByRole('rowheader', { name }).waitFor();
  }
  for (const name of ['データ品質', 'スコア活用', '引き継ぎSLA遵守', '事例の蓄積']) {
    await transformation.getByRole('rowheader', { name }).waitFor();
  }
  // The demo has won deals: revenue and win rate have values and a trend line each.
  const winRate = performance.locator('tr[data-metric="win_rate"]');
  assert.match(await winRate.locator('td').first().innerText(), /\d+\.\d%/);
  assert.equal(await performance.getByRole('img', { name: /の推移（8四半期）/ }).count(), 3);
  assert.equal(await transformation.getByRole('img', { name: /の推移（8四半期）/ }).count(), 4);
  // Performance trends have arrows (↑ ↓ →) labelled by whether the change is good or bad.
  const arrows = performance.locator('.trend-arrow');
  assert.ok((await arrows.count()) > 0, 'performance metrics show trend arrows');
  const arrowText = await arrows.allInnerTexts();
  assert.ok(arrowText.every((a) => ['↑', '↓', '→'].includes(a)), arrowText.join(' '));
  const labels = await arrows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  assert.ok(labels.every((l) => ['改善', '悪化', '横ばい'].includes(l)), labels.join(' '));
  // The verdict is one of the four quadrants or "not enough data".
  const verdict = await page.locator('[data-verdict]').getAttribute('data-verdict');
  assert.ok(['both_advancing', 'short_term_bias', 'transformation_lead', 'stalled', 'insufficient_data'].includes(verdict), verdict);
  await shot(page, 'transformation-scorecard');

  // Switch to Q2 of the same year: the verdict heading and figures follow.
  await page.getByLabel(/^四半期/).selectOption('2');
  await page.getByRole('heading', { name: /令和8年度 第2四半期の判定/ }).waitFor();
  await performance.locator('tr[data-metric="revenue"]').waitFor();
  await page.getByLabel(/^年度/).selectOption('2025');
  await page.getByRole('heading', { name: /令和7年度 第2四半期の判定/ }).waitFor();
  await page.context().close();
  noProblems();
});
