import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ActuatorEvent } from '../actuators/types.js';
import { findSensor, SENSORS } from '../sensors/catalogue.js';
import type { FieldValue, Reading } from '../sensors/types.js';
import { actuatedWorld } from './actuated.js';
import type { World } from './types.js';
import { createWorld, defaultWorldTime, SCENARIOS } from './world.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function read(world: World, sensor: string, place: string, timeMs: number): Reading {
  const spec = findSensor(sensor);
  assert.ok(spec, sensor);
  return spec.sample({ env: world.environment(place, timeMs), world, instanceKey: `esp32-1/${spec.name}` });
}

function number(value: FieldValue | undefined, what: string): number {
  assert.equal(typeof value, 'number', what);
  return value as number;
}

function numbersIn(value: FieldValue | undefined): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.filter((v): v is number => typeof v === 'number');
  if (value && typeof value === 'object') return Object.values(value).filter((v): v is number => typeof v === 'number');
  return [];
}

const event = (actuator: string, place: string, timeMs: number, value: number): ActuatorEvent => ({ actuator, place, timeMs, value });

describe('sensors in a world with actuators', () => {
  test("every sensor's reading stays within its fields' ranges, whatever the actuators do", () => {
    let checked = 0;
    for (const scenario of SCENARIOS) {
      const base = createWorld({ scenario: scenario.name, seed: 13 });
      const t0 = defaultWorldTime(scenario.name);
      const history = base.places.flatMap((place) => [
        event('RELAY-FAN', place, t0, 1),
        event('WINDOW-SERVO', place, t0, 100),
        event('IRRIGATION-PUMP', place, t0, 1),
        event('DIMMABLE-LIGHT', place, t0, 100),
        event('BUZZER', place, t0, 1),
        event('MAIN-VALVE', place, t0, 0),
        event('MAIN-VALVE', place, t0 + 3 * HOUR, 1),
        event('IRRIGATION-PUMP', place, t0 + 3 * HOUR, 0),
      ]);
      const world = actuatedWorld(base, history);
      for (const place of world.places) {
        for (const t of [t0, t0 + 5000, t0 + 10 * MINUTE, t0 + 2 * HOUR, t0 + 4 * HOUR, t0 + 14 * HOUR]) {
          for (const spec of SENSORS) {
            const reading = spec.sample({ env: world.environment(place, t), world, instanceKey: `b/${spec.name}` });
            for (const [field, fieldSpec] of Object.entries(spec.fields)) {
              if (!fieldSpec.range) continue;
              const [low, high] = fieldSpec.range;
              for (const value of numbersIn(reading[field])) {
                assert.ok(
                  Number.isFinite(value) && value >= low && value <= high,
                  `${scenario.name} ${place} ${spec.name}.${field} = ${value} outside [${low}, ${high}]`,
                );
                checked++;
              }
            }
          }
        }
      }
    }
    assert.ok(checked > 5000, `${checked} values checked`);
  });

  test('thermometers agree: DHT11, DS18B20, LM35 and TMP36 in a fan-cooled room all read about FAN_COOLING_C cooler', () => {
    const base = createWorld({ scenario: 'hot-afternoon', seed: 2 });
    const t0 = defaultWorldTime('hot-afternoon');
    const world = actuatedWorld(base, [event('fan', 'living-room', t0, 1)]);
    const t = t0 + HOUR;
    const dht = number(read(base, 'DHT11', 'living-room', t).temperature, 'dht') - number(read(world, 'DHT11', 'living-room', t).temperature, 'dht');
    const ds =
      number((read(base, 'DS18B20', 'living-room', t).temperatures as number[])[0], 'ds') -
      number((read(world, 'DS18B20', 'living-room', t).temperatures as number[])[0], 'ds');
    const lm = number(read(base, 'LM35', 'living-room', t).celsius, 'lm35') - number(read(world, 'LM35', 'living-room', t).celsius, 'lm35');
    const tmp = number(read(base, 'TMP36', 'living-room', t).celsius, 'tmp36') - number(read(world, 'TMP36', 'living-room', t).celsius, 'tmp36');
    assert.ok(dht >= 2 && dht <= 4, `DHT11 ${dht} C cooler (whole degrees)`);
    for (const [name, cooler] of [
      ['DS18B20', ds],
      ['LM35', lm],
      ['TMP36', tmp],
    ] as const) {
      assert.ok(cooler > 2.7 && cooler < 3.3, `${name} ${cooler} C cooler`);
    }
    // The soil probe is not in the air the fan moves.
    assert.deepEqual(
      (read(world, 'DS18B20', 'living-room', t).temperatures as number[])[1],
      (read(base, 'DS18B20', 'living-room', t).temperatures as number[])[1],
    );
  });

  test('light meters agree: BH1750 and LTR390 both read the lamp', () => {
    const base = createWorld({ scenario: 'quiet-night', seed: 3 });
    const t0 = defaultWorldTime('quiet-night');
    const world = actuatedWorld(base, [event('light', 'bedroom', t0, 100)]);
    const bh = number(read(world, 'BH1750', 'bedroom', t0).lux, 'bh') - number(read(base, 'BH1750', 'bedroom', t0).lux, 'bh');
    const ltr = number(read(world, 'LTR390', 'bedroom', t0).lux, 'ltr') - number(read(base, 'LTR390', 'bedroom', t0).lux, 'ltr');
    for (const [name, brighter] of [
      ['BH1750', bh],
      ['LTR390', ltr],
    ] as const) {
      assert.ok(brighter > 200 && brighter < 500, `${name} ${brighter} lux brighter`);
    }
  });

  test("the microphone hears the buzzer in its room and next door; the water probe dries once the main valve closes; the pump wets the HW-080's soil", () => {
    const night = createWorld({ scenario: 'quiet-night', seed: 4 });
    const t0 = defaultWorldTime('quiet-night');
    const buzzing = actuatedWorld(night, [event('buzzer', 'kitchen', t0, 1)]);
    assert.equal(read(night, 'KY-038', 'kitchen', t0).triggered, false);
    assert.equal(read(buzzing, 'KY-038', 'kitchen', t0).triggered, true);
    assert.equal(read(buzzing, 'KY-038', 'garage', t0).triggered, true, 'next door');
    assert.equal(read(buzzing, 'KY-038', 'bedroom', t0).triggered, false, 'two rooms away');

    const leak = createWorld({ scenario: 'leak', seed: 4 });
    const t1 = defaultWorldTime('leak');
    const closed = actuatedWorld(leak, [event('valve', 'kitchen', t1, 0)]);
    for (const place of ['kitchen', 'garage']) {
      assert.equal(read(closed, 'WATER', place, t1).wet, true, `${place} wet when the valve closes`);
      assert.equal(read(closed, 'WATER', place, t1 + HOUR).wet, false, `${place} dry an hour later`);
      assert.equal(read(leak, 'WATER', place, t1 + HOUR).wet, true, `${place} still wet without the valve`);
    }

    const dry = createWorld({ scenario: 'dry-plant', seed: 4 });
    const t2 = defaultWorldTime('dry-plant');
    const watered = actuatedWorld(dry, [event('pump', 'garden', t2, 1), event('pump', 'garden', t2 + 30 * MINUTE, 0)]);
    assert.equal(read(dry, 'HW-080', 'garden', t2 + HOUR).dry, true);
    assert.equal(read(watered, 'HW-080', 'garden', t2 + HOUR).dry, false);
    assert.ok(number(read(watered, 'HW-080', 'garden', t2 + HOUR).moisture, 'moisture') > 45);
    assert.equal(read(watered, 'HW-080', 'kitchen', t2 + HOUR).dry, true, 'the kitchen herbs stay dry');
  });
});
