// Sign-in, sessions with CSRF, API tokens, accounts and the access policy.
export default async function ({ check, call, failures, state }) {
  const field = state.credentials.field_sales;
  if (!field) {
    failures.push('the demo printed no field_sales credentials (KYOSO_CREDENTIALS)');
    return;
  }
  await check('POST', '/api/session', '{"login":', 400, { token: null });
  await check('POST', '/api/session', { login: field.login, password: 'wrong password!' }, 401, { token: null });
  const signedIn = await check('POST', '/api/session', { login: field.login, password: field.password }, 201,
    { token: null });
  const setCookie = signedIn && signedIn.headers.get('set-cookie');
  if (!setCookie || !/HttpOnly/.test(setCookie) || !/SameSite=Strict/.test(setCookie)) {
    failures.push(`POST /api/session: session cookie without HttpOnly/SameSite: ${setCookie}`);
    return;
  }
  const cookie = setCookie.split(';')[0];
  const csrf = signedIn.json.csrf_token;
  const asField = { token: null, headers: { Cookie: cookie } };
  const asFieldWrite = { token: null, headers: { Cookie: cookie, 'X-CSRF-Token': csrf } };
  const me = await check('GET', '/api/session', undefined, 200, asField);
  if (me && me.json && me.json.user.role !== 'field_sales') failures.push('GET /api/session: wrong role');
  // A write by cookie without the CSRF token is refused.
  await check('POST', '/api/tokens', { name: 'script' }, 403, asField);
  const token = await check('POST', '/api/tokens', { name: 'script', expires_in_days: 30 }, 201, asFieldWrite);
  await check('POST', '/api/tokens', {}, 400, asFieldWrite);
  await check('GET', '/api/tokens', undefined, 200, asField);
  if (token && token.json) {
    // The new token works on its own, then is revoked.
    await check('GET', '/api/session', undefined, 200, { token: token.json.token });
    await check('DELETE', `/api/tokens/${token.json.id}`, undefined, 200, asFieldWrite);
    await check('GET', '/api/deals?limit=1', undefined, 401, { token: token.json.token });
  }
  await check('DELETE', '/api/tokens/abc', undefined, 400, asFieldWrite);
  await check('DELETE', '/api/tokens/999999', undefined, 404, asFieldWrite);
  // Field sales may not administer accounts.
  await check('GET', '/api/users', undefined, 403, asField);
  await check('DELETE', '/api/session', undefined, 200, asFieldWrite);
  await check('GET', '/api/session', undefined, 401, asField);
  await check('GET', '/api/deals?limit=1', undefined, 401, { token: null });

  // Accounts (administrator).
  await check('GET', '/api/users', undefined, 200);
  const created = await check('POST', '/api/users',
    { login: 'openapi-user', name: '検査 花子', role: 'bdr', team: 'インサイドセールス部', password: 'a long enough secret' },
    201);
  await check('POST', '/api/users', { login: 'openapi-user', name: 'x', role: 'bdr', password: 'a long enough secret' },
    409);
  await check('POST', '/api/users', { login: 'bad login!', role: 'wizard', password: 'short' }, 400);
  if (created && created.json) {
    const id = created.json.id;
    await check('PATCH', `/api/users/${id}`, { territory: ['13', '14'], role: 'field_sales' }, 200);
    await check('PATCH', `/api/users/${id}`, { territory: ['99'] }, 400);
    // Five wrong passwords lock the account.
    for (let i = 0; i < 4; i++) {
      await call('POST', '/api/session', { login: 'openapi-user', password: 'not the password' }, { token: null });
    }
    await check('POST', '/api/session', { login: 'openapi-user', password: 'not the password' }, 429, { token: null });
    await check('POST', '/api/session', { login: 'openapi-user', password: 'a long enough secret' }, 429,
      { token: null });
  }
  await check('PATCH', '/api/users/999999', { name: 'x' }, 404);
  const session = await call('GET', '/api/session');
  if (session.json) await check('PATCH', `/api/users/${session.json.user.user_id}`, { role: 'bdr' }, 422);

  // The access policy: read it, store it unchanged, refuse a bad one.
  const policy = await check('GET', '/api/access-policy', undefined, 200);
  if (policy && policy.json) {
    const { admin, ...configurable } = policy.json.roles;
    await check('PUT', '/api/access-policy', { roles: configurable }, 200);
  }
  await check('PUT', '/api/access-policy', { roles: { bdr: { records: { deal: { read: 'own', write: 'all' } } } } }, 400);
}
