// 小さな実験 in a real browser against the demo (today 2026-11-27): a manager defines a
// cadence A/B experiment starting today and sees its verdict locked until the horizon;
// the demo's concluded A/B experiment shows the test used, the p-value, the CI and a verdict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, noProblems, shot, signIn, useBrowser } from './support.mjs';

useBrowser();

test('experiments: create one with a locked verdict, then read the concluded demo A/B test', async () => {
  const page = await newPage();
  await signIn(page, 'manager');
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '小さな実験' }).click();
  await page.getByRole('heading', { name: '小さな実験', level: 1 }).waitFor();
  const list = page.getByRole('table', { name: '小さな実験' });
  await list.waitFor();
  // The demo seeds a concluded cadence A/B test and a running pilot-team experiment.
  await list.locator('[data-status="concluded"]').first().waitFor();
  await list.locator('[data-status="running"]').first().waitFor();
  await shot(page, 'transformation-experiments');

  const form = page.getByRole('form', { name: '実験を作成' });
  await form.getByLabel('名称').fill('ブラウザテスト: 返信率A/B');
  await form.getByLabel('種類').selectOption('cadence_ab');
  await form.getByRole('combobox', { name: /^シーケンス/ }).selectOption({ label: '新規リード初回接触' });
  await form.getByLabel('成果指標').selectOption('replied');
  assert.equal(await form.getByLabel('開始日').inputValue(), '2026-11-27');
  await form.getByLabel('期日（判定日）').fill('2027-01-29');
  await form.getByLabel('仮説').fill('事例紹介型のメールは返信率を上げる');
  await form.getByRole('button', { name: '実験を作成' }).click();

  await page.getByRole('heading', { name: /ブラウザテスト: 返信率A\/B/, level: 1 }).waitFor();
  const verdict = page.locator('section[data-verdict]');
  await verdict.getByText('判定は期日 2027-01-29 まで保留').waitFor();
  assert.equal(await verdict.getAttribute('data-verdict'), 'pending');
  assert.match(await verdict.locator('[data-countdown]').innerText(), /期日まであと\s*63\s*日/);
  assert.equal(await verdict.locator('[data-figure="p-value"]').count(), 0, 'no p-value before the horizon');
  await page.getByText('開始後は期日・成果指標・対象を変更できません').waitFor();

  // The demo's concluded A/B experiment.
  await page.getByRole('link', { name: /実験一覧へ/ }).click();
  await page.getByRole('link', { name: /初回メールA\/B/ }).click();
  await page.getByRole('heading', { name: /初回メールA\/B/, level: 1 }).waitFor();
  const concluded = page.locator('section[data-verdict]');
  await concluded.locator('[data-test]').waitFor();
  const testName = await concluded.locator('[data-test]').getAttribute('data-test');
  assert.ok(['two_proportion_z', 'fisher_exact'].includes(testName), testName);
  const p = await concluded.locator('[data-figure="p-value"]').innerText();
  assert.match(p, /^(< 0\.0001|[01]\.\d{4})/);
  assert.ok(['significant', 'not_significant'].includes(await concluded.getAttribute('data-verdict')));
  await concluded.getByText(/95%信頼区間/).waitFor();
  const arms = page.getByRole('table', { name: '群' });
  await arms.locator('tr[data-arm="A"]').waitFor();
  await arms.locator('tr[data-arm="B"]').waitFor();
  await shot(page, 'transformation-experiment-result');
  await page.context().close();
  noProblems();
});
