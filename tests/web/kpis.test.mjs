// 役割別KPI and the 成果指標 panel, in a real browser against the demo (today 2026-11-27):
// a manager opens the KPIs from the home page, switches fiscal year, quarter and role,
// and sees team rows before individual rows; customer success records a measured value
// of an outcome metric on a won deal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { URL, newPage, noProblems, shot, signIn, useBrowser } from './support.mjs';

useBrowser();

test('kpis: the manager switches fiscal year, quarter and role; teams come before individuals', async () => {
  const page = await newPage();
  await signIn(page, 'manager');
  await page.getByRole('link', { name: '役割別KPIを見る' }).click();
  await page.getByRole('heading', { name: '役割別KPI', level: 1 }).waitFor();
  await page.getByLabel('年度').selectOption('2026');
  await page.getByLabel('四半期').selectOption('2');
  await page.getByRole('tab', { name: 'フィールドセールス' }).click();
  await page.waitForFunction(() => document.querySelector('[role="tab"][aria-selected="true"]')?.textContent === 'フィールドセールス');
  const teams = page.getByRole('table', { name: 'チーム別' });
  await teams.waitFor();
  await teams.getByRole('columnheader', { name: '勝率' }).waitFor();
  // Every team row precedes every individual row.
  const order = await page.locator('tr[data-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row')));
  assert.ok(order.length > 2, `rows: ${order.join(',')}`);
  assert.equal(order[0], 'team');
  assert.ok(order.lastIndexOf('team') < order.indexOf('user'), order.join(','));
  // Values are shown (a percentage with its counts) and quota attainment bars.
  await page.locator('td', { hasText: /%\s*\(\d+\/\d+\)/ }).first().waitFor();
  assert.ok((await page.getByRole('meter').count()) > 0);
  await shot(page, 'kpis-field-sales');

  await page.getByRole('tab', { name: 'カスタマーサクセス' }).click();
  await page.getByRole('table', { name: 'チーム別' }).getByRole('columnheader', { name: 'ヘルススコア（平均）' }).waitFor();
  await page.getByRole('tab', { name: 'BDR/SDR' }).click();
  await page.getByRole('table', { name: 'チーム別' }).getByRole('columnheader', { name: '有望化率' }).waitFor();
  await page.getByLabel('四半期').selectOption('0');
  await page.getByRole('table', { name: '個人別' }).waitFor();
  await page.context().close();
  noProblems();
});

test('outcomes: customer success records a value on a won deal and the government lists the metric', async () => {
  const page = await newPage();
  await signIn(page, 'customer_success');
  await page.goto(`${URL}/#/`);
  // A won deal that carries an outcome metric (the demo seeds them on recent wins).
  const found = await page.evaluate(async () => {
    const deals = await (await fetch('/api/deals?stage=won&sort=id&order=desc&limit=50')).json();
    for (const d of deals.items) {
      const o = await (await fetch(`/api/deals/${d.id}/outcomes`)).json();
      if (o.items.length) return { deal: d.id, code: d.government_code, name: o.items[0].name, n: o.items[0].measurements.length };
    }
    return null;
  });
  assert.ok(found, 'no won deal with an outcome metric in the demo');
  await page.goto(`${URL}/#/deals/${found.deal}`);
  await page.getByRole('heading', { name: '成果指標' }).waitFor();
  await page.getByText('導入・実装支援').first().waitFor();
  const form = page.getByRole('form', { name: `測定値を記録: ${found.name}` }).first();
  await form.getByLabel('測定日').fill('2026-11-20');
  await form.getByLabel('測定値').fill('33.5');
  await form.getByLabel('メモ').fill('ブラウザテストの測定');
  await form.getByRole('button', { name: '測定値を記録' }).click();
  await page.getByRole('cell', { name: 'ブラウザテストの測定' }).first().waitFor();
  await shot(page, 'deal-outcomes');

  await page.goto(`${URL}/#/governments/${found.code}`);
  await page.getByRole('heading', { name: '成果指標' }).waitFor();
  await page.getByRole('link', { name: found.name }).first().waitFor();
  await page.context().close();
  noProblems();
});
