import assert from 'node:assert/strict';
import { test } from 'node:test';
import { met, numberFact } from './facts.test-helper.js';

/** Which sample a figure is by where it stands: a timeline, an ordinal, the verb that reached it, a span's named ends. */

const mic = { quantity: 'raw' as const, places: ['bedroom'], sensors: ['KY-038'] };
const first = numberFact('first', { ...mic, stat: 'first' }, { agg: 'first', tol: 0 });
const last = numberFact('last', { ...mic, stat: 'last' }, { agg: 'last', tol: 0 });
const readings = { main: [17, 19] };

test('readings listed by their sample times are first to last', () => {
  assert.deepEqual(met('- t = 0 s: raw 17\n- t = 2 s: raw 19', [first, last], readings), { first: true, last: true });
  assert.deepEqual(met('- t = 0 s: raw 19\n- t = 2 s: raw 17', [first, last], readings), { first: false, last: false });
  assert.deepEqual(met('Raw 17, and raw 19.', [first, last], readings), { first: false, last: false }, 'no times, no order');
});

test('"second" before a figure is the later reading', () => {
  assert.deepEqual(met('First reading 17, second 19.', [first, last], readings), { first: true, last: true });
  assert.deepEqual(met('The first value was 17 and the second value was 19.', [first, last], readings), { first: true, last: true });
  assert.deepEqual(met('It took a 2 second wait: first 17, then 19.', [first, last], readings), { first: true, last: false }, '"2 second" is a duration');
});

test('the value a series hit or got down to is its extreme', () => {
  const peak = numberFact('peak', { quantity: 'temperature', places: ['kitchen'], sensors: ['LM35'], stat: 'max' }, { agg: 'max', unit: 'C', tol: 0.6 });
  assert.deepEqual(met('The kitchen temperature is rising - it hit 62.1 °C within a couple of seconds (up from 61.2 °C).', [peak], { main: [61.2, 62.1] }), {
    peak: true,
  });
  const closest = numberFact('closest', { quantity: 'distance', places: ['garage'], sensors: ['HC-SR04'], stat: 'min' }, { agg: 'min', unit: 'cm', tol: 0.6 });
  const series = { main: [221, 221, 221, 221, 180, 89.5] };
  const answer = 'The garage HC-SR04 got down to 89.5 cm at the end. It held steady around 221 cm for two seconds and then something moved toward it.';
  assert.deepEqual(met(answer, [closest], series), { closest: true });
  assert.deepEqual(
    met('The garage HC-SR04 got down to 89.5 cm at the end. It held steady at 221 cm throughout.', [closest], series),
    { closest: false },
    'steady throughout names the whole window',
  );
});

test('"up 11.5 dB" is a change; "stayed up around 57 dBA" a level', () => {
  const change = numberFact(
    'change',
    { quantity: 'sound-level', places: ['living-room'], sensors: ['KY-038'], stat: 'delta' },
    {
      value: { op: 'abs', args: [{ ref: 'main', agg: 'delta' }] },
      unit: 'dBA',
      tol: 1.2,
    },
  );
  const readings = { main: [45.8, 57, 57.3] };
  assert.deepEqual(met('Louder - up 11.5 dB from the first sample to the last.', [change], readings), { change: true });
  assert.deepEqual(met('The last reading was 11.5 dB louder than the first, and the level stayed up around 57 dBA after that.', [change], readings), {
    change: true,
  });
});

test('"between lowest and highest" names a range, not an extreme', () => {
  const range = numberFact('range', { quantity: 'raw', parts: ['x'], places: ['living-room'], sensors: ['KY-023'], stat: 'range' }, { agg: 'range', tol: 2 });
  const x = { main: [100, 3683] };
  assert.deepEqual(met('The spread of the X axis between lowest and highest was approximately 3583.', [range], x), { range: true });
  assert.deepEqual(met('The highest X reading was approximately 3583.', [range], x), { range: false });
});

test('a moment or statistic put after its figure names it: "at the start", "at its lowest"', () => {
  const lamp = { quantity: 'light' as const, places: ['living-room'], sensors: ['BH1750'] };
  const start = numberFact('start', { ...lamp, stat: 'first' }, { agg: 'first', unit: 'lux', tol: 2 });
  const end = numberFact('end', { ...lamp, stat: 'last' }, { agg: 'last', unit: 'lux', tol: 2 });
  assert.deepEqual(met('Brighter: 108.3 lux at the start, 326.7 lux at the end.', [start, end], { main: [108.3, 326.7] }), { start: true, end: true });
  const gyro = { quantity: 'rotation-rate' as const, parts: ['z' as const], places: ['workshop'], sensors: ['MPU6050'] };
  const low = numberFact('low', { ...gyro, stat: 'min' }, { agg: 'min', unit: 'deg/s', tol: 0.5 });
  const high = numberFact('high', { ...gyro, stat: 'max' }, { agg: 'max', unit: 'deg/s', tol: 0.5 });
  const answer = 'In the workshop the z rotation rate ranged from -56.47 °/s at its lowest up to 27.28 °/s at its highest.';
  assert.deepEqual(met(answer, [low, high], { main: [-56.47, 27.28] }), { low: true, high: true });
});

test('a clause naming the figure before it, or an opening statistic, names that figure', () => {
  const garage = { quantity: 'distance' as const, places: ['garage'], sensors: ['HC-SR04'] };
  const closest = numberFact('closest', { ...garage, stat: 'min' }, { agg: 'min', unit: 'cm', tol: 0.6 });
  const answer = 'The garage ultrasonic sensor saw something at 62.2 cm (about 0.62 m), which is the closest reading.';
  assert.deepEqual(met(answer, [closest], { main: [62.2, 90] }), { closest: true });
  const mean = numberFact('mean', { ...garage, stat: 'mean' }, { agg: 'mean', unit: 'cm', tol: 0.6 });
  assert.deepEqual(met('Averaged over the whole window, the garage sensor read about 112.8 cm.', [mean], { main: [100, 125.6] }), { mean: true });
});

test("a label's statistic outranks a remark in parentheses on when the figure came", () => {
  const peak = numberFact('peak', { quantity: 'raw', places: ['kitchen'], sensors: ['WATER'], stat: 'max' }, { agg: 'max', tol: 1 });
  assert.deepEqual(met('Peak raw level over the 3 seconds: 766 (at the very first sample).', [peak], { main: [766, 700] }), { peak: true });
});

test('figures in time order start with the first reading; a table by time runs first to last', () => {
  const garage = { quantity: 'distance' as const, places: ['garage'], sensors: ['HC-SR04'] };
  const start = numberFact('start', { ...garage, stat: 'first' }, { agg: 'first', unit: 'cm', tol: 0.6 });
  const end = numberFact('end', { ...garage, stat: 'last' }, { agg: 'last', unit: 'cm', tol: 0.6 });
  const series = { main: [119.7, 120] };
  assert.deepEqual(met('119.7 cm, then 120 cm 5 s later - a 0.3 cm change.', [start, end], series), { start: true, end: true });
  assert.deepEqual(met('| Time | Distance |\n|---|---|\n| 0 s | 119.7 cm |\n| 5 s | 120.0 cm |', [start, end], series), { start: true, end: true });
});

test('the level a pin begins or finishes at, glossed in parentheses, is its first or last', () => {
  const pin = { quantity: 'pin-level' as const, parts: ['dt' as const], places: ['living-room'], sensors: ['KY-040'] };
  const start = numberFact('start', { ...pin, stat: 'first' }, { agg: 'first', tol: 0 });
  const end = numberFact('end', { ...pin, stat: 'last' }, { agg: 'last', tol: 0 });
  assert.deepEqual(met('20 samples at 0.2 s: DT begins LOW (0) and finishes HIGH (1).', [start, end], { main: [0, 1, 0, 1] }), { start: true, end: true });
  assert.deepEqual(met('Yes - first sample 0, last sample 1.', [start, end], { main: [0, 1, 0, 1] }), { start: true, end: true });
});

test('a series called steady leaves a figure the statistic named of it', () => {
  const uv = { quantity: 'uv-index' as const, places: ['garden'], sensors: ['LTR390'] };
  const mean = numberFact('mean', { ...uv, stat: 'mean' }, { agg: 'mean', tol: 0.05 });
  const min = numberFact('min', { ...uv, stat: 'min' }, { agg: 'min', tol: 0.05 });
  assert.deepEqual(met('Fairly steady moderate UV: it averaged 4.564 and bottomed out at 4.46.', [mean, min], { main: [4.46, 4.668] }), {
    mean: true,
    min: true,
  });
});

test('a span said of some of the samples gives no ends of the series', () => {
  const kitchen = { quantity: 'temperature' as const, places: ['kitchen'], sensors: ['LM35'] };
  const peak = numberFact('peak', { ...kitchen, stat: 'max' }, { agg: 'max', unit: 'C', tol: 0.6 });
  const answer = 'The highest the kitchen LM35 got was 62.1 °C. The rest of the readings hovered between roughly 58 and 61 °C.';
  assert.deepEqual(met(answer, [peak], { main: [58, 61, 62.1] }), { peak: true });
  const field = numberFact(
    'field',
    { quantity: 'magnetic-field', places: ['garage'], sensors: ['KY-035'], stat: 'max' },
    { agg: 'max', unit: 'mT', tol: 0.06 },
  );
  const magnet = 'Highest field: 22.61 mT. First three samples were near zero (-0.22 to 0.22 mT).';
  assert.deepEqual(met(magnet, [field], { main: [-0.22, 0.22, 0, 19.13, 22.61] }), { field: true });
});

test('"of the window" after "the end" is no share', () => {
  const garage = { quantity: 'distance' as const, places: ['garage'], sensors: ['HC-SR04'] };
  const far = numberFact('far', { ...garage, stat: 'max' }, { agg: 'max', unit: 'cm', tol: 0.6 });
  const answer = 'The nearest reading was 89.4 cm, taken at the end of the window, and the farthest was 221.6 cm during the first couple of seconds.';
  assert.deepEqual(met(answer, [far], { main: [221.6, 89.4] }), { far: true });
});

test('the verbs of a series reaching a value are read in every form, other verbs only as listed', () => {
  const soil = { quantity: 'moisture' as const, places: ['garden'], sensors: ['HW-080'] };
  const low = numberFact('low', { ...soil, stat: 'min' }, { agg: 'min', unit: '%', tol: 0.2 });
  assert.deepEqual(met('The soil held at roughly 41 %, bottoming out at 40.6 %.', [low], { main: [40.6, 40.9] }), { low: true });
  const room = numberFact('room', { quantity: 'light', places: ['living-room'] }, { unit: 'lux', tol: 5 });
  assert.deepEqual(met("No one's moving in the living room, and it's at 630 lux.", [room], { main: [630] }), { room: true }, '"moving" names no change');
});

test('by how much a series varied is its range; a figure with a fraction counts no samples', () => {
  const volts = { quantity: 'voltage' as const, places: ['workshop'], sensors: ['TMP36'] };
  const spread = numberFact('spread', { ...volts, stat: 'range' }, { agg: 'range', unit: 'V', tol: 0.0002 });
  assert.deepEqual(met('The workshop TMP36 voltage only varied by 1 mV over the 5 seconds.', [spread], { main: [0.755, 0.756] }), { spread: true });
  const uv = numberFact('uv', { quantity: 'uv-index', places: ['garden'], sensors: ['LTR390'], stat: 'mean' }, { agg: 'mean', tol: 0.05 });
  assert.deepEqual(met('The garden LTR390 averaged a UV index of 4.564 over five readings.', [uv], { main: [4.62, 4.508] }), { uv: true });
});

test('a figure in parentheses after a statistic is its value; the label before the colon names the figure after it', () => {
  const z = { quantity: 'acceleration' as const, parts: ['z' as const], places: ['workshop'], sensors: ['MPU6050'] };
  const spread = numberFact('spread', { ...z, stat: 'range' }, { agg: 'range', unit: 'm/s2', tol: 0.01 });
  const series = { main: [9.813, 9.857] };
  assert.deepEqual(met('Average z: 9.839 m/s². Spread between lowest (9.813) and highest (9.857): 0.044 m/s².', [spread], series), { spread: true });
  assert.deepEqual(met('The workshop z acceleration moved only 0.044 m/s² from its lowest to its highest sample.', [spread], series), { spread: true });
});

test('a plus sign makes a change; an arrow between figures of one unit a move; neither where they mean otherwise', () => {
  const lamp = { quantity: 'light' as const, places: ['living-room'], sensors: ['BH1750'] };
  const start = numberFact('start', { ...lamp, stat: 'first' }, { agg: 'first', unit: 'lux', tol: 2 });
  const end = numberFact('end', { ...lamp, stat: 'last' }, { agg: 'last', unit: 'lux', tol: 2 });
  const change = numberFact('change', { ...lamp, stat: 'delta' }, { agg: 'delta', unit: 'lux', tol: 2 });
  const series = { main: [108.3, 326.7] };
  assert.deepEqual(met('Brighter: 108.3 → 326.7 lux (+218.4 lux).', [start, end, change], series), { start: true, end: true, change: true });
  const water = { quantity: 'raw' as const, places: ['garden'], sensors: ['WATER'] };
  const raw = numberFact('raw', water, { tol: 1 });
  const gap = numberFact('gap', { ...water, stat: 'difference' }, { value: { op: 'sub', args: [{ const: 300 }, { ref: 'main', agg: 'last' }] }, tol: 1 });
  assert.deepEqual(
    met('Raw 4 → 296 counts under the 300-count wet threshold.', [raw, gap], { main: [4] }, 'It counts as wet above 300. How far below is it?'),
    { raw: true, gap: true },
  );
  const gyro = numberFact('gyro', { quantity: 'rotation-rate', parts: ['z'], places: ['workshop'] }, { unit: 'deg/s', tol: 0.1 });
  assert.deepEqual(met('Workshop gyro x −1.35, y −1.99, z +1.23 deg/s.', [gyro], { main: [1.23] }), { gyro: true }, 'signs of a signed list');
});

test('a dash between figures is a minus only in a worked formula', () => {
  const water = { quantity: 'raw' as const, places: ['kitchen'], sensors: ['WATER'] };
  const raw = numberFact('raw', water, { tol: 1 });
  const gap = numberFact('gap', { ...water, stat: 'difference' }, { value: { op: 'sub', args: [{ ref: 'main', agg: 'last' }, { const: 300 }] }, tol: 1 });
  assert.deepEqual(met('The kitchen probe reads 955 counts - 655 above the line.', [raw, gap], { main: [955] }), { raw: true, gap: true });
  assert.deepEqual(met('The kitchen probe reads 955 - 300 = 655 counts above the line.', [raw, gap], { main: [955] }), { raw: false, gap: true });
});

test('a series called the same on both readings states both', () => {
  const pin = { quantity: 'pin-level' as const, places: ['workshop'], sensors: ['SW420'] };
  const start = numberFact('start', { ...pin, stat: 'first' }, { agg: 'first', tol: 0 });
  const end = numberFact('end', { ...pin, stat: 'last' }, { agg: 'last', tol: 0 });
  assert.deepEqual(met('Same - both 0.', [start, end], { main: [0, 0] }), { start: true, end: true });
  assert.deepEqual(met('Same - both 0.', [start, end], { main: [0, 1] }), { start: true, end: false });
  const low = numberFact('low', { quantity: 'temperature', places: ['bedroom'], stat: 'min' }, { agg: 'min', unit: 'C', tol: 0.6 });
  const answer = 'Low: 17 °C. It sat at 18 °C almost the whole time with a single dip to 17 °C.';
  assert.deepEqual(met(answer, [low], { main: [18, 17, 18] }), { low: true }, '"almost the whole time" is not steady');
});

test('names in an aside after a list pair with its figures in order; a figure stamped t=0 is the first', () => {
  const level = { quantity: 'sound-level' as const, places: ['living-room'], sensors: ['KY-038'] };
  const low = numberFact('low', { ...level, stat: 'min' }, { agg: 'min', unit: 'dBA', tol: 0.6 });
  const high = numberFact('high', { ...level, stat: 'max' }, { agg: 'max', unit: 'dBA', tol: 0.6 });
  assert.deepEqual(met('44.7 / 57.3 dBA (quietest / loudest).', [low, high], { main: [45.8, 44.7, 57.3] }), { low: true, high: true });
  const start = numberFact('start', { quantity: 'distance', places: ['garage'], stat: 'first' }, { agg: 'first', unit: 'cm', tol: 0.6 });
  assert.deepEqual(met('Readings: 119.7 cm (t=0) and 120.0 cm (t=5 s).', [start], { main: [119.7, 120] }), { start: true });
});

test('a gap sized in words ("by a wide margin:") labels no figure as a gap', () => {
  const about = { quantity: 'magnetic-field' as const, sensors: ['KY-035'] };
  const workshop = numberFact('workshop', { ...about, places: ['workshop'] }, { unit: 'mT', tol: 0.06 });
  const garage = numberFact('garage', { ...about, places: ['garage'] }, { ref: 'garage', unit: 'mT', tol: 0.06 });
  const readings = { main: [23.37], garage: [0.54] };
  assert.deepEqual(met('The workshop sensor sees the stronger field by a wide margin: 23.37 mT against 0.54 mT in the garage.', [workshop, garage], readings), {
    workshop: true,
    garage: true,
  });
});

test('an arrow is no bound, and a bare figure a hundred times off the one before is it rescaled, not a move', () => {
  const lightMean = numberFact('mean', { quantity: 'light', places: ['garden'], sensors: ['BH1750'], stat: 'mean' }, { agg: 'mean', unit: 'fc', tol: 0.1 });
  assert.deepEqual(met('Garden BH1750 mean: 245.7 lux => 22.83 fc.', [lightMean], { main: [22.83] }), { mean: true });
  const first = numberFact('first', { quantity: 'moisture', places: ['garden'], stat: 'first' }, { agg: 'first', unit: '%', tol: 0.1 });
  assert.deepEqual(met('Garden moisture: 11.2 % → 0.112 as a fraction.', [first], { main: [11.2, 0.112] }), { first: false });
});

test('a span the series mostly kept to names no extremes', () => {
  const peak = numberFact('peak', { quantity: 'voltage', places: ['kitchen'], sensors: ['KY-026'], stat: 'max' }, { agg: 'max', unit: 'V', tol: 0.01 });
  const readings = { main: [0.372, 0.7, 1.174] };
  assert.deepEqual(met('Kitchen KY-026 highest: 1.174 V. The signal jumped around (11 samples, mostly 0.6–0.9 V).', [peak], readings), { peak: true });
  const low = numberFact('low', { quantity: 'voltage', places: ['kitchen'], sensors: ['KY-026'], stat: 'min' }, { agg: 'min', unit: 'V', tol: 0.01 });
  const answer =
    'The kitchen KY-026 voltage fell as low as 0.372 V and reached a high of 1.174 V. Most readings sat between about 0.58 and 0.93 V, so the signal is noisy.';
  assert.deepEqual(met(answer, [low, peak], readings), { low: true, peak: true });
});

test('a figure hyphenated to a part of the hardware names it; a number of things in words is stated as digits are', () => {
  const flagged = numberFact('flagged', { quantity: 'alarm-count', places: ['garden'], sensors: ['DS18B20'], stat: 'max' }, { agg: 'max', tol: 0 });
  const readings = { main: [2, 2, 2] };
  assert.deepEqual(met('## 1-Wire alarm search – garden box\n\n**2 probes are flagged** for the whole window.', [flagged], readings), { flagged: true });
  assert.deepEqual(met("On the garden box's 1-Wire bus, two probes are flagged: 28F79B36D8EA95EF and 2860D22049ECE01E.", [flagged], readings), {
    flagged: true,
  });
  assert.deepEqual(met("On the garden box's 1-Wire bus, three probes are flagged.", [flagged], readings), { flagged: false });
});

test('"last minus first" names a change, not its ends', () => {
  const change = numberFact(
    'change',
    { quantity: 'humidity', places: ['living-room'], sensors: ['DHT11'], stat: 'delta' },
    { agg: 'delta', unit: '%RH', tol: 0.5 },
  );
  const readings = { main: [28, 29, 28] };
  assert.deepEqual(met('Living-room DHT11 humidity 28, 29, 28 %RH -> change 0 %RH (last minus first).', [change], readings), { change: true });
  assert.deepEqual(met('### Living-room DHT11 change (last − first)\n- **Humidity:** **0 %RH** (28 → 28)', [change], readings), { change: true });
});

test('"most negative" names the lowest', () => {
  const about = { quantity: 'rotation-rate' as const, parts: ['z' as const], places: ['workshop'], sensors: ['MPU6050'] };
  const low = numberFact('low', { ...about, stat: 'min' }, { agg: 'min', unit: 'deg/s', tol: 0.6 });
  const high = numberFact('high', { ...about, stat: 'max' }, { agg: 'max', unit: 'deg/s', tol: 0.6 });
  const answer = '## Workshop MPU6050 z-axis\n\n- **Lowest (most negative):** -56.6 °/s at t=2 s\n- **Highest:** 53 °/s at t=3 s';
  assert.deepEqual(met(answer, [low, high], { main: [21.56, -56.6, 53] }), { low: true, high: true });
});

test("a statistic heading a sentence's subject describes the figure its verb states, however long the subject", () => {
  const peak = numberFact('peak', { quantity: 'temperature', places: ['bedroom'], sensors: ['DHT11'], stat: 'max' }, { agg: 'max', unit: 'C', tol: 0.6 });
  const temps = { main: [18, 18, 17, 18] };
  assert.deepEqual(met('The highest temperature the bedroom DHT11 reported during the whole six-second live window was 18 °C.', [peak], temps), { peak: true });
  assert.deepEqual(met('The highest temperature the bedroom DHT11 reported during the whole six-second live window was 17 °C.', [peak], temps), {
    peak: false,
  });
});

test('a number of samples in an opening statistic ("Averaged over the five one-second samples, ...") leaves its figure to the statistic', () => {
  const mean = numberFact('mean', { quantity: 'temperature', places: ['garden'], sensors: ['DS18B20'], stat: 'mean' }, { agg: 'mean', unit: 'C', tol: 0.06 });
  const temps = { main: [17.3125, 17.375, 17.3125, 17.375, 17.3125] };
  assert.deepEqual(met('Averaged over the five one-second samples, the garden DS18B20 came out at 17.34 °C.', [mean], temps), { mean: true });
  assert.deepEqual(met('Averaged over the five one-second samples, the garden DS18B20 came out at 17.9 °C.', [mean], temps), { mean: false });
});

test('"the extremes were A and B" names the lowest and the highest, whatever their times', () => {
  const gyro = { quantity: 'rotation-rate' as const, parts: ['z' as const], places: ['workshop'], sensors: ['MPU6050'] };
  const low = numberFact('low', { ...gyro, stat: 'min' }, { agg: 'min', unit: 'deg/s', tol: 0.5 });
  const high = numberFact('high', { ...gyro, stat: 'max' }, { agg: 'max', unit: 'deg/s', tol: 0.5 });
  const readings = { main: [21.56, -56.6, 53, 27.56] };
  assert.deepEqual(met('The z rotation extremes were -56.6 °/s at t=2 s and +53 °/s at t=3 s.', [low, high], readings), { low: true, high: true });
  assert.deepEqual(met('The z rotation extremes were -53 °/s at t=2 s and +56.6 °/s at t=3 s.', [low, high], readings), { low: false, high: false });
});

test('the spread between highest and lowest is the range, not either extreme', () => {
  const lm35 = { quantity: 'raw' as const, places: ['kitchen'], sensors: ['LM35'] };
  const range = numberFact('range', { ...lm35, stat: 'range' }, { agg: 'range', tol: 0 });
  const high = numberFact('high', { ...lm35, stat: 'max' }, { agg: 'max', tol: 0 });
  const readings = { main: [397, 398, 397] };
  assert.deepEqual(met('The kitchen LM35 spread between highest and lowest was just 1 count.', [range], readings), { range: true });
  assert.deepEqual(met('The kitchen LM35 spread between highest and lowest was just 1 count.', [high], readings), { high: false });
});

test('a figure and what it is compared with ("2044, roughly double your threshold") are apart', () => {
  const y = numberFact('y', { quantity: 'raw', parts: ['y'], places: ['living-room'], sensors: ['KY-023'] }, { tol: 0 });
  assert.deepEqual(met('The Y axis on the living-room KY-023 reads 2044, roughly double your threshold.', [y], { main: [2044] }), { y: true });
});

test('"essentially at zero" describes a figure, it states none', () => {
  const raw = numberFact('raw', { quantity: 'raw', places: ['kitchen'], sensors: ['WATER'] }, { tol: 1 });
  assert.deepEqual(met('The kitchen water probe raw level is 2 counts; at 2 counts it is essentially at zero.', [raw], { main: [2] }), { raw: true });
  assert.deepEqual(met('The kitchen water probe raw level is 2 counts; the count was zero.', [raw], { main: [2] }), { raw: false });
});

test('a markdown heading with figures in it introduces the list under it ("## Garden: 3 s averages (6 samples)")', () => {
  const raw = numberFact('raw', { quantity: 'raw', places: ['garden'], sensors: ['GUVA-S12SD'], stat: 'mean' }, { agg: 'mean', tol: 0.5 });
  const readings = { main: [575, 576, 578, 576, 576, 576] };
  assert.deepEqual(met('## GUVA-S12SD garden: 3 s averages (6 samples)\n\n- **Raw:** **576.2**', [raw], readings), { raw: true });
  assert.deepEqual(
    met('## GUVA-S12SD garden: 3 s log (6 samples)\n\n- **Raw:** **576.2**', [raw], readings),
    { raw: false },
    'a heading naming no statistic gives none',
  );
});

test('a unit standing as a field name ("BH1750 lux = 231.2") is the unit of the figure after it', () => {
  const light = numberFact('light', { quantity: 'light', places: ['living-room'], sensors: ['BH1750'], stat: 'mean' }, { agg: 'mean', unit: 'lux', tol: 0.5 });
  assert.deepEqual(met('Living-room averages: BH1750 lux = 231.2.', [light], { main: [231.16] }), { light: true });
});

test('how units relate ("1 mT = 10 G") states no reading', () => {
  const field = numberFact('field', { quantity: 'magnetic-field', places: ['workshop'], sensors: ['KY-035'] }, { unit: 'G', tol: 0.6 });
  assert.deepEqual(met('The workshop KY-035 reads 11.96 mT, which is 119.6 G (1 mT = 10 G).', [field], { main: [119.6] }), { field: true });
  assert.deepEqual(met('The workshop KY-035 reads 11.96 mT, which is 10 G.', [field], { main: [119.6] }), { field: false });
});

test('an irradiance is no UV index', () => {
  const uv = numberFact('uv', { quantity: 'uv-index', places: ['garden'], sensors: ['GUVA-S12SD'] }, { tol: 0.1 });
  assert.deepEqual(met('The garden GUVA-S12SD UV index is 8.7.', [uv], { main: [8.7] }), { uv: true });
  assert.deepEqual(met('The garden GUVA-S12SD read 8.7 mW/cm² of UV.', [uv], { main: [8.7] }), { uv: false });
});

test('"at t=0" is the first reading; "a spread of 5" is the figure after "of"; "1 (high)" is a level', () => {
  const hum = { quantity: 'humidity' as const, places: ['living-room'], sensors: ['DHT11'] };
  const firstHum = numberFact('first', { ...hum, stat: 'first' }, { agg: 'first', unit: '%RH', tol: 1 });
  assert.deepEqual(met('The DHT11 read 50 %RH at t=0 and 49 %RH at the last sample.', [firstHum], { main: [50, 51, 49] }), { first: true });
  const range = numberFact('range', { quantity: 'raw', places: ['living-room'], sensors: ['BH1750'], stat: 'range' }, { agg: 'range', tol: 2 });
  assert.deepEqual(met('Living room BH1750 raw: min 295, max 300 → spread of 5 counts.', [range], { main: [295, 300] }), { range: true });
  const clk = numberFact('clk', { quantity: 'pin-level', parts: ['clk'], places: ['living-room'], sensors: ['KY-040'] }, { tol: 0 });
  assert.deepEqual(met('Living room KY-040 CLK: 1 (high).', [clk], { main: [1] }), { clk: true });
});
