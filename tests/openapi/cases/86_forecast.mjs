// Revenue forecast, backtest and manager adjustments (docs/ml.md, "Forecast"; docs/api.md).
export default async function ({ check, failures }) {
  const f = await check('GET', '/api/forecast', undefined, 200);
  if (f && f.json && f.json.fiscal_years.length !== 2) failures.push('GET /api/forecast: expected this FY and the next');
  await check('GET', '/api/forecast?fiscal_year=2026', undefined, 200);
  await check('GET', '/api/forecast?fiscal_year=soon', undefined, 400);
  await check('GET', '/api/forecast?quarter=1', undefined, 400);

  await check('GET', '/api/forecast/backtest', undefined, 200);
  await check('GET', '/api/forecast/backtest?as_of_month=11-01', undefined, 200);
  await check('GET', '/api/forecast/backtest?as_of_month=13-40', undefined, 400);

  await check('GET', '/api/forecast/adjustments?fiscal_year=2026', undefined, 200);
  await check('GET', '/api/forecast/adjustments?include_withdrawn=maybe', undefined, 400);
  const created = await check('POST', '/api/forecast/adjustments',
    { fiscal_year: 2026, quarter: 3, kind: 'delta', amount: 5000000, reason: '大型案件の前倒し' }, 201);
  await check('POST', '/api/forecast/adjustments', { fiscal_year: 2026, kind: 'guess', amount: 1 }, 400);
  if (created && created.json) {
    await check('DELETE', `/api/forecast/adjustments/${created.json.id}`, undefined, 200);
    await check('DELETE', `/api/forecast/adjustments/${created.json.id}`, undefined, 422);
  }
  await check('GET', '/api/forecast/adjustments?include_withdrawn=true', undefined, 200);
  await check('DELETE', '/api/forecast/adjustments/99999999', undefined, 404);
}
