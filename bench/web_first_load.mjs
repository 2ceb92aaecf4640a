// First-load timing of the web app in Debian's Chromium (headless), run by
// bench/web_bench.sh. Prints a Markdown table: each page's load time (median and
// max of N cold loads, a new browser context each time, so nothing is cached)
// beside a baseline in the same run: loading the app's own stylesheet alone, the
// floor the browser and the server set.
import { chromium } from 'playwright-core';

const [url, login, password, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 10);
const browser = await chromium.launch({ executablePath: process.env.KYOSO_CHROMIUM || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });

async function measure(name, prepare, go, ready) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ locale: 'ja-JP' });
    await prepare(context);
    const page = await context.newPage();
    const start = Date.now();
    await go(page);
    await ready(page);
    times.push(Date.now() - start);
    await context.close();
  }
  times.sort((a, b) => a - b);
  return { name, median: times[Math.floor(times.length / 2)], max: times[times.length - 1] };
}

const signIn = async (context) => {
  const res = await context.request.post(`${url}/api/session`, { data: { login, password } });
  if (!res.ok()) throw new Error(`sign-in failed: ${res.status()}`);
};
const html = await (await fetch(url)).text();
const css = /href="(\/assets\/[^"]+\.css)"/.exec(html)[1];

const rows = [
  await measure('baseline: the stylesheet alone', async () => {}, (p) => p.goto(`${url}${css}`), async () => {}),
  await measure('sign-in screen (signed out)', async () => {}, (p) => p.goto(url), (p) => p.getByLabel('パスワード').waitFor()),
  await measure('home, signed in (my deals, recent activities)', signIn, (p) => p.goto(url), (p) => p.getByRole('heading', { name: /ようこそ/ }).waitFor().then(() => p.locator('table.table tbody tr').first().waitFor())),
  await measure('pipeline board, signed in', signIn, (p) => p.goto(`${url}/#/board`), (p) => p.locator('li.deal-card').first().waitFor()),
  await measure('government 360° (札幌市), signed in', signIn, (p) => p.goto(`${url}/#/governments/011002`), (p) => p.getByRole('heading', { name: /札幌市/ }).first().waitFor()),
  await measure('dashboards (all charts and the map), signed in', signIn, (p) => p.goto(`${url}/#/dashboards`), async (p) => {
    for (const name of ['ステージ別ファネル', '年度別パイプライン', '団体区分別の受注率', '製品別の受注率', '週別・種別の活動量']) await p.getByRole('figure', { name }).locator('svg').first().waitFor();
    await p.locator('svg.japan-map path').first().waitFor();
  }),
];
console.log(`\n| page (first load, cold context, ${runs} runs) | median ms | max ms | under 1 s |\n|---|---:|---:|---|`);
for (const r of rows) console.log(`| ${r.name} | ${r.median} | ${r.max} | ${r.name.startsWith('baseline') ? '' : r.max < 1000 ? 'yes' : 'NO'} |`);
await browser.close();
