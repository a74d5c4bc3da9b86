import assert from 'node:assert/strict';
import { once } from 'node:events';
import net from 'node:net';
import type { TestContext } from 'node:test';
import { describe, test } from 'node:test';
import { findSensor } from '../../core/sensors/catalogue.js';
import { LineSplitter } from '../../core/wire/line-splitter.js';
import { SCENARIOS } from '../../core/world/world.js';
import { EmulatedMcu } from './emulated-mcu.js';
import type { McuLinkOptions } from './link.js';
import { McuLink } from './link.js';
import type { McuProfile } from './profile.js';
import { ESP32_S3 } from './profiles.js';
import { createWorldSource } from './world-source.js';

/** One accepted connection of the test's line server: lines in arrival order, awaitable. */
class Connection {
  readonly lines: { line: string; at: number }[] = [];
  private readers = 0;
  private wake: (() => void) | undefined;
  readonly closed: Promise<void>;

  constructor(readonly socket: net.Socket) {
    const splitter = new LineSplitter();
    socket.on('data', (chunk: Buffer) =>
      splitter.push(chunk, (event) => {
        if (!event.ok) return;
        this.lines.push({ line: event.line, at: performance.now() });
        this.wake?.();
      }),
    );
    socket.on('error', () => {});
    this.closed = once(socket, 'close').then(() => undefined);
  }

  /** The next unread line that passes `filter` (others are skipped). */
  async next(filter: (line: string) => boolean = () => true, timeoutMs = 3000): Promise<string> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      while (this.readers < this.lines.length) {
        const { line } = this.lines[this.readers++]!;
        if (filter(line)) return line;
      }
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`no line within ${timeoutMs} ms; got ${JSON.stringify(this.lines.map((l) => l.line))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  async nextJson(filter: (msg: Record<string, unknown>) => boolean = () => true): Promise<Record<string, unknown>> {
    const line = await this.next((l) => l !== 'PING' && filter(JSON.parse(l) as Record<string, unknown>));
    return JSON.parse(line) as Record<string, unknown>;
  }

  send(message: unknown): void {
    this.socket.write(`${JSON.stringify(message)}\n`);
  }
}

/** The "connection server" of these tests: accepts boards and reads their lines. */
class LineServer {
  readonly connections: Connection[] = [];
  private waiting: ((c: Connection) => void)[] = [];
  private readonly server = net.createServer((socket) => {
    const connection = new Connection(socket);
    this.connections.push(connection);
    this.waiting.shift()?.(connection);
  });

  async listen(port = 0): Promise<number> {
    this.server.listen(port, '127.0.0.1');
    await once(this.server, 'listening');
    return (this.server.address() as net.AddressInfo).port;
  }

  /** The next connection not yet handed out. */
  private handed = 0;
  nextConnection(): Promise<Connection> {
    const ready = this.connections[this.handed];
    if (ready) {
      this.handed++;
      return Promise.resolve(ready);
    }
    return new Promise((resolve) =>
      this.waiting.push((c) => {
        this.handed++;
        resolve(c);
      }),
    );
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function serve(t: TestContext): Promise<{ server: LineServer; port: number }> {
  const server = new LineServer();
  const port = await server.listen();
  t.after(() => server.close());
  return { server, port };
}

function link(t: TestContext, options: Partial<McuLinkOptions> & { port: number }): McuLink {
  const l = new McuLink({
    host: '127.0.0.1',
    announce: () => ({ available_sensors: ['DHT11'], mcu: 'test-board' }),
    onLine: () => {},
    outputQueueDepth: 128,
    heartbeatMs: 10_000,
    ...options,
  });
  t.after(() => l.stop());
  return l;
}

const scenario = SCENARIOS[0]!.name;

function board(t: TestContext, port: number, extra: { profile?: McuProfile; network?: 'ideal' | 'wifi'; heartbeatMs?: number } = {}): EmulatedMcu {
  const spec = findSensor('DHT11')!;
  const mcu = new EmulatedMcu({
    id: 'esp32s3-test',
    profile: extra.profile ?? ESP32_S3,
    place: 'kitchen',
    sensors: [{ name: spec.name, spec }],
    worlds: createWorldSource({ scenario, seed: 1 }),
    datapool: { host: '127.0.0.1', port },
    network: extra.network ?? 'ideal',
    heartbeatMs: extra.heartbeatMs ?? 10_000,
    reconnect: { baseMs: 20, capMs: 100 },
  });
  t.after(() => mcu.stop());
  return mcu;
}

describe('link over TCP', () => {
  test('announces first, saying its link is tcp, then sends PING on schedule', async (t) => {
    const { server, port } = await serve(t);
    const l = link(t, { port, heartbeatMs: 40 });
    l.start();
    const connection = await server.nextConnection();
    const first = JSON.parse(await connection.next()) as Record<string, unknown>;
    assert.deepEqual(first, { link: 'tcp', available_sensors: ['DHT11'], mcu: 'test-board' });
    await connection.next((l) => l === 'PING');
    await connection.next((l) => l === 'PING');
    const pings = connection.lines.filter((l) => l.line === 'PING').map((l) => l.at);
    const gap = pings[1]! - pings[0]!;
    assert.ok(gap >= 30 && gap < 400, `PING gap ${gap} ms`);
  });

  test('the board answers commands, redials with backoff after a drop, and answers again', async (t) => {
    const { server, port } = await serve(t);
    const mcu = board(t, port);
    mcu.start();
    const first = await server.nextConnection();
    assert.equal((await first.nextJson()).mcu, 'esp32s3-test');
    first.send({ sensor: 'DHT11', command: 'read_temp', id: 'before' });
    const before = await first.nextJson((m) => m.id === 'before');
    assert.equal(typeof before.temperature, 'number');
    const uptimeBefore = before.timestamp as number;

    const offline = once(mcu, 'offline');
    first.socket.destroy();
    await offline;
    assert.equal(mcu.online, false);

    const second = await server.nextConnection();
    const announce = await second.nextJson();
    assert.deepEqual(announce.available_sensors, ['DHT11'], 'announce comes first again');
    await mcu.whenOnline();
    second.send({ sensor: 'DHT11', id: 'after' });
    const after = await second.nextJson((m) => m.id === 'after');
    assert.equal(typeof after.humidity, 'number');
    assert.ok((after.timestamp as number) >= uptimeBefore, 'a reconnect is not a reboot: uptime goes on');
  });

  test('failed connects are retried with growing, capped delays until the server is back', async (t) => {
    const probe = new LineServer();
    const port = await probe.listen();
    await probe.close();
    const errors: number[] = [];
    const l = link(t, { port, reconnect: { baseMs: 10, capMs: 80 } });
    l.on('error', () => errors.push(performance.now()));
    l.start();
    while (errors.length < 7) await once(l, 'error');
    const gaps = errors.slice(1).map((at, i) => at - errors[i]!);
    // Delays are ceiling/2..ceiling with ceilings 10, 20, 40, 80, 80...: late gaps exceed early ones.
    assert.ok(gaps[0]! < 40, `first retry ${gaps[0]} ms`);
    assert.ok(gaps[4]! >= 35, `fifth retry ${gaps[4]} ms`);
    assert.ok(Math.max(...gaps) < 80 + 150, `capped: ${gaps.join(', ')}`);

    const server = new LineServer();
    await server.listen(port);
    t.after(() => server.close());
    const online = once(l, 'online');
    const connection = await server.nextConnection();
    await online;
    assert.equal(JSON.parse(await connection.next()).mcu, 'test-board');
  });

  test('stop() closes the link for good', async (t) => {
    const { server, port } = await serve(t);
    const l = link(t, { port, reconnect: { baseMs: 5, capMs: 5 } });
    l.start();
    const connection = await server.nextConnection();
    await connection.next();
    await l.stop();
    await connection.closed;
    assert.equal(l.online, false);
    // Give a redial (5 ms backoff) ample time to show up if stop() had not held.
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(server.connections.length, 1, 'no reconnect after stop');
  });

  test('wifi adds measurable delay and keeps line order', async (t) => {
    const { server, port } = await serve(t);
    const slow: McuProfile = { ...ESP32_S3, wifi: { meanMs: 25, jitterMs: 5 } };
    const wifi = board(t, port, { profile: slow, network: 'wifi' });
    wifi.start();
    const connection = await server.nextConnection();
    await connection.nextJson();
    await wifi.whenOnline();

    const sentAt = performance.now();
    connection.send({ sensor: 'DHT11', interval: 0.002, duration: 0.06, id: 'burst' });
    const replies: Record<string, unknown>[] = [];
    for (let i = 0; i < 30; i++) replies.push(await connection.nextJson((m) => m.id === 'burst'));
    const firstArrival = connection.lines.find((l) => l.line.includes('"burst"'))!.at;
    assert.ok(firstArrival - sentAt >= 20, `round trip ${firstArrival - sentAt} ms over modelled wifi`);
    const stamps = replies.map((r) => r.timestamp as number);
    assert.deepEqual(
      stamps,
      [...stamps].sort((a, b) => a - b),
      'replies arrive in the order they were sampled',
    );
  });

  test('ideal network adds no measurable delay', async (t) => {
    const { server, port } = await serve(t);
    const mcu = board(t, port);
    mcu.start();
    const connection = await server.nextConnection();
    await connection.nextJson();
    const sentAt = performance.now();
    connection.send({ sensor: 'DHT11', id: 'fast' });
    await connection.nextJson((m) => m.id === 'fast');
    const arrival = connection.lines.find((l) => l.line.includes('"fast"'))!.at;
    assert.ok(arrival - sentAt < 50, `loopback round trip ${arrival - sentAt} ms`);
  });

  test('injected loss drops reply lines but never heartbeats', async (t) => {
    const { server, port } = await serve(t);
    const l = link(t, {
      port,
      heartbeatMs: 30,
      seed: 'loss',
      network: { profile: 'ideal', wifi: { meanMs: 0, jitterMs: 0 }, faults: { lossRate: 0.5 } },
    });
    l.start();
    const connection = await server.nextConnection();
    await connection.next();
    assert.equal(l.online, true, 'online once the announce is out');
    for (let i = 0; i < 200; i++) l.send({ id: `r${i}`, n: i });
    // The heartbeat queued after them travels the same ordered path: every surviving reply is in.
    await connection.next((line) => line === 'PING');
    const received = connection.lines.filter((x) => x.line.startsWith('{"id"')).map((x) => (JSON.parse(x.line) as { n: number }).n);
    assert.ok(received.length > 50 && received.length < 150, `${received.length} of 200 survived 50% loss`);
    assert.deepEqual(
      received,
      [...received].sort((a, b) => a - b),
      'survivors keep their order',
    );
  });

  test('replies beyond the output queue are dropped and the next line reports it', async (t) => {
    const { server, port } = await serve(t);
    const l = link(t, { port, outputQueueDepth: 5 });
    // Offline: replies wait in the output queue, and only 5 fit.
    for (let i = 0; i < 8; i++) l.send({ id: `q${i}` });
    assert.equal(l.queued, 5);
    l.start();
    const connection = await server.nextConnection();
    assert.equal(JSON.parse(await connection.next()).mcu, 'test-board', 'announce before the backlog');
    const backlog: unknown[] = [];
    for (let i = 0; i < 5; i++) backlog.push(JSON.parse(await connection.next()).id);
    assert.deepEqual(backlog, ['q0', 'q1', 'q2', 'q3', 'q4']);
    l.send({ id: 'later' });
    assert.deepEqual(JSON.parse(await connection.next()), { error: 'Output queue full: 3 reply lines dropped', dropped: 3 });
    assert.equal(JSON.parse(await connection.next()).id, 'later');
  });

  test('bad input from the server becomes an error line, and the board keeps working', async (t) => {
    const { server, port } = await serve(t);
    const mcu = board(t, port);
    mcu.start();
    const connection = await server.nextConnection();
    await connection.nextJson();
    connection.socket.write('this is not json\n');
    connection.socket.write(Buffer.from([0xff, 0xfe, 0x0a]));
    connection.send({ sensor: 'DHT11', id: 'still-ok' });
    const e1 = await connection.nextJson((m) => 'error' in m);
    const e2 = await connection.nextJson((m) => 'error' in m);
    assert.match(String(e1.error), /Invalid JSON line/);
    assert.match(String(e2.error), /not UTF-8/);
    const ok = await connection.nextJson((m) => m.id === 'still-ok');
    assert.equal(ok.error, undefined);
  });
});
