// Background imports with progress (POST /api/imports?async=true, GET /api/import-jobs/{id}).
export default async function ({ check, call, failures, state }) {
  // Polls until the job has finished, then checks the final answer against the schema.
  async function finished(id, opts = {}) {
    for (let i = 0; i < 3000; i++) {
      const res = await call('GET', `/api/import-jobs/${id}`, undefined, opts);
      if (res.status !== 200 || !res.json || res.json.state === 'done' || res.json.state === 'failed') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    return check('GET', `/api/import-jobs/${id}`, undefined, 200, opts);
  }
  async function start(query, csv) {
    const res = await check('POST', `/api/imports?${query}&async=true`, csv, 202);
    if (!res || !res.json) return null;
    if (res.headers.get('location') !== res.json.status_url) failures.push('POST /api/imports?async=true: Location differs from status_url');
    return res.json.job_id;
  }
  let users = 'id,name,role,team\n';
  for (let i = 1; i <= 300; i++) users += `OA-J${i},非同期 ${i},bdr,非同期チーム\n`;
  const good = await start('type=users', users);
  if (good) {
    const job = await finished(good);
    const j = job && job.json;
    if (!j || j.state !== 'done' || j.http_status !== 200 || j.done !== 300 || j.total !== 300 || !j.report.applied) {
      failures.push(`GET /api/import-jobs/{id}: unexpected finished job ${JSON.stringify(j).slice(0, 300)}`);
    }
    // The starter's job is hidden from another user (even one allowed to import).
    const manager = state.credentials.manager;
    if (manager) {
      const s = await call('POST', '/api/session', { login: manager.login, password: manager.password }, { token: null });
      const cookie = s.headers.get('set-cookie');
      if (cookie) await check('GET', `/api/import-jobs/${good}`, undefined, 404, { token: null, headers: { Cookie: cookie.split(';')[0] } });
    }
  }
  const rejected = await start('type=users', 'id,name,role\nOA-J900,x,nope\n');
  if (rejected) {
    const job = await finished(rejected);
    if (job && job.json && job.json.http_status !== 422) failures.push('async import with a bad row: http_status is not 422');
  }
  const broken = await start('type=users&dry_run=true&encoding=utf-8', 'id,name\n"broken\n');
  if (broken) {
    const job = await finished(broken);
    if (job && job.json && (job.json.state !== 'failed' || job.json.http_status !== 400)) failures.push('async import of broken CSV did not fail with 400');
  }
  await check('POST', '/api/imports?type=sheep&async=true', users, 400);
  await check('POST', '/api/imports?type=users&async=later', users, 400);
  await check('GET', '/api/import-jobs/0123456789abcdef0123456789abcdef', undefined, 404);
  await check('GET', '/api/import-jobs/0123456789abcdef0123456789abcdef', undefined, 401, { token: null });
}
