import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countWhere, met, numberFact } from './facts.test-helper.js';

/** Words of two senses read in the one the task can be about, and prepositions that are not places. */

test('"the count" is a raw ADC count where the task counts no samples, a tally where it does', () => {
  const raw = numberFact('raw', { quantity: 'raw', places: ['garden'], sensors: ['GUVA-S12SD'] }, { tol: 1 });
  assert.deepEqual(met('It is not above 50. The count is approximately 4.', [raw], { main: [4] }), { raw: true });
  const tilted = numberFact('tilted', { places: ['workshop'], sensors: ['KY-020'], stat: 'count', words: ['tilted'] }, { value: countWhere(true), tol: 0 });
  assert.deepEqual(met('The tilted count is 3.', [tilted], { main: [true, true, true, false, false] }), { tilted: true });
});

test('"distance" is a gap where nothing measures a distance', () => {
  const gap = numberFact(
    'gap',
    { quantity: 'raw', parts: ['x'], places: ['living-room'], sensors: ['KY-023'], stat: 'difference' },
    {
      value: { op: 'abs', args: [{ op: 'sub', args: [{ ref: 'main', agg: 'last' }, { const: 2048 }] }] },
      tol: 2,
    },
  );
  assert.deepEqual(met('The X reading is 3875. Compared to 2048, the distance is 1827.', [gap], { main: [3875] }), { gap: true });
  const range = numberFact('range', { quantity: 'distance', places: ['garage'], sensors: ['HC-SR04'] }, { unit: 'cm', tol: 0.6 });
  assert.deepEqual(met('The distance is 1827 cm.', [range], { main: [1827] }), { range: true }, 'a distance where one is measured');
});

test('"button" names the KY-004 where the task is about it, and a push switch still', () => {
  const encoder = numberFact('encoder', { quantity: 'pin-level', parts: ['switch'], places: ['living-room'], sensors: ['KY-040'] }, { tol: 0 });
  const button = numberFact('button', { quantity: 'pin-level', places: ['living-room'], sensors: ['KY-004'] }, { ref: 'button', tol: 0 });
  assert.deepEqual(met('Encoder switch: 0. Button: 1.', [encoder, button], { main: [0], button: [1] }), { encoder: true, button: true });
  const stick = numberFact('stick', { quantity: 'pin-level', parts: ['switch'], places: ['living-room'], sensors: ['KY-023'] }, { tol: 0 });
  assert.deepEqual(met('The joystick button reads 0.', [stick], { main: [0] }), { stick: true });
});

test('pitch and roll are angles, whatever "deg" could otherwise be', () => {
  const die = numberFact('die', { quantity: 'temperature', places: ['workshop'], sensors: ['MPU6050'] }, { unit: 'C', tol: 0.6 });
  assert.deepEqual(met('workshop MPU6050: temperature 25.78 C; pitch -0.8 deg; roll -1 deg.', [die], { main: [25.78] }), { die: true });
});

test('"soil/water probe" names the soil probe, not the water sensor', () => {
  const soil = numberFact('soil', { quantity: 'temperature', parts: ['soil-probe'], places: ['garden'], sensors: ['DS18B20'] }, { unit: 'C', tol: 0.5 });
  assert.deepEqual(met('garden DS18B20: soil/water probe temperature 12.25 C.', [soil], { main: [12.25] }), { soil: true });
});

test('an index glued to its list names the element and is no figure: "scratchpads[1] E900…", "configs[0] 12"', () => {
  const about = { parts: ['soil-probe' as const], places: ['garden'], sensors: ['DS18B20'] };
  const pad = {
    id: 'pad',
    kind: 'text' as const,
    says: 'pad',
    value: { ref: 'pad', agg: 'last' as const },
    about: { ...about, quantity: 'scratchpad' as const },
  };
  const answer = 'garden DS18B20: scratchpads 2; scratchpads[0] 25011E057FFF0C1069; scratchpads[1] E9001E057FFF0C10B0.';
  assert.deepEqual(met(answer, [pad], { pad: ['E9001E057FFF0C10B0'] }), { pad: true });
  const resolution = numberFact('resolution', { quantity: 'resolution', parts: ['air-probe'], places: ['garden'], sensors: ['DS18B20'] }, { tol: 0 });
  assert.deepEqual(met('garden DS18B20: resolution configs[0] 12.', [resolution], { main: [12] }), { resolution: true });
});

test('"Alarm count: 0" names the number of probes in alarm', () => {
  const alarms = numberFact('alarms', { quantity: 'alarm-count', places: ['garden'], sensors: ['DS18B20'] }, { tol: 0 });
  assert.deepEqual(met('Alarm count: 0 - no probes are currently in alarm on the bus.', [alarms], { main: [0] }), { alarms: true });
  assert.deepEqual(met('Number of probes in alarm: 0 (there are no alarms).', [alarms], { main: [0] }), { alarms: true });
  assert.deepEqual(met('Alarm count: 1.', [alarms], { main: [0] }), { alarms: false });
});

test('a figure with a unit is no tally of alarms', () => {
  const soil = numberFact('soil', { quantity: 'temperature', parts: ['soil-probe'], places: ['garden'], sensors: ['DS18B20'] }, { unit: 'C', tol: 0.5 });
  assert.deepEqual(met('Garden air 9.81 °C, soil 12.25 °C, no alarms flagged.', [soil], { main: [12.25] }), { soil: true });
});

test('"inside the window" names no place', () => {
  const air = numberFact('air', { quantity: 'temperature', parts: ['air-probe'], places: ['garden'], sensors: ['DS18B20'] }, { unit: 'C', tol: 0.5 });
  assert.deepEqual(met('It is not inside the window. Current reading: approximately 36.6 °C', [air], { main: [36.625] }), { air: true });
  assert.deepEqual(met('It is warmer inside. Current reading: approximately 36.6 °C', [air], { main: [36.625] }), { air: false }, '"inside" alone is indoors');
  const window = {
    id: 'window',
    kind: 'boolean' as const,
    says: 'inside',
    value: { op: 'lt' as const, args: [{ ref: 'main', agg: 'last' as const }, { const: 30 }] },
    yes: ['inside'],
    no: ['outside'],
  };
  assert.deepEqual(
    met("No, it's not inside: 36.6 °C.", [window, air], { main: [36.625] }),
    { window: true, air: true },
    'the verdict word of the task is no place',
  );
});

test('x and y are pitch and roll where a task asks for the tilt and no axis', () => {
  const about = { quantity: 'angle' as const, places: ['workshop'], sensors: ['MPU6050'] };
  const pitch = numberFact('pitch', { ...about, parts: ['pitch'] }, { ref: 'pitch', unit: 'deg', tol: 0.6 });
  const roll = numberFact('roll', { ...about, parts: ['roll'] }, { ref: 'roll', unit: 'deg', tol: 0.6 });
  assert.deepEqual(met('Tilt: x −2.6°, y −5.1°.', [pitch, roll], { pitch: [-2.6], roll: [-5.1] }), { pitch: true, roll: true });
  assert.deepEqual(met('Tilt: x −5.1°, y −2.6°.', [pitch, roll], { pitch: [-2.6], roll: [-5.1] }), { pitch: false, roll: false });
});

test('"fraction" names the unit where a fact asks for a fraction and none for a share', () => {
  const wet = numberFact('wet', { quantity: 'moisture', places: ['garden'], sensors: ['HW-080'] }, { unit: 'fraction', tol: 0.001 });
  assert.deepEqual(met('Garden HW-080 moisture 11.2 % -> fraction 0.112.', [wet], { main: [0.112] }), { wet: true });
});
