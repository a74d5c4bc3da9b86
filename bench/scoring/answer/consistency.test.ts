import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Referent } from '../../../tasks/schema.js';
import { met, numberFact } from './facts.test-helper.js';

/**
 * One value stated twice is one statement: restated coarser or in another unit, as one length in two units, as
 * a gap in another unit, or as the result of a worked formula. Two figures stated alike, or offered as
 * possibilities, are two values.
 */

const garage: Referent = { quantity: 'distance', places: ['garage'], sensors: ['HC-SR04'] };

test('a figure restated coarser is the same value; one beyond its rounding is another', () => {
  const distance = numberFact('distance', garage, { unit: 'cm', tol: 0.6 });
  const readings = { main: [199.3] };
  assert.deepEqual(met('The garage sensor measures 199.3 cm (about 2 m) to the door.', [distance], readings), { distance: true });
  assert.deepEqual(met('The garage sensor measures 199.3 cm (about 3 m) to the door.', [distance], readings), { distance: false });
  assert.deepEqual(met('The garage sensor measures 2 m to the door.', [distance], readings), { distance: false }, 'a rough figure alone is not precise enough');
  assert.deepEqual(met('The garage distance is 199.3 cm, or maybe 2 m.', [distance], readings), { distance: false }, 'an alternative is a hedge');
});

test('two figures stated alike are two values, however close', () => {
  const temperature = numberFact('temperature', { quantity: 'temperature', places: ['bedroom'] }, { unit: 'C', tol: 0.6 });
  assert.deepEqual(met('The bedroom is approximately 22 or 23 °C.', [temperature], { main: [22] }), { temperature: false });
  assert.deepEqual(met('The bedroom is 22 °C.', [temperature], { main: [22] }), { temperature: true });
});

test('a restatement in parentheses after a peak is that peak in another unit', () => {
  const peak = numberFact('peak', { quantity: 'temperature', places: ['kitchen'], sensors: ['LM35'], stat: 'max' }, { agg: 'max', unit: 'C', tol: 0.6 });
  assert.deepEqual(met('The highest the kitchen LM35 got was 62.1 °C (about 143.8 °F).', [peak], { main: [58, 62.1] }), { peak: true });
  const mean = numberFact('mean', { quantity: 'light', places: ['living-room'], stat: 'mean' }, { agg: 'mean', unit: 'lux', tol: 4 });
  // A figure inside a longer aside is not a restatement of the one before it.
  assert.deepEqual(
    met('Living room mean 220.0 lux (about 108 lux before a step to about 331 lux at t=3 s).', [mean], { main: [108, 108, 108, 331, 331, 331] }),
    { mean: true },
  );
});

test('one length in feet and inches is one figure', () => {
  const inches = numberFact('inches', garage, { unit: 'in', tol: 0.24, value: { convert: { ref: 'main', agg: 'last' }, from: 'cm', to: 'in' } });
  const answer = 'The garage sensor is reading 119.9 cm, which works out to roughly 47.2 in - a bit under 4 feet (3 ft 11.2 in).';
  assert.deepEqual(met(answer, [inches], { main: [119.9] }), { inches: true });
  assert.deepEqual(met('The garage sensor reads 3 ft 11.2 in.', [inches], { main: [119.9] }), { inches: true });
  assert.deepEqual(met('The garage sensor reads 3 ft 1.2 in.', [inches], { main: [119.9] }), { inches: false });
});

test('a gap restated in another unit is the gap, not a second reading', () => {
  const about: Referent = { quantity: 'voltage', places: ['kitchen'], sensors: ['KY-026'] };
  const voltage = numberFact('voltage', about, { unit: 'V', tol: 0.03 });
  const answer = 'Kitchen flame sensor voltage: 3.095 V, above the 2.3 V trigger by 0.795 V (about 795 mV).';
  assert.deepEqual(met(answer, [voltage], { main: [3.095] }, 'Is the KY-026 above its 2.3 V trigger?'), { voltage: true });
});

test("a formula's constants are no figures of the reading, and its result is the worked-out value", () => {
  const about: Referent = { quantity: 'temperature', places: ['bedroom'], sensors: ['TMP36'] };
  const worked = numberFact(
    'worked',
    { ...about, stat: 'derived' },
    { unit: 'C', tol: 0.6, value: { op: 'mul', args: [{ op: 'sub', args: [{ ref: 'volts', agg: 'last' }, { const: 0.5 }] }, { const: 100 }] } },
  );
  const reported = numberFact('reported', about, { unit: 'C', tol: 0.6 });
  const readings = { main: [23], volts: [0.73] };
  assert.deepEqual(met('(0.73 − 0.5) × 100 = 23 °C, and the sensor reports 23 °C - they agree.', [worked, reported], readings), {
    worked: true,
    reported: true,
  });
  assert.deepEqual(
    met('The bedroom TMP36 gave 0.73 V; the formula gives (0.73 − 0.5) × 100 = 23 degrees, and the firmware reports 23 °C too.', [reported], readings),
    { reported: true },
  );
});

test('a figure bound less directly than the supporting one is said of something else, not a second value', () => {
  const peak = numberFact('peak', { quantity: 'voltage', places: ['living-room'], sensors: ['KY-036'], stat: 'max' }, { agg: 'max', unit: 'V', tol: 0.02 });
  const readings = { main: [0.129, 0.147, 2.437, 2.244, 1.828] };
  assert.deepEqual(met('The living room KY-036 peaked at 2.437 V at t = 3 s, then stayed high (1.828 to 2.244 V) for the rest of the run.', [peak], readings), {
    peak: true,
  });
  assert.deepEqual(
    met('The living room KY-036 peaked at 2.437 V. The living room KY-036 peaked at 2.244 V.', [peak], readings),
    { peak: false },
    'two figures bound alike are two values',
  );
  assert.deepEqual(
    met('The living room KY-036 peaked at 2.437 V, or maybe 2.244 V.', [peak], readings),
    { peak: false },
    'an alternative is a hedge however it is bound',
  );
});

test('a figure in the unit asked for is the answer, beside a supporting figure in another unit', () => {
  const limit = numberFact('limit', { quantity: 'alarm-threshold', places: ['garden'], sensors: ['DS18B20'] }, { unit: 'F', tol: 0.6 });
  assert.deepEqual(met("The garden probe's TH is 30 °C; converted for your controller that's 54 °F.", [limit], { main: [86] }), { limit: false });
  assert.deepEqual(met("The garden probe's TH is 30 °C; converted for your controller that's 86 °F.", [limit], { main: [86] }), { limit: true });
});

test('a maybe before a figure offers it as an alternative, whatever words stand between', () => {
  const tilted = numberFact(
    'tilted',
    { quantity: 'angle', places: ['workshop'], stat: 'count' },
    { value: { ref: 'main', agg: 'count', where: { cmp: 'eq', value: true } }, tol: 0 },
  );
  assert.deepEqual(
    met('Over the 4 seconds, 0 readings said tilted — maybe 1 if you count the first sample.', [tilted], { main: [false, false, false, false] }),
    { tilted: false },
  );
});

test('a reference figure (an outside quantity, what something can reach, a specification) is no second value', () => {
  const field = numberFact('field', { quantity: 'magnetic-field', places: ['workshop'], sensors: ['KY-035'] }, { unit: 'mT', tol: 0.06 });
  assert.deepEqual(met("The workshop KY-035 reads 12.17 mT, far stronger than the Earth's field (around 0.05 mT).", [field], { main: [12.17] }), {
    field: true,
  });
  const lux = numberFact('lux', { quantity: 'light', places: ['garden'], sensors: ['LTR390'] }, { unit: 'lux', tol: 700 });
  assert.deepEqual(met('The garden LTR390 reads 36,229.2 lux; full direct summer sun can exceed 100,000 lux.', [lux], { main: [36229.2] }), { lux: true });
  assert.deepEqual(met('The garden LTR390 reads 36,229.2 lux, maybe 100,000 lux.', [lux], { main: [36229.2] }), { lux: false });
  const raw = numberFact('raw', { quantity: 'raw', places: ['workshop'], sensors: ['KY-035'] }, { tol: 1 });
  assert.deepEqual(met('The workshop KY-035 raw count is 2056, almost exactly the midpoint of a 12-bit ADC (2048).', [raw], { main: [2056] }), { raw: true });
});

test('a field name ending in a unit gives its bare figure that unit', () => {
  const distance = numberFact('distance', { quantity: 'distance', places: ['garage'], sensors: ['HC-SR04'] }, { unit: 'm', tol: 0.006 });
  assert.deepEqual(met('Garage distance_cm = 275.3, more than 2 m, so 2.753 m.', [distance], { main: [2.753] }), { distance: true });
  assert.deepEqual(met('Garage distance_cm = 290.3, so 2.753 m.', [distance], { main: [2.753] }), { distance: false });
});

test('a span tied to part of the window is no statistic of the whole; an untied span or a bare restatement still conflicts', () => {
  const peak = numberFact('peak', { quantity: 'temperature', places: ['kitchen'], sensors: ['DHT11'], stat: 'max' }, { agg: 'max', unit: 'C', tol: 0.6 });
  const readings = { main: [20, 30] };
  assert.deepEqual(met('The kitchen DHT11 peaked at 30 °C, then stayed around 25-26 °C afterwards.', [peak], readings), { peak: true });
  assert.deepEqual(met('The kitchen DHT11 peaked at 30 °C. The readings ranged from 20 to 26 °C.', [peak], readings), { peak: false });
  assert.deepEqual(met('The kitchen DHT11 peaked at 30 °C. Readings went up to 26 °C.', [peak], readings), { peak: false });
  const temperature = numberFact('temperature', { quantity: 'temperature', places: ['kitchen'], sensors: ['DHT11'] }, { unit: 'C', tol: 0.6 });
  assert.deepEqual(
    met('Kitchen DHT11: 22 °C. Kitchen: 25 °C.', [temperature], { main: [22] }),
    { temperature: false },
    'naming the sensor too binds no more directly',
  );
  assert.deepEqual(met('The kitchen DHT11 reads 22 °C. Actually, it is 25 °C.', [temperature], { main: [22] }), { temperature: false });
});

test('a conversion is answered in the unit asked: the device figure beside a wrong conversion is no support', () => {
  const convert = (from: 'lux' | 'C' | '%', to: 'fc' | 'F' | 'fraction') => ({ convert: { ref: 'main', agg: 'mean' as const }, from, to });
  const light = numberFact(
    'light',
    { quantity: 'light', places: ['living-room'], sensors: ['BH1750'], stat: 'mean' },
    { value: convert('lux', 'fc'), unit: 'fc', tol: 0.1 },
  );
  const lux = { main: [245.7] };
  assert.deepEqual(met('The living-room BH1750 averaged 245.7 lux. Converted to foot-candles that is about 74.9 fc.', [light], lux), { light: false });
  assert.deepEqual(met('The living-room BH1750 averaged 245.7 lux.', [light], lux), { light: false }, 'the device unit alone does not answer');
  assert.deepEqual(met('BH1750 living room, mean lux = 245.7 lux -> 22.83 fc.', [light], lux), { light: true });
  const temp = numberFact(
    'temp',
    { quantity: 'temperature', places: ['kitchen'], sensors: ['LM35'], stat: 'mean' },
    { value: convert('C', 'F'), unit: 'F', tol: 0.2 },
  );
  assert.deepEqual(met('Kitchen LM35 average is 60.03 C, in Fahrenheit it is 140.1 F.', [temp], { main: [60.03] }), { temp: true });
  assert.deepEqual(met('Kitchen LM35 average is 60.03 C, in Fahrenheit it is 108.1 F.', [temp], { main: [60.03] }), { temp: false });
  const wet = numberFact(
    'wet',
    { quantity: 'moisture', places: ['garden'], sensors: ['HW-080'] },
    { value: convert('%', 'fraction'), unit: 'fraction', tol: 0.001 },
  );
  assert.deepEqual(met('Garden HW-080 moisture: 11.2 % → 0.112 as a fraction.', [wet], { main: [11.2] }), { wet: true });
  assert.deepEqual(met('The garden HW-080 reads 11.2 % moisture, so that is 0.0112 as a fraction.', [wet], { main: [11.2] }), { wet: false });
});

test('a figure a few words on in another unit of its dimension restates it, unless brought in as a thing of its own', () => {
  const peak = numberFact('peak', { quantity: 'voltage', places: ['garage'], sensors: ['KY-035'], stat: 'max' }, { agg: 'max', unit: 'V', tol: 0.02 });
  assert.deepEqual(met('Garage KY-035: max 1652 mV — a ~0.23 V dip in the second half.', [peak], { main: [1.426, 1.652] }), { peak: true });
});
