import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RecoveryTracker } from './recovery.js';
import type { FaultRecord } from './soak-types.js';

function fault(kind: FaultRecord['kind'] = 'mcu-drop'): FaultRecord {
  return { seq: 1, kind, target: 'x', detail: '', injectedAt: 1000, atS: 1, recoveryFrom: null, recoveredAt: null, recoveryMs: null };
}

describe('recovery after a fault', () => {
  test('a dropped board has recovered at the first answered call to it sent after the injection', () => {
    const tracker = new RecoveryTracker();
    const record = fault();
    tracker.track(record, ['esp32-a'], 1000);
    tracker.observe({ mcu: 'esp32-b', sent: 1100, received: 1150 }); // another board
    tracker.observe({ mcu: 'esp32-a', sent: 900, received: 1200 }); // already on its way at the injection
    assert.equal(record.recoveredAt, null);
    tracker.observe({ mcu: 'esp32-a', sent: 1300, received: 1450 });
    assert.equal(record.recoveredAt, 1450);
    assert.equal(record.recoveryMs, 450);
    assert.equal(tracker.pending, 0);
  });

  test('two dropped boards recover when both have answered, at the later answer', () => {
    const tracker = new RecoveryTracker();
    const record = fault();
    tracker.track(record, ['a', 'b'], 1000);
    tracker.observe({ mcu: 'b', sent: 1500, received: 1900 });
    assert.equal(record.recoveredAt, null);
    tracker.observe({ mcu: 'a', sent: 1100, received: 1200 });
    assert.equal(record.recoveredAt, 1900);
    assert.equal(record.recoveryMs, 900);
  });

  test('a datapool restart recovers at any answered call', () => {
    const tracker = new RecoveryTracker();
    const record = fault('datapool-kill');
    tracker.track(record, 'any', 1000);
    tracker.observe({ mcu: 'whatever', sent: 1001, received: 1600 });
    assert.equal(record.recoveryMs, 600);
  });

  test('a spike is timed from its end: calls during it do not count', () => {
    const tracker = new RecoveryTracker();
    const record = fault('latency-spike');
    const tracked = tracker.track(record, ['a'], null);
    tracker.observe({ mcu: 'a', sent: 1100, received: 1700 });
    assert.equal(record.recoveredAt, null);
    tracked.measureFrom(2000);
    tracker.observe({ mcu: 'a', sent: 2050, received: 2100 });
    assert.equal(record.recoveryFrom, 2000);
    assert.equal(record.recoveryMs, 100);
  });

  test('a fault that never recovers stays unrecovered, and the wait for it gives up', async () => {
    const tracker = new RecoveryTracker();
    const record = fault();
    tracker.track(record, ['gone'], 1000);
    assert.equal(await tracker.whenAllRecovered(20), false);
    assert.equal(record.recoveredAt, null);
    assert.equal(record.recoveryMs, null);
  });

  test('waiting for recovery ends as soon as the last fault recovers', async () => {
    const tracker = new RecoveryTracker();
    tracker.track(fault(), ['a'], 1000);
    const waiting = tracker.whenAllRecovered(10_000);
    tracker.observe({ mcu: 'a', sent: 1001, received: 1002 });
    assert.equal(await waiting, true);
  });
});
