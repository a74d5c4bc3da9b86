import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AnswerFact } from '../../tasks/schema.js';
import { checkAnswer, numbersIn } from './answer-check.js';
import { findPhrases, leadingYesNo } from './phrases.js';

const temp = (t: number) => new Map([['main', [t]]]);
const last = { ref: 'main', agg: 'last' } as const;

const motion: AnswerFact = {
  id: 'a1',
  kind: 'boolean',
  says: 'motion',
  value: last,
  yes: ['motion detected', 'movement detected', 'someone is', 'is moving', 'occupied'],
  no: ['no motion', 'no movement', 'empty', 'nobody', 'no one'],
};
const motionSeen = new Map([['main', [true]]]);
const motionNone = new Map([['main', [false]]]);

function ok(answer: string, facts: AnswerFact[], bindings: Map<string, (number | boolean | string)[]>): boolean[] {
  return checkAnswer(answer, facts, bindings).map((v) => v.ok);
}

describe('numbers in an answer', () => {
  test('reads signs, decimals, thousands separators, Unicode minus and small number words, not digits inside names', () => {
    assert.deepEqual(
      numbersIn('DHT11 says 24 °C; lux 54,612.5, tilt −2.3 deg, range 20-25, three samples').map((n) => n.value),
      [24, 54612.5, -2.3, 20, 25, 3],
    );
  });

  test('a value within its tolerance passes, the nearest miss is reported', () => {
    const fact: AnswerFact = { id: 'a1', kind: 'number', says: 'temperature', value: last, tol: { abs: 0.6 }, unit: 'C' };
    assert.deepEqual(ok('It is about 24 degrees in the living room.', [fact], temp(23.6)), [true]);
    const [miss] = checkAnswer('It is 26 degrees.', [fact], temp(23.6));
    assert.equal(miss!.ok, false);
    assert.match(miss!.reason!, /closest stated: 26/);
  });

  test('a relative tolerance scales with the value', () => {
    const fact: AnswerFact = { id: 'a1', kind: 'number', says: 'lux', value: last, tol: { abs: 1, rel: 0.02 } };
    assert.deepEqual(ok('roughly 54,600 lux out there', [fact], temp(54612.5)), [true]);
    assert.deepEqual(ok('roughly 50,000 lux out there', [fact], temp(54612.5)), [false]);
  });

  test('zero said as a word counts', () => {
    const fact: AnswerFact = { id: 'a1', kind: 'number', says: 'probes in alarm', value: last, tol: { abs: 0 } };
    assert.deepEqual(ok('None of the probes is in alarm.', [fact], temp(0)), [true]);
  });
});

describe('yes/no verdicts', () => {
  test('phrases on either side, negation flipping them, the first statement deciding', () => {
    const cases: [string, boolean][] = [
      ['Motion detected: someone is in the kitchen.', true],
      ['No motion detected, the kitchen is empty.', false],
      ['Nobody is moving in there right now.', false],
      ['The motion sensor reads nothing: the room is empty.', false],
      ['Someone is there, the PIR shows movement detected.', true],
      ["The PIR isn't detecting anyone; the room is empty.", false],
    ];
    for (const [answer, stated] of cases) {
      assert.deepEqual(ok(answer, [motion], stated ? motionSeen : motionNone), [true], answer);
      assert.deepEqual(ok(answer, [motion], stated ? motionNone : motionSeen), [false], `${answer} (opposite truth)`);
    }
  });

  test('a leading yes or no is the verdict, but "No one" and "No problem" are not', () => {
    assert.equal(leadingYesNo('Yes, someone is there.'), true);
    assert.equal(leadingYesNo('No. The beam is clear.'), false);
    assert.equal(leadingYesNo("No one's in the kitchen."), undefined);
    assert.equal(leadingYesNo('No problem, here it is'), undefined);
    const hot: AnswerFact = { id: 'a1', kind: 'boolean', says: 'above 30', value: { op: 'gt', args: [last, { const: 30 }] }, yes: ['above'], no: ['below'] };
    assert.deepEqual(ok('Yes: 32 °C, well over the mark.', [hot], temp(32)), [true]);
    assert.deepEqual(ok("It's not above 30; it reads 27 °C.", [hot], temp(27)), [true]);
    assert.deepEqual(ok("No one's in the kitchen, and it is below 30.", [hot], temp(27)), [true]);
  });

  test('a flag written as a field with false is read as false', () => {
    const wet: AnswerFact = { id: 'a1', kind: 'boolean', says: 'wet', value: last, yes: ['wet', 'leak'], no: ['dry'] };
    assert.deepEqual(ok('Probe status: wet: false, raw 9.', [wet], motionNone), [true]);
    assert.deepEqual(ok('Probe status: wet: false, raw 9.', [wet], motionSeen), [false]);
  });

  test('with two yes/no facts a bare leading yes decides neither; each needs its own words', () => {
    const shaking: AnswerFact = { id: 'a2', kind: 'boolean', says: 'shaking', value: { ref: 'shock', agg: 'last' }, yes: ['shaking'], no: ['still'] };
    const bindings = new Map<string, (number | boolean | string)[]>([
      ['main', [true]],
      ['shock', [false]],
    ]);
    assert.deepEqual(ok('Yes. Someone is in the workshop, and the bench is still.', [motion, shaking], bindings), [true, true]);
    assert.deepEqual(ok('Yes.', [motion, shaking], bindings), [false, false]);
  });

  test('an answer with no verdict fails with a reason', () => {
    const [verdict] = checkAnswer('I read the sensor.', [motion], motionSeen);
    assert.equal(verdict!.ok, false);
    assert.match(verdict!.reason!, /states no verdict; expected yes/);
  });
});

describe('choices, texts, mentions and conditions', () => {
  const warmer: AnswerFact = {
    id: 'a1',
    kind: 'choice',
    says: 'warmer room',
    value: { pick: 'max', of: [{ label: 'living-room', value: { ref: 'l', agg: 'last' } }, { label: 'bedroom', value: { ref: 'b', agg: 'last' } }] },
    options: { 'living-room': ['living room', 'lounge'], bedroom: ['bedroom'] },
    cues: ['warmer', 'warmest', 'hotter'],
  };
  const rooms = new Map([
    ['l', [24]],
    ['b', [21]],
  ]);

  test('the verdict names the option next to the cue, whatever order the rooms are listed in', () => {
    assert.deepEqual(ok('The living room is warmer: 24 °C against 21 °C in the bedroom.', [warmer], rooms), [true]);
    assert.deepEqual(ok('Comparing the bedroom (21 °C) and the living room (24 °C), the living room is warmer.', [warmer], rooms), [true]);
    assert.deepEqual(ok('The living room, at 24 °C, is warmer than the bedroom.', [warmer], rooms), [true]);
    assert.deepEqual(ok('The bedroom is warmer than the living room.', [warmer], rooms), [false]);
  });

  test('a ROM code matches however it is punctuated', () => {
    const rom: AnswerFact = { id: 'a1', kind: 'text', says: 'ROM', value: last };
    const bindings = new Map([['main', ['28F79B36D8EA95EF']]]);
    assert.deepEqual(ok('ROM: 28:F7:9B:36:D8:EA:95:EF', [rom], bindings), [true]);
    assert.deepEqual(ok('ROM: 28F79B36D8EA95EE', [rom], bindings), [false]);
  });

  test('advice must mention its substance', () => {
    const advice: AnswerFact = { id: 'a1', kind: 'mentions', says: 'a way to cool down', any: ['fan', 'open a window'] };
    assert.deepEqual(ok('It is 31 °C; switch on a fan.', [advice], temp(31)), [true]);
    assert.deepEqual(ok('It is 31 °C.', [advice], temp(31)), [false]);
  });

  test('a fact whose condition does not hold is skipped, not failed', () => {
    const conditional: AnswerFact = { id: 'a1', kind: 'number', says: 'humidity', when: { op: 'gt', args: [last, { const: 25 }] }, value: { ref: 'hum', agg: 'last' }, tol: { abs: 1 } };
    const [verdict] = checkAnswer('It is 22 °C.', [conditional], temp(22));
    assert.deepEqual([verdict!.skipped, verdict!.ok], [true, true]);
    const [needed] = checkAnswer('It is 27 °C.', [conditional], temp(27));
    assert.equal(needed!.ok, false, 'the humidity was needed and its call was not made');
    assert.match(needed!.reason!, /no reading bound to "hum"/);
  });

  test('phrase matching prefers the longer phrase where two overlap', () => {
    const matches = findPhrases('no motion here', [['motion'], ['no motion']]);
    assert.deepEqual(matches.map((m) => [m.phrase, m.negated]), [['no motion', false]]);
  });
});
