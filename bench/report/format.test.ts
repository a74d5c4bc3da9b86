import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { duration, msPrecise, perSecond } from './format.js';

describe('perf formatters', () => {
  test('msPrecise keeps the digits the size of the figure needs', () => {
    assert.equal(msPrecise(0.412), '0.41 ms');
    assert.equal(msPrecise(2.236), '2.24 ms');
    assert.equal(msPrecise(18.56), '18.6 ms');
    assert.equal(msPrecise(205), '205 ms');
    assert.equal(msPrecise(null), '–');
  });

  test('duration switches from ms to seconds at one second', () => {
    assert.equal(duration(812), '812 ms');
    assert.equal(duration(9400), '9.4 s');
    assert.equal(duration(undefined), '–');
  });

  test('perSecond rounds to whole units with separators', () => {
    assert.equal(perSecond(14_210.6), '14,211/s');
    assert.equal(perSecond(21_400, ' commands/s'), '21,400 commands/s');
    assert.equal(perSecond(null), '–');
  });
});
