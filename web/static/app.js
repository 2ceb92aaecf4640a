// Kyoso: the foundation's government browser. Plain DOM code with textContent only
// (never innerHTML), so data from the server cannot inject markup. The full web app
// replaces this page (see the web-app issue).
'use strict';

const KIND_LABELS = {
  prefecture: '都道府県', designated_city: '政令指定都市', ward: '行政区', core_city: '中核市',
  special_ward: '特別区', city: '市', town: '町', village: '村',
};

const $ = (id) => document.getElementById(id);
let nextCursor = null;
// The session's CSRF token: sent as X-CSRF-Token on every write (docs/security.md).
let csrfToken = null;

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text == null ? '—' : String(text);
  row.appendChild(td);
  return td;
}

async function getJson(url, options = {}) {
  const headers = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.method && options.method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const res = await fetch(url, {
    method: options.method || 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    credentials: 'same-origin',
  });
  const body = await res.json();
  if (res.status === 401 && !options.signingIn) showSignIn();
  if (!res.ok) {
    const e = body.error || {};
    const field = e.details && e.details[0] ? `（${e.details[0].field}）` : '';
    throw new Error(`${e.message || res.status}${field}`);
  }
  return body;
}

function params(cursor) {
  const p = new URLSearchParams();
  for (const id of ['q', 'prefecture', 'kind', 'sort']) {
    const v = $(id).value.trim();
    if (v) p.set(id, v);
  }
  if ($('sort').value === 'population') p.set('order', 'desc');
  p.set('limit', '50');
  if (cursor) p.set('cursor', cursor);
  return p;
}

async function search(append) {
  const tbody = $('results').querySelector('tbody');
  if (!append) tbody.replaceChildren();
  $('status').textContent = '検索中… / Searching…';
  try {
    const body = await getJson(`/api/governments?${params(append ? nextCursor : null)}`);
    for (const g of body.items) {
      const tr = document.createElement('tr');
      cell(tr, g.code);
      const name = cell(tr, '');
      const a = document.createElement('a');
      a.href = `/governments/${g.code}`;
      a.textContent = g.name + (g.is_core_city && g.kind !== 'core_city' ? '（中核市）' : '');
      a.addEventListener('click', (ev) => { ev.preventDefault(); showDetail(g.code, true); });
      name.appendChild(a);
      cell(tr, g.kana);
      cell(tr, g.kind === 'prefecture' ? '' : g.prefecture_name);
      cell(tr, KIND_LABELS[g.kind] || g.kind);
      cell(tr, g.population == null ? null : g.population.toLocaleString('ja-JP')).className = 'num';
      tbody.appendChild(tr);
    }
    nextCursor = body.next_cursor;
    $('more').hidden = !nextCursor;
    $('status').textContent = `${body.total.toLocaleString('ja-JP')} 件 / results`;
  } catch (e) {
    $('status').textContent = `エラー / Error: ${e.message}`;
  }
}

async function showDetail(code, push) {
  try {
    const g = await getJson(`/api/governments/${encodeURIComponent(code)}`);
    if (push) history.pushState({ code }, '', `/governments/${g.code}`);
    $('detail').hidden = false;
    $('detail-title').textContent = `${g.kind === 'prefecture' ? '' : g.prefecture_name}${g.name}（${g.kana}）`;
    const flags = [KIND_LABELS[g.kind]];
    if (g.is_former_special_city) flags.push('施行時特例市');
    if (g.has_no_functioning_government) flags.push('北方領土（行政機能なし・営業対象外）');
    if (g.similar_group) flags.push(`類似団体 ${g.similar_group}`);
    if (g.population != null) flags.push(`人口 ${g.population.toLocaleString('ja-JP')}`);
    if (g.fiscal_strength_index != null) flags.push(`財政力指数 ${g.fiscal_strength_index}`);
    $('detail-meta').textContent = `団体コード ${g.code} · ${flags.join(' · ')}`;
    const cal = g.fiscal_calendar;
    $('fy-label').textContent = `${cal.label}（FY${cal.fiscal_year}: ${cal.start} – ${cal.end}）`;
    $('next-milestone').textContent = cal.next
      ? `次の予定 / Next: ${cal.next.label}（${cal.next.start}）まであと ${cal.business_days_to_next} 営業日`
      : '';
    const tbody = $('milestones').querySelector('tbody');
    tbody.replaceChildren();
    for (const m of cal.milestones) {
      const tr = document.createElement('tr');
      cell(tr, m.start === m.end ? m.start : `${m.start} – ${m.end}`);
      cell(tr, m.label + (m.overridden ? '（団体設定）' : ''));
      cell(tr, m.label_en).className = 'en';
      tbody.appendChild(tr);
    }
    $('detail').scrollIntoView({ behavior: 'smooth' });
  } catch (e) {
    $('status').textContent = `エラー / Error: ${e.message}`;
  }
}

async function loadPrefectures() {
  const body = await getJson('/api/governments?kind=prefecture&limit=47');
  for (const p of body.items) {
    const opt = document.createElement('option');
    opt.value = p.code;
    opt.textContent = p.name;
    $('prefecture').appendChild(opt);
  }
}

function showSignIn() {
  $('app').hidden = true;
  $('whoami').hidden = true;
  $('signin').hidden = false;
  $('login').focus();
}

const ROLE_LABELS = {
  admin: '管理者', manager: 'マネージャー', bdr: 'BDR/SDR', inside_sales: 'インサイドセールス',
  field_sales: 'フィールドセールス', customer_success: 'カスタマーサクセス',
};

function startApp(session) {
  csrfToken = session.csrf_token;
  $('signin').hidden = true;
  $('app').hidden = false;
  $('whoami').hidden = false;
  $('whoami-name').textContent = `${session.user.name}（${ROLE_LABELS[session.user.role] || session.user.role}）`;
  loadPrefectures().catch((e) => { $('status').textContent = `エラー / Error: ${e.message}`; });
  search(false);
  const m = location.pathname.match(/^\/governments\/(\d{5,6})$/);
  if (m) showDetail(m[1], false);
}

document.addEventListener('DOMContentLoaded', () => {
  $('signin-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('signin-status').textContent = '';
    try {
      const session = await getJson('/api/session', {
        method: 'POST', body: { login: $('login').value, password: $('password').value }, signingIn: true,
      });
      $('password').value = '';
      startApp(session);
    } catch (e) {
      $('signin-status').textContent = `ログインできません / Cannot sign in: ${e.message}`;
    }
  });
  $('signout').addEventListener('click', async () => {
    try { await getJson('/api/session', { method: 'DELETE' }); } catch (e) { /* signed out either way */ }
    csrfToken = null;
    showSignIn();
  });
  $('search').addEventListener('submit', (ev) => { ev.preventDefault(); search(false); });
  $('more').addEventListener('click', () => search(true));
  window.addEventListener('popstate', () => {
    const m = location.pathname.match(/^\/governments\/(\d{5,6})$/);
    if (m) showDetail(m[1], false); else $('detail').hidden = true;
  });
  getJson('/api/session', { signingIn: true }).then(startApp).catch(showSignIn);
});
