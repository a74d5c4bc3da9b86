import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countWhere, met, numberFact, yesNoFact } from './facts.test-helper.js';

/** Answers that commit to nothing keep failing under the readings that lists, labels and replies now get. */

const max = numberFact('max', { quantity: 'raw', stat: 'max' }, { agg: 'max', tol: 0 });
const mean = numberFact('mean', { quantity: 'raw', stat: 'mean' }, { agg: 'mean', tol: 0.5 });
const series = { main: [17, 19, 23, 21] };

test('a second count offered after the counted noun is a hedge', () => {
  const flames = numberFact('flames', { places: ['kitchen'], sensors: ['KY-026'], stat: 'count', words: ['flame'] }, { value: countWhere(true), tol: 0 });
  const readings = { main: [true, true, true, true, true, true, false] };
  assert.deepEqual(met('The kitchen flame detector flagged a flame in 6 samples - or 5 if you skip the first.', [flames], readings), { flames: false });
  assert.deepEqual(met('The kitchen flame detector flagged a flame in 6 samples.', [flames], readings), { flames: true });
});

test('a share restating a count in another unit is no alternative to it', () => {
  const about = { places: ['living-room'], sensors: ['KY-036'] };
  const high = numberFact('high', { ...about, stat: 'count', words: ['high'] }, { value: countWhere(1), tol: 0 });
  const total = numberFact('total', { ...about, stat: 'total' }, { agg: 'count', tol: 0 });
  const share = numberFact(
    'share',
    { ...about, stat: 'share' },
    { value: { ref: 'main', agg: 'fraction', where: { cmp: 'eq', value: 1 } }, unit: 'fraction', tol: 0.01 },
  );
  const readings = { main: [0, 0, 0, 0, 0, 0, 1, 1, 1, 1] };
  assert.deepEqual(met('High in 4 of 10 samples, or 40 %.', [high, total, share], readings), { high: true, total: true, share: true });
});

test('replies both ways fail, however they are introduced', () => {
  const changed = yesNoFact(
    'changed',
    {
      op: 'ne',
      args: [
        { ref: 'main', agg: 'first' },
        { ref: 'main', agg: 'last' },
      ],
    },
    ['changed'],
    ['same'],
  );
  assert.deepEqual(met('It changed, so technically yes, but effectively no.', [changed], { main: [1, 0] }), { changed: false });
  const pressed = yesNoFact('pressed', { ref: 'main', agg: 'last' }, ['pressed'], ['released']);
  assert.deepEqual(met('Pressed: yes. Released: yes.', [pressed], { main: [true] }), { pressed: false });
});

test('every value listed by its time names no extreme, and an introduction over every value is a hedge', () => {
  assert.deepEqual(met('t = 0 s: 17\nt = 1 s: 19\nt = 2 s: 23\nt = 3 s: 21', [max], series), { max: false });
  assert.deepEqual(met('The averages are:\n- 17\n- 19\n- 21', [mean], { main: [17, 19, 21] }), { mean: false });
});

test('a statistic shared across a comparison makes two values for it', () => {
  const temperature = numberFact('temperature', { quantity: 'temperature', stat: 'mean' }, { agg: 'mean', unit: 'C', tol: 0.5 });
  assert.deepEqual(met('Mean 19 °C vs 23 °C.', [temperature], { main: [19] }), { temperature: false });
});

test('a bare figure states a fact only where nothing else could be meant', () => {
  const temperature = numberFact('temperature', { quantity: 'temperature', places: ['living-room'] }, { unit: 'C', tol: 0.6 });
  assert.deepEqual(met('31', [temperature], { main: [31] }), { temperature: false }, '"31" could be C or F');
  assert.deepEqual(met('31 °C', [temperature], { main: [31] }), { temperature: true });
  const raw = numberFact('raw', { quantity: 'raw', places: ['kitchen'] }, { tol: 0 });
  assert.deepEqual(met('Raw: 397', [raw], { main: [397] }), { raw: true }, 'an ADC count has no other unit');
  assert.deepEqual(met('397 counts', [raw], { main: [397] }), { raw: true });
  assert.deepEqual(met('397', [raw], { main: [397] }), { raw: false }, 'figures and nothing else bind to nothing');
  assert.deepEqual(met('397 397', [raw], { main: [397] }), { raw: false });
});

test('a figure named as three statistics at once is keyword stuffing; as two it states both', () => {
  const stat = (id: 'min' | 'max' | 'mean') => numberFact(id, { quantity: 'raw', places: ['garden'], stat: id }, { agg: id, tol: 0 });
  const [min, maxed, average] = [stat('min'), stat('max'), stat('mean')];
  const flat = { main: [65535, 65535, 65535] };
  assert.deepEqual(met('The garden raw lowest highest average first last change total is 65535.', [average], flat), { mean: false });
  assert.deepEqual(met('The garden raw min and max were both 65535.', [min, maxed], flat), { min: true, max: true });
  assert.deepEqual(met('The garden raw min and max were both 65535.', [min, maxed], { main: [65000, 65535] }), { min: false, max: true });
});

test('statistics stuffed before a figure that takes none of them still make it state nothing', () => {
  const held = numberFact('held', { quantity: 'duration', places: ['living-room'], sensors: ['KY-023'], stat: 'derived' }, { unit: 's', tol: 0.25 });
  assert.deepEqual(met('The living room duration (KY-023) lowest highest average first last change total is 0.75 s.', [held], { main: [0.75] }), {
    held: false,
  });
  assert.deepEqual(met('The living room KY-023 button was held down for 0.75 s in total.', [held], { main: [0.75] }), { held: true });
});

test('a yes and a no joined as one predicate say both', () => {
  const tipped = yesNoFact('tipped', { ref: 'main', agg: 'any' }, ['tipped'], ['upright']);
  assert.deepEqual(met('The workshop KY-020 is upright and tipped.', [tipped], { main: [false, true] }), { tipped: false });
  assert.deepEqual(met('The workshop KY-020 was upright at first and tipped at 2 s.', [tipped], { main: [false, true] }), { tipped: true });
});

test('a verdict word heading a compound noun names a thing: "fire brigade"', () => {
  const flame = yesNoFact('flame', { ref: 'main', agg: 'last' }, ['flame', 'fire'], ['no flame'], { places: ['kitchen'] });
  assert.deepEqual(met('Living room (KY-026): flame detected.\n\nSuggestion: fire brigade.', [flame], { main: [true] }), { flame: false });
});

test('a figure said of part of a series is no statistic of the whole', () => {
  const mean = numberFact('mean', { quantity: 'voltage', places: ['garage'], sensors: ['KY-035'], stat: 'mean' }, { agg: 'mean', unit: 'mV', tol: 15 });
  const readings = { main: [1650, 1650, 1650, 1650, 1462, 1440, 1430, 1422] };
  assert.deepEqual(met('The garage average was 1544 mV. That mean hides a step: the first four readings were close to 1650 mV.', [mean], readings), {
    mean: true,
  });
  const max = numberFact('max', { quantity: 'voltage', places: ['garage'], sensors: ['KY-035'], stat: 'max' }, { agg: 'max', unit: 'mV', tol: 15 });
  assert.deepEqual(met('The garage maximum was 1650 mV, and from t = 2.0 s it stepped down to a peak of 1462 mV.', [max], readings), { max: true });
});

test('a figure every sample had is each statistic of the series', () => {
  const stat = (id: 'min' | 'max' | 'mean') => numberFact(id, { quantity: 'uv-index', places: ['garden'], stat: id }, { agg: id, tol: 0.1 });
  assert.deepEqual(met('In the garden all five samples read 5.6.', [stat('min'), stat('max'), stat('mean')], { main: [5.6, 5.6, 5.6, 5.6, 5.6] }), {
    min: true,
    max: true,
    mean: true,
  });
});

test("one code written twice is still the answer's one code", () => {
  const pad = {
    id: 'pad',
    kind: 'text',
    says: 'scratchpad',
    value: { ref: 'main', agg: 'last' },
    about: { quantity: 'scratchpad', places: ['garden'] },
  } as never;
  assert.deepEqual(met('The 9-byte soil probe scratchpad:\n\nEA001E057FFF0C1075\n\n(EA 00 1E 05 7F FF 0C 10 75).', [pad], { main: ['EA001E057FFF0C1075'] }), {
    pad: true,
  });
});

test('a sentence opening on "It" is about the subject of the sentence before', () => {
  const about = { quantity: 'temperature' as const, places: ['garden'], sensors: ['DS18B20'] };
  const soil = numberFact('soil', { ...about, parts: ['soil-probe'] }, { ref: 'soil', unit: 'C', tol: 0.6 });
  const air = numberFact('air', { ...about, parts: ['air-probe'] }, { ref: 'air', unit: 'C', tol: 0.6 });
  const readings = { soil: [12.25], air: [9.8125] };
  assert.deepEqual(met('Yes, the soil is warmer. It reads 12.25 °C against 9.8125 °C for the air.', [soil, air], readings), { soil: true, air: true });
  assert.deepEqual(met('Yes, the soil is warmer. It reads 9.8125 °C against 12.25 °C for the air.', [soil, air], readings), { soil: false, air: false });
});
