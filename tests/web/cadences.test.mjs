// Cadences (シーケンス) and tasks (やること) in a real browser against the demo (today
// 2026-11-27): a manager creates a cadence with a B variant on its email step, enrols a
// lead from the lead page, sees the generated call in やること, completes it with a
// note, and reads the A/B comparison table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { URL, credentials, newPage, noProblems, shot, signIn, useBrowser } from './support.mjs';

useBrowser();

async function apiGet(role, path) {
  const c = credentials[role];
  const res = await fetch(`${URL}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: c.login, password: c.password }),
  });
  assert.equal(res.status, 201);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const answer = await fetch(`${URL}${path}`, { headers: { Cookie: cookie } });
  assert.equal(answer.status, 200, path);
  return answer.json();
}

test('cadences: create one with a B variant, enrol a lead, complete its task, compare variants', async () => {
  const page = await newPage();
  await signIn(page, 'manager');
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'シーケンス' }).click();
  await page.getByRole('heading', { name: 'シーケンス', level: 1 }).waitFor();
  // The demo's cadences are listed.
  await page.getByRole('link', { name: '新規リード初回接触' }).waitFor();

  await page.getByRole('button', { name: '新しいシーケンス' }).click();
  const editor = page.getByRole('form', { name: '新しいシーケンス' });
  await editor.getByLabel('シーケンス名').fill('ブラウザ検証シーケンス');
  await editor.getByRole('group', { name: 'ステップ 1' }).getByLabel('件名', { exact: true }).fill('初回電話（検証）');
  await editor.getByRole('button', { name: 'ステップを追加' }).click();
  const wait = editor.getByRole('group', { name: 'ステップ 2' });
  await wait.getByLabel('種類').selectOption('wait');
  await wait.getByLabel('待機営業日数', { exact: true }).fill('2');
  await editor.getByRole('button', { name: 'ステップを追加' }).click();
  const mail = editor.getByRole('group', { name: 'ステップ 3' });
  await mail.getByLabel('種類').selectOption('email');
  await mail.getByLabel('件名', { exact: true }).fill('課題提起メール（検証）');
  await mail.getByLabel('Bバリアントあり').check();
  await mail.getByLabel('Bの件名').fill('事例紹介メール（検証）');
  await editor.getByRole('button', { name: '作成' }).click();
  await page.getByRole('heading', { name: 'ブラウザ検証シーケンス', level: 1 }).waitFor();
  const cadenceUrl = page.url();
  assert.equal(await page.getByRole('group', { name: 'ステップ 3' }).getByLabel('Bの件名').inputValue(), '事例紹介メール（検証）');
  await shot(page, 'cadence-editor');

  // A new lead without an official (no do-not-contact question), enrolled for me.
  const leads = await apiGet('manager', '/api/leads?status=new&limit=100');
  const lead = leads.items.find((l) => !l.official_id) ?? leads.items[0];
  assert.ok(lead, 'the demo has a new lead');
  await page.goto(`${URL}/#/leads/${lead.id}`);
  await page.getByRole('button', { name: 'シーケンスに登録' }).click();
  const enrol = page.getByRole('form', { name: 'シーケンスに登録' });
  // The label's text includes the chosen option once the cadences have loaded
  // ("シーケンス 新規リード初回接触"), so the label is matched by its start.
  await enrol.getByLabel(/^シーケンス/).selectOption({ label: 'ブラウザ検証シーケンス' });
  await enrol.getByLabel('担当者').selectOption('me');
  await enrol.getByRole('button', { name: '登録する' }).click();
  await enrol.getByRole('status').filter({ hasText: '登録しました' }).waitFor();

  // The first call is due today in やること; complete it with a note.
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'やること' }).click();
  await page.getByRole('heading', { name: 'やること', level: 1 }).waitFor();
  const today = page.getByRole('region', { name: /^今日/ });
  const task = today.getByRole('listitem', { name: '初回電話（検証）' });
  await task.waitFor();
  await shot(page, 'tasks');
  await task.getByLabel('結果メモ').fill('担当者と話せた');
  await task.getByRole('button', { name: '完了' }).click();
  await task.waitFor({ state: 'detached' });

  // The comparison table counts the enrolment under A (the first of the cadence).
  await page.goto(cadenceUrl);
  const table = page.getByRole('table', { name: 'バリアント比較' });
  await table.waitFor();
  const enrolled = table.getByRole('row', { name: /^登録/ });
  await enrolled.waitFor();
  assert.deepEqual(await enrolled.getByRole('cell').allInnerTexts(), ['1', '0']);
  await shot(page, 'cadence-comparison');

  // The demo's BDR cadence shows its planted difference: B books more meetings.
  await page.goto(`${URL}/#/cadences`);
  await page.getByRole('link', { name: '新規リード初回接触' }).click();
  const demo = page.getByRole('table', { name: 'バリアント比較' });
  await demo.getByRole('row', { name: /^商談化率/ }).waitFor();
  const rates = await demo.getByRole('row', { name: /^商談化率/ }).getByRole('cell').allInnerTexts();
  const pct = (s) => parseFloat(s);
  assert.ok(pct(rates[1]) > pct(rates[0]), `B (${rates[1]}) books more meetings than A (${rates[0]})`);
  await page.context().close();
  noProblems();
});

test('home: 今日のやること for the sample BDR', async () => {
  const page = await newPage();
  await signIn(page, 'bdr');
  const panel = page.getByRole('region', { name: /^今日のやること/ });
  await panel.waitFor();
  await panel.getByRole('listitem').first().waitFor();
  assert.ok((await panel.getByRole('listitem').count()) > 0);
  await page.context().close();
  noProblems();
});
