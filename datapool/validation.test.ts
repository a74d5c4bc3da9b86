import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { announceOf, openTestPool } from './fake-board.test-helper.js';
import { normalizeRequest, sensorNames } from './validate.js';

describe('submit validation', () => {
  test('an unknown sensor is refused with the list of valid sensors', async (t) => {
    const { pool } = await openTestPool(t);
    await assert.rejects(pool.submit({ sensor: 'DHT22' }), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'unknown-sensor');
      assert.match(error.message, /unknown sensor "DHT22"/);
      for (const name of ['DHT11', 'DS18B20', 'HC-SR04', 'KY-040', 'WATER']) assert.ok(error.message.includes(name), name);
      return true;
    });
    assert.equal(sensorNames().length, 22);
  });

  test("a bad command is refused with the sensor's commands", async (t) => {
    const { pool } = await openTestPool(t);
    await assert.rejects(pool.submit({ sensor: 'DHT11', command: 'read_pressure' }), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'unknown-command');
      assert.match(error.message, /DHT11 has no command "read_pressure"; its commands: .*read_temp.*read_hum.*read_all|read_all.*read_temp/);
      return true;
    });
  });

  test('interval 0 with a duration is refused, naming both', async (t) => {
    const { pool } = await openTestPool(t);
    await assert.rejects(pool.submit({ sensor: 'DHT11', interval: 0, duration: 5 }), {
      code: 'invalid-request',
      message: /interval must be > 0 seconds when duration is not 0 \(got interval 0, duration 5\)/,
    });
  });

  test('shape errors name the field', () => {
    assert.throws(() => normalizeRequest({}), { code: 'invalid-request', message: /sensor:/ });
    assert.throws(() => normalizeRequest({ sensor: 'DHT11', duration: '5' }), { code: 'invalid-request', message: /duration:/ });
    assert.throws(() => normalizeRequest({ sensor: 'DHT11', interval: -1 }), { message: /interval:/ });
    assert.throws(() => normalizeRequest({ sensor: 'DHT11', duration: Infinity }), { message: /duration:/ });
    assert.throws(() => normalizeRequest('DHT11'), { code: 'invalid-request' });
  });

  test("the original tools' quirks are accepted: command null, an extra mode key, interval 0 for one sample", () => {
    const { command } = normalizeRequest({ sensor: 'ds18x20', command: null, interval: 0, duration: 0, mode: 'realtime' });
    assert.deepEqual(command, { sensor: 'DS18B20', command: 'read_all', interval: 0, duration: 0 });
  });

  test('defaults: read_all, 2 s interval, one sample; TTL and world carried', () => {
    const world = { scenario: 'home', seed: 7, timeMs: 1_700_000_000_000 };
    const { command, ttlMs } = normalizeRequest({ sensor: 'HC_SR04', world, ttlMs: 500, place: ' kitchen ' });
    assert.deepEqual(command, { sensor: 'HC-SR04', command: 'read_all', interval: 2, duration: 0, place: 'kitchen', world });
    assert.equal(ttlMs, 500);
  });

  test("a trial's id and device notes ride along in the world; malformed notes are refused", () => {
    const world = { scenario: 'home', seed: 7, timeMs: 1_700_000_000_000, trial: 'run/task#1', notes: [{ place: 'kitchen', text: 'Filter due.' }] };
    const { command } = normalizeRequest({ actuator: 'relay fan', command: 'status', world });
    assert.deepEqual(command.world, world);
    assert.throws(() => normalizeRequest({ actuator: 'relay fan', command: 'status', world: { ...world, notes: [{ place: 'kitchen', text: 'a\nb' }] } }), {
      code: 'invalid-request',
      message: /notes\[0\]: text must be 1 to 240 printable characters/,
    });
    assert.throws(() => normalizeRequest({ sensor: 'DHT11', world: { ...world, trial: '' } }), { code: 'invalid-request' });
  });

  test('a valid request for a sensor no MCU has is refused with no-device', async (t) => {
    const { pool, board } = await openTestPool(t);
    await board(announceOf('esp-1'));
    await assert.rejects(pool.submit({ sensor: 'KY-040' }), { code: 'no-device' });
    assert.equal((await pool.health()).commandsAccepted, 0);
  });
});

describe('bounds a command keeps, whoever sends it', () => {
  test('a stream or series sampling faster than every 10 ms is refused: no board is made to flood', async (t) => {
    const { pool } = await openTestPool(t);
    for (const request of [
      { interval: 1e-9, duration: -1 },
      { interval: 0.001, duration: 5 },
    ]) {
      await assert.rejects(pool.submit({ sensor: 'DHT11', ...request }), (error: Error & { code?: string }) => {
        assert.equal(error.code, 'invalid-request');
        assert.match(error.message, /interval must be at least 0\.01 seconds when sampling/);
        return true;
      });
    }
    // The fastest honest stream is still a request the datapool takes.
    assert.equal(normalizeRequest({ sensor: 'DHT11', interval: 0.01, duration: -1 }).command.interval, 0.01);
  });

  test('a series past a day or 100,000 samples, and a wait past a day, are refused', () => {
    assert.throws(() => normalizeRequest({ sensor: 'DHT11', interval: 1, duration: 100_000 }), /at most 86400 s/);
    assert.throws(() => normalizeRequest({ sensor: 'DHT11', interval: 0.01, duration: 3600 }), /at most 100000 samples/);
    assert.throws(() => normalizeRequest({ sensor: 'DHT11', ttlMs: 1e308 }), /ttlMs must be at most 86400000/);
    assert.equal(normalizeRequest({ sensor: 'DHT11', interval: 0.5, duration: 600, ttlMs: 60_000 }).ttlMs, 60_000);
  });
});
