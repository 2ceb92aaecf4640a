// リードスコア検証 in a real browser: a manager opens the page from the menu, uploads a CSV
// of past leads (tests/data/leads_sample.csv: 1,500 leads, bench/ml_data.py leads --seed 2, source=inquiry converts more),
// keeps the guessed outcome column, runs the check and reads AUC, log-loss, Brier and
// the row counts with the plain-Japanese explanation; a bad choice of outcome column
// shows the server's message. A BDR has no menu entry (the route needs import).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newPage, noProblems, shot, signIn, useBrowser } from './support.mjs';

useBrowser();
const SAMPLE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'data', 'leads_sample.csv');

test('leadscore: a manager evaluates a CSV of past leads and sees the metrics', async () => {
  const page = await newPage();
  await signIn(page, 'manager');
  await page.getByRole('navigation', { name: /メイン|Main/ }).getByRole('link', { name: 'リードスコア検証' }).click();
  await page.getByRole('heading', { name: 'リードスコア検証', level: 1 }).waitFor();
  await page.getByLabel('CSVファイル').setInputFiles(SAMPLE);
  const target = page.getByLabel('成果の列（目的変数）');
  await target.waitFor();
  assert.equal(await target.inputValue(), 'result');
  await page.getByRole('button', { name: '検証する' }).click();
  const result = page.getByRole('region', { name: '検証結果' });
  await result.waitFor();
  await result.getByText(/0\.5 = 当て推量、1\.0 = 完全/).waitFor();
  const auc = Number(await result.locator('dt:has-text("AUC") + dd').textContent());
  assert.ok(auc > 0.6 && auc <= 1, `AUC ${auc}`);
  await result.locator('dt:has-text("学習件数") + dd', { hasText: /^1200/ }).waitFor();
  await result.locator('dt:has-text("検証件数") + dd', { hasText: /^300/ }).waitFor();
  await result.getByRole('cell', { name: 'source' }).waitFor();
  await shot(page, 'leadscore-result');

  // An outcome column with many values: the server's message is shown.
  await target.selectOption('pages_viewed');
  await page.getByRole('button', { name: '検証する' }).click();
  await page.getByRole('alert').getByText(/distinct values/).waitFor();
  await page.context().close();
  noProblems();
});

test('leadscore: a BDR has no menu entry', async () => {
  const page = await newPage();
  await signIn(page, 'bdr');
  const nav = page.getByRole('navigation', { name: /メイン|Main/ });
  await nav.getByRole('link').first().waitFor();
  assert.equal(await nav.getByRole('link', { name: 'リードスコア検証' }).count(), 0);
  await page.context().close();
  noProblems();
});
