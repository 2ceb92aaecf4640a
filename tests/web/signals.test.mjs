// Browser test: council signals (議会の兆し, docs/intel.md). Imports the committed excerpt
// of real 桐生市議会 minutes (tests/data/intel) through the API as a manager, then opens
// 桐生市 (102032), finds the 総務部長's answer with its cue marked, creates a lead from it
// and sees the lead in the lead list and on the /signals screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { URL, credentials, newPage, noProblems, shot, signIn, useBrowser } from './support.mjs';

useBrowser();

const EXCERPT = path.join(path.dirname(new globalThis.URL(import.meta.url).pathname), '..', 'data', 'intel', 'kiryu-r7-1-excerpt.json');

async function apiSession(role) {
  const c = credentials[role];
  const res = await fetch(`${URL}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: c.login, password: c.password }),
  });
  assert.equal(res.status, 201, "the manager signs in through the API");
  const body = await res.json();
  const cookie = res.headers.get('set-cookie').split(';')[0];
  return { cookie, csrf: body.csrf_token };
}

test('signals: import Kiryu minutes, see the signal on 桐生市, create a lead from it', async () => {
  const s = await apiSession('manager');
  const res = await fetch(`${URL}/api/signals/import`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: s.cookie, 'X-CSRF-Token': s.csrf },
    body: JSON.stringify({
      government_code: '102032',
      name: 'kiryu-r7-1-excerpt.json',
      document: JSON.parse(readFileSync(EXCERPT, 'utf8')),
    }),
  });
  const summary = await res.json();
  assert.equal(res.status, 200, JSON.stringify(summary));
  assert.ok(summary.signals > 0, 'the excerpt gives signals');

  const page = await newPage();
  await signIn(page, 'manager');
  await page.goto(`${URL}/#/governments/102032`);
  await page.getByRole('heading', { name: /桐生市/ }).waitFor();
  const panel = page.getByRole('region', { name: '議会の兆し' });
  await panel.waitFor();
  const list = panel.getByRole('list', { name: '兆し' });
  // 総務部長 青木紀夫's answer of 2025-03-18: 「システム導入に向けて検討しているところでございます」.
  const signal = list.getByRole('listitem', { name: '青木紀夫（総務部長）' }).filter({ hasText: '導入に向けて' }).first();
  await signal.waitFor();
  assert.match(await signal.textContent(), /予算化・導入/);
  assert.match(await signal.textContent(), /チャットボット/);
  // The cue phrase (and, with the product matcher wired, the matched terms) is marked.
  const marks = await signal.locator('mark').allTextContents();
  assert.ok(marks.includes('導入に向けて'), `marked: ${marks.join(',')}`);
  await signal.scrollIntoViewIfNeeded();
  await shot(page, '40-government-signals');

  await signal.getByRole('button', { name: 'リードを作成' }).click();
  const created = signal.getByRole('link', { name: /リード作成済み #\d+/ });
  await created.waitFor();
  const leadId = Number((await created.textContent()).replace(/[^0-9]/g, ''));
  assert.ok(leadId > 0);

  // The lead exists, from the signal, for 桐生市.
  const lead = await page.evaluate(async (id) => (await fetch(`/api/leads/${id}`)).json(), leadId);
  assert.equal(lead.source, 'signal');
  assert.equal(lead.government_code, '102032');
  assert.match(lead.notes, /青木紀夫（総務部長） 2025-03-18/);

  // The /signals screen lists it too, and its search finds it.
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '兆し' }).click();
  await page.getByRole('heading', { name: '兆し' }).waitFor();
  await page.getByLabel('発言を検索').fill('導入に向けて');
  await page.getByRole('button', { name: '適用' }).click();
  await page.getByRole('list', { name: '兆し' }).getByRole('link', { name: `リード作成済み #${leadId}` }).waitFor();
  await shot(page, '41-signals');
  await page.context().close();
  noProblems();
});
