// Checks the OpenAPI description served by a running kyoso against real answers:
// every documented path and method is exercised, every answer's status must be
// documented for that operation, and its body must match the documented schema
// (JSON Schema 2020-12 via ajv). Usage: node check_openapi.mjs http://127.0.0.1:PORT
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;

const base = process.argv[2];
if (!base) {
  console.error('usage: node check_openapi.mjs BASE_URL');
  process.exit(2);
}

const failures = [];
const exercised = new Set();

async function call(method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, type: res.headers.get('content-type') };
}

const specRes = await call('GET', '/api/openapi.json');
if (specRes.status !== 200 || !specRes.json) {
  console.error(`GET /api/openapi.json answered ${specRes.status}`);
  process.exit(1);
}
const spec = specRes.json;
if (spec.openapi !== '3.1.0') failures.push(`openapi version is ${spec.openapi}, expected 3.1.0`);

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(spec, 'openapi');

// Finds the operation whose path template matches `path`.
function findOperation(method, path) {
  const bare = path.split('?')[0];
  for (const [template, item] of Object.entries(spec.paths)) {
    const re = new RegExp('^' + template.replace(/\{[^}]+\}/g, '[^/]+') + '$');
    if (re.test(bare) && item[method.toLowerCase()]) return { template, op: item[method.toLowerCase()] };
  }
  return null;
}

function pointer(...parts) {
  return parts.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

async function check(method, path, body, expectStatus) {
  const found = findOperation(method, path);
  if (!found) {
    failures.push(`${method} ${path}: not described in openapi.json`);
    return null;
  }
  exercised.add(`${method.toLowerCase()} ${found.template}`);
  const res = await call(method, path, body);
  if (expectStatus && res.status !== expectStatus) {
    failures.push(`${method} ${path}: expected ${expectStatus}, got ${res.status}: ${res.text.slice(0, 300)}`);
  }
  const response = found.op.responses[String(res.status)];
  if (!response) {
    failures.push(`${method} ${path}: status ${res.status} is not documented for ${found.template}`);
    return res;
  }
  const media = response.content && response.content['application/json'];
  if (!media) return res;
  if (!res.type || !res.type.startsWith('application/json')) {
    failures.push(`${method} ${path}: content type ${res.type}, documented application/json`);
  }
  const ref = `openapi#/${pointer('paths', found.template, method.toLowerCase(), 'responses', String(res.status), 'content', 'application/json', 'schema')}`;
  const validate = ajv.getSchema(ref);
  if (!validate) {
    failures.push(`cannot compile schema ${ref}`);
  } else if (!validate(res.json)) {
    failures.push(`${method} ${path} (${res.status}): ${ajv.errorsText(validate.errors)}`);
  }
  return res;
}

await check('GET', '/api/health', undefined, 200);
await check('GET', '/api/openapi.json', undefined, 200);
await check('GET', '/api/governments?limit=3', undefined, 200);
await check('GET', '/api/governments?q=' + encodeURIComponent('ちよだ'), undefined, 200);
await check('GET', '/api/governments?kind=ward&sort=kana&order=desc&limit=2', undefined, 200);
await check('GET', '/api/governments?cursor=nonsense', undefined, 400);
await check('GET', '/api/governments?prefecture=99', undefined, 400);
await check('GET', '/api/governments/131016', undefined, 200);
await check('GET', '/api/governments/011002', undefined, 200);
await check('GET', '/api/governments/131017', undefined, 400);
await check('GET', '/api/governments/131997', undefined, 404);
const deals = await check('GET', '/api/deals?limit=5', undefined, 200);
await check('GET', '/api/deals?stage=nope', undefined, 400);
await check('GET', '/api/deals/abc', undefined, 400);
await check('GET', '/api/deals/999999999', undefined, 404);
if (deals && deals.json && deals.json.items.length > 0) {
  await check('GET', `/api/deals/${deals.json.items[0].id}`, undefined, 200);
}
// An open deal of the next fiscal year's pipeline, before 予算成立.
let deal;
for (const stage of ['discovery', 'qualified', 'budget_proposal']) {
  const open = await call('GET', `/api/deals?stage=${stage}&limit=1`);
  deal = deal || (open.json && open.json.items[0]);
}
if (!deal) {
  failures.push('the demo has no open deal before 予算成立 to move');
} else {
  await check('POST', `/api/deals/${deal.id}/stage`, { to: 'budgeted', actor_id: deal.owner_id }, 422);
  await check('POST', `/api/deals/${deal.id}/stage`, { to: 'lost', actor_id: deal.owner_id, colour: 'red' }, 400);
  await check('POST', `/api/deals/${deal.id}/stage`, '{"to":', 400);
  await check('POST', '/api/deals/999999999/stage', { to: 'lost', actor_id: 1 }, 404);
  await check('POST', `/api/deals/${deal.id}/stage`,
    { to: 'lost', actor_id: deal.owner_id, lost_reason: '価格', competitor: '競合A社', award_amount: 1000000 }, 200);
  await check('POST', '/api/activities',
    { type: 'call', occurred_on: '2026-10-01', government_code: deal.government_code, user_id: deal.owner_id,
      deal_id: deal.id, notes: '電話でヒアリング' }, 201);
}
await check('POST', '/api/activities', { type: 'telepathy' }, 400);

for (const [template, item] of Object.entries(spec.paths)) {
  for (const method of Object.keys(item)) {
    if (!exercised.has(`${method} ${template}`)) failures.push(`${method.toUpperCase()} ${template}: documented but never exercised`);
  }
}

if (failures.length) {
  console.error(`OpenAPI check: ${failures.length} failure(s)`);
  for (const f of failures) console.error('  - ' + f);
  process.exit(1);
}
console.log(`OpenAPI check: ${exercised.size} operations, every answer matches its documented schema`);
