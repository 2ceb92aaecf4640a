// The pipeline's stage description and board (docs/api.md, "Pipeline").
export default async function ({ check, call, failures, state }) {
  const stages = await check('GET', '/api/pipeline/stages', undefined, 200);
  if (stages && stages.json && stages.json.stages.length !== 10) {
    failures.push(`GET /api/pipeline/stages: ${stages.json.stages.length} stages, expected 10`);
  }
  await check('GET', '/api/pipeline/board', undefined, 200);
  await check('GET', '/api/pipeline/board?fiscal_year=2026&kind=city,town&prefecture=13&product=1&limit=5',
    undefined, 200);
  await check('GET', '/api/pipeline/board?limit=500', undefined, 400);
  // A BDR's board: amounts null, named in hidden_fields.
  const bdr = state.credentials.bdr;
  if (!bdr) {
    failures.push('the demo printed no bdr credentials (KYOSO_CREDENTIALS)');
    return;
  }
  const signedIn = await call('POST', '/api/session', { login: bdr.login, password: bdr.password }, { token: null });
  const cookie = (signedIn.headers.get('set-cookie') || '').split(';')[0];
  state.asBdr = { token: null, headers: { Cookie: cookie } };
  state.bdrCsrf = signedIn.json && signedIn.json.csrf_token;
  const board = await check('GET', '/api/pipeline/board?fiscal_year=2026', undefined, 200, state.asBdr);
  if (board && board.json && board.json.columns.some((c) => c.amount_total !== null)) {
    failures.push('GET /api/pipeline/board as a BDR shows amount totals');
  }
}
