// The organisation diagnosis (docs/transformation.md, "Diagnosis"; docs/api.md).
export default async function ({ check, failures }) {
  const q = await check('GET', '/api/transformation/questionnaire', undefined, 200);
  if (q && q.json && q.json.dimensions.length !== 5) failures.push('GET /api/transformation/questionnaire: not 5 dimensions');
  await check('GET', '/api/transformation/questionnaire', undefined, 401, { token: null });

  const list = await check('GET', '/api/transformation/assessments', undefined, 200);
  if (list && list.json && list.json.items.length === 0) failures.push('GET /api/transformation/assessments: the demo has none');
  await check('GET', '/api/transformation/assessments?limit=1', undefined, 400);
  const latest = await check('GET', '/api/transformation/diagnosis', undefined, 200);
  if (latest && latest.json && !latest.json.diagnosis) failures.push('GET /api/transformation/diagnosis: no demo diagnosis');
  await check('GET', '/api/transformation/diagnosis?assessment_id=99999999', undefined, 404);
  await check('GET', '/api/transformation/diagnosis?assessment_id=x', undefined, 400);

  await check('GET', '/api/transformation/signals', undefined, 200);
  await check('GET', '/api/transformation/signals?from=2026-08-01&to=2026-10-31', undefined, 200);
  await check('GET', '/api/transformation/signals?from=2026-11-01&to=2026-10-01', undefined, 400);

  const created = await check('POST', '/api/transformation/assessments', {
    assessed_on: '2026-11-27', note: 'OpenAPI check',
    answers: [{ question_key: 'data.same_day_logging', level: 3, comment: '' }, { question_key: 'ai.scores_used', level: 2 }],
  }, 201);
  if (created && created.json) {
    await check('GET', `/api/transformation/diagnosis?assessment_id=${created.json.id}`, undefined, 200);
  }
  await check('POST', '/api/transformation/assessments', { answers: [{ question_key: 'data.nope', level: 9 }] }, 400);
}
