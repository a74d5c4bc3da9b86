import assert from 'node:assert/strict';
import { test } from 'node:test';
import { met, numberFact, yesNoFact } from './facts.test-helper.js';

/** Labels, lists and restated questions: what a line's label, an introduction or a question says about the figures after it. */

test('a label with a duration, a model name or a prompt figure in it still names the value after its colon', () => {
  const soil = numberFact(
    'soil',
    { quantity: 'temperature', parts: ['soil-probe'], places: ['garden'], sensors: ['DS18B20'], stat: 'mean' },
    { agg: 'mean', unit: 'C' },
  );
  const readings = { main: [17.3, 17.4, 17.35, 17.4] };
  assert.deepEqual(met('Average soil temperature over the 5 seconds: 17.36 °C.', [soil], readings), { soil: true });
  assert.deepEqual(met('Soil temperature over the 5 seconds: 17.36 °C.', [soil], readings), { soil: false }, 'nothing names the average');
  const output = numberFact('output', { quantity: 'voltage', places: ['garden'], sensors: ['HW-080'], stat: 'mean' }, { agg: 'mean', unit: 'mV', tol: 5 });
  assert.deepEqual(met('Average HW-080 output in the garden: about 2,370 mV.', [output], { main: [2369, 2371] }), { output: true });
  const about = { quantity: 'temperature' as const, places: ['kitchen'], sensors: ['LM35'] };
  const headroom = numberFact(
    'headroom',
    { ...about, stat: 'difference' },
    { value: { op: 'sub', args: [{ const: 40 }, { ref: 'main', agg: 'last' }] }, unit: 'C', tol: 0.5 },
  );
  const reading = numberFact('reading', about, { unit: 'C', tol: 0.5 });
  const answer = 'Current temperature: 24.4 °C\nHeadroom before the 40 °C trip point: 15.6 °C';
  assert.deepEqual(met(answer, [reading, headroom], { main: [24.4] }, 'The LM35 alarm trips at 40 °C. How much headroom is left?'), {
    reading: true,
    headroom: true,
  });
});

test('"Reading:" labels the plain value; "Gap to 6:" a gap from the prompt\'s figure', () => {
  const about = { quantity: 'uv-index' as const, places: ['garden'], sensors: ['LTR390'] };
  const uv = numberFact('uv', about, { tol: 0.1 });
  const gap = numberFact('gap', { ...about, stat: 'difference' }, { value: { op: 'sub', args: [{ const: 6 }, { ref: 'main', agg: 'last' }] }, tol: 0.1 });
  const prompt = "How far is the UV index from the 'high' level of 6? Give me the reading and the gap.";
  assert.deepEqual(met('Reading: 4.62. Gap to 6: 1.38.', [uv, gap], { main: [4.62] }, prompt), { uv: true, gap: true });
  assert.deepEqual(met('4.62. Gap to 6: 1.38.', [uv, gap], { main: [4.62] }, prompt), { uv: false, gap: true });
});

test("in a table row, the cells of words head the row's figures", () => {
  const garden = numberFact('garden', { quantity: 'voltage', places: ['garden'], sensors: ['HW-080'], stat: 'mean' }, { agg: 'mean', unit: 'V', tol: 0.01 });
  const kitchen = numberFact('kitchen', { quantity: 'voltage', places: ['kitchen'], sensors: ['LM35'] }, { ref: 'kitchen', unit: 'V', tol: 0.01 });
  const table = '| Board | Sensor | Voltage |\n|---|---|---|\n| esp32c3-garden | HW-080 (mean of 6) | 2.368 V |\n| esp32s3-kitchen | LM35 (single) | 0.243 V |';
  assert.deepEqual(met(table, [garden, kitchen], { main: [2.36, 2.37], kitchen: [0.243] }), { garden: true, kitchen: true });
  const alarm = yesNoFact('alarm', { ref: 'alarm', agg: 'last' }, ['alarm', 'in alarm'], ['no alarm']);
  const air = numberFact('air', { quantity: 'temperature', parts: ['air-probe'], places: ['garden'], sensors: ['DS18B20'] }, { unit: 'C', tol: 0.5 });
  const probes = '| Probe | Alarm | Temp |\n|---|---|---|\n| Air | no | 9.8 °C |';
  assert.deepEqual(met(probes, [alarm, air], { alarm: [false], main: [9.8] }), { alarm: true, air: true });
});

test('a question put as a label is not a statement; what follows its colon is', () => {
  const about = { quantity: 'raw' as const, places: ['garden'], sensors: ['WATER'] };
  const gap = numberFact('gap', { ...about, stat: 'difference' }, { value: { op: 'sub', args: [{ const: 300 }, { ref: 'main', agg: 'last' }] }, tol: 2 });
  const raw = numberFact('raw', about, { tol: 1 });
  const answer =
    'How far below the threshold is it: the raw value that was read is 4, and the threshold is 300, so the difference is approximately 296 counts below.';
  assert.deepEqual(met(answer, [gap, raw], { main: [4] }, 'How far below its 300-count wet threshold is the water probe?'), { gap: true, raw: true });
});

test("the statement after a restated question's colon is a statement", () => {
  const x = numberFact('x', { quantity: 'raw', parts: ['x'], places: ['living-room'], sensors: ['KY-023'] }, { tol: 2 });
  assert.deepEqual(met("As you asked, I then took a single reading of the stick's position: X = 2081 (raw ADC).", [x], { main: [2081] }), { x: true });
});

test('enumerators inside a paragraph are list markers, not figures', () => {
  const temperature = numberFact(
    'temperature',
    { quantity: 'temperature', places: ['workshop'], sensors: ['TMP36'] },
    { ref: 'workshop', unit: 'C', tol: 0.6 },
  );
  const distance = numberFact('distance', { quantity: 'distance', places: ['garage'], sensors: ['HC-SR04'] }, { unit: 'cm', tol: 0.6 });
  const answer =
    'You asked for the workshop temperature and the garage distance. 1. The workshop temperature is approximately 33, in degrees Celsius. 2. The garage distance reading is approximately 275.1 centimetres.';
  assert.deepEqual(met(answer, [temperature, distance], { workshop: [33], main: [275.1] }), { temperature: true, distance: true });
  const raw = numberFact('raw', { quantity: 'raw', places: ['bedroom'], sensors: ['KY-038'] }, { tol: 0 });
  assert.deepEqual(met('What does the bedroom mic read raw? 16.', [raw], { main: [16] }), { raw: true }, 'a figure ending its line is an answer');
});

test("a sensor named before describes a later figure only if it reads in that figure's unit", () => {
  const pin = numberFact('pin', { quantity: 'pin-level', places: ['workshop'], sensors: ['SW420'] }, { tol: 0 });
  const gyro = numberFact(
    'gyro',
    { quantity: 'rotation-rate', parts: ['x'], places: ['workshop'], sensors: ['MPU6050'] },
    { ref: 'gyro', unit: 'deg/s', tol: 0.1 },
  );
  assert.deepEqual(met('SW420 raw: 0\nGyro x: approximately -1.35 deg/s', [pin, gyro], { main: [0], gyro: [-1.35] }), { pin: true, gyro: true });
});

test('the one sensor a restated question names heads the list that answers it', () => {
  const kitchen = numberFact('kitchen', { quantity: 'temperature', places: ['kitchen'], sensors: ['LM35'] }, { unit: 'C', tol: 0.6 });
  const garden = numberFact(
    'garden',
    { quantity: 'temperature', parts: ['air-probe'], places: ['garden'], sensors: ['DS18B20'] },
    { ref: 'garden', unit: 'C', tol: 0.6 },
  );
  const readings = { main: [31.9], garden: [36.7] };
  const list = '1. Temperature: 31.9 °C\nThe garden air temperature is approximately 36.7 °C.';
  assert.deepEqual(met(`You asked for the full LM35 reading from the kitchen and which is hotter.\n${list}`, [kitchen, garden], readings), {
    kitchen: true,
    garden: true,
  });
  assert.deepEqual(met(list, [kitchen, garden], readings), { kitchen: false, garden: true }, 'without the question 31.9 °C could be either');
});

test('a line introducing a list ("The averages are:") names the statistic of each item', () => {
  const about = { quantity: 'temperature' as const, sensors: ['DHT11'], stat: 'mean' as const };
  const lounge = numberFact('lounge', { ...about, places: ['living-room'] }, { agg: 'mean', unit: 'C', tol: 0.6 });
  const bedroom = numberFact('bedroom', { ...about, places: ['bedroom'] }, { ref: 'bedroom', agg: 'mean', unit: 'C', tol: 0.6 });
  const readings = { main: [32, 32, 32], bedroom: [23, 23, 23] };
  const items = '1. Living room temperature: 32 °C\n2. Bedroom temperature: 23 °C';
  assert.deepEqual(met(`The averages are:\n${items}`, [lounge, bedroom], readings), { lounge: true, bedroom: true });
  assert.deepEqual(met(items, [lounge, bedroom], readings), { lounge: false, bedroom: false });
  assert.deepEqual(
    met(`The averages are:\n${items}\n\nThe bedroom reads 25 °C.`, [bedroom], readings),
    { bedroom: true },
    'the introduction ends with its list',
  );
});

test('"As you asked, ..." opens a statement, not a restated question', () => {
  const level = numberFact('level', { quantity: 'pin-level', places: ['living-room'], sensors: ['KY-004'] }, { tol: 0 });
  assert.deepEqual(
    met('Yes, the living-room button is pressed. As you asked, I followed up with a raw read, and the pin level came back 0.', [level], { main: [0] }),
    { level: true },
  );
  assert.deepEqual(
    met('Yes, the living-room button is pressed. As you asked, I followed up with a raw read, and the pin level came back 1.', [level], { main: [0] }),
    { level: false },
  );
});
