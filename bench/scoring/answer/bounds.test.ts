import assert from 'node:assert/strict';
import { test } from 'node:test';
import { met, numberFact } from './facts.test-helper.js';

/** Figures a value is compared with ("≥ 6", "6 or more", "warmer than 24 °C") and margins before them are not the value. */

const uv = numberFact('uv', { quantity: 'uv-index', places: ['garden'], sensors: ['GUVA-S12SD'] }, { tol: 0.1 });

test('a figure after a comparison sign or before "or more" is a bound', () => {
  assert.deepEqual(met('UVI 8.7 (≥ 6), so here is the voltage too.', [uv], { main: [8.7] }), { uv: true });
  assert.deepEqual(met('The UV index is 8.7, which is 6 or more.', [uv], { main: [8.7] }), { uv: true });
  assert.deepEqual(met('The UV index is 8.7 (< 9).', [uv], { main: [8.7] }), { uv: true });
});

test('the object of a comparative ("warmer than 24 °C") is a bound', () => {
  const kitchen = numberFact('kitchen', { quantity: 'temperature', places: ['kitchen'], sensors: ['LM35'] }, { unit: 'C', tol: 0.6 });
  assert.deepEqual(met('The temperature is approximately 32.1, which is degrees Celsius. This is warmer than 24 °C, so yes.', [kitchen], { main: [32.1] }), {
    kitchen: true,
  });
  const garden = numberFact('garden', { quantity: 'temperature', places: ['garden'] }, { ref: 'garden', unit: 'C', tol: 0.6 });
  assert.deepEqual(met('The kitchen is cooler than 36.7 °C in the garden.', [garden], { garden: [36.7] }), { garden: true }, 'a placed figure is a reading');
});

test('a margin "before the trip point" is a gap, not a reading', () => {
  const about = { quantity: 'temperature' as const, places: ['kitchen'], sensors: ['LM35'] };
  const reading = numberFact('reading', about, { unit: 'C', tol: 0.6 });
  const headroom = numberFact(
    'headroom',
    { ...about, stat: 'difference' },
    { value: { op: 'sub', args: [{ const: 40 }, { ref: 'main', agg: 'last' }] }, unit: 'C', tol: 0.5 },
  );
  const answer = 'The kitchen is at 24.4 °C, which leaves 15.6 °C before the 40 °C trip point.';
  assert.deepEqual(met(answer, [reading, headroom], { main: [24.4] }, 'The alarm trips at 40 °C.'), { reading: true, headroom: true });
});

test('a second value offered as a maybe is still a hedge', () => {
  assert.deepEqual(met('The UV index is about 8.7, or maybe 9.5.', [uv], { main: [8.7] }), { uv: false });
  assert.deepEqual(met('The garden UV index is 8.7, though it may really be closer to 9.5.', [uv], { main: [8.7] }), { uv: false });
});

test("a condition's constant, a time label and a supposition are no readings; a temperature labelled T is", () => {
  const pin = numberFact('pin', { quantity: 'pin-level', places: ['workshop'], sensors: ['KY-020'] }, { tol: 0 });
  assert.deepEqual(met('KY-020 (rp2040-workshop): raw = 0. Condition for checking the tilted flag (raw == 1) not met.', [pin], { main: [0] }), { pin: true });
  const soil = numberFact('soil', { quantity: 'temperature', parts: ['soil-probe'], places: ['garden'], sensors: ['DS18B20'] }, { unit: 'C', tol: 0.5 });
  assert.deepEqual(met('Soil scratchpad AD001E057FFF0C10EC; T = 10.75 °C, so under 15 °C.', [soil], { main: [10.75] }), { soil: true });
  const raw = numberFact('raw', { quantity: 'raw', places: ['garden'], sensors: ['GUVA-S12SD'] }, { tol: 1 });
  assert.deepEqual(met('Yes, you can trust it - the garden GUVA-S12SD reads just 4 counts in the dark.', [raw], { main: [4] }), { raw: true });
  assert.deepEqual(met('If it read 4 counts in the dark you could trust it.', [raw], { main: [4] }), { raw: false });
});

test('"deg" is an angle, never a temperature', () => {
  const temperature = numberFact('temperature', { quantity: 'temperature', places: ['kitchen'] }, { unit: 'C', tol: 0.6 });
  assert.deepEqual(met('The kitchen temperature is 31 deg.', [temperature], { main: [31] }), { temperature: false });
  assert.deepEqual(met('The kitchen temperature is 31 deg C.', [temperature], { main: [31] }), { temperature: true });
  const pitch = numberFact('pitch', { quantity: 'angle', parts: ['pitch'], places: ['workshop'] }, { unit: 'deg', tol: 0.6 });
  assert.deepEqual(met('The workshop pitch is 2.6 deg.', [pitch], { main: [2.6] }), { pitch: true });
});

test('a figure after a comparison and an approximation ("below about 40 %") is a bound', () => {
  const humidity = numberFact('humidity', { quantity: 'humidity', places: ['bedroom'] }, { unit: '%RH', tol: 1 });
  assert.deepEqual(met('The bedroom humidity is 56 %RH. Dry air usually becomes a problem below about 40%.', [humidity], { main: [56] }), { humidity: true });
  assert.deepEqual(met('The bedroom reads 56% relative humidity, comfortably above the roughly 40% mark.', [humidity], { main: [56] }), { humidity: true });
});

test('a line the answer measures against is a reference, whoever set it', () => {
  const humidity = numberFact('humidity', { quantity: 'humidity', places: ['bedroom'] }, { unit: '%RH', tol: 1 });
  assert.deepEqual(met('The bedroom humidity is 56 %RH, well within the comfortable 40 to 60% range.', [humidity], { main: [56] }), { humidity: true });
  const temperature = numberFact('temperature', { quantity: 'temperature', places: ['workshop'] }, { unit: 'C', tol: 0.6 });
  assert.deepEqual(met('The workshop reads 33.3 °C, above the 30 °C point where working gets hard.', [temperature], { main: [33.3] }), { temperature: true });
  assert.deepEqual(met('The workshop reads 33.3 °C, or maybe 30 °C.', [temperature], { main: [33.3] }), { temperature: false });
});

test("a figure the prompt stated is the prompt's beside the answer's own figure", () => {
  const distance = numberFact('distance', { quantity: 'distance', places: ['garage'] }, { unit: 'cm', tol: 0.6 });
  const prompt = 'Will my 1.5 m kayak fit in the garage?';
  assert.deepEqual(met('No. Measured distance: 119.9 cm (~1.2 m). Kayak length: 150 cm.', [distance], { main: [119.9] }, prompt), { distance: true });
  assert.deepEqual(met('The garage distance is 150 cm.', [distance], { main: [119.9] }, prompt), { distance: false }, 'alone it is still judged');
});

test('constants of a formula are no readings: "2^16 - 1", "count / 1.2", "a 0.5 V offset"', () => {
  const raw = numberFact('raw', { quantity: 'raw', places: ['garden'], sensors: ['BH1750'] }, { tol: 1 });
  assert.deepEqual(met('The BH1750 reads 65535, which is 2^16 - 1, the top of its 16-bit range.', [raw], { main: [65535] }), { raw: true });
  assert.deepEqual(met('The BH1750 raw is 65535. With formula count / 1.2 I get 65535 / 1.2 = 54612.5 lux.', [raw], { main: [65535] }), { raw: true });
  const voltage = numberFact('voltage', { quantity: 'voltage', places: ['bedroom'], sensors: ['TMP36'] }, { unit: 'V', tol: 0.0073 });
  assert.deepEqual(met('The bedroom TMP36 output voltage is 0.73 V; the TMP36 has a 0.5 V offset and a 10 mV/°C slope.', [voltage], { main: [0.73] }), {
    voltage: true,
  });
});

test('a result a working goes on from is an operand of the next step', () => {
  const voltage = numberFact('voltage', { quantity: 'voltage', places: ['garden'], sensors: ['HW-080'] }, { unit: 'V', tol: 0.0235 });
  const answer = 'The garden probe read 2.351 V. Your formula gives (3.183 - 2.351) / 2.095 x 100 = 0.832 / 2.095 x 100 = 39.71 %.';
  assert.deepEqual(met(answer, [voltage], { main: [2.351] }), { voltage: true });
});

test('a span whose ends are restated in parentheses still states the lowest and the highest', () => {
  const about = { quantity: 'voltage' as const, places: ['kitchen'], sensors: ['LM35'] };
  const low = numberFact('low', { ...about, stat: 'min' }, { agg: 'min', unit: 'V', tol: 0.0005 });
  const high = numberFact('high', { ...about, stat: 'max' }, { agg: 'max', unit: 'V', tol: 0.0005 });
  assert.deepEqual(met('The kitchen LM35 voltage ranged from 0.195 V (195 mV) to 0.197 V (197 mV).', [low, high], { main: [0.195, 0.197] }), {
    low: true,
    high: true,
  });
  assert.deepEqual(met('The kitchen LM35 voltage ranged from 0.195 V (195 mV) to 0.199 V (199 mV).', [low, high], { main: [0.195, 0.197] }), {
    low: true,
    high: false,
  });
});

test('a gap said of "the two" after a lowest and a highest is the range', () => {
  const range = numberFact('range', { quantity: 'voltage', places: ['kitchen'], sensors: ['KY-026'], stat: 'range' }, { agg: 'range', unit: 'V', tol: 0.01 });
  const readings = { main: [0.266, 0.7, 1.095] };
  assert.deepEqual(met('The kitchen KY-026 lowest reading was 0.266 V and the highest was 1.095 V, so the two were 0.829 V apart.', [range], readings), {
    range: true,
  });
  assert.deepEqual(met('The kitchen KY-026 lowest reading was 0.266 V and the highest was 1.095 V, so the two were 0.9 V apart.', [range], readings), {
    range: false,
  });
});
