// Teams, territories, absences, routing rules, simulation, re-routing and a lead's
// assignment history (docs/division-of-labour.md). Every change is undone at the end,
// so later cases see the demo's own routing setup.
export default async function ({ check, failures }) {
  const teams = await check('GET', '/api/teams', undefined, 200);
  await check('GET', '/api/teams?x=1', undefined, 400);
  const name = `openapi team ${Date.now()}`;
  const team = await check('POST', '/api/teams', { name, role: 'field_sales' }, 201);
  await check('POST', '/api/teams', { name, role: 'field_sales' }, 409);
  await check('POST', '/api/teams', { role: 'wizard' }, 400);
  if (!team || !team.json || !teams || !teams.json) {
    failures.push('POST /api/teams did not create a team');
    return;
  }
  const id = team.json.id;
  await check('GET', `/api/teams/${id}`, undefined, 200);
  await check('GET', '/api/teams/999999', undefined, 404);
  await check('PATCH', `/api/teams/${id}`, { name: `${name} 改` }, 200);
  await check('PATCH', '/api/teams/999999', { name: 'x' }, 404);
  // Move a member of a demo team in and back out again.
  const home = teams.json.items.find((t) => t.members.length > 1);
  const member = home.members[home.members.length - 1];
  await check('POST', `/api/teams/${id}/members`, { user_id: member.id }, 200);
  await check('POST', `/api/teams/${home.id}/members`, { user_id: member.id }, 200);
  await check('POST', `/api/teams/${id}/members`, { user_id: 'x' }, 400);
  await check('POST', '/api/teams/999999/members', { user_id: member.id }, 404);

  await check('GET', '/api/territories', undefined, 200);
  const territory = await check('POST', '/api/territories', { team_id: id, region: 'kanto', policy_domain: '防災' }, 201);
  await check('POST', '/api/territories', { team_id: id, region: 'mars' }, 400);
  if (territory && territory.json) {
    await check('DELETE', `/api/territories/${territory.json.id}`, undefined, 200);
    await check('DELETE', `/api/territories/${territory.json.id}`, undefined, 404);
  }
  await check('DELETE', '/api/territories/abc', undefined, 400);

  await check('GET', '/api/absences', undefined, 200);
  await check('GET', '/api/absences?include_past=true', undefined, 200);
  await check('GET', '/api/absences?include_past=maybe', undefined, 400);
  const absence = await check('POST', '/api/absences',
    { user_id: member.id, starts_on: '2026-12-01', ends_on: '2026-12-03', reason: '研修' }, 201);
  await check('POST', '/api/absences', { user_id: member.id, starts_on: '2026-12-03', ends_on: '2026-12-01' }, 400);
  if (absence && absence.json) {
    await check('DELETE', `/api/absences/${absence.json.id}`, undefined, 200);
    await check('DELETE', `/api/absences/${absence.json.id}`, undefined, 404);
  }
  await check('DELETE', '/api/absences/abc', undefined, 400);

  const before = await check('GET', '/api/routing-rules', undefined, 200);
  await check('GET', '/api/routing-rules?x=1', undefined, 400);
  const rule = await check('POST', '/api/routing-rules', {
    name: 'openapi rule',
    team_id: home.id,
    strategy: 'least_open',
    conditions: { policy_domains: ['防災'], government_kinds: ['town', 'village'], population_bands: ['under_10k'] },
    weights: [{ user_id: member.id, weight: 2 }],
  }, 201);
  await check('POST', '/api/routing-rules', { name: 'x', team_id: home.id, strategy: 'coin_toss' }, 400);
  if (rule && rule.json && before && before.json) {
    const rid = rule.json.id;
    await check('PATCH', `/api/routing-rules/${rid}`, { active: false, reroute_after_business_days: 5 }, 200);
    await check('PATCH', '/api/routing-rules/999999', { active: false }, 404);
    const order = before.json.items.map((r) => r.id);
    await check('POST', '/api/routing-rules/reorder', { rule_ids: [rid, ...order] }, 200);
    await check('POST', '/api/routing-rules/reorder', { rule_ids: [rid] }, 400);
    await check('POST', '/api/routing-rules/reorder', { rule_ids: [...order, rid] }, 200);
    await check('DELETE', `/api/routing-rules/${rid}`, undefined, 200);
    await check('DELETE', `/api/routing-rules/${rid}`, undefined, 404);
  } else {
    failures.push('POST /api/routing-rules did not create a rule');
  }
  await check('DELETE', '/api/routing-rules/999999', undefined, 404);

  await check('POST', '/api/routing/simulate', { source: 'inquiry', government_code: '133086' }, 200);
  await check('POST', '/api/routing/simulate', { source: 'notice', government_code: '131016', on: '2026-11-27' }, 200);
  await check('POST', '/api/routing/simulate', { source: 'pigeon', government_code: '133086' }, 400);
  await check('POST', '/api/routing/reroute', undefined, 200);
  await check('POST', '/api/routing/reroute', { force: true }, 400);

  const leads = await check('GET', '/api/leads?limit=1', undefined, 200);
  if (leads && leads.json && leads.json.items.length) {
    await check('GET', `/api/leads/${leads.json.items[0].id}/assignments`, undefined, 200);
  }
  await check('GET', '/api/leads/999999/assignments', undefined, 404);
  await check('GET', '/api/leads/abc/assignments', undefined, 400);
}
