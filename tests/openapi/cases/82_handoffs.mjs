// Hand-offs with SLAs in business days (docs/division-of-labour.md, "Hand-offs and SLAs"):
// a BDR hands two of their leads to inside sales; IS returns one, accepts the next; the
// BDR cancels another; types, compliance and the sweep.
export default async function ({ check, call, failures, state }) {
  async function signIn(role) {
    const cred = state.credentials[role];
    if (!cred) {
      failures.push(`the demo printed no ${role} credentials (KYOSO_CREDENTIALS)`);
      return null;
    }
    const res = await call('POST', '/api/session', { login: cred.login, password: cred.password }, { token: null });
    const cookie = (res.headers.get('set-cookie') || '').split(';')[0];
    const body = res.json || {};
    const user = body.user || body;
    return { token: null, headers: { Cookie: cookie, 'X-CSRF-Token': body.csrf_token || '' }, id: user.user_id };
  }
  await check('GET', '/api/handoff-types', undefined, 200);
  const type = await check('GET', '/api/handoff-types/bdr_to_is', undefined, 200);
  await check('GET', '/api/handoff-types/none', undefined, 404);
  if (type && type.json) {
    const t = type.json;
    await check('PUT', '/api/handoff-types/bdr_to_is', { sla_business_days: -1 }, 400);
    await check('PUT', '/api/handoff-types/none', { sla_business_days: 1 }, 404);
    await check('PUT', '/api/handoff-types/bdr_to_is',
      { sla_business_days: t.sla_business_days, escalate_after_business_days: t.escalate_after_business_days,
        checklist: t.checklist }, 200);
  }
  await check('GET', '/api/handoffs/compliance', undefined, 200);
  await check('GET', '/api/handoffs/compliance?from=2025-04-01&to=2026-03-31', undefined, 200);
  await check('GET', '/api/handoffs/compliance?from=nope', undefined, 400);
  await check('POST', '/api/handoffs/sweep', undefined, 200);
  await check('GET', '/api/handoffs?box=team&breached=true&limit=5', undefined, 200);
  await check('GET', '/api/handoffs?box=sideways', undefined, 400);
  await check('GET', '/api/handoffs/999999', undefined, 404);

  const bdr = await signIn('bdr');
  const is = await signIn('inside_sales');
  if (!bdr || !is || !bdr.id || !is.id) {
    failures.push('could not sign in as the demo bdr and inside_sales');
    return;
  }
  await check('GET', '/api/handoffs', undefined, 200, is);
  await check('GET', '/api/handoffs?box=outgoing&status=pending', undefined, 200, bdr);
  const leads = await call('GET', `/api/leads?owner=${bdr.id}&status=new&limit=50`, undefined, bdr);
  const candidates = ((leads.json && leads.json.items) || []).map((l) => l.id);
  const checklist = (type && type.json ? type.json.checklist : []).map((item) => ({ item, checked: true }));
  const created = [];
  await check('POST', '/api/handoffs', { kind: 'bdr_to_is', lead_id: candidates[0] || 1, to_user_id: is.id,
    checklist: checklist.slice(1) }, 400, bdr);
  for (const id of candidates) {
    if (created.length === 3) break;
    const body = { kind: 'bdr_to_is', lead_id: id, to_user_id: is.id, checklist, note: 'openapi' };
    const res = await call('POST', '/api/handoffs', body, bdr);
    if (res.status === 201) {
      created.push(id);
      if (created.length === 1) {
        // Again the same lead: already pending.
        await check('POST', '/api/handoffs', body, 409, bdr);
        const h = res.json.id;
        await check('GET', `/api/handoffs/${h}`, undefined, 200, is);
        await check('POST', `/api/handoffs/${h}/accept`, undefined, 403, bdr);
        await check('POST', `/api/handoffs/${h}/return`, { reason: '' }, 400, is);
        await check('POST', `/api/handoffs/${h}/return`, { reason: '決裁者が未確認' }, 200, is);
        await check('POST', `/api/handoffs/${h}/return`, { reason: 'again' }, 422, is);
        const again = await check('POST', '/api/handoffs', body, 201, bdr);
        if (again && again.json) await check('POST', `/api/handoffs/${again.json.id}/accept`, undefined, 200, is);
      } else if (created.length === 2) {
        await check('POST', `/api/handoffs/${res.json.id}/cancel`, undefined, 200, bdr);
      } else {
        await check('POST', '/api/handoffs', body, 409, bdr);
      }
    }
  }
  if (created.length < 2) failures.push(`the demo bdr has too few new leads to hand over (${created.length})`);
}
