import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Referent } from '../../../tasks/schema.js';
import { met, numberFact } from './facts.test-helper.js';

/** Which figure a word describes: asides, a new subject, compounds, both sides of a comparison, thresholds. */

const probe: Referent = { parts: ['air-probe'], places: ['garden'], sensors: ['DS18B20'] };
const air = numberFact('air', { ...probe, quantity: 'temperature' }, { ref: 'air', unit: 'C', tol: 0.5 });
const low = numberFact('low', { ...probe, quantity: 'alarm-threshold', parts: ['air-probe', 'low'] }, { ref: 'tl', unit: 'C', tol: 0.5 });
const high = numberFact('high', { ...probe, quantity: 'alarm-threshold', parts: ['air-probe', 'high'] }, { ref: 'th', unit: 'C', tol: 0.5 });
const config = { air: [36.625], tl: [5], th: [30] };

test('a name in an aside that holds a figure of its own describes that figure only', () => {
  const answer = "The garden air probe reads 36.625 °C, above its TH of 30 °C (TL is 5 °C), so it's 6.6 °C outside the window.";
  assert.deepEqual(met(answer, [air, low, high], config), { air: true, low: true, high: true });
});

test('a figure not named as a threshold is rather the reading', () => {
  const answer = 'TL (low limit): 5 °C\nTH (high limit): 30 °C\nCurrent reading: approximately 36.6 °C';
  assert.deepEqual(met(answer, [air, low, high], config), { air: true, low: true, high: true });
  const fahrenheit = numberFact(
    'fahrenheit',
    { ...probe, quantity: 'alarm-threshold', parts: ['air-probe', 'high'] },
    { ref: 'th', unit: 'F', value: { convert: { ref: 'th', agg: 'last' }, from: 'C', to: 'F' }, tol: 1 },
  );
  assert.deepEqual(
    met("The air probe's TH is 30 °C; converted for your controller that's 54 °F.", [fahrenheit], config),
    { fahrenheit: false },
    'the only threshold fact still takes it',
  );
});

test('a place named since the sensor starts a new subject', () => {
  const workshop = numberFact('workshop', { quantity: 'temperature', places: ['workshop'], sensors: ['TMP36'] }, { ref: 'workshop', unit: 'C', tol: 0.5 });
  const answer = "Yes - workshop TMP36 is at 22.8 °C, inside the garden air probe's alarm window of TL 5 °C / TH 30 °C.";
  assert.deepEqual(met(answer, [workshop, low, high], { ...config, workshop: [22.8] }), { workshop: true, low: true, high: true });
});

test('a noun right after a figure names that figure: "the 40 °C trip point"', () => {
  const about = { quantity: 'temperature' as const, places: ['kitchen'], sensors: ['LM35'] };
  const headroom = numberFact(
    'headroom',
    { ...about, stat: 'difference' },
    { value: { op: 'sub', args: [{ const: 40 }, { ref: 'main', agg: 'last' }] }, unit: 'C', tol: 0.5 },
  );
  assert.deepEqual(met('Headroom before the 40 °C trip point: 15.6 °C', [headroom], { main: [24.4] }, 'It trips at 40 °C.'), { headroom: true });
});

test('both sides of a comparison share the statistic named before it', () => {
  const mean = (id: string, place: string, quantity: 'temperature' | 'humidity', unit: string) =>
    numberFact(id, { quantity, places: [place], sensors: ['DHT11'], stat: 'mean' }, { ref: id, agg: 'mean', unit, tol: 0.6 });
  const facts = [
    mean('lt', 'living-room', 'temperature', 'C'),
    mean('lh', 'living-room', 'humidity', '%RH'),
    mean('bt', 'bedroom', 'temperature', 'C'),
    mean('bh', 'bedroom', 'humidity', '%RH'),
  ];
  const readings = { lt: [32], lh: [28.3], bt: [23], bh: [51] };
  const answer = 'Living room is hotter: avg 32 °C / 28.3 %RH vs bedroom 23 °C / 51 %RH (temperatures flat across all samples).';
  assert.deepEqual(met(answer, facts, readings), { lt: true, lh: true, bt: true, bh: true });
  assert.deepEqual(met('Living room is hotter: 32 °C / 28.3 %RH vs bedroom 23 °C / 51 %RH.', facts, readings), { lt: false, lh: false, bt: false, bh: false });
});

test('names in an aside right after a span pair with its ends in order', () => {
  assert.deepEqual(met('36.625 °C against a window of 5–30 °C (TL–TH).', [air, low, high], config), { air: true, low: true, high: true });
});

test('what a gap is from does not describe the figures before it', () => {
  const raw = numberFact(
    'raw',
    { quantity: 'raw', places: ['garden'], sensors: ['WATER'], stat: 'difference' },
    { value: { op: 'sub', args: [{ const: 300 }, { ref: 'main', agg: 'last' }] }, tol: 2 },
  );
  assert.deepEqual(met('Raw 4 → 296 below the threshold.', [raw], { main: [4] }), { raw: true });
  const garden = numberFact(
    'garden',
    { quantity: 'temperature', parts: ['air-probe'], places: ['garden'], sensors: ['DS18B20'] },
    { ref: 'garden', unit: 'C', tol: 0.6 },
  );
  const bedroom = numberFact('bedroom', { quantity: 'temperature', places: ['bedroom'], sensors: ['TMP36'] }, { unit: 'C', tol: 0.6 });
  const answer = 'Bedroom: 23 °C.\n\nThe garden is warmer. Its air probe reads 27 °C, about 4 °C above the bedroom.';
  assert.deepEqual(met(answer, [garden, bedroom], { garden: [27], main: [23] }), { garden: true, bedroom: true });
});

test('the condition a tally names after its total is what the count counts', () => {
  const shocks = numberFact(
    'shocks',
    { places: ['workshop'], sensors: ['SW420'], stat: 'count', words: ['shock'], unlike: ['no vibration'] },
    { value: { ref: 'main', agg: 'count', where: { cmp: 'eq', value: true } }, tol: 0 },
  );
  assert.deepEqual(met('No vibration at all - 0 of the 5 readings flagged shock.', [shocks], { main: [false, false, false, false, false] }), { shocks: true });
});

test('a hyphenated name is one word between a statistic and its figure', () => {
  const max = numberFact('max', { quantity: 'raw', places: ['kitchen'], sensors: ['WATER'], stat: 'max' }, { agg: 'max', tol: 0 });
  assert.deepEqual(met('Max raw on the esp32s3-kitchen water sensor over 3 s was 766 ADC counts (at t=0).', [max], { main: [766, 760] }), { max: true });
});

test('"air probe 282.96 K" is a reading, "probe 2" a label', () => {
  const kelvin = numberFact(
    'kelvin',
    { ...probe, quantity: 'temperature' },
    { value: { convert: { ref: 'air', agg: 'last' }, from: 'C', to: 'K' }, unit: 'K', tol: 0.5 },
  );
  assert.deepEqual(met('Garden bus: air probe 282.96 K.', [kelvin], { air: [9.8125] }), { kelvin: true });
  const soil = numberFact(
    'soil',
    { quantity: 'temperature', parts: ['soil-probe'], places: ['garden'], sensors: ['DS18B20'] },
    { ref: 'soil', unit: 'C', tol: 0.5 },
  );
  assert.deepEqual(met('Garden bus in °C: soil probe 12.25.', [soil], { soil: [12.25] }), { soil: true });
  const reading = numberFact('reading', { quantity: 'temperature', places: ['garden'], sensors: ['DS18B20'] }, { ref: 'air', unit: 'C', tol: 0.5 });
  assert.deepEqual(met('Garden probe 2 reads 9.8 °C.', [reading], { air: [9.8] }), { reading: true });
});

test('a sensor named with one place describes no figure of another', () => {
  const die = numberFact('die', { quantity: 'temperature', places: ['workshop'], sensors: ['MPU6050'] }, { ref: 'die', unit: 'C', tol: 0.6 });
  const room = numberFact('room', { quantity: 'temperature', places: ['living-room'], sensors: ['DHT11'] }, { ref: 'room', unit: 'C', tol: 0.6 });
  const answer = 'The workshop IMU chip is warmer: 25.78 °C vs 23 °C in the living room.';
  assert.deepEqual(met(answer, [die, room], { die: [25.78], room: [23] }), { die: true, room: true });
});

test('a clause that leaves out its verb shares the statistic of the one before', () => {
  const mean = (id: string, place: string) =>
    numberFact(id, { quantity: 'light', places: [place], sensors: ['BH1750'], stat: 'mean' }, { ref: id, agg: 'mean', unit: 'lux', tol: 5 });
  const facts = [mean('room', 'living-room'), mean('garden', 'garden')];
  assert.deepEqual(met('Living room averaged ~244 lux, garden 0 lux.', facts, { room: [244], garden: [0] }), { room: true, garden: true });
  assert.deepEqual(met('Living room averaged ~244 lux, garden 30 lux.', facts, { room: [244], garden: [0] }), { room: true, garden: false });
});

test('a conversion of a figure into another unit of its dimension restates it', () => {
  const peak = numberFact(
    'peak',
    { quantity: 'voltage', places: ['living-room'], sensors: ['KY-038'], stat: 'max' },
    { value: { convert: { ref: 'main', agg: 'max' }, from: 'V', to: 'mV' }, unit: 'mV', tol: 6 },
  );
  assert.deepEqual(met('The highest reading was 0.103 V, which works out to 10.3 mV.', [peak], { main: [0.05, 0.103] }), { peak: false });
  assert.deepEqual(met('The highest reading was 0.103 V, which works out to 103 mV.', [peak], { main: [0.05, 0.103] }), { peak: true });
  const gap = numberFact(
    'gap',
    { quantity: 'voltage', places: ['workshop'], sensors: ['KY-035'], stat: 'difference' },
    { value: { op: 'mul', args: [{ op: 'sub', args: [{ ref: 'main', agg: 'last' }, { const: 1.65 }] }, { const: 1000 }] }, unit: 'mV', tol: 6 },
  );
  assert.deepEqual(met('The workshop output sits 0.214 V above the midpoint - that is 21.4 mV.', [gap], { main: [1.864] }), { gap: false });
});

test('a worked calculation between a label and its result does not part them', () => {
  const about = { quantity: 'temperature' as const, places: ['kitchen'], sensors: ['LM35'] };
  const reading = numberFact('reading', about, { unit: 'C', tol: 0.6 });
  const headroom = numberFact(
    'headroom',
    { ...about, stat: 'difference' },
    { value: { op: 'sub', args: [{ const: 40 }, { ref: 'main', agg: 'last' }] }, unit: 'C', tol: 0.5 },
  );
  assert.deepEqual(met('The kitchen LM35 reads 31.9 C. Headroom = 40 - 31.9 = 8.1 C.', [reading, headroom], { main: [31.9] }), {
    reading: true,
    headroom: true,
  });
});

test('a sensor read in one place only names that place; a carried-over sensor lacking the part named is dropped', () => {
  const pitch = numberFact('pitch', { quantity: 'angle', parts: ['pitch'], places: ['workshop'], sensors: ['MPU6050'] }, { unit: 'deg', tol: 0.6 });
  const tools = ['MPU6050 on rp2040-workshop (workshop)\n1 sample\nt=0.00 s: pitch 13', 'KY-035 on esp8266-garage (garage)\n1 sample\nt=0.00 s: field -0.22'];
  assert.deepEqual(met('workshop stronger. garage field = -0.22 mT. MPU6050 pitch = 13 deg.', [pitch], { main: [13] }, undefined, tools), { pitch: true });
  assert.deepEqual(
    met('workshop stronger. garage MPU6050 pitch = 13 deg.', [pitch], { main: [13] }, undefined, tools),
    { pitch: false },
    'a place named with the figure still rules',
  );
  const range = numberFact('range', { quantity: 'raw', parts: ['x'], places: ['living-room'], sensors: ['KY-023'], stat: 'range' }, { agg: 'range', tol: 1 });
  const joystick = ['KY-023 on esp32-living-room (living-room), series of 8 samples', 'KY-004 on esp32-living-room (living-room), series of 8 samples'];
  assert.deepEqual(met('Button not pressed (pressed = false all 8). X range = 3849 - 266 = 3583.', [range], { main: [3849, 266] }, undefined, joystick), {
    range: true,
  });
});
