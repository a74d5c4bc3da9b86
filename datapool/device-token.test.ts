import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { OpenToNetworkError } from '../core/security/off-loopback.js';
import { SCENARIOS } from '../core/world/world.js';
import { parseFleet } from '../devices/fleet/fleet-file.js';
import { startFleet } from '../devices/fleet/start-fleet.js';
import { BoardRefusedError } from '../devices/mcu/link.js';
import { Datapool } from './datapool.js';
import { announceOf, FakeBoard, type LogCollector, openTestPool } from './fake-board.test-helper.js';
import { readStoredRecords } from './store/store.js';

const SECRET = 'lab-device-secret-42';

/** Everything the datapool said or kept, where the secret must never appear. */
async function everythingKept(pool: Datapool, logs: LogCollector, dir: string): Promise<string> {
  const logged = logs.lines.map((line) => `${line.message} ${JSON.stringify(line.fields ?? {})}`).join('\n');
  const stored = JSON.stringify(await readStoredRecords(dir));
  return `${logged}\n${stored}\n${JSON.stringify(await pool.mcus())}\n${JSON.stringify(await pool.health())}`;
}

test('a board without the device token, or with a wrong one, is told why, dropped, and never online', async (t) => {
  const { pool, port, logs, dir } = await openTestPool(t, { devices: { token: SECRET } });

  const anonymous = await FakeBoard.connect(port, announceOf('esp-anon'));
  assert.match(String((await anonymous.line(0))['error']), /^unauthorized: this datapool requires a device token: add "token"/);
  await anonymous.closed;

  const impostor = await FakeBoard.connect(port, announceOf('esp-impostor', ['DHT11'], { token: 'guess' }));
  assert.deepEqual(await impostor.line(0), { error: 'unauthorized: wrong device token' });
  await impostor.closed;

  assert.deepEqual(await pool.mcus(), []);
  assert.equal(logs.count(/unauthorized board "esp-anon": no device token/), 1);
  assert.equal(logs.count(/unauthorized board "esp-impostor": wrong device token/), 1);
  assert.doesNotMatch(await everythingKept(pool, logs, dir), /guess/);
});

test('a board with the device token works, and the token is kept nowhere', async (t) => {
  const { pool, logs, dir, board } = await openTestPool(t, { devices: { token: SECRET } });
  const esp = await board(announceOf('esp-1', ['DHT11'], { token: SECRET }));
  const running = pool.run({ sensor: 'DHT11', command: 'read_temp' }, { timeoutMs: 2000 });
  esp.reply(await esp.next(), { temperature: 21.5 });
  assert.equal((await running).state, 'done');
  assert.deepEqual(
    (await pool.mcus()).map((mcu) => [mcu.id, mcu.online]),
    [['esp-1', true]],
  );
  assert.doesNotMatch(await everythingKept(pool, logs, dir), new RegExp(SECRET));
});

test('with no device token set, a token a board sends anyway is dropped, not stored', async (t) => {
  const { pool, logs, dir, board } = await openTestPool(t);
  await board(announceOf('esp-2', ['DHT11'], { token: 'stray-secret' }));
  assert.equal((await pool.mcus())[0]?.online, true);
  assert.doesNotMatch(await everythingKept(pool, logs, dir), /stray-secret/);
});

test('off loopback the device listener needs a device token, or an explicit anonymous mode with a warning', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'device-token-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  await assert.rejects(
    Datapool.open({ dataDir, log: () => {}, devices: { host: '0.0.0.0', port: 0 } }),
    (error: Error) => error instanceof OpenToNetworkError && /--device-token/.test(error.message) && /--allow-anonymous-devices/.test(error.message),
  );

  const open = await openTestPool(t, { devices: { host: '0.0.0.0', allowAnonymous: true } });
  assert.equal(open.pool.devicesAddress()!.address, '0.0.0.0');
  assert.equal(open.logs.lines.filter((l) => l.level === 'warn' && /without a device token \(--allow-anonymous-devices\)/.test(l.message)).length, 1);
  await open.board(announceOf('original-firmware'));

  const guarded = await openTestPool(t, { devices: { host: '0.0.0.0', token: SECRET } });
  assert.equal(guarded.pool.devicesAddress()!.address, '0.0.0.0');
  const refused = await FakeBoard.connect(guarded.port, announceOf('esp-x'));
  await refused.closed;
  await guarded.board(announceOf('esp-y', ['DHT11'], { token: SECRET }));
  assert.deepEqual(
    (await guarded.pool.mcus()).map((mcu) => mcu.id),
    ['esp-y'],
  );
});

const fleet = parseFleet({
  name: 'token',
  world: { scenario: SCENARIOS[0]!.name, seed: 3 },
  mcus: [{ id: 'esp32s3-lab', model: 'ESP32-S3', place: 'workshop', sensors: ['DHT11'] }],
});

test('emulated boards send the device token; refused ones say why and retry only at the longest backoff', async (t) => {
  const { pool, port, logs } = await openTestPool(t, { devices: { token: SECRET } });

  const good = await startFleet({ fleet, datapool: { host: '127.0.0.1', port }, token: SECRET });
  t.after(() => good.stop());
  await pool.whenOnline(['esp32s3-lab']);
  await good.stop();

  const wrong = await startFleet({ fleet, datapool: { host: '127.0.0.1', port }, token: 'not-it', reconnect: { baseMs: 5, capMs: 600 } });
  t.after(() => wrong.stop());
  const board = wrong.mcus[0]!;
  const [error] = (await once(board, 'error')) as [Error];
  assert.ok(error instanceof BoardRefusedError, String(error));
  assert.match(error.message, /refused this board: unauthorized: wrong device token/);
  // Without the slow retry it would redial every few ms; with it the next try is >= capMs / 2 away.
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(logs.count(/unauthorized board "esp32s3-lab"/), 1);
  assert.equal((await pool.mcus()).find((mcu) => mcu.id === 'esp32s3-lab')?.online, false);
});

test('a malformed announce line holding the device token never puts the token in a log', async (t) => {
  const { pool, port, logs, dir } = await openTestPool(t, { devices: { token: SECRET } });
  // A board that sends its token first, as a line of its own that is no announce.
  const clumsy = await FakeBoard.connect(port, null);
  clumsy.send(`${SECRET} {"available_sensors": ["DHT11"]}`);
  await clumsy.closed;
  await logs.waitFor(/announce|malformed|expected/);
  const kept = await everythingKept(pool, logs, dir);
  assert.doesNotMatch(kept, new RegExp(SECRET));
  assert.match(kept, /\[redacted\]/, 'the line is still logged, with the token taken out');
});
