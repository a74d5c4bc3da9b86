import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { defaultMaxDeviceConnections, FALLBACK_MAX_DEVICE_CONNECTIONS } from './device-server.js';
import { announceOf, FakeBoard, FAST, LogCollector } from './fake-board.test-helper.js';
import { startDatapoolServer } from './server.js';

/** Resolves true when the datapool hangs up on `socket` within `ms`, false when it keeps it. */
async function hungUp(socket: Socket, ms = 1000): Promise<boolean> {
  if (socket.destroyed) return true;
  return Promise.race([
    once(socket, 'close').then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms)),
  ]);
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

test('past the device connection cap new connections are closed at once and logged once; a board online and /health still work', { timeout: 15_000 }, async (t) => {
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

  const extras: Socket[] = [];
  for (let i = 0; i < 10; i++) extras.push(await plainConnection(port));
  sockets.push(...extras);
  const kept = (await Promise.all(extras.map((socket) => hungUp(socket)))).filter((closed) => !closed).length;
  assert.equal(kept, 0, `${kept} of 10 connections past the cap were kept`);
  assert.equal(logs.count(/device connections at the limit of 4: refused 1 new connection/), 1);
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

test('under a low open-file limit, a flood of device connections leaves /health answering (the default cap)', { skip: process.platform !== 'linux' && 'reads the limit from /proc', timeout: 30_000 }, async (t) => {
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
  assert.match(stderr, /device connections at the limit of 192: refused \d+ new connection/);
  assert.equal(stderr.match(/device connections at the limit/g)?.length, 1);
});
