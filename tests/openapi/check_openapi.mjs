// Checks the OpenAPI description served by a running kyoso against real answers:
// every documented path and method is exercised, every answer's status must be
// documented for that operation, and its body must match the documented schema
// (JSON Schema 2020-12 via ajv). Usage: node check_openapi.mjs http://127.0.0.1:PORT
import { readdirSync } from 'node:fs';
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

// Requests carry the administrator's API token (KYOSO_TOKEN) unless `opts.token`
// names another (null = no credentials); `opts.headers` adds headers.
const adminToken = process.env.KYOSO_TOKEN || '';
async function call(method, path, body, opts = {}) {
  const headers = { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(opts.headers || {}) };
  const token = opts.token === undefined ? adminToken : opts.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, type: res.headers.get('content-type'), headers: res.headers };
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

async function check(method, path, body, expectStatus, opts = {}) {
  const found = findOperation(method, path);
  if (!found) {
    failures.push(`${method} ${path}: not described in openapi.json`);
    return null;
  }
  exercised.add(`${method.toLowerCase()} ${found.template}`);
  const res = await call(method, path, body, opts);
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

// Each module's requests live in cases/*.mjs (run in name order): a default export
// async ({ check, call, failures, state }) => {}. `state` carries ids between cases;
// state.credentials holds the demo's sign-in accounts by role ({login, password}).
const state = { credentials: {} };
for (const line of (process.env.KYOSO_CREDENTIALS || '').split('\n')) {
  const m = line.match(/^\s*(\S+)\s+login: (\S+)\s+password: (\S+)/);
  if (m) state.credentials[m[1]] = { login: m[2], password: m[3] };
}
const casesDir = new URL('./cases/', import.meta.url);
for (const name of readdirSync(casesDir).filter((f) => f.endsWith('.mjs')).sort()) {
  const mod = await import(new URL(name, casesDir));
  await mod.default({ check, call, failures, state });
}

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
