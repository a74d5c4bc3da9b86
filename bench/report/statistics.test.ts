import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { distribution, meanWithCi, passAtK, passHatK, tQuantile975, wilson } from './statistics.js';

function close(actual: number | null | undefined, expected: number, tolerance = 1e-4): void {
  assert.ok(actual !== null && actual !== undefined, `expected ${expected}, got ${actual}`);
  assert.ok(Math.abs(actual - expected) <= tolerance, `expected ${expected} ± ${tolerance}, got ${actual}`);
}

describe('wilson', () => {
  // Hand-computed: z = 1.96, centre = (p + z²/2n) / (1 + z²/n), half = z·sqrt(p(1-p)/n + z²/4n²) / (1 + z²/n).
  test('0 of 10 starts at 0 and does not collapse to a point', () => {
    const [low, high] = wilson(0, 10)!;
    assert.equal(low, 0);
    close(high, 0.27753);
  });

  test('5 of 10 is symmetric around one half', () => {
    const [low, high] = wilson(5, 10)!;
    close(low, 0.236593);
    close(high, 0.763407);
  });

  test('10 of 10 ends at 1', () => {
    const [low, high] = wilson(10, 10)!;
    close(low, 0.72247);
    assert.equal(high, 1);
  });

  test('no trials gives no interval', () => {
    assert.equal(wilson(0, 0), null);
  });
});

describe('distribution', () => {
  test('percentiles interpolate linearly between ranks of the sorted values', () => {
    const input = [4, 1, 3, 2];
    const d = distribution(input);
    assert.equal(d.n, 4);
    assert.equal(d.mean, 2.5);
    assert.equal(d.p50, 2.5);
    close(d.p95, 3.85, 1e-9);
    close(d.p99, 3.97, 1e-9);
    assert.equal(d.min, 1);
    assert.equal(d.max, 4);
    assert.deepEqual(input, [4, 1, 3, 2], 'the caller’s array is left unsorted');
  });

  test('sorts numerically, not as strings', () => {
    const d = distribution([100, 9, 20]);
    assert.equal(d.p50, 20);
    assert.equal(d.max, 100);
  });

  test('one value is every percentile', () => {
    assert.deepEqual(distribution([205]), { n: 1, mean: 205, p50: 205, p95: 205, p99: 205, min: 205, max: 205 });
  });

  test('no values gives nulls', () => {
    assert.deepEqual(distribution([]), { n: 0, mean: null, p50: null, p95: null, p99: null, min: null, max: null });
  });
});

describe('pass@k and pass^k', () => {
  test('pass@1 is the success fraction: n=5, c=2 gives 0.4', () => {
    close(passAtK(5, 2, 1), 0.4, 1e-12);
  });

  test('pass@k matches 1 - C(n-c,k)/C(n,k) on small cases', () => {
    close(passAtK(10, 3, 2), 1 - 21 / 45, 1e-12);
    close(passAtK(3, 1, 2), 1 - 1 / 3, 1e-12);
    assert.equal(passAtK(10, 0, 3), 0);
    assert.equal(passAtK(10, 8, 3), 1, 'fewer failures than k: some draw always succeeds');
  });

  test('pass@k stays finite where the binomials overflow', () => {
    // C(1000, 500) is far beyond a double; the product form never forms it.
    const value = passAtK(1000, 10, 500);
    assert.ok(Number.isFinite(value) && value > 0.99 && value <= 1, `got ${value}`);
  });

  test('pass^k is C(c,k)/C(n,k)', () => {
    close(passHatK(5, 2, 1), 0.4, 1e-12);
    close(passHatK(10, 3, 2), 3 / 45, 1e-12);
    assert.equal(passHatK(3, 3, 3), 1);
    assert.equal(passHatK(3, 2, 3), 0);
  });

  test('counts that cannot be rejects with a clear error', () => {
    assert.throws(() => passAtK(3, 4, 1), RangeError);
    assert.throws(() => passHatK(3, 1, 0), RangeError);
    assert.throws(() => passAtK(3, 1, 4), RangeError);
  });
});

describe('meanWithCi', () => {
  test('Student t interval over tasks', () => {
    // mean 0.5, sd = sqrt(10·0.01/9), se = sd/sqrt(10) = 1/30, t(9) = 2.262
    const result = meanWithCi([0.4, 0.4, 0.4, 0.4, 0.4, 0.6, 0.6, 0.6, 0.6, 0.6])!;
    close(result.value, 0.5, 1e-12);
    close(result.ci95[0], 0.5 - 2.262 / 30, 1e-9);
    close(result.ci95[1], 0.5 + 2.262 / 30, 1e-9);
  });

  test('clamped to [0, 1]', () => {
    const result = meanWithCi([0.2, 0.4, 0.6])!;
    close(result.value, 0.4, 1e-12);
    assert.equal(result.ci95[0], 0);
    close(result.ci95[1], 0.4 + 4.303 * (0.2 / Math.sqrt(3)), 1e-9);
  });

  test('one task says nothing about the spread; none gives null', () => {
    assert.deepEqual(meanWithCi([1]), { value: 1, ci95: [0, 1] });
    assert.equal(meanWithCi([]), null);
  });

  test('t quantile from the table and the expansion beyond it', () => {
    assert.equal(tQuantile975(1), 12.706);
    assert.equal(tQuantile975(30), 2.042);
    close(tQuantile975(60), 2.0003, 2e-4);
    close(tQuantile975(1000), 1.9623, 2e-4);
  });
});
