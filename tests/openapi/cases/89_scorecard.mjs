// The two-axis transformation scorecard (docs/transformation.md).
export default async function ({ check }) {
  await check('GET', '/api/transformation/scorecard', undefined, 200);
  await check('GET', '/api/transformation/scorecard?fiscal_year=2025&quarter=4&quarters=20', undefined, 200);
  await check('GET', '/api/transformation/scorecard?quarter=5', undefined, 400);
  await check('GET', '/api/transformation/scorecard?quarters=0', undefined, 400);
}
