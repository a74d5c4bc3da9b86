import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, type TestContext, test } from 'node:test';
import { announceOf, FakeBoard, LogCollector } from './fake-board.test-helper.js';
import { HttpApi, type ServedDatapool } from './http-api.js';
import { HttpDatapoolClient } from './http-client.js';
import { startDatapoolServer } from './server.js';
import { type CommandStatus, DatapoolError, type Health, type McuInfo } from './types.js';

interface Rig {
  url: string;
  client: HttpDatapoolClient;
  esp: FakeBoard;
  logs: LogCollector;
}

/** A datapool server on free ports with one board (DHT11 + BH1750, in the kitchen) and an HTTP client. */
async function rig(t: TestContext): Promise<Rig> {
  const dataDir = await mkdtemp(join(tmpdir(), 'datapool-http-'));
  const logs = new LogCollector();
  const server = await startDatapoolServer({
    dataDir,
    log: logs.log,
    devices: { host: '127.0.0.1', port: 0 },
    http: { host: '127.0.0.1', port: 0 },
  });
  const url = `http://127.0.0.1:${server.httpAddress!.port}`;
  const client = new HttpDatapoolClient(url);
  const online = logs.waitFor(/online$/);
  const esp = await FakeBoard.connect(server.devicesAddress.port, announceOf('esp-1', ['DHT11', 'BH1750'], { place: 'Kitchen' }));
  await online;
  t.after(async () => {
    esp.close();
    client.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  return { url, client, esp, logs };
}

async function postJson(url: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Reads Server-Sent Events until the stream ends. */
async function readEvents(res: Response, onEvent: (event: string, data: unknown) => void): Promise<void> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? 'null';
      onEvent(event, JSON.parse(data));
    }
  }
}

function localTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

describe('HTTP API through HttpDatapoolClient', () => {
  test('submit, then a long poll that resolves when the sample is stored', async (t) => {
    const { client, esp } = await rig(t);
    const submitted = await client.submit({ sensor: 'DHT11', command: 'read_temp' });
    assert.equal(submitted.state, 'dispatched');
    const line = await esp.next();
    const polling = client.wait(submitted.id, { timeoutMs: 5000 });
    esp.reply(line, { temperature: 23.5 });
    const done = await polling;
    assert.equal(done.state, 'done');
    assert.equal(done.samples[0]?.data['temperature'], 23.5);
    const again = await client.status(submitted.id);
    assert.deepEqual(again, done);
  });

  test('run submits and waits in one request; until=window returns the status so far at the end of the window', async (t) => {
    const { client, esp } = await rig(t);
    const running = client.run({ sensor: 'BH1750', command: 'read_lux' }, { timeoutMs: 5000 });
    const line = await esp.next();
    assert.equal(line['command'], 'read_lux');
    esp.reply(line, { lux: 420 });
    const done = await running;
    assert.equal(done.state, 'done');
    assert.equal(done.samples[0]?.data['lux'], 420);

    const windowed = await client.run({ sensor: 'DHT11', duration: -1, interval: 0.1 }, { timeoutMs: 50, until: 'window' });
    assert.equal(windowed.state, 'dispatched');
    const cancelled = await client.cancel(windowed.id);
    assert.equal(cancelled.state, 'done');
  });

  test('/commands/:id/events streams each sample as it is stored, then end', async (t) => {
    const { url, client, esp } = await rig(t);
    const stream = await client.submit({ sensor: 'DHT11', interval: 0.1, duration: -1 });
    const line = await esp.next();
    const res = await fetch(`${url}/commands/${stream.id}/events`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    const events: [string, unknown][] = [];
    let samplesSeen = 0;
    const reading = readEvents(res, (event, data) => {
      events.push([event, data]);
      if (event === 'sample' && ++samplesSeen === 2) void client.cancel(stream.id);
    });
    esp.reply(line, { temperature: 20 });
    esp.reply(line, { temperature: 21 });
    await reading;
    assert.deepEqual(
      events.map(([e]) => e),
      ['sample', 'sample', 'end'],
    );
    assert.equal((events[1]![1] as { data: { temperature: number } }).data.temperature, 21);
    assert.equal((events[2]![1] as CommandStatus).state, 'done');

    const finished = await fetch(`${url}/commands/${stream.id}/events`);
    const replay: string[] = [];
    await readEvents(finished, (event) => replay.push(event));
    assert.deepEqual(replay, ['sample', 'sample', 'end'], 'a finished command replays its events and ends');
  });

  test('/mcus, /sensors and /health', async (t) => {
    const { url, client } = await rig(t);
    const mcus: McuInfo[] = await client.mcus();
    assert.equal(mcus.length, 1);
    assert.equal(mcus[0]?.id, 'esp-1');
    assert.equal(mcus[0]?.place, 'Kitchen');
    assert.equal(mcus[0]?.online, true);
    const sensors = (await (await fetch(`${url}/sensors`)).json()) as unknown;
    assert.deepEqual(sensors, [
      { sensor: 'BH1750', mcus: ['esp-1'], online: true },
      { sensor: 'DHT11', mcus: ['esp-1'], online: true },
    ]);
    const health: Health = await client.health();
    assert.equal(health.ok, true);
    assert.equal(health.mcusOnline, 1);
    assert.equal(health.mcusKnown, 1);
  });

  test('the original POST /send_cmd: accept with an id, or its 400 with our reason', async (t) => {
    const { url, client, esp } = await rig(t);
    const accepted = await postJson(`${url}/send_cmd`, { sensor: 'DHT11', command: 'read_temp', interval: 0.0, duration: 0.0 });
    assert.equal(accepted.status, 200);
    assert.equal(accepted.body['status'], 'accept');
    assert.match(String(accepted.body['id']), /^[0-9a-f-]{36}$/);
    const line = await esp.next();
    assert.equal(line['id'], accepted.body['id']);
    esp.reply(line, { temperature: 20 });
    assert.equal((await client.wait(String(accepted.body['id']), { timeoutMs: 5000 })).state, 'done');

    const quirky = await postJson(`${url}/send_cmd`, { sensor: 'DHT11', command: null, interval: 0, duration: 0, mode: 'x' });
    assert.equal(quirky.body['status'], 'accept', "the original tools' quirky bodies work");
    await esp.next();

    const refused = await postJson(`${url}/send_cmd`, { sensor: 'NOPE', command: 'read_temp' });
    assert.equal(refused.status, 400);
    assert.equal(refused.body['detail'], 'Invalid command format or sensor unavailable');
    assert.equal((refused.body['error'] as { code: string }).code, 'unknown-sensor');

    const noDevice = await postJson(`${url}/send_cmd`, { sensor: 'KY-040' });
    assert.equal(noDevice.status, 400);
    assert.equal((noDevice.body['error'] as { code: string }).code, 'no-device');
    const garbage = await postJson(`${url}/send_cmd`, '{nope');
    assert.equal(garbage.status, 400);
    assert.equal(garbage.body['detail'], 'Invalid command format or sensor unavailable');
  });

  test('the original schedule body issues the request every interval between start and end', async (t) => {
    const { url, esp } = await rig(t);
    const start = Date.now() - 1000;
    const accepted = await postJson(`${url}/send_cmd`, {
      start: localTime(start),
      end: localTime(Date.now() + 3000),
      interval: 0.1,
      request: { sensor: 'DHT11', command: 'read_hum', interval: 0, duration: 0 },
    });
    assert.equal(accepted.status, 200);
    assert.equal(accepted.body['status'], 'accept');
    const first = await esp.next();
    const second = await esp.next();
    assert.equal(first['command'], 'read_hum');
    assert.notEqual(first['id'], second['id']);
    const schedule = (await (await fetch(`${url}/schedules/${String(accepted.body['id'])}`)).json()) as { commands: string[] };
    assert.ok(schedule.commands.includes(String(first['id'])));
    const cancelled = await postJson(`${url}/schedules/${String(accepted.body['id'])}/cancel`, {});
    assert.equal(cancelled.body['state'], 'cancelled');

    const bad = await postJson(`${url}/send_cmd`, { start: 'tomorrow', end: 'later', interval: 1, request: { sensor: 'DHT11' } });
    assert.equal(bad.status, 400);
    assert.match((bad.body['error'] as { message: string }).message, /YYYY-MM-DD HH:MM:SS/);
  });

  test('errors come back as DatapoolError with the same code', async (t) => {
    const { client } = await rig(t);
    await assert.rejects(client.status('no-such-id'), (e: unknown) => e instanceof DatapoolError && e.code === 'not-found');
    await assert.rejects(client.submit({ sensor: 'DHT22' }), (e: unknown) => e instanceof DatapoolError && e.code === 'unknown-sensor');
    await assert.rejects(client.submit({ sensor: 'DHT11', mcu: 'esp-9' }), (e: unknown) => e instanceof DatapoolError && e.code === 'unknown-mcu');
    await assert.rejects(client.submit({ sensor: 'DHT11', place: 'attic' }), (e: unknown) => e instanceof DatapoolError && e.code === 'unknown-place');
    await assert.rejects(client.submit({ sensor: 'KY-040' }), (e: unknown) => e instanceof DatapoolError && e.code === 'no-device');
    await assert.rejects(
      client.submit({ sensor: 'DHT11', command: 'read_lux' }),
      (e: unknown) => e instanceof DatapoolError && e.code === 'unknown-command' && /read_temp/.test(e.message),
    );
    await assert.rejects(client.wait('x', { timeoutMs: -1 }), (e: unknown) => e instanceof DatapoolError && e.code === 'invalid-request');
  });

  test('HTTP status codes: 400 bad JSON, 404 unknown route or id, 405 wrong method, 409 no device, 413 body too large', async (t) => {
    const { url } = await rig(t);
    const badJson = await postJson(`${url}/commands`, '{"sensor":');
    assert.equal(badJson.status, 400);
    assert.deepEqual(badJson.body, { error: { code: 'invalid-request', message: 'the request body is not valid JSON' } });
    assert.equal((await fetch(`${url}/nowhere`)).status, 404);
    assert.equal((await fetch(`${url}/commands/unknown`)).status, 404);
    assert.equal((await fetch(`${url}/mcus`, { method: 'DELETE' })).status, 405);
    assert.equal((await postJson(`${url}/commands`, { sensor: 'KY-040' })).status, 409);
    const huge = await fetch(`${url}/commands`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(1024 * 1024 + 1) });
    assert.equal(huge.status, 413);
    assert.equal((await fetch(`${url}/commands/x?wait=soon`)).status, 400);
    assert.equal((await fetch(`${url}/health`)).status, 200, 'still serving');
  });

  test('a client pointed at no datapool says unavailable', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const client = new HttpDatapoolClient(`http://127.0.0.1:${port}`);
    await assert.rejects(
      client.health(),
      (e: unknown) => e instanceof DatapoolError && e.code === 'unavailable' && /no datapool at http:\/\/127\.0\.0\.1/.test(e.message),
    );
    client.close();
  });
});

describe('a page in a browser cannot reach a local datapool', () => {
  test("cross-site writes (text/plain, a form) get 415 and a foreign Host 403; the datapool's own clients pass", async (t) => {
    const { url, client } = await rig(t);
    const body = JSON.stringify({ sensor: 'DHT11' });
    for (const [type, payload] of [
      ['text/plain;charset=UTF-8', body],
      ['application/x-www-form-urlencoded', 'sensor=DHT11'],
    ] as const) {
      const res = await fetch(`${url}/commands`, { method: 'POST', headers: { 'content-type': type }, body: payload });
      assert.equal(res.status, 415, type);
      assert.match(JSON.stringify(await res.json()), /must be JSON/);
      const original = await fetch(`${url}/send_cmd`, { method: 'POST', headers: { 'content-type': type }, body: payload });
      assert.equal(original.status, 415, `/send_cmd ${type}`);
    }
    // DNS rebinding: a name that resolves to 127.0.0.1 but is not this machine's.
    const { request } = await import('node:http');
    const port = Number(new URL(url).port);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/health', headers: { host: `attacker.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 403);
    assert.equal((await client.health()).ok, true, 'the datapool client still gets through');
  });

  test("a request from a page of another origin gets 403, even a bodiless POST; the API's own origins pass", async (t) => {
    const { url, client } = await rig(t);
    const port = Number(new URL(url).port);
    const submitted = await client.submit({ sensor: 'DHT11', command: 'read_temp', interval: 1, duration: 60 });
    const send = (method: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> =>
      new Promise((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
    // What a page's fetch(..., {method: 'POST', mode: 'no-cors'}) sends: no body, a simple content type, its own Origin.
    const crossSite = { origin: 'http://attacker.example', 'content-type': 'text/plain', 'content-length': '0' };
    for (const path of ['/mcus/esp-1/ping', `/commands/${submitted.id}/cancel`]) {
      const refused = await send('POST', path, crossSite);
      assert.equal(refused.status, 403, path);
      assert.match(refused.body, /"code":"forbidden-origin"/);
    }
    for (const origin of ['null', `http://127.0.0.1:${port + 1}`, `http://attacker.example:${port}`, 'file://']) {
      assert.equal((await send('GET', '/health', { origin })).status, 403, origin);
    }
    assert.equal((await send('POST', '/mcus/esp-1/ping?timeout=0', { 'sec-fetch-site': 'cross-site' })).status, 403, 'Sec-Fetch-Site: cross-site');
    assert.equal((await client.status(submitted.id)).state, 'dispatched', 'the refused cancel did not cancel');

    for (const name of ['127.0.0.1', 'localhost', '[::1]', 'LOCALHOST']) {
      assert.equal((await send('GET', '/health', { origin: `http://${name}:${port}` })).status, 200, name);
    }
    assert.equal((await send('GET', '/health', { 'sec-fetch-site': 'same-origin' })).status, 200);
    assert.equal((await send('POST', `/commands/${submitted.id}/cancel`, { origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' })).status, 200);
  });

  test('off loopback a request may come from the origin of the Host it reached, and no other', async (t) => {
    const api = new HttpApi({} as ServedDatapool, { host: '127.0.0.2', port: 0, token: 's3cret', log: () => {} });
    const { port } = await api.listen();
    t.after(() => api.close());
    const status = (origin: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const req = request(
          { host: '127.0.0.2', port, path: '/nowhere', headers: { host: `datapool.lan:${port}`, origin, authorization: 'Bearer s3cret' } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
    assert.equal(await status(`http://datapool.lan:${port}`), 404, 'its own origin reaches the routes');
    assert.equal(await status(`http://attacker.example:${port}`), 403);
  });
});
