// The dashboards (docs/api.md, "Dashboards"), as an administrator and as a BDR (no amounts).
export default async function ({ check, failures, state }) {
  const paths = [
    '/api/dashboards/funnel',
    '/api/dashboards/funnel?fiscal_year=2026&owner=1&product=1',
    '/api/dashboards/pipeline-by-year',
    '/api/dashboards/win-rates',
    '/api/dashboards/win-rates?from_fy=2024&to_fy=2026',
    '/api/dashboards/activity-volume?weeks=8',
    '/api/dashboards/prefectures?fiscal_year=2026',
  ];
  for (const path of paths) await check('GET', path, undefined, 200);
  for (const path of paths) await check('GET', path, undefined, 200, state.asBdr);
  const bdr = await check('GET', '/api/dashboards/pipeline-by-year', undefined, 200, state.asBdr);
  if (bdr && bdr.json && bdr.json.years.some((y) => y.won_amount !== null)) {
    failures.push('GET /api/dashboards/pipeline-by-year as a BDR shows amounts');
  }
  await check('GET', '/api/dashboards/activity-volume?weeks=0', undefined, 400);
  await check('GET', '/api/dashboards/funnel?fiscal_year=soon', undefined, 400);
  await check('GET', '/api/dashboards/pipeline-by-year?colour=red', undefined, 400);
  await check('GET', '/api/dashboards/win-rates?from_fy=2026&to_fy=2020', undefined, 400);
  await check('GET', '/api/dashboards/prefectures?owner=0', undefined, 400);
}
