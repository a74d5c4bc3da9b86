import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkAnswer } from '../answer-check.js';
import { countWhere, numberFact, yesNoFact } from './facts.test-helper.js';
import { SentenceGaps } from './spans.js';

/**
 * Reading an answer costs time in proportion to its length: an answer that lists every field of every
 * reading in one sentence, or repeats verdict words without a break, is read in well under a second.
 */

const about = { places: ['living-room'], sensors: ['DHT11'] };
const facts = [
  numberFact('mean', { ...about, quantity: 'temperature', stat: 'mean' }, { agg: 'mean', unit: 'C', tol: 0.5 }),
  numberFact('humid', { ...about, quantity: 'humidity' }, { ref: 'humid', unit: '%RH', tol: 1 }),
  numberFact('count', { ...about, stat: 'count', words: ['high'] }, { value: countWhere(true, 'flag'), tol: 0 }),
  yesNoFact('motion', { ref: 'flag', agg: 'any' }, ['motion detected', 'moving'], ['no motion', 'still'], about),
];
const readings = new Map(Object.entries({ main: [31], humid: [45], flag: [true] }));

function repeat(length: number, item: (i: number) => string): string {
  let text = '';
  for (let i = 0; text.length < length; i++) text += item(i);
  return text;
}

/** The slowest of a few long answers of `length` characters, in milliseconds. */
function slowest(length: number): number {
  const answers = [
    repeat(length, (i) => `living room temperature ${(20 + (i % 50) / 10).toFixed(1)} C, humidity ${40 + (i % 7)} %RH, t ${i * 0.5} s, first last mean ${i}, `),
    repeat(length, (i) => `(${i} (C) (lowest ${i})) `),
    repeat(length, (i) => `motion detected no motion still moving ${i} `),
    repeat(length, (i) => `from ${i} to ${i + 1} C and between the lowest and highest ${i}, `),
    repeat(length, () => 'e.g. approx. 31 C vs. '),
  ];
  let worst = 0;
  for (const answer of answers) {
    const started = performance.now();
    checkAnswer(answer, facts, readings, { prompt: 'Is anyone moving in the living room?', toolTexts: [answer.slice(0, 3000)] });
    worst = Math.max(worst, performance.now() - started);
  }
  return worst;
}

test('a 50 kB answer is read in well under the seconds a quadratic reading took', () => {
  slowest(2_000);
  assert.ok(slowest(50_000) < 2_500, 'each long answer is read in under 2.5 s');
});

test('the distance between two spans leaves out asides wholly between them, not those it cuts', () => {
  const text = 'the mean (6 samples, over 3 s) output, and then 196 mV';
  const gaps = new SentenceGaps(text, 0);
  const mean = { start: 4, end: 8 };
  const figure = { start: text.indexOf('196'), end: text.length };
  // "output" 1, "and" 1 + 2, "then" 1 + 6, the comma 2: the aside counts nothing.
  assert.equal(gaps.distance(mean, figure), 13);
  // From inside the aside its words after the cut count.
  assert.equal(gaps.wordsBetween(text.indexOf('over'), figure.start), 6);
  assert.equal(gaps.wordsOutsideAsides(text.indexOf('over'), figure.start), 3);
});
