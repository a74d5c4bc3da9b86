import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { BOARD_ERROR_CODES } from '../core/wire/messages.js';
import { BOARD_FAILURE_CODES } from './commands/board-lines.js';
import { announceOf, FakeBoard, LogCollector, openTestPool } from './fake-board.test-helper.js';
import { HttpDatapoolClient } from './http-client.js';
import { type RoutableMcu, route } from './router.js';
import { startDatapoolServer } from './server.js';
import { readStoredRecords } from './store/store.js';
import { ErrorCode } from './types.js';
import { normalizeRequest } from './validate.js';

const ALL_ACTUATORS = ['RELAY-FAN', 'WINDOW-SERVO', 'MAIN-VALVE', 'IRRIGATION-PUMP', 'DIMMABLE-LIGHT', 'BUZZER'];

/** A board with a DHT11 and actuators, announcing them as this project's firmware does. */
function actuatorBoard(mcu: string, actuators: string[] = ALL_ACTUATORS, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return announceOf(mcu, ['DHT11'], { available_actuators: actuators, ...extra });
}

/** Answers an actuator command line as the firmware does: the actuator and its level field. */
function answer(board: FakeBoard, line: Record<string, unknown>, field: string, state: number): void {
  board.send({ id: line['id'], actuator: line['actuator'], [field]: state, timestamp: 1234, peak_memory: 70_000, elapsed_ms: 0.2 });
}

describe('actuator commands: routing', () => {
  const fleet: RoutableMcu[] = [
    { id: 'esp-a', place: 'Kitchen', sensors: ['DHT11'], actuators: ['RELAY-FAN'], online: true },
    { id: 'esp-b', place: 'Garden', sensors: ['DHT11'], actuators: ['IRRIGATION-PUMP'], online: true },
    { id: 'esp-c', place: 'Kitchen', sensors: ['RELAY-FAN'], online: true },
  ];

  test('an actuator goes to a board that drives it, never to one only naming it as a sensor', () => {
    assert.deepEqual(route({ actuator: 'RELAY-FAN' }, fleet), { ok: true, mcu: 'esp-a' });
    assert.deepEqual(route({ actuator: 'IRRIGATION-PUMP', place: 'garden' }, fleet), { ok: true, mcu: 'esp-b' });
    const lacking = route({ actuator: 'RELAY-FAN', mcu: 'esp-c' }, fleet);
    assert.equal(!lacking.ok && lacking.error.code, 'no-device');
    assert.match(!lacking.ok ? lacking.error.message : '', /MCU "esp-c" has no RELAY-FAN; it has: no actuators/);
    const nowhere = route({ actuator: 'BUZZER' }, fleet);
    assert.equal(!nowhere.ok && nowhere.error.code, 'no-device');
    const noPlace = route({ actuator: 'RELAY-FAN', place: 'attic' }, fleet);
    assert.equal(!noPlace.ok && noPlace.error.code, 'unknown-place');
    const noMcu = route({ actuator: 'RELAY-FAN', mcu: 'esp-z' }, fleet);
    assert.equal(!noMcu.ok && noMcu.error.code, 'unknown-mcu');
  });

  test('the datapool learns actuators from the announce, lists them, and routes by actuator, mcu and place', async (t) => {
    const { pool, board } = await openTestPool(t);
    const kitchen = await board(actuatorBoard('esp-b', ['fan', 'LIGHT', 'no-such-thing'], { place: 'Kitchen' }));
    const garden = await board(actuatorBoard('esp-a', ['RELAY-FAN', 'IRRIGATION-PUMP'], { place: 'Garden' }));
    const sensorsOnly = await board(announceOf('esp-0'));
    const mcus = await pool.mcus();
    assert.deepEqual(mcus.find((m) => m.id === 'esp-b')?.actuators, ['RELAY-FAN', 'DIMMABLE-LIGHT']);
    assert.deepEqual(mcus.find((m) => m.id === 'esp-0')?.actuators, []);

    const byDefault = await pool.submit({ actuator: 'relay_fan', command: 'on' });
    assert.equal(byDefault.mcu, 'esp-a', 'the lowest id that drives it');
    const line = await garden.next();
    assert.deepEqual(line, { actuator: 'RELAY-FAN', command: 'on', id: byDefault.id });
    answer(garden, line, 'on', 1);

    const byPlace = await pool.submit({ actuator: 'FAN', command: 'off', place: 'kitchen' });
    assert.equal(byPlace.mcu, 'esp-b');
    const kitchenLine = await kitchen.next();
    assert.equal(kitchenLine['actuator'], 'fan', 'the actuator as the board spells it');
    answer(kitchen, kitchenLine, 'on', 0);

    const byMcu = await pool.submit({ actuator: 'LAMP', command: 'set_level', value: 40, mcu: 'esp-b' });
    const lampLine = await kitchen.next();
    assert.deepEqual(lampLine, { actuator: 'LIGHT', command: 'set_level', value: 40, id: byMcu.id });

    await assert.rejects(pool.submit({ actuator: 'BUZZER', command: 'on' }), { code: 'no-device' });
    await assert.rejects(pool.submit({ actuator: 'RELAY-FAN', command: 'on', mcu: 'esp-0' }), { code: 'no-device', message: /no actuators/ });
    await assert.rejects(pool.submit({ actuator: 'RELAY-FAN', command: 'on', mcu: 'esp-9' }), { code: 'unknown-mcu' });
    await assert.rejects(pool.submit({ actuator: 'RELAY-FAN', command: 'on', place: 'attic' }), { code: 'unknown-place' });
    assert.equal(sensorsOnly.received.length, 0, 'a board that announced no actuators never sees an actuator command');
  });

  test('an announce listing too many actuators is refused, like one listing too many sensors', async (t) => {
    const { port, logs } = await openTestPool(t);
    const board = await FakeBoard.connect(
      port,
      actuatorBoard(
        'esp-x',
        Array.from({ length: 65 }, (_, i) => `fan-${i}`),
      ),
    );
    await board.closed;
    assert.ok(logs.lines.some((l) => /available_actuators may list at most 64/.test(l.message)));
  });
});

describe('actuator commands: validation', () => {
  const refused = (request: unknown, message: RegExp): void => {
    assert.throws(() => normalizeRequest(request), { code: 'invalid-request', message });
  };

  test('each refusal is invalid-request, naming what would be accepted', () => {
    refused({ actuator: 'FLAMETHROWER', command: 'on' }, /unknown actuator "FLAMETHROWER"; valid actuators: RELAY-FAN, WINDOW-SERVO, MAIN-VALVE/);
    refused({ actuator: 'RELAY-FAN', command: 'set_speed', value: 40 }, /RELAY-FAN has no command "set_speed"; its commands: on, off, status/);
    refused({ actuator: 'RELAY-FAN' }, /needs a command; its commands: on, off, status/);
    refused({ actuator: 'WINDOW-SERVO', command: 'set_opening' }, /set_opening needs a value: open_pct, a number from 0 to 100 %/);
    refused({ actuator: 'WINDOW-SERVO', command: 'set_opening', value: 120 }, /a number from 0 to 100 % \(got 120\)/);
    refused({ actuator: 'WINDOW-SERVO', command: 'set_opening', value: '50' }, /a number from 0 to 100/);
    refused({ actuator: 'WINDOW-SERVO', command: 'set_opening', value: Number.NaN }, /a number from 0 to 100/);
    refused({ actuator: 'DIMMABLE-LIGHT', command: 'set_level', value: Number.POSITIVE_INFINITY }, /a number from 0 to 100/);
    refused({ actuator: 'RELAY-FAN', command: 'on', value: 1 }, /RELAY-FAN on takes no value \(it sets on to 1\); give none/);
    refused({ actuator: 'RELAY-FAN', command: 'status', value: 0 }, /takes no value \(it reads the state without moving anything\)/);
    refused({ actuator: 'RELAY-FAN', command: 'on', interval: 1 }, /takes no interval or duration/);
    refused({ actuator: 'RELAY-FAN', command: 'on', duration: -1 }, /takes no interval or duration/);
    refused({ actuator: 'RELAY-FAN', sensor: 'DHT11', command: 'on' }, /a sensor or an actuator, not both/);
    refused({ sensor: 'DHT11', value: 3 }, /value is for actuator commands/);
  });

  test('a whole-number level refuses a fraction; accepted forms are normalized', () => {
    assert.throws(() => normalizeRequest({ actuator: 'MAIN-VALVE', command: 'open', value: 0.5 }), { code: 'invalid-request' });
    assert.deepEqual(normalizeRequest({ actuator: 'window', command: 'SET_OPENING', value: 35.5, place: 'Kitchen' }).command, {
      actuator: 'WINDOW-SERVO',
      command: 'set_opening',
      value: 35.5,
      interval: 0,
      duration: 0,
      place: 'Kitchen',
    });
    assert.deepEqual(normalizeRequest({ actuator: 'fan', command: 'status', value: null }).command, {
      actuator: 'RELAY-FAN',
      command: 'status',
      interval: 0,
      duration: 0,
    });
  });

  test('the datapool refuses them before anything is sent', async (t) => {
    const { pool, board } = await openTestPool(t);
    const esp = await board(actuatorBoard('esp-1'));
    await assert.rejects(pool.submit({ actuator: 'WINDOW-SERVO', command: 'set_opening', value: -5 }), { code: 'invalid-request' });
    assert.equal(esp.received.length, 0);
  });
});

describe('actuator commands: sent at once or not at all', () => {
  test('answered at once: the state is the result, stored with its hops and an end record', async (t) => {
    const { pool, board } = await openTestPool(t, { outboxCapacity: 1 });
    const esp = await board(actuatorBoard('esp-1', ALL_ACTUATORS, { max_concurrent: 1 }));
    // The board's only sampling slot is taken and its outbox full: an actuator command takes neither.
    const read = await pool.submit({ sensor: 'DHT11', duration: 10, interval: 1 });
    await pool.submit({ sensor: 'DHT11' });
    assert.equal((await esp.next())['id'], read.id);

    const running = pool.run({ actuator: 'WINDOW-SERVO', command: 'set_opening', value: 30 }, { timeoutMs: 5000 });
    const line = await esp.next();
    assert.equal(line['value'], 30);
    answer(esp, line, 'open_pct', 30);
    const done = await running;
    assert.equal(done.state, 'done');
    assert.equal(done.expected, 1);
    const [sample] = done.samples;
    assert.deepEqual(sample?.data, { open_pct: 30 });
    assert.equal(sample?.actuator, 'WINDOW-SERVO');
    assert.equal(sample?.command, 'set_opening');
    assert.ok(sample!.hops.accepted <= sample!.hops.dispatched && sample!.hops.dispatched <= sample!.hops.received);
    assert.ok(sample!.hops.received <= sample!.hops.stored);
    assert.equal(sample?.device.elapsedMs, 0.2);
    assert.deepEqual(await pool.status(done.id), done);
  });

  test('an offline board fails it at once with device-offline, and nothing is left in the outbox', async (t) => {
    const { pool, board, logs } = await openTestPool(t);
    const esp = await board(actuatorBoard('esp-1'));
    esp.close();
    await logs.waitFor(/"esp-1" offline/);
    const started = performance.now();
    await assert.rejects(pool.submit({ actuator: 'RELAY-FAN', command: 'on', ttlMs: 60_000 }), {
      code: 'device-offline',
      message: /sent at once or not at all, so it was not sent and RELAY-FAN did not move/,
    });
    assert.ok(performance.now() - started < 1000);
    assert.equal((await pool.mcus()).find((m) => m.id === 'esp-1')?.queued, 0);
    const back = await board(actuatorBoard('esp-1'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(back.received.length, 0, 'nothing is sent late when the board comes back');
  });

  test('a board that does not answer: expired within the deadline, and the result says the actuator may have moved', async (t) => {
    const { pool, board } = await openTestPool(t, { actuatorAnswerMs: 300 });
    const esp = await board(actuatorBoard('esp-1'));
    const started = performance.now();
    const status = await pool.run({ actuator: 'MAIN-VALVE', command: 'close' }, { timeoutMs: 5000 });
    assert.ok(performance.now() - started < 2000, 'expires quickly');
    assert.equal(status.state, 'failed');
    assert.equal(status.error?.code, 'expired');
    assert.match(status.error?.message ?? '', /did not answer the MAIN-VALVE close command within 300 ms: the actuator may or may not have moved/);
    const line = await esp.next();
    // A late answer is not delivered: the command stays failed, the line is kept as an orphan.
    answer(esp, line, 'open', 0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal((await pool.status(status.id)).state, 'failed');
  });

  test('a smaller ttlMs shortens the deadline', async (t) => {
    const { pool, board } = await openTestPool(t);
    await board(actuatorBoard('esp-1'));
    const started = performance.now();
    const status = await pool.run({ actuator: 'BUZZER', command: 'on', ttlMs: 150 }, { timeoutMs: 5000 });
    assert.equal(status.error?.code, 'expired');
    assert.ok(performance.now() - started < 1500);
  });

  test('a board dropping before it answers fails the command at once; it is never sent again', async (t) => {
    const { pool, board, logs } = await openTestPool(t);
    const esp = await board(actuatorBoard('esp-1'));
    const running = pool.run({ actuator: 'IRRIGATION-PUMP', command: 'on' }, { timeoutMs: 5000 });
    await esp.next();
    esp.close();
    const status = await running;
    assert.equal(status.error?.code, 'device-offline');
    assert.match(status.error?.message ?? '', /may or may not have moved/);
    await logs.waitFor(/"esp-1" offline/);
    const back = await board(actuatorBoard('esp-1'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(back.received.length, 0);
  });

  test('each board refusal code maps to its datapool code', async (t) => {
    const { pool, board } = await openTestPool(t);
    const esp = await board(actuatorBoard('esp-1'));
    const expected = {
      busy: 'queue-full',
      'unknown-actuator': 'no-device',
      'unknown-command': 'unknown-command',
      'out-of-range': 'out-of-range',
      'rate-limited': 'rate-limited',
      'invalid-command': 'invalid-request',
      'invalid-world': 'invalid-request',
      'out-of-memory': 'device-error',
    };
    assert.deepEqual(BOARD_FAILURE_CODES, expected);
    for (const code of BOARD_ERROR_CODES) {
      assert.ok((ErrorCode as readonly string[]).includes(BOARD_FAILURE_CODES[code]), code);
      const running = pool.run({ actuator: 'RELAY-FAN', command: 'on' }, { timeoutMs: 5000 });
      const line = await esp.next();
      esp.send({ id: line['id'], actuator: line['actuator'], error: `refused: ${code}`, error_code: code });
      const status = await running;
      assert.equal(status.state, 'failed');
      assert.deepEqual(status.error, { code: expected[code], message: `MCU "esp-1" reported: refused: ${code}` });
    }
  });
});

describe('actuator commands: stored like a reading', () => {
  test('the actuation and its outcome survive a restart', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'datapool-actuate-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    let done: string;
    let refused: string;
    {
      const { pool, board } = await openTestPool(t, {}, dir);
      const esp = await board(actuatorBoard('esp-1'));
      const running = pool.run({ actuator: 'DIMMABLE-LIGHT', command: 'set_level', value: 55 }, { timeoutMs: 5000 });
      const line = await esp.next();
      answer(esp, line, 'level_pct', 55);
      done = (await running).id;
      const again = pool.run({ actuator: 'DIMMABLE-LIGHT', command: 'off' }, { timeoutMs: 5000 });
      const second = await esp.next();
      esp.send({ id: second['id'], actuator: second['actuator'], error: 'too soon', error_code: 'rate-limited' });
      refused = (await again).id;
      await pool.close();
    }
    const records = await readStoredRecords(dir);
    const kinds = records.filter((r) => 'id' in r && r.id === done).map((r) => r.kind);
    assert.deepEqual(kinds, ['command', 'dispatch', 'sample', 'end']);

    const { pool } = await openTestPool(t, {}, dir);
    const status = await pool.status(done);
    assert.equal(status.state, 'done');
    assert.equal(status.request.actuator, 'DIMMABLE-LIGHT');
    assert.equal(status.request.value, 55);
    assert.deepEqual(status.samples[0]?.data, { level_pct: 55 });
    assert.ok(status.samples[0]!.hops.stored >= status.samples[0]!.hops.received);
    const failed = await pool.status(refused);
    assert.equal(failed.state, 'failed');
    assert.equal(failed.error?.code, 'rate-limited');
  });
});

describe('actuator commands over HTTP', () => {
  test('POST /commands takes the actuator form, the client sends it, GET returns it', async (t) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'datapool-http-actuate-'));
    const logs = new LogCollector();
    const server = await startDatapoolServer({ dataDir, log: logs.log, devices: { host: '127.0.0.1', port: 0 }, http: { host: '127.0.0.1', port: 0 } });
    const client = new HttpDatapoolClient(`http://127.0.0.1:${server.httpAddress!.port}`);
    const online = logs.waitFor(/online$/);
    const esp = await FakeBoard.connect(server.devicesAddress.port, actuatorBoard('esp-1', ['RELAY-FAN'], { place: 'Kitchen' }));
    await online;
    t.after(async () => {
      esp.close();
      client.close();
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    });
    assert.deepEqual((await client.mcus())[0]?.actuators, ['RELAY-FAN']);
    const running = client.run({ actuator: 'relay-fan', command: 'on', place: 'kitchen' }, { timeoutMs: 5000 });
    const line = await esp.next();
    answer(esp, line, 'on', 1);
    const done = await running;
    assert.equal(done.state, 'done');
    assert.equal(done.request.actuator, 'RELAY-FAN');
    assert.deepEqual(done.samples[0]?.data, { on: 1 });
    assert.deepEqual(await client.status(done.id), done);
    await assert.rejects(client.submit({ actuator: 'RELAY-FAN', command: 'on', value: 2 }), { code: 'invalid-request', message: /takes no value/ });
    // The original's schedule would repeat a move unattended: refused, and nothing reaches the board.
    const scheduled = await fetch(`http://127.0.0.1:${server.httpAddress!.port}/send_cmd`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ start: '2030-01-01 00:00:00', end: '2030-01-01 01:00:00', interval: 1, request: { actuator: 'RELAY-FAN', command: 'on' } }),
    });
    assert.equal(scheduled.status, 400);
    assert.match(await scheduled.text(), /never scheduled/);
  });
});
