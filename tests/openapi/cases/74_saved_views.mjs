// Saved list views: the caller's own (docs/api.md, "Saved views").
export default async function ({ check, failures, state }) {
  const name = `openapi ${Date.now()}`;
  const saved = await check('POST', '/api/saved-views',
    { list: 'deals', name, state: { filters: { status: 'open' }, columns: ['title', 'amount'] } }, 201);
  await check('POST', '/api/saved-views', { list: 'deals', name, state: {} }, 409);
  await check('POST', '/api/saved-views', { list: 'notices', name, state: {} }, 400);
  await check('GET', '/api/saved-views?list=deals', undefined, 200);
  await check('GET', '/api/saved-views', undefined, 200, state.asBdr);
  if (saved && saved.json) {
    await check('DELETE', `/api/saved-views/${saved.json.id}`, undefined, 404, state.asBdr && {
      ...state.asBdr, headers: { ...state.asBdr.headers, 'X-CSRF-Token': state.bdrCsrf || '' } });
    await check('DELETE', `/api/saved-views/${saved.json.id}`, undefined, 200);
  } else {
    failures.push('POST /api/saved-views did not save');
  }
  await check('DELETE', '/api/saved-views/abc', undefined, 400);
}
