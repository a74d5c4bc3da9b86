import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findSensor, SENSORS } from '../../core/sensors/catalogue.js';
import { DEFAULT_PLACES } from '../../core/world/places.js';
import { createWorld, defaultWorldTime, SCENARIOS } from '../../core/world/world.js';
import { readingProblem } from './reading-check.js';

test('every reading an emulated sensor gives, for every command, in every scenario and place, is a reading', () => {
  let checked = 0;
  for (const scenario of SCENARIOS) {
    const world = createWorld({ scenario: scenario.name, seed: 3 });
    for (const place of DEFAULT_PLACES) {
      const env = world.environment(place.id, defaultWorldTime(scenario.name) + 60_000);
      for (const spec of SENSORS) {
        const reading = spec.sample({ env, world, instanceKey: `board/${spec.name}` });
        for (const [command, fields] of Object.entries(spec.commands)) {
          // A board answers a command with that command's fields only.
          const reply = Object.fromEntries(fields.map((field) => [field, reading[field]!]));
          assert.equal(readingProblem(spec, command, reply), null, `${spec.name} ${command} in ${scenario.name}/${place.id}: ${JSON.stringify(reply)}`);
          checked++;
        }
      }
    }
  }
  assert.ok(checked > 1000);
});

test('a quantity that is not a number, or a reply with none of its fields, is named', () => {
  const dht = findSensor('DHT11')!;
  assert.equal(readingProblem(dht, 'read_temp', { temperature: 'hot' }), 'temperature "hot" is not a number (expected C in 0..50)');
  assert.equal(readingProblem(dht, 'read_all', { temperature: 21, humidity: null }), 'humidity null is not a number (expected %RH in 20..90)');
  assert.equal(readingProblem(dht, 'read_temp', { mood: 'grumpy' }), 'it carries none of the fields temperature (got {"mood":"grumpy"})');
  assert.equal(readingProblem(dht, 'read_all', { temperature: 21 }), null, 'a field left out is not a malformed one');
  assert.equal(readingProblem(dht, 'read_temp', { temperature: 21, firmware_extra: 'x' }), null, 'fields of other firmware pass');

  const mpu = findSensor('MPU6050')!;
  assert.equal(readingProblem(mpu, 'read_accel', { accel: { x: 0.1, y: 0, z: 9.8 } }), null);
  assert.match(readingProblem(mpu, 'read_accel', { accel: { x: 0.1, y: 'up', z: 9.8 } }) ?? '', /^accel \{"x":0\.1,"y":"up","z":9\.8\} is not a number/);
  const pir = findSensor('HC-SR501')!;
  assert.equal(readingProblem(pir, 'read_motion', { motion: true }), null, 'a field with no range is not checked');
});
