// Tender notices (docs/api.md, "Tender notices"): import the committed 官公需 XML sample,
// list, read one, the review queue, link and dismiss, alerts and competitors.
import { readFileSync } from 'node:fs';

export default async function ({ check, failures }) {
  const xml = readFileSync(new URL('../../data/intel/kkj_sample.xml', import.meta.url), 'utf8');
  const imported = await check('POST', '/api/notices/import?format=kkj', xml, 200);
  await check('POST', '/api/notices/import?format=kkj', '<Results><SearchResults><SearchResult>', 400);
  await check('POST', '/api/notices/import?format=pdf', xml, 400);
  const page = await check('GET', '/api/notices?limit=5', undefined, 200);
  await check('GET', '/api/notices?state=maybe', undefined, 400);
  const review = await check('GET', '/api/notices/review', undefined, 200);
  if (!imported?.json?.read || !page?.json?.items?.length || !review?.json?.items?.length) {
    failures.push('POST /api/notices/import gave no notices or no review-queue entry');
    return;
  }
  await check('GET', `/api/notices/${page.json.items[0].id}`, undefined, 200);
  await check('GET', '/api/notices/999999999', undefined, 404);
  const queued = review.json.items[0].id;
  await check('POST', `/api/notices/${queued}/link`, { government_code: 'abc' }, 400);
  await check('POST', `/api/notices/${queued}/link`, { government_code: '132063' }, 200);
  await check('POST', `/api/notices/${queued}/dismiss`, undefined, 200);
  await check('POST', '/api/notices/999999999/dismiss', undefined, 404);
  await check('GET', '/api/alerts', undefined, 200);
  await check('POST', '/api/alerts/999999999/read', undefined, 404);
  await check('GET', '/api/competitors?government=131016', undefined, 200);
}
