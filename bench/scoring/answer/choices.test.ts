import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnswerFact } from '../../../tasks/schema.js';
import { met, numberFact } from './facts.test-helper.js';

/** Which option a choice's cue is said of. */

const warmer: AnswerFact = {
  id: 'warmer',
  kind: 'choice',
  says: 'which is warmer',
  value: {
    pick: 'max',
    of: [
      { label: 'kitchen', value: { ref: 'kitchen', agg: 'last' } },
      { label: 'garden', value: { ref: 'air', agg: 'last' } },
    ],
  },
  options: { kitchen: ['kitchen', 'inside'], garden: ['garden', 'outside'] },
  cues: ['warmer', 'hotter'],
  inverse_cues: ['cooler', 'colder'],
};
const air = numberFact('air', { quantity: 'temperature', parts: ['air-probe'], places: ['garden'], sensors: ['DS18B20'] }, { ref: 'air', unit: 'C', tol: 0.5 });
const readings = { kitchen: [24.7], air: [28.44], soil: [23.4] };

test("a cue said of another part of an option's sensor is not said of the option", () => {
  const answer = "It's warmer out in the garden: 28.44 °C. The garden DS18B20's second probe (the soil one) reads cooler, 23.4 °C.";
  assert.deepEqual(met(answer, [warmer, air], readings), { warmer: true, air: true });
  assert.deepEqual(met("It's warmer out in the garden: 28.44 °C. The garden air probe reads cooler than the kitchen.", [warmer, air], readings), {
    warmer: false,
    air: true,
  });
});

const clicked: AnswerFact = {
  id: 'clicked',
  kind: 'choice',
  says: 'which gets clicked more',
  value: {
    pick: 'max',
    of: [
      { label: 'encoder', value: { ref: 'main', agg: 'count', where: { cmp: 'eq', value: true } } },
      { label: 'joystick', value: { ref: 'joystick', agg: 'count', where: { cmp: 'eq', value: true } } },
    ],
  },
  options: { encoder: ['encoder', 'knob'], joystick: ['joystick', 'stick'] },
  cues: ['clicked', 'pressed', 'more'],
  inverse_cues: ['less', 'fewer'],
};
const presses = { main: [false, true, true, false], joystick: [false, false, false, false] };

test('a tie names both options at once', () => {
  assert.deepEqual(met("The encoder showed a brief press, but it's essentially a tie between the encoder and the joystick.", [clicked], presses), {
    clicked: false,
  });
  assert.deepEqual(met('The encoder was clicked more.', [clicked], presses), { clicked: true });
});

test('a state after a cue says which way ("joystick pressed false")', () => {
  assert.deepEqual(met('Encoder pressed true at 4.0 s. Joystick pressed false all the time. So the encoder gets clicked more.', [clicked], presses), {
    clicked: true,
  });
});

test('an answer opening with an option and a noun ("The workshop one.") names it', () => {
  const stronger: AnswerFact = {
    ...warmer,
    id: 'stronger',
    options: { kitchen: ['kitchen'], garden: ['garden'] },
    cues: ['stronger'],
    inverse_cues: ['weaker'],
  };
  assert.deepEqual(met('The garden one. It reads 28.44 °C, while the kitchen reads 24.7 °C.', [stronger], readings), { stronger: true });
  assert.deepEqual(met('The kitchen one. It reads 24.7 °C.', [stronger], readings), { stronger: false });
});
