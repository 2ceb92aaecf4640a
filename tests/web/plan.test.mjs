// 行動計画 in a real browser against the demo (today 2026-11-27). The plan exists only
// once a diagnosis does (the diagnosis part): without one the page must say so plainly;
// with one, the three stages show action cards with owner, KPI and due date, a manager
// sets a status that persists, the XLSX link downloads the workbook, and the print page
// is a plain table without navigation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, noProblems, shot, signIn, useBrowser } from './support.mjs';

useBrowser();

async function planStatus(page) {
  return page.evaluate(async () => (await fetch('/api/transformation/plan', { credentials: 'same-origin' })).status);
}

test('action plan: stages with owned, measured, dated actions (or the no-diagnosis message), XLSX and print', async () => {
  const page = await newPage();
  await signIn(page, 'manager');
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '行動計画' }).click();
  await page.getByRole('heading', { name: '行動計画', level: 1 }).waitFor();
  const status = await planStatus(page);
  assert.ok(status === 200 || status === 422, `plan answers 200 or 422, got ${status}`);

  if (status === 422) {
    const message = page.locator('[data-plan="no-diagnosis"]');
    await message.waitFor();
    assert.match(await message.innerText(), /変革診断の回答がまだありません/);
    await shot(page, 'transformation-plan');
    await page.goto(`${new URL(page.url()).origin}/#/action-plan/print`);
    await page.locator('[data-plan="no-diagnosis"]').waitFor();
    await shot(page, 'transformation-plan-print');
    await page.context().close();
    noProblems();
    return;
  }

  // Profile and the three stages.
  await page.getByRole('heading', { name: '組織プロファイル' }).waitFor();
  assert.match(await page.locator('[data-profile="size_band"]').innerText(), /規模/);
  for (const [stage, label] of [['pilot', 'パイロット'], ['expand', '拡大'], ['institutionalise', '定着']]) {
    const section = page.locator(`section[data-stage="${stage}"]`);
    await section.waitFor();
    assert.match(await section.getByRole('heading', { level: 2 }).innerText(), new RegExp(label));
  }
  const pilotCards = page.locator('section[data-stage="pilot"] article.plan-card');
  assert.ok((await pilotCards.count()) >= 1, 'the pilot stage has actions');
  const card = pilotCards.first();
  assert.ok(await card.locator('.plan-owner').count(), 'each card names its owner role');
  assert.match(await card.locator('.plan-kpi').innerText(), /KPI: .+ [≥≤] \d/);
  assert.match(await card.locator('.plan-due time').getAttribute('datetime'), /^\d{4}-\d{2}-\d{2}$/);

  // A manager sets a status; it persists across a reload. Then it is put back.
  const key = await card.getAttribute('data-key');
  const select = card.getByRole('combobox');
  const before = await select.inputValue();
  const next = before === 'doing' ? 'done' : 'doing';
  await select.selectOption(next);
  await page.waitForFunction(
    ([k, v]) => document.querySelector(`article[data-key="${k}"]`)?.classList.contains(`status-${v}`),
    [key, next],
  );
  await page.reload();
  await page.locator(`article[data-key="${key}"].status-${next}`).waitFor();

  // The XLSX link answers a workbook.
  const xlsxHref = await page.getByRole('link', { name: /Excelでダウンロード/ }).getAttribute('href');
  const xlsx = await page.evaluate(async (h) => {
    const r = await fetch(h, { credentials: 'same-origin' });
    return { status: r.status, type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition') };
  }, xlsxHref);
  assert.equal(xlsx.status, 200);
  assert.match(xlsx.type, /spreadsheetml/);
  assert.match(xlsx.disposition, /kyoso-action-plan-\d{4}-\d{2}-\d{2}\.xlsx/);
  await shot(page, 'transformation-plan');

  // Overrides: a large company selling to large cities.
  const form = page.getByRole('form', { name: 'プロファイルを変更' });
  await form.getByLabel('営業人数').fill('80');
  await form.getByLabel('主な顧客').selectOption('large_cities');
  await form.getByRole('button', { name: '適用' }).click();
  await page.locator('[data-profile="size_band"]').getByText(/大規模/).waitFor();

  // The print page: a plain table, no navigation.
  await page.getByRole('link', { name: '印刷用' }).click();
  const table = page.getByRole('table', { name: '行動計画（印刷用）' });
  await table.waitFor();
  const headers = await table.locator('thead th').allInnerTexts();
  assert.deepEqual(headers, ['段階', '領域', '施策', '担当ロール', 'KPI', '目標', '期日', '状況']);
  assert.ok((await table.locator('tbody tr').count()) >= 5);
  assert.equal(await page.getByRole('navigation', { name: 'メインメニュー' }).isVisible(), false);
  await page.getByRole('button', { name: '印刷する' }).waitFor();
  await shot(page, 'transformation-plan-print');

  // Put the status back as it was.
  await page.evaluate(
    async ([k, v]) => {
      const s = await (await fetch('/api/session', { credentials: 'same-origin' })).json();
      await fetch(`/api/transformation/plan/actions/${k}`, {
        method: 'PUT',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf_token ?? '' },
        body: JSON.stringify({ status: v }),
      });
    },
    [key, before],
  );
  await page.context().close();
  noProblems();
});
