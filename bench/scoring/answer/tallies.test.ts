import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countWhere, met, numberFact } from './facts.test-helper.js';

/** Counts of samples: tallies written with a slash, "of them", bare sample labels, verbs of samples arriving. */

const lows = numberFact(
  'lows',
  { places: ['living-room'], sensors: ['KY-040'], stat: 'count', words: ['low'], unlike: ['high'] },
  { value: countWhere(0), tol: 0 },
);
const dt = { main: [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1] };

test('"10/20 samples" is a tally, not a division', () => {
  assert.deepEqual(met('DT was low in 10/20 samples (50%).', [lows], dt), { lows: true });
  assert.deepEqual(met('DT was low in 9/20 samples.', [lows], dt), { lows: false });
});

test('the whole a count is taken out of: "9 of them", "Out of 20 reads, 9 were low"', () => {
  const clk = numberFact(
    'clk',
    { places: ['living-room'], sensors: ['KY-040'], stat: 'count', words: ['low'], unlike: ['high'] },
    { value: countWhere(0), tol: 0 },
  );
  const readings = { main: [0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1] };
  assert.deepEqual(met('I polled the CLK pin 20 times; it read 0 on 9 of them and 1 on the other 11.', [clk], readings), { clk: true });
  assert.deepEqual(met('Out of 20 reads over 4 s, 9 were LOW (the rest HIGH).', [clk], readings), { clk: true });
  assert.deepEqual(met('Out of 20 reads over 4 s, 11 were LOW.', [clk], readings), { clk: false });
  assert.deepEqual(met('10 lows out of 20 samples.', [lows], dt), { lows: true });
});

test('"out of 4095" after a reading is its scale; after a count, the total', () => {
  const raw = numberFact('raw', { quantity: 'raw', places: ['kitchen'], sensors: ['KY-026'] }, { tol: 1 });
  assert.deepEqual(met('The kitchen KY-026 gives a raw ADC value of 3888 (out of 4095).', [raw], { main: [3888] }), { raw: true });
  const total = numberFact('total', { places: ['living-room'], sensors: ['KY-040'], stat: 'total' }, { agg: 'count', tol: 0 });
  assert.deepEqual(met('DT was low in 10 samples (out of 20 samples).', [lows, total], dt), { lows: true, total: true });
});

test('a clause after a figure counts nothing with it: "sits at 1 when nobody touches it"', () => {
  const pin = numberFact('pin', { quantity: 'pin-level', places: ['living-room'], sensors: ['KY-004'] }, { tol: 0 });
  const mentions = { id: 'advice', kind: 'mentions' as const, says: 'advice', any: ['active-low'] };
  assert.deepEqual(met('The pin sits at 1 when nobody touches it. The KY-004 is active-low.', [pin, mentions], { main: [1] }), { pin: true, advice: true });
});

test('a duration counts no samples: "over five one-second readings"', () => {
  const soil = numberFact(
    'soil',
    { quantity: 'temperature', parts: ['soil-probe'], places: ['garden'], sensors: ['DS18B20'], stat: 'mean' },
    { agg: 'mean', unit: 'C' },
  );
  assert.deepEqual(met('The average soil temperature was 17.36 °C over five one-second readings.', [soil], { main: [17.3125, 17.375, 17.375] }), {
    soil: true,
  });
});

test('a slash inside a worked formula still divides', () => {
  const raw = numberFact('raw', { quantity: 'raw', places: ['garden'], sensors: ['GUVA-S12SD'] }, { tol: 0 });
  assert.deepEqual(met('Raw count 4 → 4 × 3300 / 4095 ≈ 3.2 mV.', [raw], { main: [4] }), { raw: true });
});

test('a slash between figures with no formula around them lists them', () => {
  const about = { quantity: 'light' as const, places: ['living-room'], sensors: ['BH1750'] };
  const low = numberFact('low', { ...about, stat: 'min' }, { agg: 'min', unit: 'lux', tol: 1 });
  const high = numberFact('high', { ...about, stat: 'max' }, { agg: 'max', unit: 'lux', tol: 1 });
  const readings = { main: [1170.8, 1169.2, 1159.2, 1161.7, 1165] };
  assert.deepEqual(met('Min/max: 1159.2 / 1170.8 lux.', [low, high], readings), { low: true, high: true });
  assert.deepEqual(met('Min/max: 1200 / 1100 lux.', [low, high], { main: [1100, 1200] }), { low: false, high: false }, 'names pair with figures in order');
});

test('"N of them" makes the samples counted before it the total', () => {
  const about = { places: ['garden'], sensors: ['WATER'] };
  const wet = numberFact('wet', { ...about, stat: 'count', words: ['wet'], unlike: ['dry'] }, { value: countWhere(true), tol: 0 });
  const total = numberFact('total', { ...about, stat: 'total' }, { agg: 'count', tol: 0 });
  const readings = { main: [false, false, false, false, false, false] };
  assert.deepEqual(met('I received 6 samples from the garden water probe, and it was wet in 0 of them.', [wet, total], readings), { wet: true, total: true });
  assert.deepEqual(met('I received 5 samples from the garden water probe, and it was wet in 0 of them.', [wet, total], readings), { wet: true, total: false });
});

test('a label counting samples with no condition gives their total', () => {
  const total = numberFact('total', { places: ['living-room'], sensors: ['BH1750'], stat: 'total' }, { agg: 'count', tol: 0 });
  const mean = numberFact('mean', { quantity: 'light', places: ['living-room'], sensors: ['BH1750'], stat: 'mean' }, { agg: 'mean', unit: 'lux', tol: 2 });
  const readings = { main: [219, 220, 221, 220, 220, 220] };
  assert.deepEqual(met('Number of samples: 6\nAverage: approximately 220 lux.', [total, mean], readings), { total: true, mean: true });
  const typical = numberFact('typical', { places: ['living-room'], sensors: ['BH1750'], stat: 'count' }, { value: countWhere(220), tol: 0 });
  assert.deepEqual(met('Samples at exactly 220 lux: 4', [typical], readings), { typical: true }, 'a qualified label still counts a condition');
});

test('"came back" names a total of samples, never the value of a reading', () => {
  const raw = numberFact('raw', { quantity: 'raw', places: ['kitchen'], sensors: ['WATER'] }, { tol: 0 });
  assert.deepEqual(met('The reading that came back is 951, in raw ADC counts.', [raw], { main: [951] }), { raw: true });
  assert.deepEqual(met('The probe came back at 16 ADC counts.', [raw], { main: [16] }), { raw: true });
  const total = numberFact('total', { places: ['kitchen'], sensors: ['WATER'], stat: 'total' }, { agg: 'count', tol: 0 });
  assert.deepEqual(met('8 readings came back from the kitchen probe.', [total], { main: [1, 1, 1, 1, 1, 1, 1, 1] }), { total: true });
});

test('the plural of a counted condition is a tally of it: "Highs: 6", "6 highs against 0 lows"', () => {
  const about = { places: ['workshop'], sensors: ['SW420'] };
  const highs = numberFact('highs', { ...about, stat: 'count', words: ['high'], unlike: ['low'] }, { value: countWhere(1), tol: 0 });
  const pin = { main: [1, 1, 1, 1, 1, 1] };
  assert.deepEqual(met('Yes, it was high more often than low.\n\n- Highs: 6\n- Lows: 0\n- Samples: 6', [highs], pin), { highs: true });
  assert.deepEqual(met('The SW420 read 1 on every sample, so 6 highs against 0 lows.', [highs], pin), { highs: true });
  assert.deepEqual(met('The SW420 pin: 0 highs against 6 lows.', [highs], pin), { highs: false });
});

test('"six of the readings" counts those meeting the condition; "the first two readings" are which ones', () => {
  const near = numberFact(
    'near',
    { places: ['garage'], sensors: ['HC-SR04'], stat: 'count' },
    { value: { ref: 'main', agg: 'count', where: { cmp: 'lt', value: 100 } }, tol: 0 },
  );
  const distances = { main: [61.8, 70, 80, 85, 90, 91.2, 120, 140] };
  assert.deepEqual(met('Six of the readings came in below a metre, those were the first six.', [near], distances), { near: true });
  const loud = numberFact(
    'loud',
    { places: ['living-room'], sensors: ['KY-038'], stat: 'count' },
    { value: { ref: 'main', agg: 'count', where: { cmp: 'gt', value: 55 } }, tol: 0 },
  );
  const answer = 'The first two readings were fairly quiet (mid\u201040s), but the last four were all above 55, so the count is 4.';
  assert.deepEqual(met(answer, [loud], { main: [44, 46, 57.9, 57.3, 58.1, 56.7] }), { loud: true });
});

test('all the samples meet the condition whose figure their sentence states', () => {
  const ceiling = numberFact(
    'ceiling',
    { places: ['garden'], sensors: ['BH1750'], stat: 'count' },
    { value: { ref: 'main', agg: 'count', where: { cmp: 'ge', value: 65535 } }, tol: 0 },
  );
  const lowest = numberFact('lowest', { quantity: 'raw', places: ['garden'], sensors: ['BH1750'], stat: 'min' }, { agg: 'min', tol: 1 });
  const prompt = 'How many of them sit at the 65535 ceiling, and what was the lowest?';
  const answer = 'All 5 readings sat at the 65535 ceiling, so the lowest was 65535 as well.';
  assert.deepEqual(met(answer, [ceiling, lowest], { main: [65535, 65535, 65535, 65535, 65535] }, prompt), { ceiling: true, lowest: true });
  assert.deepEqual(met('All 5 readings came back; the lowest was 65535.', [ceiling, lowest], { main: [65535, 65535, 65535, 65535, 65535] }, prompt), {
    ceiling: false,
    lowest: true,
  });
});

test('a bare whole number answers a task whose one figure is a count', () => {
  const pressed = numberFact(
    'pressed',
    { places: ['living-room'], sensors: ['KY-023'], stat: 'count', words: ['pressed'] },
    { value: countWhere(true), tol: 0 },
  );
  const readings = { main: [false, true, true, true, false] };
  assert.deepEqual(met('Pressed: 3.', [pressed], readings), { pressed: true });
  assert.deepEqual(met('Pressed: 2.', [pressed], readings), { pressed: false });
  assert.deepEqual(met('3.', [pressed], readings), { pressed: false }, 'a figure alone binds to nothing');
  const shock = numberFact('shock', { places: ['workshop'], sensors: ['SW420'], stat: 'count', words: ['shock'] }, { value: countWhere(true), tol: 0 });
  const answer = 'All 4 readings from the workshop SW420 came back with shock set, one each second from 0 to 3 s.';
  assert.deepEqual(met(answer, [shock], { main: [true, true, true, true] }), { shock: true }, 'beside a count, a bare 0 is no count');
});

test('the value a condition names is no count, and a sampling verb counts every sample', () => {
  const high = numberFact('high', { places: ['kitchen'], sensors: ['KY-010'], stat: 'count', words: ['high'] }, { value: countWhere(1), tol: 0 });
  const readings = { main: [0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0] };
  assert.deepEqual(met('KY-010 in the kitchen sampled 12 times every 0.25 s. Number of samples with raw = 1 is 3.', [high], readings), { high: true });
  assert.deepEqual(met('Of the 12 samples taken at 0.25 s intervals, 3 read high.', [high], readings), { high: true });
});

test('a share restating a count ("in 2, which is 33.3 %") is a share', () => {
  const share = numberFact(
    'share',
    { places: ['kitchen'], sensors: ['HC-SR501'], stat: 'share', words: ['motion'] },
    { value: { op: 'mul', args: [{ op: 'div', args: [countWhere(true), { ref: 'main', agg: 'count' }] }, { const: 100 }] }, unit: '%', tol: 1 },
  );
  const readings = { main: [true, true, false, false, false, false] };
  assert.deepEqual(met('Out of 6 readings, the kitchen PIR reported motion in 2, which is 33.3%.', [share], readings), { share: true });
  assert.deepEqual(
    met('Motion was detected in 2 of the 6 samples, about 33%. That is below the 50% mark.', [share], readings),
    { share: true },
    'a mark is a line, not a value',
  );
});

test('a tally watched over a series and named with no statistic is its peak', () => {
  const flagged = numberFact('flagged', { quantity: 'alarm-count', places: ['garden'], sensors: ['DS18B20'], stat: 'max' }, { agg: 'max', tol: 0 });
  assert.deepEqual(met('DS18B20 alarm search in the garden: 2 probes flagged.', [flagged], { main: [2, 2, 2] }), { flagged: true });
  assert.deepEqual(met('The two garden probes were never in alarm at the same time.', [flagged], { main: [1, 1, 0] }), { flagged: false });
});

test('samples a stream produced, and a condition in parentheses, are no count of the condition', () => {
  const high = numberFact('high', { places: ['kitchen'], sensors: ['KY-010'], stat: 'count', words: ['high'] }, { value: countWhere(1), tol: 0 });
  const readings = { main: [0, 0, 0, 0, 0, 0, 1, 1, 0, 0] };
  assert.deepEqual(met('KY-010 in the kitchen streamed 5 s, 10 samples. Number of high samples (raw = 1) is 2, at 3.0 s and 3.5 s.', [high], readings), {
    high: true,
  });
});

test('a level glossed in a label names what the figure after it counts; "N were low (raw 0)" the count before it', () => {
  const about = { places: ['kitchen'], sensors: ['KY-010'], stat: 'count' as const };
  const highs = { ...numberFact('highs', { ...about, words: ['high'], unlike: ['low'] }, { value: countWhere(1), tol: 0 }) };
  const lows = { ...numberFact('lows', { ...about, words: ['low'], unlike: ['high'] }, { value: countWhere(0), tol: 0 }) };
  const readings = { main: [0, 0, 0, 0, 0, 0, 1, 1] };
  assert.deepEqual(met('more low. low (raw 0) = 6, high (raw 1) = 2. 8 samples total.', [highs, lows], readings), { highs: true, lows: true });
  assert.deepEqual(met('Kitchen KY-010:\n\n- **Low (0):** 6 readings\n- **High (1):** 2 readings', [highs, lows], readings), { highs: true, lows: true });
  assert.deepEqual(
    met(
      'Of the 8 samples the kitchen KY-010 returned, 6 were low (raw 0, from t = 0 to 2.5 s) and only 2 were high (raw 1, at t = 3 and 3.5 s).',
      [highs, lows],
      readings,
    ),
    { highs: true, lows: true },
  );
  assert.deepEqual(met('more low. low (raw 0) = 5, high (raw 1) = 2.', [highs, lows], readings), { highs: true, lows: false });
});

test('a number of samples its words make the size of the series ("got six samples") counts no condition', () => {
  const tilted = numberFact('tilted', { places: ['workshop'], sensors: ['KY-020'], stat: 'count', words: ['tilted'] }, { value: countWhere(true), tol: 0 });
  const series = { main: [true, true, false, true, true, false] };
  assert.deepEqual(
    met('Four readings came back tilted. I watched the KY-020 in the workshop and got six samples: it read tilted at t=0, 1, 3 and 4 s.', [tilted], series),
    { tilted: true },
  );
  assert.deepEqual(
    met('Three readings came back tilted. I watched the KY-020 in the workshop and got six samples: it read tilted at t=0, 1, 3 and 4 s.', [tilted], series),
    { tilted: false },
  );
});

test('"2 samples = 1": the figure after the counted samples is their level, naming the count\'s condition', () => {
  const high = numberFact('high', { places: ['workshop'], sensors: ['KY-020'], stat: 'count' }, { value: countWhere(1), tol: 0 });
  const pins = { main: [0, 1, 0, 0, 1, 0, 0, 0] };
  assert.deepEqual(met('KY-020 workshop raw: 2 samples = 1, out of 8 samples total.', [high], pins), { high: true });
  assert.deepEqual(met('KY-020 workshop raw: 3 samples = 1, out of 8 samples total.', [high], pins), { high: false });
});
