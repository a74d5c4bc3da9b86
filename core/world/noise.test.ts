import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gaussian, hashString, smoothGaussian, uniform } from './noise.js';

describe('deterministic noise', () => {
  test('same seed, key and time give the same value; any change gives another', () => {
    const t = Date.UTC(2026, 5, 21, 12);
    assert.equal(uniform(1, 'a', t), uniform(1, 'a', t));
    assert.equal(gaussian(1, 'a', t), gaussian(1, 'a', t));
    assert.notEqual(uniform(1, 'a', t), uniform(2, 'a', t));
    assert.notEqual(uniform(1, 'a', t), uniform(1, 'b', t));
    assert.notEqual(uniform(1, 'a', t), uniform(1, 'a', t + 1));
    // Times that differ only above 2^32 ms must not collide.
    assert.notEqual(uniform(1, 'a', 5), uniform(1, 'a', 5 + 2 ** 32));
  });

  test('uniform values lie in [0, 1) and spread evenly', () => {
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < 20_000; i++) {
      const u = uniform(7, 'u', i);
      assert.ok(u >= 0 && u < 1);
      bins[Math.floor(u * 10)]!++;
    }
    for (const count of bins) assert.ok(count > 1800 && count < 2200, `bin count ${count}`);
  });

  test('gaussian values have mean 0 and standard deviation 1', () => {
    let sum = 0;
    let squares = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const g = gaussian(11, 'g', i);
      assert.ok(Number.isFinite(g));
      sum += g;
      squares += g * g;
    }
    const mean = sum / n;
    assert.ok(Math.abs(mean) < 0.05, `mean ${mean}`);
    assert.ok(Math.abs(Math.sqrt(squares / n - mean * mean) - 1) < 0.05);
  });

  test('smooth noise meets the knot values and changes little between close instants', () => {
    assert.equal(smoothGaussian(3, 's', 5000, 1000), gaussian(3, 's', 5));
    for (let t = 0; t < 10_000; t += 10) {
      assert.ok(Math.abs(smoothGaussian(3, 's', t + 10, 1000) - smoothGaussian(3, 's', t, 1000)) < 0.2);
    }
  });

  test('string hashes depend on the seed and the whole string', () => {
    assert.equal(hashString('kitchen', 1), hashString('kitchen', 1));
    assert.notEqual(hashString('kitchen', 1), hashString('kitchen', 2));
    assert.notEqual(hashString('ab'), hashString('ba'));
  });
});
