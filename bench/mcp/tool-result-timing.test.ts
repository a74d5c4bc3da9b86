import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CallTiming } from './tool-result.js';
import { resultTimingOf } from './tool-result-timing.js';

const T0 = 1_750_000_000_000;

const timing: CallTiming = {
  mcpReceived: T0 + 1,
  mcpReturned: T0 + 40,
  accepted: T0 + 2,
  dispatched: T0 + 5,
  firstReceived: T0 + 20,
  lastReceived: T0 + 30,
  lastStored: T0 + 31,
  samples: [
    { received: T0 + 20, stored: T0 + 21, deviceTimestamp: 900, deviceElapsedMs: 12 },
    { received: T0 + 30, stored: T0 + 31, deviceTimestamp: 910, deviceElapsedMs: 3 },
  ],
};

test('reads back the instants a sensor result carries, and the first sample is what the board held', () => {
  assert.deepEqual(resultTimingOf({ sensor: 'DHT11', timing }), {
    mcpReceived: T0 + 1,
    mcpReturned: T0 + 40,
    accepted: T0 + 2,
    dispatched: T0 + 5,
    firstReceived: T0 + 20,
    lastReceived: T0 + 30,
    deviceHeldMs: 12,
  });
});

test("no timing, or none the server's own instants frame, is no timing", () => {
  assert.equal(resultTimingOf(null), null);
  assert.equal(resultTimingOf({ devices: [], count: 0 }), null);
  assert.equal(resultTimingOf({ timing: { ...timing, mcpReturned: null } }), null);
  assert.equal(resultTimingOf({ timing: { mcpReceived: 'soon', mcpReturned: T0 } }), null);
});

test('each other field is checked on its own: what is not an instant is unknown', () => {
  const decoded = resultTimingOf({ timing: { ...timing, accepted: undefined, dispatched: 0, firstReceived: Number.NaN, samples: [{ received: T0 + 20 }] } });
  assert.equal(decoded?.accepted, null);
  assert.equal(decoded?.dispatched, null);
  assert.equal(decoded?.firstReceived, null);
  assert.equal(decoded?.lastReceived, T0 + 30);
  assert.equal(decoded?.deviceHeldMs, null, 'the original firmware does not say');
  assert.equal(resultTimingOf({ timing: { ...timing, samples: [{ deviceElapsedMs: -3 }] } })?.deviceHeldMs, -3, "the board's own figure, even off");
});
