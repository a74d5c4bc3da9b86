import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findSensor, SENSORS } from '../sensors/catalogue.js';
import { MPU6050_DIE_WARMUP_C } from '../sensors/mpu6050.js';
import type { Reading } from '../sensors/types.js';
import type { World } from './types.js';
import { createWorld, defaultWorldTime } from './world.js';

/** One reading of a sensor type on board `board` in a place. */
function read(world: World, sensor: string, place: string, timeMs: number, board = 'esp32-1'): Reading {
  const spec = findSensor(sensor);
  assert.ok(spec, sensor);
  return spec.sample({ env: world.environment(place, timeMs), world, instanceKey: `${board}/${spec.name}` });
}

function number(reading: Reading, field: string): number {
  const v = reading[field];
  assert.equal(typeof v, 'number', field);
  return v as number;
}

/** World times every `stepMs` over `spanMs` from the scenario's default time. */
function times(scenario: string, spanMs: number, stepMs: number): number[] {
  const start = defaultWorldTime(scenario);
  const out: number[] = [];
  for (let t = 0; t < spanMs; t += stepMs) out.push(start + t);
  return out;
}

describe('world coherence as sensors see it', () => {
  test('the same seed, scenario and time give deep-equal readings; another seed gives other readings', () => {
    const t = defaultWorldTime('someone-moving') + 4321;
    const readAll = (seed: number) => {
      const world = createWorld({ scenario: 'someone-moving', seed });
      return world.places.map((place) => SENSORS.map((s) => s.sample({ env: world.environment(place, t), world, instanceKey: `b/${s.name}` })));
    };
    assert.deepEqual(readAll(5), readAll(5));
    assert.notDeepEqual(readAll(5), readAll(6));
  });

  test('thermometers in one place agree within their summed datasheet accuracies', () => {
    // Accuracy of the value compared (MPU6050: die temperature minus its warm-up).
    const accuracy = { DHT11: 2, DS18B20: 0.5, LM35: 1, TMP36: 2, MPU6050: 1 };
    let pairs = 0;
    for (const scenario of ['normal-day', 'hot-afternoon', 'quiet-night']) {
      for (const seed of [1, 2, 3, 4]) {
        const world = createWorld({ scenario, seed });
        for (const place of world.places) {
          for (const t of times(scenario, 3_600_000, 600_000)) {
            const truth = world.environment(place, t).airTemperatureC;
            const board = `board-${seed}`;
            const values: [keyof typeof accuracy, number][] = [
              ['DHT11', number(read(world, 'DHT11', place, t, board), 'temperature')],
              ['DS18B20', (read(world, 'DS18B20', place, t, board).temperatures as number[])[0]!],
              ['LM35', number(read(world, 'LM35', place, t, board), 'celsius')],
              ['TMP36', number(read(world, 'TMP36', place, t, board), 'celsius')],
              ['MPU6050', number(read(world, 'MPU6050', place, t, board), 'temperature') - MPU6050_DIE_WARMUP_C],
            ];
            for (const [name, value] of values) {
              assert.ok(Math.abs(value - truth) <= accuracy[name], `${name} ${value} vs air ${truth} in ${scenario}/${place}`);
            }
            for (let i = 0; i < values.length; i++) {
              for (let j = i + 1; j < values.length; j++) {
                const [a, va] = values[i]!;
                const [b, vb] = values[j]!;
                assert.ok(Math.abs(va - vb) <= accuracy[a] + accuracy[b], `${a} ${va} vs ${b} ${vb} in ${scenario}/${place}`);
                pairs++;
              }
            }
          }
        }
      }
    }
    assert.ok(pairs > 1000);
  });

  test('fire: the kitchen flame sensor detects it and the kitchen is far hotter than on a normal day', () => {
    const fire = createWorld({ scenario: 'fire', seed: 21 });
    const normal = createWorld({ scenario: 'normal-day', seed: 21 });
    for (const t of times('fire', 60_000, 2_500)) {
      assert.equal(read(fire, 'KY-026', 'kitchen', t).detected, true);
      assert.equal(read(normal, 'KY-026', 'kitchen', t).detected, false);
      assert.equal(read(fire, 'KY-026', 'bedroom', t).detected, false);
      const hot = (read(fire, 'DS18B20', 'kitchen', t).temperatures as number[])[0]!;
      const usual = (read(normal, 'DS18B20', 'kitchen', t).temperatures as number[])[0]!;
      assert.ok(hot >= 45 && hot <= 71 && hot > usual + 20, `fire ${hot} C vs normal ${usual} C`);
      assert.equal(read(fire, 'LM35', 'kitchen', t).alarm, true);
      assert.equal(read(fire, 'KY-038', 'kitchen', t).triggered, true);
      const nextDoor = number(read(fire, 'LM35', 'living-room', t), 'celsius');
      assert.ok(nextDoor > number(read(normal, 'LM35', 'living-room', t), 'celsius') + 3 && nextDoor < hot);
    }
  });

  test('quiet night: dark and quiet everywhere indoors, nobody moving', () => {
    const world = createWorld({ scenario: 'quiet-night', seed: 4 });
    for (const place of world.places) {
      for (const t of times('quiet-night', 3_600_000, 300_000)) {
        assert.ok(number(read(world, 'BH1750', place, t), 'lux') < 2, `${place} lux`);
        const mic = read(world, 'KY-038', place, t);
        assert.ok(number(mic, 'level') <= 40 && mic.triggered === false, `${place} ${JSON.stringify(mic)}`);
        assert.equal(read(world, 'HC-SR501', place, t).motion, false);
      }
    }
  });

  test('hot afternoon: 35-38 C outdoors, 29-32 C indoors, strong UV in the garden', () => {
    const world = createWorld({ scenario: 'hot-afternoon', seed: 12 });
    for (const t of times('hot-afternoon', 7_200_000, 600_000)) {
      const outdoor = world.environment('garden', t).airTemperatureC;
      assert.ok(outdoor >= 34.5 && outdoor <= 38.5, `garden ${outdoor}`);
      for (const room of ['living-room', 'kitchen', 'bedroom']) {
        const c = world.environment(room, t).airTemperatureC;
        assert.ok(c >= 28.5 && c <= 32.5, `${room} ${c}`);
      }
      assert.ok(number(read(world, 'LTR390', 'garden', t), 'uv_index') > 6);
      assert.ok(number(read(world, 'GUVA-S12SD', 'garden', t), 'uvi') > 6);
    }
  });

  test('leak: the water probe is wet where the water runs and dry elsewhere', () => {
    const leak = createWorld({ scenario: 'leak', seed: 3 });
    const normal = createWorld({ scenario: 'normal-day', seed: 3 });
    for (const t of times('leak', 60_000, 7_000)) {
      assert.equal(read(leak, 'WATER', 'kitchen', t).wet, true);
      assert.equal(read(leak, 'WATER', 'garage', t).wet, true);
      assert.equal(read(leak, 'WATER', 'bedroom', t).wet, false);
      assert.equal(read(normal, 'WATER', 'kitchen', t).wet, false);
      assert.ok(leak.environment('kitchen', t).humidityPct > normal.environment('kitchen', t).humidityPct + 5);
    }
  });

  test('dry plant: the soil probe reads dry (5-12 %), where on a normal day it reads moist', () => {
    const dry = createWorld({ scenario: 'dry-plant', seed: 30 });
    const normal = createWorld({ scenario: 'normal-day', seed: 30 });
    for (const place of dry.places) {
      for (const t of times('dry-plant', 60_000, 20_000)) {
        const soil = dry.environment(place, t).soilMoisturePct;
        assert.ok(soil >= 5 && soil <= 12, `${place} ${soil}`);
        assert.equal(read(dry, 'HW-080', place, t).dry, true);
        const moist = read(normal, 'HW-080', place, t);
        assert.equal(moist.dry, false);
        assert.ok(number(moist, 'moisture') > 25);
      }
    }
  });

  test('shaken: the workshop boards feel shocks, large tilts and rotation rates that vary with time', () => {
    const shaken = createWorld({ scenario: 'shaken', seed: 17 });
    const normal = createWorld({ scenario: 'normal-day', seed: 17 });
    let maxTilt = 0;
    let maxGyro = 0;
    const tilts = new Set<number>();
    let tiltedSwitch = 0;
    for (const t of times('shaken', 20_000, 250)) {
      assert.equal(read(shaken, 'SW420', 'workshop', t).shock, true);
      assert.equal(read(normal, 'SW420', 'workshop', t).shock, false);
      assert.equal(read(shaken, 'SW420', 'bedroom', t).shock, false);
      const imu = read(shaken, 'MPU6050', 'workshop', t);
      const tilt = imu.tilt as { x: number; y: number };
      const gyro = imu.gyro as { x: number; y: number; z: number };
      maxTilt = Math.max(maxTilt, Math.abs(tilt.x), Math.abs(tilt.y));
      maxGyro = Math.max(maxGyro, Math.abs(gyro.x), Math.abs(gyro.y), Math.abs(gyro.z));
      tilts.add(Math.round(tilt.y));
      if (read(shaken, 'KY-020', 'workshop', t).tilted) tiltedSwitch++;
      const still = read(normal, 'MPU6050', 'workshop', t).tilt as { x: number; y: number };
      assert.ok(Math.abs(still.x) < 5 && Math.abs(still.y) < 5, 'level on a normal day');
    }
    assert.ok(maxTilt > 25, `max tilt ${maxTilt}`);
    assert.ok(maxGyro > 60, `max gyro ${maxGyro}`);
    assert.ok(tilts.size > 20, 'tilt changes with time');
    assert.ok(tiltedSwitch > 0, 'the tilt switch trips');
  });

  test('someone moving: motion comes and goes in a place, and they are in one place at a time', () => {
    const world = createWorld({ scenario: 'someone-moving', seed: 8 });
    const seen = { motion: 0, still: 0, pressed: 0, blocked: 0, touched: 0, joystick: 0, turning: 0, magnet: 0 };
    let closest = Infinity;
    const wall = world.environment('kitchen', 0).distanceCm;
    for (const t of times('someone-moving', 240_000, 500)) {
      const where = world.places.filter((p) => world.environment(p, t).motion);
      assert.equal(where.length, 1, `at +${t} motion in ${where.join(', ')}`);
      if (read(world, 'HC-SR501', 'kitchen', t).motion === true) seen.motion++;
      else seen.still++;
      closest = Math.min(closest, number(read(world, 'HC-SR04', 'kitchen', t), 'distance_cm'));
      if (read(world, 'KY-004', 'kitchen', t).pressed) seen.pressed++;
      if (read(world, 'KY-010', 'kitchen', t).blocked) seen.blocked++;
      if (read(world, 'KY-036', 'kitchen', t).touched) seen.touched++;
      if (Math.abs(number(read(world, 'KY-023', 'kitchen', t), 'x') - 2048) > 800) seen.joystick++;
      const encoder = read(world, 'KY-040', 'kitchen', t);
      if (encoder.clk === 0 || encoder.dt === 0) seen.turning++;
      if (read(world, 'KY-035', 'kitchen', t).switch) seen.magnet++;
    }
    for (const [what, count] of Object.entries(seen)) assert.ok(count > 0, `never ${what}`);
    assert.ok(closest < 80 && closest < wall - 40, `closest ${closest} cm, wall ${wall} cm`);
  });
});
