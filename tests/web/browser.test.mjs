// Browser tests: the web app in Debian's Chromium (headless) through playwright-core,
// against a live `kyoso serve` on a fresh demo database (run_browser_tests.sh).
// Elements are found by role and label, as a screen reader would find them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { URL, credentials, newPage, noProblems, shot, signIn, useBrowser } from './support.mjs';

useBrowser();

test('a wrong password is refused and the right one signs in (field sales)', async () => {
  const page = await newPage();
  await page.goto(URL);
  await page.getByLabel('ログインID').fill(credentials.field_sales.login);
  await page.getByLabel('パスワード').fill('wrong-password');
  await page.getByRole('button', { name: 'サインイン' }).click();
  await page.getByRole('alert').waitFor();
  await signIn(page, 'field_sales');
  const nav = page.getByRole('navigation', { name: 'メインメニュー' });
  await nav.getByRole('link', { name: 'パイプライン' }).waitFor();
  // Field sales gets no import screen; a manager does (below).
  assert.equal(await nav.getByRole('link', { name: 'インポート' }).count(), 0);
  await shot(page, '01-home-field-sales');
  await page.context().close();
  noProblems();
});

test('board: drag a deal to 予算要求中, which asks for its evidence (a note)', async () => {
  const page = await newPage();
  await signIn(page, 'field_sales');
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'パイプライン' }).click();
  await page.getByRole('heading', { name: /パイプライン/ }).waitFor();
  // Only my own deals: field sales may move their own.
  const me = await page.getByLabel('担当者').locator('option').nth(1).getAttribute('value');
  await page.getByLabel('担当者').selectOption(me);
  await page.getByRole('button', { name: '適用' }).click();
  const board = page.getByRole('list', { name: 'パイプライン' });
  await board.waitFor();
  await page.waitForTimeout(300);
  let card = null;
  for (const stage of ['情報収集', '課題把握', '予算化提案']) {
    const cards = board.getByRole('listitem', { name: stage, exact: true }).locator('li.deal-card');
    if ((await cards.count()) > 0) {
      card = cards.first();
      break;
    }
  }
  assert.ok(card, 'the field sales user has an open deal before 予算要求中 on the FY2027 board');
  const title = await card.getAttribute('aria-label');
  const target = board.getByRole('listitem', { name: '予算要求中', exact: true });
  const before = Number((await target.locator('.totals span').first().textContent()).replace(/[^0-9]/g, ''));
  await card.dragTo(target);
  const dialog = page.getByRole('dialog', { name: `ステージを移動: ${title}` });
  await dialog.waitFor();
  assert.equal(await dialog.getByLabel('移動先').inputValue(), 'requested');
  // Without the note the server refuses and names the missing evidence.
  await dialog.getByRole('button', { name: '移動する' }).click();
  const alert = dialog.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /note/);
  await dialog.getByLabel('メモ（根拠）').fill('財政課に予算要求書の提出を確認（ブラウザテスト）');
  await dialog.getByRole('button', { name: '移動する' }).click();
  await page.getByRole('status').filter({ hasText: '移動しました' }).waitFor();
  await target.getByRole('listitem', { name: title }).first().waitFor();
  const afterCount = Number((await target.locator('.totals span').first().textContent()).replace(/[^0-9]/g, ''));
  assert.equal(afterCount, before + 1, 'the 予算要求中 column counts one more deal');
  await shot(page, '02-board-after-move');
  // The table view shows the same deals.
  await page.getByRole('button', { name: '表', exact: true }).click();
  await page.getByRole('table', { name: /パイプライン/ }).getByRole('row').nth(1).waitFor();
  await shot(page, '03-board-table');
  await page.context().close();
  noProblems();
});

test('quick log: "L" opens it anywhere; a call to 札幌市 appears on the government page', async () => {
  const page = await newPage();
  await signIn(page, 'field_sales');
  await page.locator('body').press('l');
  const dialog = page.getByRole('dialog', { name: '活動を記録' });
  await dialog.waitFor();
  await dialog.getByRole('combobox', { name: '自治体' }).fill('さっぽろ');
  await dialog.getByRole('option', { name: /札幌市/ }).first().click();
  await dialog.getByLabel('種別').selectOption('call');
  const note = `ブラウザテストの電話 ${Date.now()}`;
  await dialog.getByLabel('メモ').fill(note);
  await shot(page, '04-quick-log');
  await dialog.getByLabel('メモ').press('Control+Enter');
  await page.getByRole('status').filter({ hasText: '記録しました' }).waitFor();
  await page.goto(`${URL}/#/governments/011002`);
  await page.getByRole('heading', { name: /札幌市/ }).first().waitFor();
  await page.getByRole('region', { name: '活動タイムライン' }).getByText(note).waitFor();
  await shot(page, '05-government-360');
  await page.context().close();
  noProblems();
});

test('search (Ctrl+K) finds 千代田区 by its reading in hiragana', async () => {
  const page = await newPage();
  await signIn(page, 'inside_sales');
  await page.locator('body').press('Control+k');
  const dialog = page.getByRole('dialog', { name: '検索' });
  await dialog.getByRole('combobox', { name: '検索' }).fill('ちよだ');
  const hit = dialog.getByRole('option', { name: /千代田区/ }).first();
  await hit.waitFor();
  await shot(page, '06-search');
  await dialog.getByRole('combobox', { name: '検索' }).press('Enter');
  await page.getByRole('heading', { name: /千代田区/ }).first().waitFor();
  assert.match(page.url(), /#\/governments\/131016$/);
  await page.context().close();
  noProblems();
});

test('import wizard: a CSV with one bad row shows the error per row; the fixed file imports with progress', async () => {
  const page = await newPage();
  await signIn(page, 'manager');
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'インポート' }).click();
  await page.getByLabel('取り込むデータ').selectOption('products');
  const stamp = Date.now();
  const bad = `external_id,製品名,価格下限,価格上限\nBT-${stamp}-1,試験製品A,100000,200000\nBT-${stamp}-2,試験製品B,abc,300000\n`;
  await page.getByLabel('ファイル（CSV または XLSX）').setInputFiles({ name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await page.getByRole('heading', { name: '2. 列の対応付け' }).waitFor();
  // Map the Japanese header by hand (the server would also know the alias).
  await page.getByLabel('製品名 → Kyoso').selectOption('name');
  await page.getByRole('button', { name: 'プレビュー（検証のみ）' }).click();
  const alert = page.getByRole('alert').filter({ hasText: '1 件のエラー' });
  await alert.waitFor();
  const errors = page.getByRole('table', { name: 'エラー' });
  await errors.getByRole('row').nth(1).waitFor();
  const cells = await errors.getByRole('row').nth(1).getByRole('cell').allTextContents();
  assert.equal(cells[0], '3', 'the bad row is row 3 (the header is row 1)');
  assert.equal(cells[1], '価格下限');
  assert.ok(await page.getByRole('button', { name: 'インポートを実行' }).isDisabled(), 'nothing can be applied while a row is bad');
  await shot(page, '07-import-error');
  const good = bad.replace(',abc,', ',150000,');
  await page.getByLabel('ファイル（CSV または XLSX）').setInputFiles({ name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await page.getByRole('button', { name: 'プレビュー（検証のみ）' }).click();
  await page.getByRole('status').filter({ hasText: 'エラーはありません' }).waitFor();
  await page.getByRole('button', { name: 'インポートを実行' }).click();
  await page.getByRole('status').filter({ hasText: '取り込み完了' }).waitFor();
  assert.match(await page.getByRole('status').filter({ hasText: '取り込み完了' }).textContent(), /追加 2/);
  assert.equal(await page.getByRole('progressbar').getAttribute('value'), await page.getByRole('progressbar').getAttribute('max'));
  await shot(page, '08-import-done');
  await page.context().close();
  noProblems();
});

test('dashboards: funnel, pipeline by year, win rates, activity volume and the map of Japan', async () => {
  const page = await newPage();
  await signIn(page, 'manager');
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'ダッシュボード' }).click();
  for (const name of ['ステージ別ファネル', '年度別パイプライン', '団体区分別の受注率', '製品別の受注率', '週別・種別の活動量']) {
    await page.getByRole('figure', { name }).locator('svg').first().waitFor();
  }
  const map = page.getByRole('img', { name: '都道府県別の導入率とパイプライン' }).first();
  await map.waitFor();
  assert.equal(await map.locator('path').count(), 47);
  const rows = page.getByRole('table', { name: '都道府県別の導入率とパイプライン' }).getByRole('row');
  assert.equal(await rows.count(), 48, 'a header and 47 prefectures');
  await page.waitForTimeout(300);
  await shot(page, '09-dashboards');
  await page.context().close();
  noProblems();
});

test('lists: 1,788 governments scroll virtually; a saved view restores its filters; English and the money unit', async () => {
  const page = await newPage();
  await signIn(page, 'customer_success');
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '自治体' }).click();
  const table = page.getByRole('table', { name: '自治体' });
  await table.getByRole('row').nth(2).waitFor();
  await page.getByText('1,788 件').waitFor();
  // Scroll to the end: the last body (沖縄県 与那国町 472k…) renders while only a window of rows exists.
  const scroller = table.locator('.vscroll');
  for (let i = 0; i < 12; i++) {
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.waitForTimeout(150);
  }
  await table.locator('[aria-rowindex="1789"]').waitFor();
  const rendered = await table.getByRole('row').count();
  assert.ok(rendered < 120, `only the rows in view are in the page (${rendered})`);
  await shot(page, '10-governments-list');
  // A saved view (kept per user on the server) brings back its filters.
  await page.getByRole('combobox', { name: '団体区分' }).selectOption('town');
  await page.getByRole('button', { name: '適用' }).click();
  await page.getByText('743 件').waitFor();
  await page.getByText('保存ビュー').click();
  await page.getByLabel('ビュー名').fill('町のみ');
  await page.getByRole('button', { name: '現在の表示を保存' }).click();
  await page.getByRole('status').filter({ hasText: '保存しました' }).waitFor();
  await page.getByRole('combobox', { name: '団体区分' }).selectOption('');
  await page.getByRole('button', { name: '適用' }).click();
  await page.getByText('1,788 件').waitFor();
  await page.getByRole('button', { name: '町のみ', exact: true }).click();
  await page.getByText('743 件').waitFor();
  assert.equal(await page.getByRole('combobox', { name: '団体区分' }).inputValue(), 'town');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Pipeline' }).waitFor();
  await page.getByText('Display settings').click();
  await page.getByLabel('Money unit').selectOption('hyakuman');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Home' }).click();
  await page.getByRole('heading', { name: /Welcome/ }).waitFor();
  await shot(page, '11-english');
  await page.context().close();
  noProblems();
});
