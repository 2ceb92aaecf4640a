// The 期限 (deadlines) screen, the milestone-override editor of a government and the
// private calendar feed, in a real browser against the demo (today 2026-11-27).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { URL, newPage, noProblems, shot, signIn, useBrowser } from './support.mjs';

useBrowser();

test('deadlines: my and my team\'s rows with business days, and a calendar feed URL that serves iCalendar', async () => {
  const page = await newPage();
  await signIn(page, 'field_sales');
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '期限' }).click();
  await page.getByRole('heading', { name: '期限', level: 1 }).waitFor();
  await page.getByRole('heading', { name: '自分の期限' }).waitFor();
  // Rows load; at least one (mine or my team's) counts business days, and the missed
  // FY2027 requests point to the December council.
  await page.locator('td', { hasText: '営業日' }).first().waitFor();
  assert.ok((await page.locator('td', { hasText: '営業日' }).count()) > 0);
  await shot(page, 'deadlines-list');

  await page.getByRole('button', { name: '自分の期限のURLを作成' }).click();
  const input = page.getByLabel('配信URL');
  await input.waitFor();
  const feedUrl = await input.inputValue();
  assert.match(feedUrl, /\/calendar\/kcal_[0-9a-f]+\.ics$/);
  // No cookie, no token: the URL is the credential.
  const res = await fetch(feedUrl);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') || '', /^text\/calendar/);
  assert.ok((await res.text()).startsWith('BEGIN:VCALENDAR'));
  await page.getByRole('button', { name: /^無効化/ }).first().click();
  await page.getByText('(無効)').first().waitFor();
  assert.equal((await fetch(feedUrl)).status, 401);
  await page.context().close();
  noProblems();
});

test('government page: a manager overrides the request deadline and the calendar shows it', async () => {
  const page = await newPage();
  await signIn(page, 'manager');
  await page.goto(`${URL}/#/governments/131016`);
  const item = page.locator('ol.milestones li', { hasText: '予算要求締切' });
  await item.waitFor();
  const before = await item.innerText();
  const form = page.getByRole('form', { name: 'この団体の日程（上書き）' });
  await form.getByLabel('予定').selectOption('budget_request_deadline');
  await form.getByLabel('開始（MM-DD）').fill('11-05');
  await form.getByRole('button', { name: '日程を保存' }).click();
  await page.waitForFunction((b) => {
    const li = [...document.querySelectorAll('ol.milestones li')].find((x) => x.textContent.includes('予算要求締切'));
    return li && li.textContent !== b && li.textContent.includes('*');
  }, before);
  assert.notEqual(await item.innerText(), before);
  await shot(page, 'government-override');
  await page.context().close();
  noProblems();
});
