import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { findSensor } from '../core/sensors/catalogue.js';
import { SCENARIOS } from '../core/world/world.js';
import { EmulatedMcu } from '../devices/mcu/emulated-mcu.js';
import { ESP32 } from '../devices/mcu/profiles.js';
import { createWorldSource } from '../devices/mcu/world-source.js';
import { announceOf, FakeBoard, LogCollector, openTestPool } from './fake-board.test-helper.js';
import { HttpDatapoolClient } from './http-client.js';
import { startDatapoolServer } from './server.js';
import { readStoredRecords } from './store/store.js';
import { DatapoolError } from './types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ORPHAN = /orphan/;

/** Rejects with a DatapoolError of this code. */
async function rejectsWith(promise: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof DatapoolError, String(error));
    assert.equal(error.code, code, error.message);
    if (message !== undefined) assert.match(error.message, message);
    return true;
  });
}

describe('ping: the idle round trip through the datapool', () => {
  test('our firmware answers with a pong and its elapsed_ms; nothing is stored and no timer slot is used, even with every slot busy', async (t) => {
    const { pool, port, logs } = await openTestPool(t);
    const board = new EmulatedMcu({
      id: 'esp-real',
      profile: ESP32,
      place: 'kitchen',
      sensors: [{ name: 'DHT11', spec: findSensor('DHT11')! }],
      worlds: createWorldSource({ scenario: SCENARIOS[0]!.name, seed: 1, startTimeMs: Date.UTC(2025, 5, 1, 12) }),
      datapool: { host: '127.0.0.1', port },
    });
    t.after(() => board.stop());
    board.start();
    await pool.whenOnline(['esp-real'], 5000);

    const streams = [];
    for (let i = 0; i < ESP32.maxConcurrentCommands; i++) {
      const stream = await pool.submit({ sensor: 'DHT11', interval: 60, duration: -1 });
      await pool.wait(stream.id, { timeoutMs: 5000, until: 'sample' });
      streams.push(stream);
    }
    const stored = (await pool.health()).recordsStored;

    const ping = await pool.ping('esp-real', { timeoutMs: 5000 });
    assert.equal(ping.mcu, 'esp-real');
    assert.equal(ping.answeredBy, 'pong');
    assert.ok(ping.received >= ping.sent, `${ping.received} >= ${ping.sent}`);
    assert.ok(Math.abs(ping.roundTripMs - (ping.received - ping.sent)) < 1e-9);
    assert.ok(ping.roundTripMs > 0 && ping.roundTripMs < 1000, `round trip ${ping.roundTripMs} ms`);
    assert.equal(typeof ping.deviceElapsedMs, 'number');
    assert.ok(ping.deviceElapsedMs! >= 0 && ping.deviceElapsedMs! <= ping.roundTripMs);

    const health = await pool.health();
    assert.equal(health.commandsAccepted, streams.length, 'a ping is not a command');
    assert.equal(health.recordsStored, stored, 'nothing stored for a ping');
    assert.equal(logs.count(ORPHAN), 0);
    for (const stream of streams) await pool.cancel(stream.id);
  });

  test('an original-firmware board answers the ping line with an error line carrying its id: that is the answer, not an orphan', async (t) => {
    const { pool, board, logs, dir } = await openTestPool(t);
    const original = await board({ available_sensors: ['DHT11'] });
    const [mcu] = (await pool.mcus()).map((m) => m.id);
    const pinging = pool.ping(mcu!, { timeoutMs: 5000 });
    const line = await original.next();
    assert.deepEqual(Object.keys(line).sort(), ['command', 'id']);
    assert.equal(line['command'], 'ping');
    assert.match(String(line['id']), UUID);
    original.send({ error: 'Invalid command: missing sensor', id: line['id'] });
    const ping = await pinging;
    assert.equal(ping.answeredBy, 'error-line');
    assert.equal(ping.deviceElapsedMs, null);
    await pool.close();
    const records = JSON.stringify(await readStoredRecords(dir));
    assert.ok(!records.includes(String(line['id'])), 'nothing stored for a ping');
    assert.match(records, /"kind":"mcu"/, 'the board itself is on record');
    assert.equal(logs.count(ORPHAN), 0);
  });

  test('unknown and offline MCUs are refused at once; a board dropping mid-ping fails it as device-offline', async (t) => {
    const { pool, board, logs } = await openTestPool(t);
    await rejectsWith(pool.ping('nobody', { timeoutMs: 5000 }), 'unknown-mcu', /no MCU "nobody"/);

    const gone = await board(announceOf('gone'));
    gone.close();
    await logs.waitFor(/MCU "gone" offline/);
    await rejectsWith(pool.ping('gone', { timeoutMs: 5000 }), 'device-offline', /offline/);

    const dropping = await board(announceOf('dropping'));
    const started = performance.now();
    const pinging = pool.ping('dropping', { timeoutMs: 10_000 });
    await dropping.next();
    dropping.close();
    await rejectsWith(pinging, 'device-offline', /went offline .* before it answered the ping/);
    assert.ok(performance.now() - started < 5000, 'failed when the board left, not at the timeout');
  });

  test('a silent board times the ping out; its late answer and a stray pong are dropped, never orphans', async (t) => {
    const { pool, board, logs } = await openTestPool(t);
    const slow = await board(announceOf('slow'));
    await rejectsWith(pool.ping('slow', { timeoutMs: 30 }), 'timeout', /did not answer a ping within 30 ms/);
    const line = await slow.next();
    slow.send({ id: line['id'], pong: true, timestamp: 1, peak_memory: 70_000, elapsed_ms: 0 });
    slow.send({ pong: true });
    // A sensor command after them still works: the lines were read and dropped, not stuck.
    const submitted = await pool.submit({ sensor: 'DHT11', command: 'read_temp' });
    const command = await slow.next();
    const waiting = pool.wait(submitted.id, { timeoutMs: 5000 });
    slow.reply(command, { temperature: 20 });
    assert.equal((await waiting).state, 'done');
    assert.equal(logs.count(ORPHAN), 0);
  });
});

describe('POST /mcus/:id/ping', () => {
  test('answers the PingResult through HttpDatapoolClient; errors keep their codes; bad timeout and wrong method are refused', async (t) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'datapool-ping-'));
    const logs = new LogCollector();
    const server = await startDatapoolServer({ dataDir, log: logs.log, devices: { host: '127.0.0.1', port: 0 }, http: { host: '127.0.0.1', port: 0 } });
    const url = `http://127.0.0.1:${server.httpAddress!.port}`;
    const client = new HttpDatapoolClient(url);
    const online = logs.waitFor(/online$/);
    const esp = await FakeBoard.connect(server.devicesAddress.port, announceOf('esp 1'));
    t.after(async () => {
      esp.close();
      client.close();
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    });
    await online;

    const pinging = client.ping('esp 1', { timeoutMs: 5000 });
    const line = await esp.next();
    esp.send({ id: line['id'], pong: true, timestamp: 5, peak_memory: 70_000, elapsed_ms: 0.25 });
    const ping = await pinging;
    assert.equal(ping.mcu, 'esp 1');
    assert.equal(ping.answeredBy, 'pong');
    assert.equal(ping.deviceElapsedMs, 0.25);
    assert.ok(ping.roundTripMs >= 0);

    await rejectsWith(client.ping('nobody', { timeoutMs: 5000 }), 'unknown-mcu');
    const silent = await fetch(`${url}/mcus/esp%201/ping?timeout=20`, { method: 'POST' });
    assert.equal(silent.status, 504);
    assert.equal(((await silent.json()) as { error: { code: string } }).error.code, 'timeout');
    const bad = await fetch(`${url}/mcus/esp%201/ping?timeout=soon`, { method: 'POST' });
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: { message: string } }).error.message, /timeout must be a number of milliseconds/);
    const get = await fetch(`${url}/mcus/esp%201/ping`);
    assert.equal(get.status, 405);
    await get.arrayBuffer();
  });
});
