import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LevelPath } from './level-path.js';

describe('level path', () => {
  test('without a slew limit, each command holds from its time until the next', () => {
    const path = new LevelPath(
      [
        { timeMs: 100, value: 1 },
        { timeMs: 300, value: 0 },
      ],
      0,
    );
    assert.deepEqual(
      [0, 99.999, 100, 200, 299, 300, 1e12].map((t) => path.at(t)),
      [0, 0, 1, 1, 1, 0, 0],
    );
  });

  test('commands at one time take effect in their order: the last one holds', () => {
    const path = new LevelPath(
      [
        { timeMs: 100, value: 1 },
        { timeMs: 100, value: 0 },
        { timeMs: 100, value: 1 },
      ],
      0,
    );
    assert.equal(path.at(100), 1);
    assert.equal(path.at(99), 0);
  });

  test('a slew-limited level ramps to each command and stops there', () => {
    // 20 % per second = 0.02 per ms: 0 -> 100 takes 5 s.
    const path = new LevelPath([{ timeMs: 1000, value: 100 }], 0, 0.02);
    assert.equal(path.at(999), 0);
    assert.equal(path.at(1000), 0);
    assert.equal(path.at(2000), 20);
    assert.equal(path.at(3500), 50);
    assert.equal(path.at(6000), 100);
    assert.equal(path.at(60_000), 100);
  });

  test('a command in the middle of a ramp turns it from where it is', () => {
    const path = new LevelPath(
      [
        { timeMs: 0, value: 100 },
        { timeMs: 2000, value: 10 },
      ],
      0,
      0.02,
    );
    assert.equal(path.at(2000), 40);
    assert.equal(path.at(2500), 30);
    assert.equal(path.at(3500), 10);
    assert.equal(path.at(9000), 10);
  });

  test('a command the level already holds, or one after the ramp ended, starts no ramp', () => {
    const path = new LevelPath(
      [
        { timeMs: 0, value: 50 },
        { timeMs: 10_000, value: 50 },
        { timeMs: 20_000, value: 0 },
      ],
      0,
      0.02,
    );
    assert.equal(path.at(2500), 50);
    assert.equal(path.at(15_000), 50);
    assert.equal(path.at(21_000), 30);
    assert.equal(path.at(30_000), 0);
  });
});
