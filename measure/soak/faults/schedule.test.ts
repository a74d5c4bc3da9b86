import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FAULT_KINDS, faultKindsFor } from '../soak-types.js';
import { faultOrder } from './schedule.js';

function take(kinds: Parameters<typeof faultOrder>[0], seed: number, n: number): string[] {
  const order = faultOrder(kinds, seed);
  return Array.from({ length: n }, () => order.next().value.kind);
}

describe('the fault schedule', () => {
  test('every round has each kind exactly once, and no kind comes twice in a row', () => {
    const kinds = [...FAULT_KINDS];
    const sequence = take(kinds, 11, kinds.length * 20);
    for (let round = 0; round < 20; round++) {
      const slice = sequence.slice(round * kinds.length, (round + 1) * kinds.length);
      assert.deepEqual([...slice].sort(), [...kinds].sort());
    }
    for (let i = 1; i < sequence.length; i++) assert.notEqual(sequence[i], sequence[i - 1], `position ${i}`);
  });

  test('the order is seeded: same seed, same order; another seed, another order', () => {
    const kinds = [...FAULT_KINDS];
    assert.deepEqual(take(kinds, 5, 25), take(kinds, 5, 25));
    assert.notDeepEqual(take(kinds, 5, 25), take(kinds, 6, 25));
  });

  test('memory mode has no broker to restart', () => {
    assert.ok(!faultKindsFor('memory').includes('broker-restart'));
    assert.deepEqual(faultKindsFor('mqtt'), [...FAULT_KINDS]);
  });
});
