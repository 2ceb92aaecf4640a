// Deals on the pipeline and activities.
export default async function ({ check, call, failures }) {
  const deals = await check('GET', '/api/deals?limit=5', undefined, 200);
  await check('GET', '/api/deals?stage=nope', undefined, 400);
  // The web app's filters; items carry the names of their government, product and owner.
  await check('GET', '/api/deals?status=open&kind=city,core_city&prefecture=13&product=1&limit=5', undefined, 200);
  await check('GET', '/api/deals?status=pending', undefined, 400);
  await check('GET', '/api/deals/abc', undefined, 400);
  await check('GET', '/api/deals/999999999', undefined, 404);
  if (deals && deals.json && deals.json.items.length > 0) {
    await check('GET', `/api/deals/${deals.json.items[0].id}`, undefined, 200);
  }
  // An open deal of the next fiscal year's pipeline, before 予算成立.
  let deal;
  for (const stage of ['discovery', 'qualified', 'budget_proposal']) {
    const open = await call('GET', `/api/deals?stage=${stage}&limit=1`);
    deal = deal || (open.json && open.json.items[0]);
  }
  if (!deal) {
    failures.push('the demo has no open deal before 予算成立 to move');
  } else {
    await check('POST', `/api/deals/${deal.id}/stage`, { to: 'budgeted', actor_id: deal.owner_id }, 422);
    await check('POST', `/api/deals/${deal.id}/stage`, { to: 'lost', actor_id: deal.owner_id, colour: 'red' }, 400);
    await check('POST', `/api/deals/${deal.id}/stage`, '{"to":', 400);
    await check('POST', '/api/deals/999999999/stage', { to: 'lost', actor_id: 1 }, 404);
    await check('POST', `/api/deals/${deal.id}/stage`,
      { to: 'lost', actor_id: deal.owner_id, lost_reason: '価格', competitor: '競合A社', award_amount: 1000000 }, 200);
    await check('POST', '/api/activities',
      { type: 'call', occurred_on: '2026-10-01', government_code: deal.government_code, user_id: deal.owner_id,
        deal_id: deal.id, notes: '電話でヒアリング' }, 201);
  }
  await check('POST', '/api/activities', { type: 'telepathy' }, 400);
}
