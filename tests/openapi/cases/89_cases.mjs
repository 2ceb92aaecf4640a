// The case library and public value (docs/transformation.md).
export default async function ({ check, call, failures }) {
  const list = await check('GET', '/api/cases?limit=5', undefined, 200);
  if (list && list.json && list.json.items.length === 0) failures.push('cases: the demo has no cases');
  await check('GET', `/api/cases?q=${encodeURIComponent('予算要求')}`, undefined, 200);
  await check('GET', '/api/cases?kind=draw', undefined, 400);
  const first = list && list.json && list.json.items[0];
  const code = first ? first.government_code : '131016';
  const productId = first ? first.product_id : 1;
  await check('GET', `/api/cases/related?government_code=${code}&product_id=${productId}`, undefined, 200);
  await check('GET', '/api/cases/related', undefined, 400);
  await check('GET', '/api/cases/related?government_code=999999', undefined, 404);
  const created = await check('POST', '/api/cases', {
    kind: 'success', title: '窓口業務のオンライン化', government_code: code, product_id: productId,
    summary: 'openapi check', tags: ['窓口DX'],
  }, 201);
  await check('POST', '/api/cases', { kind: 'success', title: '', government_code: code, product_id: productId }, 400);
  const id = created && created.json ? created.json.id : 1;
  await check('GET', `/api/cases/${id}`, undefined, 200);
  await check('GET', '/api/cases/abc', undefined, 400);
  await check('GET', '/api/cases/99999999', undefined, 404);
  await check('PATCH', `/api/cases/${id}`, { lessons: '予算要求前に参考見積' }, 200);
  await check('PATCH', `/api/cases/${id}`, { kind: 'draw' }, 400);
  await check('PATCH', '/api/cases/99999999', { lessons: 'x' }, 404);
  await check('DELETE', `/api/cases/${id}`, undefined, 200);
  await check('DELETE', `/api/cases/${id}`, undefined, 404);
  await check('GET', `/api/public-value?product_id=${productId}`, undefined, 200);
  await check('GET', `/api/public-value?government_code=${code}`, undefined, 200);
  await check('GET', '/api/public-value', undefined, 400);
  await check('GET', '/api/public-value?product_id=99999999', undefined, 404);
  await check('GET', `/api/public-value/evidence?product_id=${productId}&government_code=${code}`, undefined, 200);
  await check('GET', `/api/public-value/evidence?product_id=${productId}`, undefined, 400);
  await check('GET', `/api/public-value/evidence?product_id=99999999&government_code=${code}`, undefined, 404);
}
