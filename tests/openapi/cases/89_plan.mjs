// The staged action plan (docs/transformation.md, "Staged action plan"). Before the
// diagnosis part is wired (or before a questionnaire is answered) the plan is 422.
export default async function ({ check, failures }) {
  const plan = await check('GET', '/api/transformation/plan?start=2026-12-01', undefined);
  if (plan && plan.status !== 200 && plan.status !== 422) {
    failures.push(`GET /api/transformation/plan: expected 200 or 422, got ${plan.status}`);
  }
  await check('GET', '/api/transformation/plan?staff=12&focus=towns_villages', undefined);
  await check('GET', '/api/transformation/plan?staff=0', undefined, 400);
  await check('GET', '/api/transformation/plan?focus=metropolis', undefined, 400);
  await check('GET', '/api/transformation/plan?colour=red', undefined, 400);
  const xlsx = await check('GET', '/api/transformation/plan.xlsx?start=2026-12-01', undefined);
  if (xlsx && xlsx.status !== 200 && xlsx.status !== 422) {
    failures.push(`GET /api/transformation/plan.xlsx: expected 200 or 422, got ${xlsx.status}`);
  }
  await check('GET', '/api/transformation/plan.xlsx?start=someday', undefined, 400);
  await check('PUT', '/api/transformation/plan/actions/data.same_day_logging', { status: 'doing', note: 'パイロット開始' }, 200);
  await check('PUT', '/api/transformation/plan/actions/data.same_day_logging', { status: 'started' }, 400);
  await check('PUT', '/api/transformation/plan/actions/no.such_action', { status: 'done' }, 404);
}
