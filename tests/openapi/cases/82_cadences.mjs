// Cadences and tasks (docs/division-of-labour.md, "Cadences and tasks"): create a cadence
// with a B variant, enrol a lead, list and complete its task, manual tasks, outcomes,
// the variant comparison, and the refusals (bad fields, duplicates, shape changes).
export default async function ({ check, failures }) {
  await check('GET', '/api/cadences', undefined, 200);
  const steps = [
    { kind: 'call', title: '初回電話', template: 'ご担当者様へのご挨拶' },
    { kind: 'wait', wait_business_days: 2 },
    { kind: 'email', title: '課題提起メール', template: '本文A', variant_b_kind: 'email', variant_b_title: '事例紹介メール', variant_b_template: '本文B' },
  ];
  const created = await check('POST', '/api/cadences', { name: 'OpenAPI検証シーケンス', target: 'lead', steps }, 201);
  await check('POST', '/api/cadences', { name: '', target: 'deal', steps: [{ kind: 'wait', wait_business_days: 0 }] }, 400);
  const id = created?.json?.id;
  if (!id) {
    failures.push('POST /api/cadences created nothing');
    return;
  }
  await check('GET', `/api/cadences/${id}`, undefined, 200);
  await check('GET', '/api/cadences/999999999', undefined, 404);
  await check('PATCH', `/api/cadences/${id}`, { description: '検証用' }, 200);
  await check('PATCH', `/api/cadences/${id}`, { target: 'deal' }, 400);

  // A lead that can be enrolled (not converted or disqualified, official not do-not-contact).
  const leads = await check('GET', '/api/leads?status=new&limit=20', undefined, 200);
  let enrolment = null;
  for (const lead of leads?.json?.items ?? []) {
    const res = await check('POST', `/api/cadences/${id}/enrolments`, { lead_id: lead.id });
    if (res?.status === 201) {
      enrolment = res.json;
      await check('POST', `/api/cadences/${id}/enrolments`, { lead_id: lead.id }, 409);
      break;
    }
  }
  if (!enrolment) {
    failures.push('no demo lead could be enrolled');
    return;
  }
  await check('POST', `/api/cadences/${id}/enrolments`, { official_id: 1 }, 400);
  await check('POST', '/api/cadences/999999999/enrolments', { lead_id: 1 }, 404);
  await check('GET', `/api/cadences/${id}/enrolments`, undefined, 200);
  await check('GET', `/api/cadences/${id}/enrolments?status=maybe`, undefined, 400);
  await check('GET', '/api/cadences/999999999/enrolments', undefined, 404);

  const tasks = await check('GET', '/api/tasks?owner=all&due=today', undefined, 200);
  await check('GET', '/api/tasks?due=soon', undefined, 400);
  const task = (tasks?.json?.items ?? []).find((t) => t.enrolment_id === enrolment.id);
  if (!task) {
    failures.push('the enrolment generated no task due today');
  } else {
    await check('POST', `/api/tasks/${task.id}/complete`, { result: '担当者と話せた' }, 200);
    await check('POST', `/api/tasks/${task.id}/complete`, {}, 422);
  }
  await check('POST', '/api/tasks/999999999/complete', {}, 404);

  const manual = await check('POST', '/api/tasks', { due_on: '2026-11-30', title: '資料送付の確認', kind: 'todo' }, 201);
  await check('POST', '/api/tasks', { due_on: 'tomorrow', kind: 'meeting' }, 400);
  if (manual?.json?.id) await check('POST', `/api/tasks/${manual.json.id}/skip`, { result: '不要になった' }, 200);
  await check('POST', '/api/tasks/999999999/skip', {}, 404);

  await check('POST', `/api/enrolments/${enrolment.id}/outcome`, { outcome: 'won' }, 400);
  await check('POST', `/api/enrolments/${enrolment.id}/outcome`, { outcome: 'meeting_set' }, 200);
  await check('POST', `/api/enrolments/${enrolment.id}/outcome`, { outcome: 'replied' }, 422);
  await check('POST', '/api/enrolments/999999999/outcome', { outcome: 'replied' }, 404);
  await check('GET', `/api/cadences/${id}/variants`, undefined, 200);
  await check('GET', '/api/cadences/999999999/variants', undefined, 404);

  // With an enrolment the steps keep their shape, and the cadence cannot be deleted.
  await check('PATCH', `/api/cadences/${id}`, { steps: [{ kind: 'call', title: '電話のみ' }] }, 422);
  await check('DELETE', `/api/cadences/${id}`, undefined, 422);
  const spare = await check('POST', '/api/cadences', { name: '削除用', target: 'official', steps: [{ kind: 'visit', title: '訪問' }] }, 201);
  if (spare?.json?.id) await check('DELETE', `/api/cadences/${spare.json.id}`, undefined, 200);
  await check('DELETE', '/api/cadences/999999999', undefined, 404);
}
