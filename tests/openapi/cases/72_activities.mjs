// The activity list (docs/api.md, "GET /api/activities").
export default async function ({ check, failures, state }) {
  const page = await check('GET', '/api/activities?limit=5', undefined, 200);
  if (page && page.json && page.json.next_cursor) {
    await check('GET', `/api/activities?limit=5&cursor=${page.json.next_cursor}`, undefined, 200);
  }
  if (page && page.json && page.json.items.length > 0) {
    const a = page.json.items[0];
    await check('GET', `/api/activities?government=${a.government_code}&type=${a.type}&from=2020-01-01&to=2026-11-27`,
      undefined, 200);
  } else {
    failures.push('GET /api/activities: the demo has no activities');
  }
  await check('GET', '/api/activities?sort=id&order=asc&limit=3', undefined, 200);
  await check('GET', '/api/activities?type=lunch', undefined, 400);
  if (state.asBdr) await check('GET', '/api/activities?limit=5', undefined, 200, state.asBdr);
}
