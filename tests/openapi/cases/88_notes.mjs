// Note analysis and the optional LLM (docs/ml.md "Note analysis and the optional LLM"):
// the demo server runs without an LLM, so the LLM routes answer 503.
export default async function ({ check, failures }) {
  const status = await check('GET', '/api/notes/status', undefined, 200);
  if (status?.json?.llm?.configured !== false) failures.push('GET /api/notes/status: the demo has no LLM configured');

  const note = '防災課長と面談。今年度は予算がないが来年度要求予定。次回は来週訪問し、10月中旬に仕様を確認します。';
  const analysis = await check('POST', '/api/notes/analyze', { text: note, date: '2026-11-20' }, 200);
  if (analysis?.json && analysis.json.budget_signal !== 'positive') {
    failures.push(`POST /api/notes/analyze: budget_signal ${analysis.json.budget_signal}, expected positive`);
  }
  await check('POST', '/api/notes/analyze', { text: '' }, 400);
  await check('POST', '/api/notes/analyze', { text: note, date: '2026-02-30' }, 400);

  const list = await check('GET', '/api/activities?limit=1', undefined, 200);
  const activity = list?.json?.items?.[0];
  if (!activity) {
    failures.push('GET /api/activities gave no activity to analyse');
    return;
  }
  await check('GET', `/api/activities/${activity.id}/analysis`, undefined, 200);
  await check('GET', '/api/activities/999999999/analysis', undefined, 404);
  const dealId = activity.deal_id;
  if (dealId) {
    const deal = await check('GET', `/api/deals/${dealId}/notes-analysis`, undefined, 200);
    if (deal?.json && deal.json.activities < 1) failures.push(`GET /api/deals/${dealId}/notes-analysis: no activities`);
    await check('POST', '/api/notes/draft-mail', { deal_id: dealId }, 503);
  }
  await check('GET', '/api/deals/999999999/notes-analysis', undefined, 404);
  await check('POST', '/api/notes/summarize', { text: note }, 503);
  await check('POST', '/api/notes/draft-mail', { text: note }, 503);
}
