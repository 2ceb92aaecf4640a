// Signals before the tender (docs/api.md, "Signals"): import the committed excerpt of
// real 桐生市議会 minutes, list, read, create a lead, dismiss.
import { readFileSync } from 'node:fs';

export default async function ({ check, failures, state }) {
  const document = JSON.parse(readFileSync(new URL('../../data/intel/kiryu-r7-1-excerpt.json', import.meta.url), 'utf8'));
  const imported = await check('POST', '/api/signals/import', { government_code: '102032', name: 'excerpt.json', document }, 200);
  await check('POST', '/api/signals/import', { government_code: '102032', document: { session: '令和7年', schedules: 1 } }, 400);
  await check('POST', '/api/signals/import', { government_code: '102032', document }, 403, state.asBdr && {
    ...state.asBdr, headers: { ...state.asBdr.headers, 'X-CSRF-Token': state.bdrCsrf || '' } });
  const page = await check('GET', '/api/signals?government=102032&limit=5', undefined, 200);
  await check('GET', '/api/signals?cue=maybe', undefined, 400);
  if (!imported?.json?.signals || !page?.json?.items?.length) {
    failures.push('POST /api/signals/import gave no signals');
    return;
  }
  const id = page.json.items[0].id;
  await check('GET', `/api/signals/${id}`, undefined, 200);
  await check('GET', '/api/signals/999999999', undefined, 404);
  await check('POST', `/api/signals/${id}/lead`, undefined, 201);
  await check('POST', `/api/signals/${id}/lead`, undefined, 409);
  await check('POST', '/api/signals/999999999/lead', undefined, 404);
  await check('POST', `/api/signals/${id}/dismiss`, undefined, 200);
  await check('POST', '/api/signals/999999999/dismiss', undefined, 404);
}
