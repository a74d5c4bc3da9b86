import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { describe, type TestContext, test } from 'node:test';
import { announceOf, type FakeBoard, openTestPool, type TestPool } from './fake-board.test-helper.js';
import { HttpApi, type HttpApiOptions } from './http-api.js';
import type { CommandStatus, SampleRecord } from './types.js';

const CAP = 256 * 1024;
/** A reading padded so a few hundred fill the kernel's socket buffers between the datapool and a client. */
const PAD = 'x'.repeat(8 * 1024);

interface Rig extends TestPool {
  api: HttpApi;
  url: string;
  httpPort: number;
  esp: FakeBoard;
}

async function rig(t: TestContext, options: Partial<HttpApiOptions> = {}): Promise<Rig> {
  // Boards here may send thousands of lines at once.
  const pool = await openTestPool(t, { devices: { maxLinesPerSecond: 1_000_000, lineBurst: 1_000_000 } });
  const api = new HttpApi(pool.pool, { port: 0, log: pool.logs.log, maxUnreadBytes: CAP, unreadTimeoutMs: 300, ...options });
  const { port } = await api.listen();
  t.after(() => api.close());
  const esp = await pool.board(announceOf('esp'));
  return { ...pool, api, url: `http://127.0.0.1:${port}`, httpPort: port, esp };
}

/** A client that sends one request and then never reads a byte of the answer. */
async function neverReads(port: number, path: string): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.pause();
  socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
  return socket;
}

/** Reads the whole of what a socket still has to give, until the other side closes it. */
function readToEnd(socket: Socket): Promise<number> {
  return new Promise((resolve) => {
    let bytes = 0;
    socket.on('data', (chunk: Buffer) => (bytes += chunk.length));
    socket.on('error', () => {});
    socket.on('close', () => resolve(bytes));
    socket.resume();
  });
}

/** Every event of one stream, read as fast as it comes. */
async function collectEvents(url: string): Promise<{ samples: SampleRecord[]; end: CommandStatus | null }> {
  const res = await fetch(url);
  assert.equal(res.status, 200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const samples: SampleRecord[] = [];
  let end: CommandStatus | null = null;
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { samples, end };
    buffer += decoder.decode(value, { stream: true });
    for (let cut = buffer.indexOf('\n\n'); cut !== -1; cut = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const data = JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as unknown;
      if (block.startsWith('event: sample')) samples.push(data as SampleRecord);
      else end = data as CommandStatus;
    }
  }
}

async function until(condition: () => boolean, what: string, limitMs = 20_000): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > limitMs) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('clients that do not read', () => {
  test('an event stream left unread is dropped at the cap while a reader that keeps up gets every sample', async (t) => {
    const { pool, api, url, httpPort, esp, logs } = await rig(t);
    const stream = await pool.submit({ sensor: 'DHT11', command: 'read_temp', interval: 0.1, duration: -1 });
    const line = await esp.next();

    const reading = collectEvents(`${url}/commands/${stream.id}/events`);
    reading.catch(() => {}); // awaited below; a failure must not surface earlier as an unhandled rejection
    const stalled = await neverReads(httpPort, `/commands/${stream.id}/events`);
    t.after(() => stalled.destroy());
    await until(() => api.slowReaders().eventStreams === 2, 'both streams to open');

    // The board streams until the datapool gives up on the client that never reads.
    let sent = 0;
    while (api.slowReaders().dropped === 0) {
      assert.ok(sent < 20_000, `still not dropped after ${sent} samples`);
      let batch = '';
      for (let i = 0; i < 10; i++) batch += `${JSON.stringify({ id: line['id'], sensor: 'DHT11', timestamp: sent++, temperature: 20, pad: PAD })}\n`;
      esp.sendRaw(batch);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    // Every sample sent is stored before the stream ends, so the reader can be checked against all of them.
    const stored = async (): Promise<number> => (await pool.status(stream.id)).samples.length;
    const deadline = performance.now() + 20_000;
    while ((await stored()) < sent && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(await stored(), sent);
    await pool.cancel(stream.id);

    const { samples, end } = await reading;
    assert.equal(samples.length, sent, 'the reader that keeps up gets every sample');
    assert.deepEqual(
      samples.map((s) => s.seq),
      Array.from({ length: sent }, (_, i) => i),
    );
    assert.equal(end?.state, 'done');

    const stats = api.slowReaders();
    assert.equal(stats.dropped, 1);
    assert.equal(stats.eventStreams, 0);
    // However far behind a client fell, its response never held more than the socket's high-water mark and one event.
    const frame = Buffer.byteLength(`event: sample\ndata: ${JSON.stringify(samples[samples.length - 1])}\n\n`);
    assert.ok(stats.peakStreamBufferedBytes <= 16 * 1024 + frame + 64, `peak ${stats.peakStreamBufferedBytes} bytes`);
    assert.equal(logs.count(/dropped a slow client of the event stream of command/), 1);
    const logged = logs.lines.find((l) => /dropped a slow client/.test(l.message))!;
    assert.match(logged.message, new RegExp(`command ${stream.id}: \\d+ bytes of events behind \\(cap ${CAP} bytes\\)`));

    // The stalled client's connection was ended: once it reads, it finds the end of the stream, short.
    const got = await readToEnd(stalled);
    assert.ok(got < sent * PAD.length, `the stalled client got ${got} bytes`);
  });

  test('a stored backlog far past the cap reaches a client that reads it', async (t) => {
    // The whole history must leave within the unread timeout too: give a loaded machine time to read 3.4 MB.
    const { pool, api, url, esp } = await rig(t, { unreadTimeoutMs: 20_000 });
    const count = 400; // about 3.4 MB of events, over ten times the cap
    const series = await pool.submit({ sensor: 'DHT11', command: 'read_temp', interval: 0.1, duration: count / 10 });
    const line = await esp.next();
    const waiting = pool.wait(series.id, { timeoutMs: 20_000 });
    let batch = '';
    for (let i = 0; i < count; i++) batch += `${JSON.stringify({ id: line['id'], sensor: 'DHT11', timestamp: i, temperature: 20, pad: PAD })}\n`;
    esp.sendRaw(batch);
    assert.equal((await waiting).state, 'done');

    const { samples, end } = await collectEvents(`${url}/commands/${series.id}/events`);
    assert.equal(samples.length, count);
    assert.equal(end?.state, 'done');
    assert.equal(api.slowReaders().dropped, 0);
  });

  test('a long poll whose answer is left unread is dropped after the unread timeout', async (t) => {
    const { pool, api, httpPort, esp, logs } = await rig(t);
    const count = 1000; // an answer of about 8.5 MB, more than the kernel holds for a client that does not read
    const series = await pool.submit({ sensor: 'DHT11', command: 'read_temp', interval: 0.1, duration: count / 10 });
    const line = await esp.next();
    const stalled = await neverReads(httpPort, `/commands/${series.id}?wait=20000`);
    t.after(() => stalled.destroy());
    const waiting = pool.wait(series.id, { timeoutMs: 20_000 });
    let batch = '';
    for (let i = 0; i < count; i++) batch += `${JSON.stringify({ id: line['id'], sensor: 'DHT11', timestamp: i, temperature: 20, pad: PAD })}\n`;
    esp.sendRaw(batch);
    assert.equal((await waiting).state, 'done');

    await until(() => api.slowReaders().dropped === 1, 'the stalled long poll to be dropped');
    const logged = await logs.waitFor(/dropped a slow client of an answer/);
    assert.match(logged.message, /: \d+ bytes still unsent 300 ms after it was written$/);
    const got = await readToEnd(stalled);
    assert.ok(got < count * PAD.length, `the stalled client got ${got} bytes of the answer`);
  });

  test('an answer of any size is dropped when it has not left within the unread timeout', async (t) => {
    // The cap on falling behind is far above the answer: only the deadline can drop it.
    const r = await rig(t, { maxUnreadBytes: 64 * 1024 * 1024 });
    const { api, httpPort, logs } = r;
    const series = await finishedSeries(r, 600);
    const stalled = await neverReads(httpPort, `/commands/${series}`);
    t.after(() => stalled.destroy());
    await until(() => api.slowReaders().dropped === 1, 'the unread answer to be dropped', 5_000);
    assert.match((await logs.waitFor(/dropped a slow client of an answer/)).message, /bytes still unsent 300 ms after it was written/);
    const got = await readToEnd(stalled);
    assert.ok(got < 600 * PAD.length, `the stalled client got ${got} bytes of the answer`);
  });

  test("an event stream's end, which carries the whole status, must leave within the unread timeout", async (t) => {
    const { pool, api, httpPort, esp, logs } = await rig(t, { maxUnreadBytes: 64 * 1024 * 1024 });
    const count = 300; // 2.6 MB of samples, then an end event as large
    const series = await pool.submit({ sensor: 'DHT11', command: 'read_temp', interval: 0.1, duration: count / 10 });
    const line = await esp.next();
    const stalled = await neverReads(httpPort, `/commands/${series.id}/events`);
    t.after(() => stalled.destroy());
    await until(() => api.slowReaders().eventStreams === 1, 'the stream to open');
    const waiting = pool.wait(series.id, { timeoutMs: 20_000 });
    let batch = '';
    for (let i = 0; i < count; i++) batch += `${JSON.stringify({ id: line['id'], sensor: 'DHT11', timestamp: i, temperature: 20, pad: PAD })}\n`;
    esp.sendRaw(batch);
    assert.equal((await waiting).state, 'done');

    await until(() => api.slowReaders().dropped === 1, 'the stalled stream to be dropped after its end', 5_000);
    assert.match((await logs.waitFor(/dropped a slow client of the event stream/)).message, /still unsent 300 ms after it was written/);
    // The stream is counted out when its connection has closed, a moment after the drop.
    await until(() => api.slowReaders().eventStreams === 0, 'the dropped stream to be counted out');
    const got = await readToEnd(stalled);
    assert.ok(got < 2 * count * PAD.length, `the stalled client got ${got} bytes`);
  });

  test('past the budget of unsent bytes across all answers, the connection holding the most is dropped at once', async (t) => {
    const budget = 10 * 1024 * 1024;
    const r = await rig(t, { maxUnreadBytes: 64 * 1024 * 1024, unreadTimeoutMs: 60_000, maxUnsentBytes: budget });
    const { api, httpPort, logs } = r;
    const small = await finishedSeries(r, 500); // an answer of 4.3 MB
    const large = await finishedSeries(r, 1000); // 8.5 MB: with the first, over the budget
    const keeps = await neverReads(httpPort, `/commands/${small}`);
    t.after(() => keeps.destroy());
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(api.slowReaders().dropped, 0, 'one answer alone is within the budget');
    const loses = await neverReads(httpPort, `/commands/${large}`);
    t.after(() => loses.destroy());
    await until(() => api.slowReaders().dropped === 1, 'the larger unread answer to be dropped', 3_000);
    assert.match((await logs.waitFor(/dropped a slow client of an answer/)).message, new RegExp(`the most of any, over the budget of ${budget} bytes`));

    const [lost, kept] = await Promise.all([readToEnd(loses), readUntil(keeps, 500 * PAD.length)]);
    assert.ok(lost < 1000 * PAD.length, `the dropped client got ${lost} bytes`);
    assert.ok(kept > 500 * PAD.length, `the other client got its whole answer (${kept} bytes)`);
    assert.equal(api.slowReaders().dropped, 1);
  });
});

describe('connections', () => {
  test('past maxConnections a new connection is closed at once and logged; one gets in again when another leaves', async (t) => {
    const { api, httpPort, logs } = await rig(t, { maxConnections: 3 });
    const held = await Promise.all([0, 1, 2].map(() => keptAlive(httpPort)));
    t.after(() => {
      for (const socket of held) socket.destroy();
    });

    const refused = connect(httpPort, '127.0.0.1');
    refused.on('error', () => {});
    refused.write(`GET /health HTTP/1.1\r\nHost: 127.0.0.1:${httpPort}\r\n\r\n`);
    assert.equal(await readToEnd(refused), 0, 'the connection past the cap gets nothing');
    assert.equal(api.slowReaders().refusedConnections, 1);
    assert.match((await logs.waitFor(/refused a connection/)).message, /3 open, the most allowed/);

    held.pop()!.destroy();
    await until(() => api.slowReaders().openConnections === 2, 'the server to see the connection close');
    const again = await keptAlive(httpPort);
    again.destroy();
  });
});

/** A command with `count` stored samples of about 8.5 KB each, finished; its id. */
async function finishedSeries({ pool, esp }: Rig, count: number): Promise<string> {
  const series = await pool.submit({ sensor: 'DHT11', command: 'read_temp', interval: 0.1, duration: count / 10 });
  const line = await esp.next();
  const waiting = pool.wait(series.id, { timeoutMs: 20_000 });
  let batch = '';
  for (let i = 0; i < count; i++) batch += `${JSON.stringify({ id: line['id'], sensor: 'DHT11', timestamp: i, temperature: 20, pad: PAD })}\n`;
  esp.sendRaw(batch);
  assert.equal((await waiting).state, 'done');
  return series.id;
}

/** A keep-alive connection that has had one answer, so the server has surely counted it. */
async function keptAlive(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {});
  socket.write(`GET /health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
  await new Promise<void>((resolve, reject) => {
    socket.once('data', (chunk: Buffer) => (/^HTTP\/1\.1 200/.test(chunk.toString('latin1')) ? resolve() : reject(new Error(chunk.toString('latin1')))));
    socket.once('close', () => reject(new Error('closed without an answer')));
  });
  return socket;
}

/** Reads until `bytes` have come or the socket closes; how many came. */
function readUntil(socket: Socket, bytes: number): Promise<number> {
  return new Promise((resolve) => {
    let got = 0;
    socket.on('data', (chunk: Buffer) => {
      got += chunk.length;
      if (got > bytes) resolve(got);
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve(got));
    socket.resume();
  });
}
