// Products, deal create/update with line items and team, activity participants,
// leads with conversion, and custom fields.
export default async function ({ check, call, failures }) {
  const stamp = Date.now();
  // Products.
  await check('GET', '/api/products?limit=2', undefined, 200);
  const sorted = await check('GET', '/api/products?sort=name&order=desc&fields=name,price_min&limit=1', undefined, 200);
  if (sorted && sorted.json && sorted.json.next_cursor) {
    await check('GET', `/api/products?sort=name&order=desc&limit=1&cursor=${sorted.json.next_cursor}`, undefined, 200);
    await check('GET', `/api/products?sort=id&cursor=${sorted.json.next_cursor}`, undefined, 400);
  }
  await check('GET', '/api/products?colour=red', undefined, 400);
  const product = await check('POST', '/api/products',
    { name: `防災アプリ ${stamp}`, policy_domains: ['防災'], price_min: 500000, price_max: 2000000,
      keywords: ['避難'], external_id: `P-${stamp}` }, 201);
  await check('POST', '/api/products', { name: `防災アプリ ${stamp}` }, 409);
  await check('POST', '/api/products', { name: 1, price_min: -1, colour: 'red' }, 400);
  await check('POST', '/api/products', '{"name":', 400);
  await check('POST', '/api/products', JSON.stringify({ name: 'x'.repeat(1100000) }), 413);
  await check('GET', '/api/products/abc', undefined, 400);
  await check('GET', '/api/products/999999999', undefined, 404);
  await check('PATCH', '/api/products/999999999', { name: 'x' }, 404);
  if (!product || !product.json) {
    failures.push('could not create a product');
    return;
  }
  const pid = product.json.id;
  await check('GET', `/api/products/${pid}`, undefined, 200);
  await check('PATCH', `/api/products/${pid}`, { price_max: 3000000 }, 200);
  await check('PATCH', `/api/products/${pid}`, { price_min: 'cheap' }, 400);
  const first = await call('GET', '/api/products?limit=1');
  await check('PATCH', `/api/products/${pid}`, { name: first.json.items[0].name }, 409);
  await check('DELETE', `/api/products/${first.json.items[0].id}`, undefined, 409);
  await check('DELETE', '/api/products/0', undefined, 400);

  // Deals: create and update with line items, team and custom fields.
  const any = await call('GET', '/api/deals?limit=1');
  const base = any.json && any.json.items[0];
  if (!base) {
    failures.push('the demo has no deal');
    return;
  }
  await check('GET', '/api/deals?sort=amount&order=desc&fields=title,amount&limit=3', undefined, 200);
  await check('GET', '/api/deals?fields=password', undefined, 400);
  const dealField = await check('POST', '/api/custom-fields',
    { entity: 'deal', key: `rank_${stamp}`, label: '入札参加資格', type: 'choice', choices: ['A', 'B'] }, 201);
  const rankKey = `rank_${stamp}`;
  const created = await check('POST', '/api/deals',
    { government_code: base.government_code, title: '防災DX', product_id: pid, owner_id: base.owner_id,
      champion_id: base.champion_id, fiscal_year: 2027, procurement_method: 'proposal',
      line_items: [{ product_id: pid, description: 'ライセンス', quantity: 3, unit_price: 1000000 },
        { description: '導入支援', quantity: 1, unit_price: 500000 }],
      team: [{ user_id: base.owner_id, role: 'field_sales' }], custom_fields: { [rankKey]: 'A' },
      external_id: `D-${stamp}` }, 201);
  await check('POST', '/api/deals', { title: 'x', colour: 'red' }, 400);
  await check('POST', '/api/deals',
    { government_code: base.government_code, title: '重複', product_id: pid, owner_id: base.owner_id,
      external_id: `D-${stamp}` }, 409);
  await check('PATCH', '/api/deals/999999999', { title: 'x' }, 404);
  if (created && created.json) {
    const id = created.json.id;
    await check('PATCH', `/api/deals/${id}`,
      { line_items: [{ description: '年額', quantity: 2, unit_price: 100 }], custom_fields: { [rankKey]: null } }, 200);
    await check('PATCH', `/api/deals/${id}`, { amount: 5 }, 400);
    await check('PATCH', `/api/deals/${id}`, { external_id: `D-${stamp}-2` }, 200);
    const other = await check('POST', '/api/deals',
      { government_code: base.government_code, title: '別件', product_id: pid, owner_id: base.owner_id,
        external_id: `D-${stamp}-3` }, 201);
    if (other && other.json) await check('PATCH', `/api/deals/${other.json.id}`, { external_id: `D-${stamp}-2` }, 409);
    await check('GET', `/api/deals/${id}`, undefined, 200);
    // Activity with participants.
    await check('POST', '/api/activities',
      { type: 'visit', occurred_on: '2026-11-20', occurred_at: '14:30', government_code: base.government_code,
        user_id: base.owner_id, deal_id: id, notes: '課長と打合せ',
        participants: { user_ids: [base.owner_id], official_ids: base.champion_id ? [base.champion_id] : [] } }, 201);
    await check('POST', '/api/activities',
      { type: 'visit', occurred_on: '2026-11-20', government_code: base.government_code, user_id: base.owner_id,
        participants: { user_ids: [999999999] } }, 400);
    await check('DELETE', `/api/products/${pid}`, undefined, 409);
  }
  if (dealField && dealField.json) await check('DELETE', `/api/custom-fields/${dealField.json.id}`, undefined, 200);

  // Leads.
  await check('GET', '/api/leads?limit=2', undefined, 200);
  await check('GET', '/api/leads?status=qualified&sort=created_on&order=desc&fields=title,status&limit=2', undefined, 200);
  await check('GET', '/api/leads?status=won', undefined, 400);
  await check('GET', '/api/leads/abc', undefined, 400);
  await check('GET', '/api/leads/999999999', undefined, 404);
  const lead = await check('POST', '/api/leads',
    { source: 'seminar', government_code: base.government_code, product_id: pid, owner_id: base.owner_id,
      title: '防災セミナー参加', notes: '資料請求あり', external_id: `L-${stamp}` }, 201);
  await check('POST', '/api/leads',
    { source: 'seminar', government_code: base.government_code, title: '重複', external_id: `L-${stamp}` }, 409);
  await check('POST', '/api/leads', { source: 'telepathy', government_code: '131017', title: 'x' }, 400);
  await check('PATCH', '/api/leads/999999999', { title: 'x' }, 404);
  await check('POST', '/api/leads/999999999/convert', { actor_id: 1 }, 404);
  if (lead && lead.json) {
    const id = lead.json.id;
    await check('GET', `/api/leads/${id}`, undefined, 200);
    await check('PATCH', `/api/leads/${id}`, { status: 'qualified' }, 200);
    await check('PATCH', `/api/leads/${id}`, { status: 'new' }, 422);
    await check('PATCH', `/api/leads/${id}`, { owner_id: 'me' }, 400);
    await check('POST', `/api/leads/${id}/convert`, { actor_id: 'me' }, 400);
    await check('POST', `/api/leads/${id}/convert`, { actor_id: base.owner_id }, 201);
    await check('POST', `/api/leads/${id}/convert`, { actor_id: base.owner_id }, 409);
  }
  const dropped = await check('POST', '/api/leads',
    { source: 'inquiry', government_code: base.government_code, title: '問合せ', status: 'disqualified' }, 201);
  if (dropped && dropped.json) {
    await check('POST', `/api/leads/${dropped.json.id}/convert`, { actor_id: base.owner_id, product_id: pid }, 422);
  }

  // Custom fields.
  await check('GET', '/api/custom-fields', undefined, 200);
  await check('GET', '/api/custom-fields?entity=user', undefined, 400);
  await check('POST', '/api/custom-fields', { entity: 'user', key: 'Bad Key', label: '', type: 'colour' }, 400);
  const govField = await check('POST', '/api/custom-fields',
    { entity: 'government', key: `dx_${stamp}`, label: 'DX成熟度', type: 'choice', choices: ['高', '中', '低'] }, 201);
  await check('POST', '/api/custom-fields',
    { entity: 'government', key: `dx_${stamp}`, label: '重複', type: 'text' }, 409);
  await check('PATCH', '/api/custom-fields/999999999', { label: 'x' }, 404);
  await check('DELETE', '/api/custom-fields/999999999', undefined, 404);
  await check('PATCH', `/api/governments/${base.government_code}`, { custom_fields: { [`dx_${stamp}`]: '中' } }, 200);
  await check('PATCH', `/api/governments/${base.government_code}`, { custom_fields: { [`dx_${stamp}`]: '最高' } }, 400);
  await check('PATCH', '/api/governments/139998', { custom_fields: {} }, 404);
  await check('GET', `/api/governments/${base.government_code}`, undefined, 200);
  if (govField && govField.json) {
    const path = `/api/custom-fields/${govField.json.id}`;
    await check('PATCH', path, { choices: ['高', '低'] }, 422);
    await check('PATCH', path, { label: 'DX成熟度（自己評価）' }, 200);
    await check('PATCH', path, { type: 'text' }, 400);
    await check('DELETE', path, undefined, 200);
  }
  await check('DELETE', '/api/custom-fields/abc', undefined, 400);
  await check('DELETE', `/api/products/${pid}`, undefined, 409);
  const spare = await check('POST', '/api/products', { name: `予備 ${stamp}` }, 201);
  if (spare && spare.json) await check('DELETE', `/api/products/${spare.json.id}`, undefined, 200);
}
