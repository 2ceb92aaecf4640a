// Shared set-up of the browser test files (run_browser_tests.sh runs every
// tests/web/*.test.mjs in turn against one live `kyoso serve` on a demo database):
// the demo credentials, one headless Chromium per file, pages on the server's pinned
// day, sign-in, screenshots, and the console-error check.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const URL = process.env.KYOSO_URL;
const SHOTS = process.env.KYOSO_SCREENSHOTS;
export const credentials = {};
for (const line of readFileSync(process.env.KYOSO_CREDENTIALS_FILE, 'utf8').split('\n')) {
  const m = /^\s*(\S+)\s+login:\s*(\S+)\s+password:\s*(\S+)/.exec(line);
  if (m) credentials[m[1]] = { login: m[2], password: m[3] };
}

let browser;
export const problems = []; // console errors and CSP violations seen on any page

// Starts Chromium before the file's tests and closes it after them; call once at the top.
export function useBrowser() {
  before(async () => {
    browser = await chromium.launch({
      executablePath: process.env.KYOSO_CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    });
  });
  after(async () => {
    await browser?.close();
  });
}

export async function newPage() {
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1440, height: 900 } });
  // The server runs with KYOSO_TODAY=2026-11-27 (run_browser_tests.sh): the browser's clock
  // must be on the same day in Japan, or after 15:00 UTC its date inputs default to tomorrow
  // and the server refuses them as in the future. Time keeps running from there.
  await context.clock.setSystemTime(new Date('2026-11-27T10:00:00+09:00'));
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of 4\d\d/.test(msg.text())) problems.push(`${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`${page.url()}: ${err.message}`));
  return page;
}

export async function shot(page, name) {
  // Documentation screenshots leave out the transient confirmation toast (hidden through the
  // CSSOM, which the page's CSP allows, unlike an injected style sheet).
  const toast = (visibility) => page.evaluate((v) => document.querySelector('.toast')?.style.setProperty('visibility', v), visibility);
  await toast('hidden');
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
  await toast('');
}

export async function signIn(page, role) {
  const c = credentials[role];
  assert.ok(c, `the demo credentials list a ${role} sign-in`);
  await page.goto(URL);
  await page.getByLabel('ログインID').fill(c.login);
  await page.getByLabel('パスワード').fill(c.password);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await page.getByRole('heading', { name: /ようこそ/ }).waitFor();
}

export function noProblems() {
  assert.deepEqual(problems, [], 'no console errors or CSP violations');
}
