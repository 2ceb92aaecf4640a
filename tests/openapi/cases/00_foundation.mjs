// Health, the OpenAPI document itself and the government master.
export default async function ({ check }) {
  await check('GET', '/api/health', undefined, 200);
  await check('GET', '/api/openapi.json', undefined, 200);
  await check('GET', '/api/governments?limit=3', undefined, 200);
  await check('GET', '/api/governments?q=' + encodeURIComponent('ちよだ'), undefined, 200);
  await check('GET', '/api/governments?kind=ward&sort=kana&order=desc&limit=2', undefined, 200);
  await check('GET', '/api/governments?cursor=nonsense', undefined, 400);
  await check('GET', '/api/governments?prefecture=99', undefined, 400);
  await check('GET', '/api/governments/131016', undefined, 200);
  await check('GET', '/api/governments/011002', undefined, 200);
  await check('GET', '/api/governments/131017', undefined, 400);
  await check('GET', '/api/governments/131997', undefined, 404);
}
