// 事例ライブラリ and 公共価値 in a real browser against the demo (today 2026-11-27): a sales
// user records a case with the form, finds it by searching 「窓口」 and opens it; the public
// value page shows a product's outcomes and the citation text for a proposal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { URL, newPage, noProblems, shot, signIn, useBrowser } from './support.mjs';

useBrowser();

test('cases: record a case, find it by 「窓口」 and open it', async () => {
  const page = await newPage();
  await signIn(page, 'field_sales');
  await page.goto(`${URL}#/cases`);
  await page.getByRole('heading', { name: '事例ライブラリ', level: 1 }).waitFor();
  // The demo library has cases, newest first.
  await page.locator('tr[data-case]').first().waitFor();

  await page.getByRole('link', { name: '事例を登録' }).click();
  const form = page.getByRole('form', { name: '事例を登録' });
  await form.waitFor();
  await form.getByLabel('件名').fill('窓口業務のオンライン化で待ち時間を半減');
  await form.getByLabel('団体', { exact: true }).fill('千代田');
  await page.getByRole('option', { name: /千代田区/ }).first().click();
  const product = form.locator('select[name=product]');
  await product.locator('option').nth(1).waitFor({ state: 'attached' });
  await product.selectOption({ index: 1 });
  await form.getByLabel('概要').fill('電子申請と予約で来庁者を分散した');
  await form.getByLabel('学び').fill('予算要求前（7月）に参考見積を提出できたことが決め手');
  await form.getByLabel('タグ（カンマ区切り）').fill('窓口DX, 参考見積');
  await form.getByRole('button', { name: '保存' }).click();
  await page.getByRole('heading', { name: /窓口業務のオンライン化で待ち時間を半減/ }).waitFor();
  await page.locator('.case-lessons', { hasText: '参考見積' }).waitFor();

  // Search 「窓口」 from the list.
  await page.getByRole('link', { name: /一覧へ/ }).click();
  await page.getByRole('searchbox', { name: /キーワード/ }).fill('窓口');
  await page.getByRole('button', { name: '検索', exact: true }).click();
  // The table is marked with the filters it answers; wait for the search's own answer.
  const searched = page.locator(`table[data-filters="${new URLSearchParams({ q: '窓口' })}"]`);
  const hit = searched.getByRole('link', { name: '窓口業務のオンライン化で待ち時間を半減' });
  await hit.waitFor();
  const rows = await searched.locator('tr[data-case]').count();
  assert.ok(rows >= 1, `rows: ${rows}`);
  await shot(page, 'transformation-cases');
  await hit.click();
  await page.getByRole('heading', { name: /窓口業務のオンライン化で待ち時間を半減/ }).waitFor();
  await page.getByRole('heading', { name: '関連事例（横展開）' }).waitFor();

  // 横展開 link from a government filters the list by the query of the route.
  await page.goto(`${URL}#/cases?government=131016`);
  await page.locator('[data-government="131016"]').first().waitFor();
  const byGovernment = page.locator(`table[data-filters="${new URLSearchParams({ government_code: '131016' })}"]`);
  await byGovernment.waitFor();
  const govs = await byGovernment.locator('tr[data-case] td:nth-child(3) a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(govs.length > 0 && govs.every((h) => h === '#/governments/131016'), govs.join(','));
  await page.context().close();
  noProblems();
});

test('public value: a product\'s outcomes and the evidence text for a proposal', async () => {
  const page = await newPage();
  await signIn(page, 'manager');
  await page.goto(`${URL}#/public-value`);
  await page.getByRole('heading', { name: '公共価値', level: 1 }).waitFor();
  // A product with measured deployments in the demo.
  const found = await page.evaluate(async () => {
    const products = await (await fetch('/api/products?limit=200')).json();
    for (const p of products.items) {
      const pv = await (await fetch(`/api/public-value?product_id=${p.id}`)).json();
      const measured = pv.deployments.find((d) => d.latest !== null);
      if (measured) return { product: String(p.id), government: measured.government_name };
    }
    return null;
  });
  assert.ok(found, 'the demo has a product with measured outcomes');
  await page.locator('select[name=product]').selectOption(found.product);
  const table = page.getByRole('table', { name: '導入ごとの成果' });
  await table.waitFor();
  assert.ok((await table.locator('tbody tr').count()) >= 1);
  await page.getByRole('table', { name: '指標別の集計' }).first().waitFor();

  const evidence = page.locator('#pv-evidence');
  await evidence.getByLabel('提案先').fill(found.government.slice(0, 2));
  await page.getByRole('option', { name: new RegExp(found.government) }).first().click();
  const citation = evidence.locator('#pv-citation');
  await citation.waitFor();
  const text = await citation.textContent();
  assert.match(text, /では .+ → .+（\d{4}年\d{1,2}月測定）/);
  await evidence.getByRole('button', { name: '引用文をコピー' }).click();
  await evidence.getByRole('status').waitFor();
  await shot(page, 'transformation-public-value');
  await page.context().close();
  noProblems();
});
