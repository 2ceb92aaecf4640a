// メモ分析 in a real browser against the demo (today 2026-11-27; no LLM configured):
// field sales pastes a note and sees budget signals with polarity, next steps with
// resolved dates, keywords and policy tags; a deal page shows the analysis of its
// activities; the 要約 / フォローメール下書き buttons stay hidden without an LLM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { URL, newPage, noProblems, shot, signIn, useBrowser } from './support.mjs';

useBrowser();

test('notes: a pasted note is analysed with dates, budget polarity and tags', async () => {
  const page = await newPage();
  await signIn(page, 'field_sales');
  await page.getByRole('navigation').getByRole('link', { name: 'メモ分析' }).click();
  await page.getByRole('heading', { name: 'メモ分析', level: 1 }).waitFor();
  await page
    .getByLabel('メモ', { exact: true })
    .fill('防災課長と面談。今年度は予算がないが、来年度要求する方向で検討します。次回は来週訪問予定。避難所の運営も話題に。');
  await page.getByLabel('メモの日付').fill('2026-11-20');
  await page.getByRole('button', { name: '分析する' }).click();
  await page.getByRole('heading', { name: /予算シグナル/ }).waitFor();
  // 予算がない (否定的) then 来年度要求 (前向き): the overall signal is positive.
  const budget = page.getByRole('list', { name: '予算シグナル' });
  await budget.locator('strong', { hasText: '予算がない' }).waitFor();
  assert.equal(await page.locator('h3 [data-polarity]').getAttribute('data-polarity'), 'positive');
  assert.equal(await budget.locator('[data-polarity="negative"]').count(), 1);
  // 来週 from Friday 2026-11-20: Monday 11-23 .. Friday 11-27.
  const steps = page.getByRole('list', { name: '次のステップ' });
  await steps.getByText('次回は来週訪問予定。').waitFor();
  assert.equal(await steps.locator('time[datetime="2026-11-23"]').count(), 1);
  await page.getByRole('list', { name: '政策分野タグ' }).getByText('防災').waitFor();
  await page.getByRole('heading', { name: 'キーワード' }).waitFor();
  // No LLM configured: no 要約 button.
  assert.equal(await page.getByRole('button', { name: '要約' }).count(), 0);
  await shot(page, 'notes-paste');
  await page.context().close();
  noProblems();
});

test('notes: the deal page shows メモ分析 of its activities, for every sales role', async () => {
  const page = await newPage();
  await signIn(page, 'inside_sales');
  await page.goto(`${URL}/#/`);
  const dealId = await page.evaluate(async () => {
    const deals = await (await fetch('/api/deals?limit=1')).json();
    return deals.items.length ? deals.items[0].id : null;
  });
  assert.ok(dealId, 'no deal visible to inside sales in the demo');
  await page.goto(`${URL}/#/deals/${dealId}`);
  const panel = page.getByRole('region', { name: 'メモ分析' });
  await panel.waitFor();
  await panel.getByRole('heading', { name: /予算シグナル/ }).waitFor();
  await panel.getByRole('heading', { name: '次のステップ' }).waitFor();
  assert.equal(await panel.getByRole('button', { name: 'フォローメール下書き' }).count(), 0);
  await shot(page, 'notes-deal');
  await page.context().close();
  for (const role of ['bdr', 'customer_success', 'manager']) {
    const p = await newPage();
    await signIn(p, role);
    await p.getByRole('navigation').getByRole('link', { name: 'メモ分析' }).waitFor();
    await p.context().close();
  }
  noProblems();
});
