// Experiments (docs/transformation.md, "Experiments"; docs/api.md).
export default async function ({ check, call, failures }) {
  const list = await check('GET', '/api/experiments', undefined, 200);
  const items = (list && list.json && list.json.items) || [];
  if (items.length < 2) failures.push('experiments: the demo seeds two experiments');
  const concluded = items.find((e) => e.status === 'concluded');
  const running = items.find((e) => e.status === 'running');
  if (concluded) {
    const r = await check('GET', `/api/experiments/${concluded.id}/result`, undefined, 200);
    if (r && r.json && !r.json.test) failures.push('experiments: the concluded demo experiment has no test');
    await check('PATCH', `/api/experiments/${concluded.id}`, { name: '変更' }, 422);
    await check('POST', `/api/experiments/${concluded.id}/stop`, {}, 422);
  }
  if (running) {
    const r = await check('GET', `/api/experiments/${running.id}/result`, undefined, 200);
    if (r && r.json && r.json.test !== null) failures.push('experiments: a running experiment shows a test');
    await check('PATCH', `/api/experiments/${running.id}`, { horizon_on: '2027-12-31' }, 400);
  }
  const cadences = await call('GET', '/api/cadences');
  const all = (cadences.json && cadences.json.items) || [];
  // The demo's BDR cadence has a B variant on its first email.
  const cadence = all.find((c) => c.name === '新規リード初回接触') || all[0];
  const created = await check(
    'POST',
    '/api/experiments',
    {
      name: 'OpenAPI確認',
      kind: 'cadence_ab',
      cadence_id: cadence ? cadence.id : 1,
      outcome: 'replied',
      start_on: '2026-12-01',
      horizon_on: '2027-02-26',
    },
    201,
  );
  await check('POST', '/api/experiments', { name: 'x', kind: 'cadence_ab', outcome: 'deal_won', horizon_on: '2027-01-01' }, 400);
  if (created && created.json) {
    const id = created.json.id;
    await check('GET', `/api/experiments/${id}`, undefined, 200);
    await check('PATCH', `/api/experiments/${id}`, { horizon_on: '2027-03-31', min_per_arm: 50 }, 200);
    await check('GET', `/api/experiments/${id}/result`, undefined, 200);
    await check('POST', `/api/experiments/${id}/stop`, { reason: '確認のため' }, 200);
  }
  await check('GET', '/api/experiments/99999999', undefined, 404);
  await check('GET', '/api/experiments/abc', undefined, 400);
  await check('PATCH', '/api/experiments/99999999', { name: 'x' }, 404);
  await check('POST', '/api/experiments/99999999/stop', {}, 404);
  await check('POST', '/api/experiments/abc/stop', {}, 400);
  await check('GET', '/api/experiments/99999999/result', undefined, 404);
  await check('GET', '/api/experiments/abc/result', undefined, 400);
}
