// Browser test: tender notices (入札公告, docs/intel.md). A manager imports the committed
// 官公需 search-API sample (tests/data/intel/kkj_sample.xml) through the screen's import
// form, finds 三春町's notice with its matched product and terms, links the ambiguous
// 府中市 notice from the 要確認 queue to 東京都府中市 with the government picker, then sees
// 三春町's notices on its government page and the award result (落札実績) of 桐生市 in
// its competitors panel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { URL, newPage, noProblems, shot, signIn, useBrowser } from './support.mjs';

useBrowser();

const SAMPLE = path.join(path.dirname(new globalThis.URL(import.meta.url).pathname), '..', 'data', 'intel', 'kkj_sample.xml');

test('notices: import the kkj sample, review the queue, see notices and competitors on the government pages', async () => {
  const page = await newPage();
  await signIn(page, 'manager');
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '入札公告' }).click();
  await page.getByRole('heading', { name: '入札公告', level: 1 }).waitFor();

  // Import through the form: format 官公需 XML (kkj), the sample file.
  const form = page.getByRole('form', { name: '公告を取り込む' });
  await form.getByLabel('形式').selectOption('kkj');
  await form.getByLabel('ファイル').setInputFiles(SAMPLE);
  await form.getByRole('button', { name: '公告を取り込む' }).click();
  const status = form.getByRole('status');
  await status.waitFor();
  // 5 read, 5 new, 4 linked (三春町 and 桐生市 by code, 広島県府中市 and 倶知安町 by name), 1 queued.
  const summary = await status.innerText();
  assert.match(summary, /取り込み件数: 5/, summary);
  assert.match(summary, /新規 5/, summary);
  assert.match(summary, /紐付け済み 4/, summary);
  assert.match(summary, /要確認 1/, summary);

  // 三春町's notice: linked to the government, its matched product and the matched terms marked.
  const list = page.getByRole('list', { name: '入札公告' });
  const miharu = list.getByRole('listitem').filter({ hasText: '三春町防災情報配信システム構築業務委託' });
  await miharu.waitFor();
  await miharu.getByRole('link', { name: '三春町' }).waitFor();
  const matches = miharu.getByRole('list', { name: '一致した製品' });
  await matches.waitFor();
  assert.match(await matches.innerText(), /防災情報配信システム/);
  const marks = await miharu.locator('h3 mark').allTextContents();
  assert.ok(marks.length > 0, 'matched terms are marked in the title');
  // The award result of 桐生市 shows its winner.
  await list.getByRole('listitem').filter({ hasText: '落札者: 上毛通信工業株式会社' }).waitFor();
  await shot(page, '50-notices-list');

  // The 要確認 queue holds the 府中市 notice with no prefecture (東京都 or 広島県?).
  await page.getByRole('tab', { name: '要確認' }).click();
  const queue = page.getByRole('list', { name: '要確認' });
  const queued = queue.getByRole('listitem').filter({ hasText: '避難所運営支援システム導入業務' });
  await queued.waitFor();
  assert.match(await queued.innerText(), /府中市/);
  const linkForm = queued.getByRole('form', { name: /自治体に紐付け/ });
  const picker = linkForm.getByRole('combobox', { name: '自治体' });
  await picker.fill('府中市');
  const option = page.getByRole('option').filter({ hasText: '132063' });
  await option.waitFor();
  await shot(page, '51-notices-review');
  await option.click();
  await linkForm.getByRole('button', { name: '自治体に紐付け' }).click();
  await queued.waitFor({ state: 'detached' });
  assert.equal(await queue.getByRole('listitem').count(), 0, 'the queue is empty');
  // Now linked to 東京都府中市.
  const linked = await page.evaluate(async () => (await fetch('/api/notices?government=132063')).json());
  assert.deepEqual(linked.items.map((n) => n.title), ['避難所運営支援システム導入業務']);

  // 三春町's government page: its notice, and no award results (—).
  await page.goto(`${URL}/#/governments/075213`);
  await page.getByRole('heading', { name: /三春町/, level: 1 }).waitFor();
  const govNotices = page.getByRole('region', { name: 'この団体の入札公告' });
  await govNotices.getByRole('listitem').filter({ hasText: '三春町防災情報配信システム構築業務委託' }).waitFor();
  const none = page.getByRole('region', { name: '競合・落札実績' });
  await none.getByText('—').waitFor();
  // "All of this government's notices" opens the notice list filtered to 三春町.
  await govNotices.getByRole('link', { name: /この団体の公告をすべて見る/ }).click();
  await page.getByRole('heading', { name: '入札公告', level: 1 }).waitFor();
  await page.getByRole('list', { name: '入札公告' }).getByRole('listitem').filter({ hasText: '三春町防災' }).waitFor();
  assert.equal(await page.getByRole('list', { name: '入札公告' }).locator('> li').count(), 1);

  // 桐生市 (102032) holds the sample's award result: the competitors panel shows the winner,
  // one award, the amount in the chosen money unit (default 円), the date and title.
  await page.goto(`${URL}/#/governments/102032`);
  await page.getByRole('heading', { name: /桐生市/, level: 1 }).waitFor();
  const panel = page.getByRole('region', { name: '競合・落札実績' });
  const row = panel.getByRole('table', { name: '落札者別の実績' }).getByRole('row').filter({ hasText: '上毛通信工業株式会社' });
  await row.waitFor();
  const cells = await row.getByRole('cell').allInnerTexts();
  assert.equal(cells[1], '1');
  assert.match(cells[2], /123,450,000|123,450千円|123\.5百万円/);
  assert.match(cells[3], /(令和8年11月10日|2026-11-10)/);
  assert.match(cells[3], /桐生市防災行政無線デジタル化整備工事/);
  await panel.scrollIntoViewIfNeeded();
  await shot(page, '52-government-competitors');
  await page.context().close();
  noProblems();
});
