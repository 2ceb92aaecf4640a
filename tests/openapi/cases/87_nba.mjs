// Next best actions and similar governments (docs/ml.md; docs/api.md).
export default async function ({ check, call, failures }) {
  const mine = await check('GET', '/api/next-actions', undefined, 200);
  await check('GET', '/api/next-actions?limit=0', undefined, 400);
  const open = await call('GET', '/api/deals?stage=qualified&limit=1');
  const dealId = open.json && open.json.items && open.json.items[0] ? open.json.items[0].id : 1;
  const deal = await check('GET', `/api/deals/${dealId}/next-actions`, undefined, 200);
  await check('GET', '/api/deals/99999999/next-actions', undefined, 404);
  const d = await call('GET', `/api/deals/${dealId}`);
  const code = d.json ? d.json.government_code : '131016';
  await check('GET', `/api/governments/${code}/next-actions`, undefined, 200);
  await check('GET', '/api/governments/999999/next-actions', undefined, 404);

  const items = (deal && deal.json && deal.json.items) || (mine && mine.json && mine.json.items) || [];
  if (items.length === 0) failures.push('next-actions: no action for an open deal of the demo');
  const key = items.length > 0 ? items[0].key : 'no_contact:deal:1:2026-01-01';
  await check('POST', '/api/next-actions/feedback', { action_key: key, decision: 'accept' }, 201);
  await check('POST', '/api/next-actions/feedback', { action_key: key, decision: 'later' }, 400);

  const similar = await check('GET', `/api/governments/${code}/similar?limit=5`, undefined, 200);
  if (similar && similar.json && similar.json.neighbours.length !== 5) failures.push('similar: expected 5 neighbours');
  await check('GET', `/api/governments/${code}/similar?limit=99`, undefined, 400);
  await check('GET', '/api/governments/999999/similar', undefined, 404);
  const products = await call('GET', '/api/products?limit=1');
  const productId = products.json && products.json.items[0] ? products.json.items[0].id : 1;
  await check('GET', `/api/governments/${code}/similar/adoption?product_id=${productId}`, undefined, 200);
  await check('GET', `/api/governments/${code}/similar/adoption`, undefined, 400);
  await check('GET', `/api/governments/${code}/similar/adoption?product_id=99999999`, undefined, 404);
}
