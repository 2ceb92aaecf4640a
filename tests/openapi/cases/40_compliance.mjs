// The compliance contact log, 情報公開 disclosure exports and full-text search.
export default async function ({ check, call, failures }) {
  await check('GET', '/api/contact-log?limit=5', undefined, 200);
  await check('GET', '/api/contact-log?from=2026-13-01', undefined, 400);
  await check('GET', '/api/contact-log?colour=red', undefined, 400);

  // A real official (and their government and a user) from the demo.
  const deals = await call('GET', '/api/deals?limit=1');
  const deal = deals.json && deals.json.items[0];
  if (!deal) {
    failures.push('the demo has no deal to take a government and user from');
    return;
  }
  const gift = {
    government_code: deal.government_code, user_id: deal.owner_id, occurred_on: '2026-11-20', channel: 'gift',
    summary: 'お歳暮を持参したが辞退された', value_given: { description: '菓子折り', estimated_yen: 3000 },
  };
  const first = await check('POST', '/api/contact-log', gift, 201);
  await check('POST', '/api/contact-log', { ...gift, channel: 'bribe', summary: '' }, 400);
  await check('POST', '/api/contact-log', { ...gift, colour: 'red' }, 400);
  await check('POST', '/api/contact-log', '{"government_code":', 400);
  if (first && first.json) {
    await check('POST', '/api/contact-log', { ...gift, summary: '金額の訂正', corrects_id: first.json.id }, 201);
    const other = deal.government_code === '011002' ? '012025' : '011002';
    await check('POST', '/api/contact-log', { ...gift, government_code: other, corrects_id: first.json.id }, 422);
  }
  await check('GET', `/api/contact-log?government=${deal.government_code}&limit=1`, undefined, 200);

  const csv = await check('GET', `/api/governments/${deal.government_code}/disclosure.csv`, undefined, 200);
  // fetch's text() drops the BOM; the C++ API test checks it byte for byte.
  if (csv && !csv.text.replace(/^\uFEFF/, '').startsWith('"日時"')) failures.push('disclosure.csv does not start with 日時');
  await check('GET', `/api/governments/${deal.government_code}/disclosure.csv?from=nope`, undefined, 400);
  await check('GET', '/api/governments/139998/disclosure.csv', undefined, 404);
  await check('GET', `/api/governments/${deal.government_code}/disclosure.xlsx?from=2026-01-01&to=2026-12-31`, undefined, 200);
  await check('GET', '/api/governments/12/disclosure.xlsx', undefined, 400);
  await check('GET', '/api/governments/139998/disclosure.xlsx', undefined, 404);

  const hits = await check('GET', '/api/search?q=' + encodeURIComponent('防災') + '&limit=3', undefined, 200);
  if (hits && hits.json && hits.json.items.length === 0) failures.push('search 防災 found nothing in the demo');
  await check('GET', '/api/search?q=' + encodeURIComponent('歳暮') + '&types=contact', undefined, 200);
  await check('GET', '/api/search', undefined, 400);
  await check('GET', '/api/search?q=x&types=secrets', undefined, 400);
}
