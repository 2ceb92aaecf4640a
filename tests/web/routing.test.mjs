// Lead routing (ルーティング, docs/division-of-labour.md) in a real browser against the demo
// (today 2026-11-27): a manager adds a rule, moves it above the catch-all BDR rule,
// simulates a lead and sees who gets it and why; with that person marked absent on the
// チーム・担当地域 screen, the simulator skips them and names them. Everything added is
// removed again so later files see the demo's own rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, noProblems, shot, signIn, useBrowser } from './support.mjs';

useBrowser();

const RULE = 'ブラウザテスト 市のセミナー';

test('routing: add a rule, reorder it, simulate a lead, skip an absent member', async () => {
  const page = await newPage();
  await signIn(page, 'manager');
  const nav = page.getByRole('navigation', { name: 'メインメニュー' });
  await nav.getByRole('link', { name: 'ルーティング' }).click();
  await page.getByRole('heading', { name: 'ルーティング', level: 1 }).waitFor();
  const rules = page.getByRole('table', { name: 'ルーティングルール' });
  // The demo's rules: the catch-all BDR rule is last.
  await rules.getByRole('row', { name: /リードはまずBDRへ/ }).waitFor();

  // Add: 市 × セミナー → インサイドセールス部, least open work.
  await page.getByLabel('ルール名').fill(RULE);
  await page.getByLabel('振り分け先チーム').selectOption({ label: 'インサイドセールス部' });
  await page.getByRole('combobox', { name: /^方式/ }).selectOption({ label: '担当件数最少' });
  await page.getByRole('group', { name: 'リードの発生源' }).getByLabel('セミナー', { exact: true }).check();
  await page.getByRole('group', { name: '団体区分' }).getByLabel('市', { exact: true }).check();
  await page.getByRole('button', { name: 'ルールを保存' }).click();
  const row = rules.getByRole('row', { name: new RegExp(RULE) });
  await row.waitFor();
  assert.match(await row.textContent(), /市 × セミナー/);
  const last = Number(await row.getByRole('cell').first().textContent());

  // Reorder: one up, above the BDR rule.
  await page.getByRole('button', { name: `${RULE} を上へ` }).click();
  await page.waitForFunction(
    ([name, want]) => [...document.querySelectorAll('tr')].some((tr) => tr.textContent.includes(name) && tr.cells[0].textContent === String(want)),
    [RULE, last - 1],
  );
  const bdrRow = rules.getByRole('row', { name: /リードはまずBDRへ/ });
  assert.equal(Number(await bdrRow.getByRole('cell').first().textContent()), last);

  // Simulate a seminar lead from 桐生市 (a 市): our rule answers, with its reason.
  await page.getByRole('combobox', { name: /^発生源/ }).selectOption({ label: 'セミナー' });
  await page.getByLabel('団体コード').fill('102032');
  await page.getByRole('button', { name: '振り分けを試す' }).click();
  const result = page.getByRole('status', { name: '振り分け結果' });
  await result.getByText(/市 × セミナー → インサイドセールス部（担当件数最少/).waitFor();
  const first = (await result.locator('dd').first().textContent()).trim();
  assert.ok(first && first !== '未割当', `someone is chosen: ${first}`);
  await shot(page, 'routing-simulate');

  // Mark that person absent today on the team screen.
  await nav.getByRole('link', { name: 'チーム・担当地域' }).click();
  await page.getByRole('heading', { name: 'チーム・担当地域', level: 1 }).waitFor();
  const form = page.getByRole('form', { name: '不在を登録' });
  await form.getByRole('combobox', { name: /^担当者/ }).selectOption({ label: `${first}（インサイドセールス部）` });
  await form.getByLabel('開始日').fill('2026-11-27');
  await form.getByLabel('終了日').fill('2026-11-27');
  await form.getByLabel('理由').fill('ブラウザテスト');
  await form.getByRole('button', { name: '不在を登録' }).click();
  const absences = page.getByRole('table', { name: '不在予定' });
  await absences.getByRole('row', { name: new RegExp(`${first}.*ブラウザテスト`) }).waitFor();
  // The team table shows them absent today.
  const members = page.getByRole('table', { name: 'インサイドセールス部 メンバー' });
  assert.match(await members.getByRole('row', { name: new RegExp(first) }).textContent(), /不在/);
  await shot(page, 'routing-teams');

  // The simulator now skips them and says so.
  await nav.getByRole('link', { name: 'ルーティング' }).click();
  await page.getByRole('combobox', { name: /^発生源/ }).selectOption({ label: 'セミナー' });
  await page.getByLabel('団体コード').fill('102032');
  await page.getByRole('button', { name: '振り分けを試す' }).click();
  await result.getByText(new RegExp(`不在のため除外: .*${first}`)).waitFor();
  const second = (await result.locator('dd').first().textContent()).trim();
  assert.notEqual(second, first, 'the absent member is skipped');

  // A lead the demo re-routed from the absent BDR shows its history with the reasons.
  const rerouted = await page.evaluate(async () => {
    const leads = (await (await fetch('/api/leads?status=working&limit=500')).json()).items
      .concat((await (await fetch('/api/leads?status=new&limit=500')).json()).items)
      .concat((await (await fetch('/api/leads?status=qualified&limit=500')).json()).items);
    for (const l of leads) {
      const h = (await (await fetch(`/api/leads/${l.id}/assignments`)).json()).items;
      if (h.some((a) => a.kind === 'rerouted')) return l.id;
    }
    return null;
  });
  assert.ok(rerouted, 'the demo re-routed a lead');
  await page.goto(`${page.url().split('#')[0]}#/leads/${rerouted}`);
  const history = page.getByRole('list', { name: '割当履歴' });
  await history.getByText(/再割当: .*担当者不在（11\/20まで）のため再割当/).waitFor();
  await shot(page, 'routing-lead-history');

  // Clean up: the rule and the absence.
  await nav.getByRole('link', { name: 'ルーティング' }).click();
  await page.getByRole('button', { name: `${RULE} を削除` }).click();
  await rules.getByRole('row', { name: new RegExp(RULE) }).waitFor({ state: 'detached' });
  await nav.getByRole('link', { name: 'チーム・担当地域' }).click();
  await page.getByRole('button', { name: new RegExp(`不在を削除 ${first}`) }).click();
  await absences.getByRole('row', { name: new RegExp(`${first}.*ブラウザテスト`) }).waitFor({ state: 'detached' });
  await page.context().close();
  noProblems();
});
