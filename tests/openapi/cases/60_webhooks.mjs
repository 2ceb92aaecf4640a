// Webhooks: subscriptions, the delivery log and replay, against a real receiver
// (a node http server here) that verifies the signature the way docs/webhooks.md says.
import { createServer } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export default async function ({ check, call, failures }) {
  const received = [];
  let secret = '';
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      const timestamp = req.headers['x-kyoso-timestamp'];
      const expected = 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
      const given = String(req.headers['x-kyoso-signature'] || '');
      const valid = given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
      if (!valid) failures.push(`webhook receiver: bad signature ${given} for delivery ${req.headers['x-kyoso-delivery']}`);
      received.push({ event: req.headers['x-kyoso-event'], body: JSON.parse(body) });
      res.writeHead(valid ? 204 : 401).end();
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = receiver.address().port;

  try {
    await check('GET', '/api/webhooks', undefined, 200);
    await check('POST', '/api/webhooks', '{"url":', 400);
    await check('POST', '/api/webhooks', { url: 'ftp://example.jp/', events: ['deal.*'], colour: 'red' }, 400);
    await check('POST', '/api/webhooks', { url: 'https://example.jp/', events: ['Deal Moved'] }, 400);

    // "webhook.*" hears the creation of the second webhook: a delivery we can watch.
    const listener = await check('POST', '/api/webhooks',
      { url: `http://127.0.0.1:${port}/hook`, events: ['webhook.*'], description: 'openapi receiver' }, 201);
    if (!listener || !listener.json) return;
    secret = listener.json.secret;
    const id = listener.json.id;
    // Port 1 refuses connections: its deliveries fail and are retried.
    const other = await check('POST', '/api/webhooks', { url: 'http://127.0.0.1:1/refused', events: ['deal.*'] }, 201);
    const otherId = other && other.json ? other.json.id : 0;

    await check('GET', `/api/webhooks/${id}`, undefined, 200);
    await check('GET', '/api/webhooks/abc', undefined, 400);
    await check('GET', '/api/webhooks/999999999', undefined, 404);
    await check('PATCH', `/api/webhooks/${otherId}`, { description: '到達しない受信先' }, 200);
    await check('PATCH', `/api/webhooks/${otherId}`, { url: 'javascript:alert(1)' }, 400);
    await check('PATCH', '/api/webhooks/999999999', { active: false }, 404);

    // The server's dispatcher runs every second.
    let delivery;
    for (let i = 0; i < 100 && !delivery; i++) {
      const log = await call('GET', `/api/webhooks/${id}/deliveries?status=succeeded`);
      delivery = log.json && log.json.items && log.json.items[0];
      if (!delivery) await sleep(100);
    }
    await check('GET', `/api/webhooks/${id}/deliveries?limit=10`, undefined, 200);
    await check('GET', `/api/webhooks/${id}/deliveries?status=lost`, undefined, 400);
    await check('GET', '/api/webhooks/999999999/deliveries', undefined, 404);
    if (!delivery) {
      failures.push('no webhook delivery succeeded within 10 s');
    } else {
      if (!received.some((r) => r.event === delivery.event && r.body.id === delivery.id && r.body.audit_seq === delivery.audit_seq)) {
        failures.push(`the receiver did not get delivery ${delivery.id}`);
      }
      const replay = `/api/webhook-deliveries/${delivery.id}/replay`;
      await check('POST', replay, undefined, 422);
      await check('POST', replay, { force: 'yes' }, 400);
      await check('POST', replay, { force: true }, 200);
      await check('POST', replay, undefined);  // 409 while still queued, or 422 if already re-sent
    }
    await check('POST', '/api/webhook-deliveries/abc/replay', undefined, 400);
    await check('POST', '/api/webhook-deliveries/999999999/replay', undefined, 404);

    await check('DELETE', `/api/webhooks/${otherId}`, undefined, 204);
    await check('DELETE', `/api/webhooks/${otherId}`, undefined, 404);
    await check('DELETE', '/api/webhooks/abc', undefined, 400);
    await call('DELETE', `/api/webhooks/${id}`);
  } finally {
    receiver.close();
  }
}
