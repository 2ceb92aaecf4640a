// Deadlines, milestone overrides and calendar feeds (docs/api.md, "Deadlines").
export default async function ({ check, call, failures }) {
  const mine = await check('GET', '/api/deadlines', undefined, 200);
  await check('GET', '/api/deadlines?horizon_days=0', undefined, 400);
  const all = await check('GET', '/api/deadlines?owner=1&horizon_days=730', undefined, 200);
  if (mine && all && !Array.isArray(all.json.items)) failures.push('GET /api/deadlines: no items');
  const deals = await call('GET', '/api/deals?limit=1');
  const dealId = deals.json && deals.json.items && deals.json.items[0] ? deals.json.items[0].id : 1;
  await check('GET', `/api/deals/${dealId}/deadline`, undefined, 200);
  await check('GET', '/api/deals/99999999/deadline', undefined, 404);

  await check('GET', '/api/governments/131016/milestone-overrides', undefined, 200);
  await check('PUT', '/api/governments/131016/milestone-overrides/budget_request_deadline',
    { start: '11-10', end: '11-10', fiscal_year: 2026 }, 200);
  await check('PUT', '/api/governments/131016/milestone-overrides/budget_request_deadline', { start: '13-40' }, 400);
  await check('DELETE', '/api/governments/131016/milestone-overrides/budget_request_deadline?fiscal_year=2026',
    undefined, 200);
  await check('DELETE', '/api/governments/131016/milestone-overrides/budget_request_deadline', undefined, 404);

  await check('GET', '/api/calendar-feeds', undefined, 200);
  await check('POST', '/api/calendar-feeds', { scope: 'planet' }, 400);
  const feed = await check('POST', '/api/calendar-feeds', { scope: 'user' }, 201);
  if (feed && feed.json) {
    const ics = await check('GET', feed.json.url, undefined, 200, { token: null });
    if (ics && !(ics.type || '').startsWith('text/calendar')) failures.push(`calendar feed content type ${ics.type}`);
    await check('DELETE', `/api/calendar-feeds/${feed.json.id}`, undefined, 200);
    await check('GET', feed.json.url, undefined, 401, { token: null });
  }
  await check('DELETE', '/api/calendar-feeds/99999999', undefined, 404);
}
