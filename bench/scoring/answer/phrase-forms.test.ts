import assert from 'node:assert/strict';
import { test } from 'node:test';
import { met, yesNoFact } from './facts.test-helper.js';
import { findPhrases } from './phrases.js';

/** The forms a verdict phrase is found in: other linking verbs, words between, other verb forms. */

const found = (text: string, phrase: string) => findPhrases(text, [[phrase]]).map((m) => text.slice(m.start, m.end));

test('a phrase\'s "is" stands for any linking verb', () => {
  assert.deepEqual(found('the switch stayed off in every reading', 'switch is off'), ['switch stayed off']);
  assert.deepEqual(found('the alarm remained on', 'alarm is on'), ['alarm remained on']);
});

test('an article or an adverb may stand between the words of a phrase', () => {
  assert.deepEqual(found("I don't see any probe in an alarm state", 'in alarm'), ['in an alarm']);
  assert.deepEqual(found('nothing is actually moving in there', 'is moving'), ['is actually moving']);
  assert.deepEqual(found('the switch is wired off', 'switch is off'), [], 'only articles and adverbs');
});

test('the verb a phrase opens with is found in any form', () => {
  assert.deepEqual(found("I don't see it going low at any point", 'went low'), ['going low']);
  assert.deepEqual(found('it stays low', 'stayed low'), ['stays low']);
});

test('a past form is found in its bare form after an auxiliary, or as the noun "no" denies', () => {
  assert.deepEqual(found("its state didn't really change", 'changed'), ['change']);
  assert.deepEqual(found('no change between the reads', 'changed'), ['change']);
  assert.deepEqual(found('a change between the reads', 'changed'), []);
});

test('the forms make hedges and denials visible', () => {
  const motion = yesNoFact('motion', { ref: 'main', agg: 'any' }, ['motion', 'is moving'], ['no motion', 'nobody'], {
    places: ['living-room'],
    sensors: ['HC-SR501'],
  });
  const answer = "It did flag motion from around the 4-second mark, but I'd say nothing is actually moving in there.";
  assert.deepEqual(met(answer, [motion], { main: [false, true] }), { motion: false });
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
  assert.deepEqual(met('The level did not change between the two reads.', [changed], { main: [1, 1] }), { changed: true });
  assert.deepEqual(met('The level did not change between the two reads.', [changed], { main: [1, 0] }), { changed: false });
});
