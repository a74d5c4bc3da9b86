import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findSensor } from '../../core/sensors/catalogue.js';
import type { ReplyLine } from '../../core/wire/messages.js';
import type { FirmwareClock, Timer } from './clock.js';
import { Firmware } from './firmware.js';
import { ESP32_S3 } from './profiles.js';
import { createWorldSource } from './world-source.js';

const T = Date.UTC(2026, 5, 21, 15);
const FAN_ON = { actuator: 'RELAY-FAN', place: 'kitchen', timeMs: T - 3_600_000, value: 1 };

describe('world source: the world a command names', () => {
  test('without a history, the cached base world itself', () => {
    const worlds = createWorldSource({ scenario: 'normal-day', seed: 1 });
    const plain = worlds.commandWorld('hot-afternoon', 4, undefined);
    assert.ok(plain.ok);
    assert.equal(plain.world, worlds.world('hot-afternoon', 4));
    const nulled = worlds.commandWorld('hot-afternoon', 4, null);
    const empty = worlds.commandWorld('hot-afternoon', 4, []);
    assert.ok(nulled.ok && empty.ok);
    assert.equal(nulled.world, plain.world);
    assert.equal(empty.world, plain.world);
  });

  test('with a history, the cached base world wrapped per command, never cached', () => {
    const worlds = createWorldSource({ scenario: 'normal-day', seed: 1, cacheSize: 2 });
    const base = worlds.world('hot-afternoon', 4)!;
    const a = worlds.commandWorld('hot-afternoon', 4, [FAN_ON]);
    const b = worlds.commandWorld('hot-afternoon', 4, [FAN_ON]);
    assert.ok(a.ok && b.ok);
    assert.notEqual(a.world, base);
    assert.notEqual(a.world, b.world);
    assert.equal(worlds.world('hot-afternoon', 4), base, 'the base world stays cached');
    assert.deepEqual(a.world.environment('kitchen', T), b.world.environment('kitchen', T));
    assert.ok(a.world.environment('kitchen', T).airTemperatureC < base.environment('kitchen', T).airTemperatureC - 2.5);
  });

  test('says why a world cannot be sampled: an unknown scenario, a bad history', () => {
    const worlds = createWorldSource({ scenario: 'normal-day', seed: 1 });
    assert.deepEqual(worlds.commandWorld('volcano', 1, undefined), { ok: false, error: "unknown scenario 'volcano'" });
    const bad = worlds.commandWorld('leak', 1, [{ ...FAN_ON, value: 7 }]);
    assert.ok(!bad.ok);
    assert.match(bad.error, /actuators\[0\]: value of RELAY-FAN \(on\) must be a whole number from 0 to 1 \(got 7\)/);
    const notAList = worlds.commandWorld('leak', 1, 'fan on');
    assert.ok(!notAList.ok);
    assert.match(notAList.error, /must be a list/);
  });
});

/** Runs timers at once: enough for a single sample. */
const instantClock: FirmwareClock = {
  now: () => 0,
  setTimer(fn: () => void): Timer {
    queueMicrotask(fn);
    return { cancel: () => {} };
  },
};

describe('an emulated board samples the world a command carries, actuators and all', () => {
  async function readOnce(world: Record<string, unknown>): Promise<ReplyLine> {
    const sent: ReplyLine[] = [];
    const spec = findSensor('DS18B20')!;
    const firmware = new Firmware({
      id: 'esp32s3-a',
      profile: ESP32_S3,
      place: 'kitchen',
      sensors: [{ name: spec.name, spec }],
      worlds: createWorldSource({ scenario: 'normal-day', seed: 1 }),
      clock: instantClock,
      send: (reply) => sent.push(reply),
    });
    firmware.handle(JSON.stringify({ sensor: 'DS18B20', command: 'read_temp', id: 'c', world }));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(sent.length, 1);
    return sent[0]!;
  }

  test('a fan that has run an hour in the kitchen cools the air probe there by about 3 C', async () => {
    const world = { scenario: 'hot-afternoon', seed: 4, timeMs: T };
    const plain = (await readOnce(world)).temperatures as number[];
    const cooled = (await readOnce({ ...world, actuators: [FAN_ON] })).temperatures as number[];
    assert.ok(plain[0]! - cooled[0]! > 2.7 && plain[0]! - cooled[0]! < 3.3, `${plain[0]} -> ${cooled[0]}`);
    assert.equal(cooled[1], plain[1]);
  });

  test('a bad history is refused with the reason', async () => {
    const reply = await readOnce({ scenario: 'hot-afternoon', seed: 4, timeMs: T, actuators: [{ ...FAN_ON, actuator: 'heater' }] });
    assert.match(String(reply.error), /^Invalid world: invalid actuator history: actuators\[0\]: unknown actuator "heater"/);
  });
});
