import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LatencyBreakdown } from '../results/trial-record.js';
import { latencyOf } from './latency.js';
import { sensorOutput } from './trial-fixtures.test-helper.js';

const T0 = 1_750_000_000_000;

/** A structured result with exactly these hop instants (offsets from T0, ms). */
function timed(hops: {
  mcpReceived: number;
  dispatched: number | null;
  first: number | null;
  last: number | null;
  mcpReturned: number;
  deviceElapsedMs?: number;
}) {
  const at = (offset: number | null) => (offset === null ? null : T0 + offset);
  const sample: Record<string, unknown> = { received: at(hops.first), stored: at(hops.first), deviceTimestamp: 1000 };
  if (hops.deviceElapsedMs !== undefined) sample['deviceElapsedMs'] = hops.deviceElapsedMs;
  return {
    timing: {
      mcpReceived: T0 + hops.mcpReceived,
      mcpReturned: T0 + hops.mcpReturned,
      accepted: T0 + hops.mcpReceived,
      dispatched: at(hops.dispatched),
      firstReceived: at(hops.first),
      lastReceived: at(hops.last),
      lastStored: at(hops.last),
      samples: hops.first === null ? [] : [sample],
    },
  };
}

/** The parts that split totalMs: mcp + datapool + network + device + sampling (or the round trip for the last two). */
function sumOfParts(b: LatencyBreakdown): number {
  const hop = b.networkMs !== null && b.deviceMs !== null ? b.networkMs + b.deviceMs : (b.deviceRoundTripMs ?? 0);
  return (b.mcpMs ?? 0) + (b.datapoolMs ?? 0) + hop + (b.samplingMs ?? 0);
}

describe('latency breakdown of a tool call', () => {
  test('splits a single read by hop, and the parts sum to the total', () => {
    const structured = timed({ mcpReceived: 2, dispatched: 5, first: 45, last: 45, mcpReturned: 47, deviceElapsedMs: 30 });
    const b = latencyOf({ sent: T0, received: T0 + 50, structured });
    assert.deepEqual(b, { totalMs: 50, mcpMs: 5, datapoolMs: 5, queueMs: 3, networkMs: 10, deviceMs: 30, deviceRoundTripMs: 40, samplingMs: 0 });
    assert.equal(sumOfParts(b), b.totalMs);
  });

  test('a series puts the time between its first and last sample under sampling', () => {
    const structured = timed({ mcpReceived: 1, dispatched: 2, first: 12, last: 2012, mcpReturned: 2013 });
    const b = latencyOf({ sent: T0, received: T0 + 2015, structured });
    assert.equal(b.samplingMs, 2000);
    assert.equal(b.deviceRoundTripMs, 10);
    assert.equal(b.networkMs, null, 'without the board figure the round trip cannot be split');
    assert.equal(b.deviceMs, null);
    assert.equal(sumOfParts(b), 2015);
  });

  test('a result from the sensor servers (sub-millisecond instants) sums exactly', () => {
    const { structured, sent, received } = sensorOutput({
      sensor: 'DHT11',
      tool: 'read_all',
      mcu: 'esp32-living-room',
      place: 'living-room',
      values: [{ temperature: 24 }, { temperature: 24.1 }, { temperature: 24.2 }],
      intervalMs: 500,
      deviceElapsedMs: 6.5,
    });
    const b = latencyOf({ sent, received, structured: structured as unknown as Record<string, unknown> });
    assert.ok(Math.abs(sumOfParts(b) - b.totalMs) < 1e-6, `${sumOfParts(b)} vs ${b.totalMs}`);
    assert.ok(Math.abs((b.samplingMs ?? NaN) - 1000) < 1e-6);
    assert.equal(b.deviceMs, 6.5);
    assert.ok(Math.abs((b.networkMs ?? NaN) - 1.5) < 1e-6);
    for (const part of Object.values(b)) assert.ok(part === null || part >= 0);
  });

  test('without timing (an error result, a fleet tool) only the total is known', () => {
    assert.deepEqual(latencyOf({ sent: T0, received: T0 + 12, structured: null }), {
      totalMs: 12,
      mcpMs: null,
      datapoolMs: null,
      queueMs: null,
      networkMs: null,
      deviceMs: null,
      deviceRoundTripMs: null,
      samplingMs: null,
    });
    const invalid = latencyOf({ sent: T0, received: T0 + 12, structured: { timing: { mcpReceived: 'soon', mcpReturned: null } } });
    assert.equal(invalid.totalMs, 12);
    assert.equal(invalid.mcpMs, null);
  });

  test('the wait for a board slot another command held is queueing, part of the datapool time', () => {
    // Accepted at 2, sent to the board only at 180, when a timer came free.
    const structured = timed({ mcpReceived: 2, dispatched: 180, first: 200, last: 200, mcpReturned: 202 });
    const b = latencyOf({ sent: T0, received: T0 + 204, structured });
    assert.equal(b.queueMs, 178);
    assert.equal(b.datapoolMs, 180);
    assert.equal(sumOfParts(b), 204, 'the queue is inside the datapool part, not added to it');
  });

  test('a command that never reached a board leaves the whole server span to the datapool', () => {
    const b = latencyOf({ sent: T0, received: T0 + 20, structured: timed({ mcpReceived: 1, dispatched: null, first: null, last: null, mcpReturned: 19 }) });
    assert.equal(b.mcpMs, 2);
    assert.equal(b.datapoolMs, 18);
    assert.equal(b.deviceRoundTripMs, null);
    assert.equal(sumOfParts(b), 20);
  });

  test('a remote server whose clock is ahead by seconds gives the same split: no part crosses clocks', () => {
    const skew = 5000;
    const local = latencyOf({
      sent: T0,
      received: T0 + 50,
      structured: timed({ mcpReceived: 2, dispatched: 5, first: 45, last: 45, mcpReturned: 47, deviceElapsedMs: 30 }),
    });
    const remote = latencyOf({
      sent: T0,
      received: T0 + 50,
      structured: timed({ mcpReceived: 2 + skew, dispatched: 5 + skew, first: 45 + skew, last: 45 + skew, mcpReturned: 47 + skew, deviceElapsedMs: 30 }),
    });
    assert.deepEqual(remote, local);
  });

  test('spans that drift longer than the span holding them are clamped, and the parts still sum to the total', () => {
    // The server says it held the call for 60 ms of a 50 ms round trip; the datapool says the board took 70.
    const b = latencyOf({
      sent: T0,
      received: T0 + 50,
      structured: timed({ mcpReceived: 0, dispatched: -5, first: 65, last: 65, mcpReturned: 60, deviceElapsedMs: 80 }),
    });
    assert.equal(b.mcpMs, 0);
    assert.equal(b.datapoolMs, 0);
    assert.equal(b.deviceRoundTripMs, 50);
    assert.equal(b.deviceMs, 50);
    assert.equal(b.networkMs, 0);
    assert.equal(b.samplingMs, 0);
    assert.equal(sumOfParts(b), 50);
    const backwards = latencyOf({
      sent: T0,
      received: T0 + 50,
      structured: timed({ mcpReceived: 10, dispatched: 20, first: 15, last: 30, mcpReturned: 40, deviceElapsedMs: -3 }),
    });
    assert.equal(backwards.deviceRoundTripMs, 0);
    assert.equal(backwards.deviceMs, 0);
    assert.equal(backwards.samplingMs, 10);
    assert.equal(sumOfParts(backwards), 50);
  });
});
