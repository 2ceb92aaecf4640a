// 変革診断 in a real browser against the demo (today 2026-11-27): the manager sees the
// demo's diagnosis, answers a few questions of the questionnaire, submits and sees the
// report with self-assessed against measured levels; field sales read it but cannot submit.
// Figures come from the data, so the test checks their shape, not their values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { URL, newPage, noProblems, shot, signIn, useBrowser } from './support.mjs';

useBrowser();

test('diagnosis: the manager answers, submits and sees self-assessed against measured levels', async () => {
  const page = await newPage();
  await signIn(page, 'manager');
  await page.goto(`${URL}/#/diagnosis`);
  await page.getByRole('heading', { name: /変革診断/, level: 1 }).waitFor();
  const report = page.getByTestId('diagnosis-report');
  await report.waitFor();
  const before = await page.evaluate(async () => (await (await fetch('/api/transformation/diagnosis')).json()).assessment.id);

  // Answer a few questions in three dimensions.
  const form = page.getByRole('form', { name: '設問（自己評価）' });
  await form.locator('[data-question="data.same_day_logging"] input[value="3"]').check();
  await form.locator('[data-question="data.deal_fields"] input[value="4"]').check();
  await form.locator('[data-question="ai.scores_used"] input[value="2"]').check();
  await form.locator('[data-question="ai.next_actions"] input[value="1"]').check();
  await form.locator('[data-question="learning.small_experiments"] input[value="3"]').check();
  await form.getByLabel('メモ', { exact: true }).fill('ブラウザテストの回答');
  await form.locator('fieldset[data-dimension="data"]').scrollIntoViewIfNeeded();
  await shot(page, 'transformation-diagnosis-questionnaire');
  await form.getByRole('button', { name: '回答を登録' }).click();
  await page.getByText('回答を登録しました').waitFor();
  await page.getByText('「ブラウザテストの回答」').waitFor();
  const after = await page.evaluate(async () => (await (await fetch('/api/transformation/diagnosis')).json()));
  assert.ok(after.assessment.id > before, `a new assessment (${before} → ${after.assessment.id})`);
  assert.equal(after.assessment.assessed_on, '2026-11-27');

  // Five dimensions, each with a self-assessed and a measured bar; the signals with counts.
  const rows = report.getByRole('table', { name: '診断結果' }).locator('tbody tr');
  assert.equal(await rows.count(), 5);
  const data = report.locator('tr[data-dimension="data"]');
  await data.getByLabel(/^自己評価 \d$/).waitFor();
  await data.getByLabel(/^データ [\d—]$/).waitFor();
  await report.locator('tr[data-dimension="learning_culture"]').getByText('データでは測れない').waitFor();
  const signals = report.getByRole('table', { name: '計測シグナル' });
  await signals.locator('tr[data-signal="same_day_logging"]').getByText(/\d[\d,]* \/ \d[\d,]*/).waitFor();
  assert.equal(await signals.locator('tbody tr').count(), 5);
  assert.ok((await report.locator('.diagnosis-findings li').count()) === 5);
  await page.getByRole('img', { name: '自己評価とデータの比較（レーダー）' }).waitFor();
  // A disagreement is flagged somewhere when the self-assessment says 1–2 on AI and data says otherwise,
  // or agrees: every finding carries a verdict badge.
  assert.equal(await report.locator('.diagnosis-findings li [data-severity]').count(), 5);
  await report.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(page, 'transformation-diagnosis-report');
  await page.context().close();
  noProblems();
});

test('diagnosis: field sales read the report but cannot submit', async () => {
  const page = await newPage();
  await signIn(page, 'field_sales');
  await page.goto(`${URL}/#/diagnosis`);
  await page.getByTestId('diagnosis-report').waitFor();
  await page.getByText('回答の登録はマネージャーと管理者のみ可能です。').waitFor();
  assert.equal(await page.getByRole('button', { name: '回答を登録' }).count(), 0);
  assert.ok(await page.locator('[data-question="data.same_day_logging"] input[value="3"]').isDisabled());
  await page.context().close();
  noProblems();
});
