import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { defaultMaxDeviceConnections, FALLBACK_MAX_DEVICE_CONNECTIONS } from './device-server.js';
import { announceOf, FAST, FakeBoard, LogCollector, openTestPool } from './fake-board.test-helper.js';
import { startDatapoolServer } from './server.js';

/** Resolves true when the datapool hangs up on `socket` within `ms`, false when it keeps it. */
async function hungUp(socket: Socket, ms = 1000): Promise<boolean> {
  if (socket.destroyed) return true;
  return Promise.race([once(socket, 'close').then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);
}

async function plainConnection(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {});
  await once(socket, 'connect');
  return socket;
}

async function health(url: string, timeoutMs = 3000): Promise<number> {
  const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(timeoutMs) });
  await response.arrayBuffer();
  return response.status;
}

test('the default cap keeps a quarter of the open-file limit free (64 to 4096 descriptors)', () => {
  assert.equal(defaultMaxDeviceConnections(256), 192);
  assert.equal(defaultMaxDeviceConnections(1024), 768);
  assert.equal(defaultMaxDeviceConnections(20_000), 15_904);
  assert.equal(defaultMaxDeviceConnections(100), 36);
  assert.equal(defaultMaxDeviceConnections(null), FALLBACK_MAX_DEVICE_CONNECTIONS);
});

test('past the device connection cap the oldest connections that have not announced give way, logged once; a board online and /health still work', {
  timeout: 15_000,
}, async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'datapool-cap-'));
  const logs = new LogCollector();
  const server = await startDatapoolServer({ dataDir, log: logs.log, devices: { port: 0, ...FAST, maxConnections: 4 }, http: { port: 0 } });
  const sockets: Socket[] = [];
  t.after(async () => {
    for (const socket of sockets) socket.destroy();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const port = server.devicesAddress.port;
  const url = `http://127.0.0.1:${server.httpAddress!.port}`;

  const real = await FakeBoard.connect(port, announceOf('esp-1'));
  sockets.push(real.socket);
  await server.datapool.whenOnline(['esp-1']);
  // Three connections that have not announced yet count as well: the cap is on descriptors.
  for (let i = 0; i < 3; i++) sockets.push(await plainConnection(port));
  await new Promise((resolve) => setTimeout(resolve, 50));

  const earlier = sockets.slice(1);
  const extras: Socket[] = [];
  for (let i = 0; i < 10; i++) extras.push(await plainConnection(port));
  sockets.push(...extras);
  const closed = await Promise.all([...earlier, ...extras].map((socket) => hungUp(socket)));
  // Each newcomer took the place of the oldest that had not announced: the three newest are left.
  assert.deepEqual(closed, [...Array(10).fill(true), false, false, false]);
  assert.equal(real.socket.destroyed, false);
  assert.equal(logs.count(/device connections at the limit of 4: closed 1 that had not announced/), 1);
  assert.equal(logs.count(/device connections at the limit/), 1, 'one line for the whole burst');

  const running = server.datapool.run({ sensor: 'DHT11', command: 'read_temp' }, { timeoutMs: 2000 });
  real.reply(await real.next(), { temperature: 22 });
  assert.equal((await running).state, 'done');
  assert.equal(await health(url), 200);

  // A place freed is a place a board can take.
  sockets[1]!.destroy();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const late = await FakeBoard.connect(port, announceOf('esp-2'));
  sockets.push(late.socket);
  await server.datapool.whenOnline(['esp-2'], 2000);
});

test('under a low open-file limit, a flood of device connections leaves /health answering (the default cap)', {
  skip: process.platform !== 'linux' && 'reads the limit from /proc',
  timeout: 30_000,
}, async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'datapool-nofile-'));
  const serverModule = fileURLToPath(new URL('./server.js', import.meta.url));
  const script = [
    `const { startDatapoolServer } = await import(${JSON.stringify(serverModule)});`,
    `const s = await startDatapoolServer({ dataDir: ${JSON.stringify(dataDir)}, devices: { port: 0 }, http: { port: 0 } });`,
    `console.log(JSON.stringify({ devices: s.devicesAddress.port, http: s.httpAddress.port }));`,
  ].join('\n');
  // `ulimit -n` in sh lowers the soft and the hard limit, so Node cannot raise it again at start.
  const child = spawn('sh', ['-c', `ulimit -n 256 && exec "${process.execPath}" --input-type=module -e "$0"`, script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const sockets: Socket[] = [];
  t.after(async () => {
    for (const socket of sockets) socket.destroy();
    if (child.exitCode === null) {
      child.kill();
      await once(child, 'exit');
    }
    await rm(dataDir, { recursive: true, force: true });
  });
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  const ports = JSON.parse(line) as { devices: number; http: number };

  const results = await Promise.allSettled(Array.from({ length: 400 }, () => plainConnection(ports.devices)));
  for (const result of results) if (result.status === 'fulfilled') sockets.push(result.value);
  await new Promise((resolve) => setTimeout(resolve, 200));

  assert.equal(await health(`http://127.0.0.1:${ports.http}`), 200);
  assert.match(stderr, /device connections at the limit of 192: (refused \d+ new connection|closed \d+ that had not announced)/);
  assert.equal(stderr.match(/device connections at the limit/g)?.length, 1);
});

describe('a board that proves itself gets in while the cap is full of connections that prove nothing', () => {
  const KEYS = new Map([['esp-keyed', 'esp-keyed-key']]);
  const keyed = (): Record<string, unknown> => announceOf('esp-keyed', ['DHT11'], { token: 'esp-keyed-key' });

  test('idle connections that reconnect whenever they are closed do not keep a keyed board out', { timeout: 20_000 }, async (t) => {
    const { pool, port } = await openTestPool(t, { devices: { maxConnections: 4, deviceKeys: KEYS } });
    let stopped = false;
    const hogs = new Set<Socket>();
    const hog = (): void => {
      if (stopped) return;
      const socket = connect(port, '127.0.0.1');
      hogs.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        hogs.delete(socket);
        setTimeout(hog, 0);
      });
    };
    t.after(() => {
      stopped = true;
      for (const socket of hogs) socket.destroy();
    });
    for (let i = 0; i < 4; i++) hog();
    await new Promise((resolve) => setTimeout(resolve, 300));

    for (let attempt = 0; attempt < 5; attempt++) {
      const board = await FakeBoard.connect(port, keyed());
      await pool.whenOnline(['esp-keyed'], 2000);
      board.close();
      await board.closed;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  test('a keyed board takes the place of the oldest anonymous board; another anonymous board is refused, saying why', { timeout: 15_000 }, async (t) => {
    const { pool, port, board, logs } = await openTestPool(t, { devices: { maxConnections: 4, deviceKeys: KEYS } });
    const anonymous: FakeBoard[] = [];
    for (let i = 0; i < 4; i++) anonymous.push(await board(announceOf(`anon-${i}`)));

    const late = await FakeBoard.connect(port, announceOf('anon-late'));
    t.after(() => late.close());
    assert.match(
      String((await late.line(0))['error']),
      /^refused: device connections are at their limit of 4; a board with a device key or the device token may still get in$/,
    );
    await late.closed;

    const proven = await board(keyed());
    t.after(() => proven.close());
    assert.match(
      String((await anonymous[0]!.line(0))['error']),
      /^closed: device connections are at their limit and a board that proved itself needed the place/,
    );
    await anonymous[0]!.closed;
    await logs.waitFor(/"anon-0" offline/);
    const online = (await pool.mcus()).filter((m) => m.online).map((m) => m.id);
    assert.deepEqual(online, ['anon-1', 'anon-2', 'anon-3', 'esp-keyed']);
    for (const other of anonymous.slice(1)) assert.equal(other.socket.destroyed, false);
  });

  test('near the cap a connection that does not announce is closed after 2 s, not the handshake timeout', { timeout: 15_000 }, async (t) => {
    const { port, logs } = await openTestPool(t, { devices: { maxConnections: 4, handshakeTimeoutMs: 10_000 } });
    const idle: Socket[] = [];
    t.after(() => {
      for (const socket of idle) socket.destroy();
    });
    for (let i = 0; i < 3; i++) idle.push(await plainConnection(port));
    const closed = await Promise.all(idle.map((socket) => hungUp(socket, 3500)));
    // Those closed at the sweep that found three of four places taken; once fewer are taken the rest get the
    // full handshake timeout again, so how many go at once depends on when the sweep saw all three.
    assert.ok(closed.some(Boolean), 'an idle connection near the cap is closed long before the 10 s handshake timeout');
    assert.ok(logs.count(/no announce line within 2000 ms \(device connections near their limit\)/) >= 1);
  });
});
