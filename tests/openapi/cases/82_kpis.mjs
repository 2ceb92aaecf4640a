// Phases, outcome metrics, quotas and KPIs (docs/division-of-labour.md; docs/api.md).
export default async function ({ check, call, failures }) {
  for (const role of ['bdr', 'inside_sales', 'field_sales', 'customer_success']) {
    const r = await check('GET', `/api/kpis?fiscal_year=2026&quarter=3&role=${role}`, undefined, 200);
    if (r && r.json && r.json.teams.length === 0) failures.push(`GET /api/kpis ${role}: no team rows in the demo`);
  }
  await check('GET', '/api/kpis?fiscal_year=2026', undefined, 200);
  await check('GET', '/api/kpis?fiscal_year=2026&quarter=9', undefined, 400);

  const quotas = await check('GET', '/api/quotas?fiscal_year=2026', undefined, 200);
  await check('GET', '/api/quotas', undefined, 400);
  if (quotas && quotas.json) {
    const rows = quotas.json.items.map((q) => {
      const row = { team: q.team, metric: q.metric, target: Math.round(q.target) };
      if (q.user_id !== null) row.user_id = q.user_id;
      return row;
    });
    await check('PUT', '/api/quotas', { fiscal_year: 2026, quotas: rows }, 200);
  }
  await check('PUT', '/api/quotas', { fiscal_year: 2026, quotas: [{ metric: 'karma', target: 1 }] }, 400);

  const won = await call('GET', '/api/deals?stage=won&limit=1');
  const wonId = won.json && won.json.items && won.json.items[0] ? won.json.items[0].id : 1;
  const open = await call('GET', '/api/deals?stage=discovery&limit=1');
  const openId = open.json && open.json.items && open.json.items[0] ? open.json.items[0].id : 2;
  const deal = await call('GET', `/api/deals/${wonId}`);
  const code = deal.json ? deal.json.government_code : '131016';

  await check('GET', `/api/deals/${wonId}/support-phase`, undefined, 200);
  await check('PUT', `/api/deals/${openId}/support-phase`, { support_phase: 'implementation' }, 200);
  await check('PUT', `/api/deals/${openId}/support-phase`, { support_phase: '' }, 200);
  await check('PUT', `/api/deals/${openId}/support-phase`, { support_phase: 'later' }, 400);
  await check('GET', '/api/deals/99999999/support-phase', undefined, 404);
  await check('PUT', '/api/deals/99999999/support-phase', { support_phase: '' }, 404);
  await check('GET', `/api/governments/${code}/phases`, undefined, 200);

  await check('GET', `/api/governments/${code}/outcomes`, undefined, 200);
  await check('GET', `/api/deals/${wonId}/outcomes`, undefined, 200);
  await check('GET', '/api/deals/99999999/outcomes', undefined, 404);
  const metric = { name: 'オンライン申請率', unit: '%', direction: 'increase', baseline: 12, baseline_on: '2026-04-01',
    target: 40, target_on: '2027-03-31' };
  await check('POST', `/api/deals/${openId}/outcomes`, metric, 422);
  await check('POST', `/api/deals/${wonId}/outcomes`, { name: 'x' }, 400);
  await check('POST', '/api/deals/99999999/outcomes', metric, 404);
  const created = await check('POST', `/api/deals/${wonId}/outcomes`, metric, 201);
  if (created && created.json) {
    const id = created.json.id;
    await check('POST', `/api/outcomes/${id}/measurements`, { measured_on: '2026-09-30', value: 19.5 }, 201);
    await check('POST', `/api/outcomes/${id}/measurements`, { measured_on: 'soon' }, 400);
    await check('PATCH', `/api/outcomes/${id}`, { target: 45 }, 200);
    await check('PATCH', `/api/outcomes/${id}`, { target: 1 }, 400);
    await check('DELETE', `/api/outcomes/${id}`, undefined, 200);
  }
  await check('PATCH', '/api/outcomes/99999999', { target: 45 }, 404);
  await check('DELETE', '/api/outcomes/99999999', undefined, 404);
  await check('POST', '/api/outcomes/99999999/measurements', { measured_on: '2026-09-30', value: 1 }, 404);
}
