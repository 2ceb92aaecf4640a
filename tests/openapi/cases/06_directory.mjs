// The people directory behind owner pickers (GET /api/people).
export default async function ({ check, call, failures, state }) {
  const all = await check('GET', '/api/people', undefined, 200);
  await check('GET', '/api/people?team=x', undefined, 400);
  await check('GET', '/api/people', undefined, 401, { token: null });
  const field = state.credentials.field_sales;
  if (!field) return;  // 05_auth.mjs reports missing credentials
  const signedIn = await call('POST', '/api/session', { login: field.login, password: field.password }, { token: null });
  const cookie = signedIn.headers.get('set-cookie');
  if (signedIn.status !== 201 || !cookie) {
    failures.push(`GET /api/people: cannot sign in as field_sales (${signedIn.status})`);
    return;
  }
  const mine = await check('GET', '/api/people', undefined, 200, { token: null, headers: { Cookie: cookie.split(';')[0] } });
  if (all && mine && JSON.stringify(all.json) !== JSON.stringify(mine.json)) {
    failures.push('GET /api/people: field sales see another directory than the administrator');
  }
  if (all && all.json && all.json.items.length < 2) failures.push('GET /api/people: the demo directory is nearly empty');
}
