// 売上予測 in a real browser against the demo (today 2026-11-27): the P10–P90 interval is
// drawn, the probability source is named, the backtest table is there, and a manager's
// adjustment appears as 調整後 beside the model's P50, which it does not replace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, noProblems, shot, signIn, useBrowser } from './support.mjs';

useBrowser();

test('forecast: interval, source, backtest, and an adjustment shown beside the model figures', async () => {
  const page = await newPage();
  await signIn(page, 'manager');
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '売上予測' }).click();
  await page.getByRole('heading', { name: '売上予測', level: 1 }).waitFor();
  // This fiscal year's panel with its interval drawing (an image named by P10/P90/P50).
  const panel = page.locator('section.panel', { has: page.getByRole('heading', { name: /^(令和8年度|2026年度)$/, level: 2 }) });
  await panel.waitFor();
  const interval = panel.getByRole('img', { name: /予測区間: P10 .* – P90 .*、P50/ });
  await interval.waitFor();
  // Probabilities come from the models' DealScorer; the small demo has under 200 won deals,
  // so it is the models' rule-based score (not the forecast's own stage-only baseline).
  const source = page.locator('strong[data-source]').first();
  assert.equal(await source.getAttribute('data-source'), 'rules');
  assert.equal(await source.innerText(), 'ルール');
  await page.getByRole('heading', { name: 'バックテスト（誤差）' }).waitFor();

  const modelBefore = await panel.locator('[data-figure="model-p50"]').innerText();
  const adjustedBefore = await panel.locator('[data-figure="adjusted"]').innerText();
  assert.equal(adjustedBefore, modelBefore, 'no adjustment yet: 調整後 equals the model');

  const form = page.getByRole('form', { name: '調整を追加' });
  await form.getByLabel('年度').selectOption('2026');
  await form.getByLabel('種類').selectOption('delta');
  await form.getByLabel('金額（円）').fill('12000000');
  await form.getByLabel('理由').fill('ブラウザテスト: 大型案件の確度を反映');
  await form.getByRole('button', { name: '調整を追加' }).click();
  await page.getByRole('list', { name: 'マネージャー調整' }).getByText('ブラウザテスト: 大型案件の確度を反映').waitFor();
  await page.waitForFunction(
    (before) => {
      const el = document.querySelector('[data-figure="adjusted"]');
      return el && el.textContent !== before;
    },
    adjustedBefore,
  );
  // The model's P50 is unchanged; the adjusted figure is shown beside it.
  assert.equal(await panel.locator('[data-figure="model-p50"]').innerText(), modelBefore);
  assert.notEqual(await panel.locator('[data-figure="adjusted"]').innerText(), modelBefore);
  await shot(page, 'forecast');

  // Withdraw it again so later tests see the demo as it was.
  await page.getByRole('button', { name: '取り消す ブラウザテスト: 大型案件の確度を反映' }).click();
  await page.waitForFunction(
    (before) => document.querySelector('[data-figure="adjusted"]')?.textContent === before,
    modelBefore,
  );
  await page.context().close();
  noProblems();
});
