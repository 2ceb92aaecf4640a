// Browser test: hand-offs with SLAs in business days (docs/division-of-labour.md). A BDR
// hands a lead to inside sales with the checklist (one item 該当なし with a note); the
// receiver sees it in 受信 with its due date (Friday 11/27 + 1 business day = Monday
// 11/30), returns it with a reason, then accepts the re-sent one; the manager sees the
// demo's breached hand-offs escalated in the チーム tab.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { URL, credentials, newPage, noProblems, shot, signIn, useBrowser } from './support.mjs';

useBrowser();

async function apiSession(role) {
  const c = credentials[role];
  const res = await fetch(`${URL}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: c.login, password: c.password }),
  });
  assert.equal(res.status, 201, `${role} signs in through the API`);
  const body = await res.json();
  return { cookie: res.headers.get('set-cookie').split(';')[0], csrf: body.csrf_token, user: body.user };
}

async function call(s, method, path, body) {
  const res = await fetch(`${URL}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Cookie: s.cookie, 'X-CSRF-Token': s.csrf },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

test('hand-offs: hand over with the checklist, return with a reason, accept, and escalations for the manager', async () => {
  const bdr = await apiSession('bdr');
  const is = await apiSession('inside_sales');
  // A new lead of the BDR's with nothing pending.
  const leads = await call(bdr, 'GET', `/api/leads?owner=${bdr.user.user_id}&status=new&limit=100`);
  const pending = await call(bdr, 'GET', '/api/handoffs?box=outgoing&status=pending&limit=200');
  const busy = new Set(pending.json.items.map((h) => h.lead_id));
  const lead = leads.json.items.find((l) => !busy.has(l.id));
  assert.ok(lead, 'the demo BDR has a new lead to hand over');

  const page = await newPage();
  await signIn(page, 'bdr');
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '引き継ぎ' }).click();
  await page.getByRole('heading', { name: '引き継ぎ', level: 1 }).waitFor();
  await page.goto(`${URL}/#/handoffs?lead=${lead.id}`);
  const form = page.getByRole('form', { name: '引き継ぐ' });
  await form.waitFor();
  await form.getByLabel('種別').selectOption('bdr_to_is');
  await form.getByLabel('リード').selectOption(String(lead.id));
  await form.getByLabel('受信者').selectOption(String(is.user.user_id));
  for (const item of ['課題・関心', '担当者と決裁者', '次の接点']) await form.getByLabel(item, { exact: true }).check();
  await form.getByLabel('予算状況 該当なし', { exact: true }).check();
  await form.getByLabel('予算状況 メモ', { exact: true }).fill('来年度の予算要求はこれから');
  await form.getByLabel('申し送り').fill('防災アプリに関心。課長が窓口です');
  await form.getByRole('button', { name: '引き継ぐ' }).click();
  await page.getByText('引き継ぎました（期限 2026-11-30）').waitFor();
  await shot(page, 'handoffs-sent');
  await page.context().close();

  // The receiver: 受信 with the due date and the countdown; return with a reason.
  const inbox = await newPage();
  await signIn(inbox, 'inside_sales');
  await inbox.goto(`${URL}/#/handoffs`);
  await inbox.getByRole('tab', { name: '受信' }).click();
  const row = inbox.getByRole('row').filter({ hasText: lead.title }).first();
  await row.waitFor();
  assert.match(await row.innerText(), /2026-11-30/);
  assert.match(await row.innerText(), /あと1営業日/);
  await row.getByRole('button', { name: /^開く/ }).click();
  const detail = inbox.getByRole('region', { name: /引き継ぎの内容/ });
  await detail.waitFor();
  assert.match(await detail.innerText(), /予算状況/);
  assert.match(await detail.innerText(), /来年度の予算要求はこれから/);
  await detail.getByLabel('差し戻し理由').fill('決裁者が未確認です');
  await detail.getByRole('button', { name: '差し戻す' }).click();
  await inbox.getByText('差し戻しました').waitFor();
  await shot(inbox, 'handoffs-returned');

  // Re-sent by the BDR; the receiver accepts it and the lead becomes theirs.
  const again = await call(bdr, 'POST', '/api/handoffs', {
    kind: 'bdr_to_is',
    lead_id: lead.id,
    to_user_id: is.user.user_id,
    checklist: ['課題・関心', '担当者と決裁者', '予算状況', '次の接点'].map((item) => ({ item, checked: true })),
  });
  assert.equal(again.status, 201, JSON.stringify(again.json));
  await inbox.goto(`${URL}/#/handoffs/${again.json.id}`);
  await inbox.getByRole('region', { name: /引き継ぎの内容/ }).getByRole('button', { name: '承認する' }).click();
  await inbox.getByText('引き継ぎを承認しました').waitFor();
  const after = await call(is, 'GET', `/api/leads/${lead.id}`);
  assert.equal(after.json.owner_id, is.user.user_id);
  await inbox.context().close();

  // The manager: breached hand-offs of the team, escalated by the sweep.
  const mgr = await newPage();
  await signIn(mgr, 'manager');
  await mgr.goto(`${URL}/#/handoffs`);
  await mgr.getByRole('tab', { name: 'チーム' }).click();
  await mgr.getByRole('row').filter({ hasText: 'エスカレーション済' }).first().waitFor();
  assert.ok((await mgr.getByRole('row').filter({ hasText: 'SLA超過' }).count()) > 0);
  await mgr.getByRole('heading', { name: 'SLA設定' }).waitFor();
  await shot(mgr, 'handoffs-team');
  await mgr.context().close();
  noProblems();
});
