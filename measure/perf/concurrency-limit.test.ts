import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { explainLimit, type LimitEvidence, linearUpTo } from './concurrency-limit.js';
import type { ConcurrencyLevel } from './perf-types.js';

/** A level whose calls each take `latencyMs`, at the given throughput and CPU. */
function level(at: number, throughputPerS: number, cpuCores = 0.2, errors = 0): ConcurrencyLevel {
  const base = 40;
  return {
    level: at,
    calls: Math.round(throughputPerS),
    errors,
    durationMs: 1000,
    throughputPerS,
    latency: { n: Math.round(throughputPerS), mean: 30, p50: 30, p95: 40, p99: 50, min: 25, max: 60 },
    efficiency: throughputPerS / (at * base),
    cpuCores,
  };
}

function evidence(levels: ConcurrencyLevel[], extra: Partial<LimitEvidence> = {}): LimitEvidence {
  return { levels, slots: 8, readMs: 25, thisProcess: 'the host and the datapool', machineCores: 2, loadAverage: 0.5, ...extra };
}

describe('where concurrency scaling stops', () => {
  test('linearUpTo is the last level of the unbroken linear run from the first level', () => {
    const levels = [level(1, 40), level(2, 80), level(4, 150), level(8, 200), level(16, 630)];
    assert.equal(linearUpTo(levels), 4, 'level 8 drops below 0.8; level 16 does not count after the break');
    assert.equal(linearUpTo([level(1, 40)]), 1);
  });

  test('throughput flat at what the timers deliver past their number: the timers', () => {
    const limit = explainLimit(evidence([level(1, 40), level(4, 160), level(8, 315), level(16, 318), level(64, 316)]));
    assert.match(limit, /^the boards' 8 timers: calls beyond them queue in the datapool/);
    assert.match(limit, /318 calls\/s/);
  });

  test('a knee below the timers with a full core: the CPU of the process that was full', () => {
    const wide = { slots: 1024 };
    const mine = explainLimit(evidence([level(1, 40), level(64, 2500), level(128, 2600, 0.97)], wide));
    assert.match(mine, /^CPU: this process used 0\.97 cores at level 128 \(the host and the datapool share one Node thread\)/);
    const fleet = explainLimit(evidence([level(1, 40), level(64, 2500), level(128, 2600, 0.5)], { ...wide, fleetCores: [0.01, 0.6, 0.93] }));
    assert.match(fleet, /^CPU: the fleet process used 0\.93 cores at level 128/);
    const loaded = explainLimit(evidence([level(1, 40), level(64, 2500), level(128, 2600, 0.5)], { ...wide, loadAverage: 9.5 }));
    assert.match(loaded, /^other processes: the machine's load average was 9\.5 on 2 cores/);
  });

  test('no knee: says so; errors: counted with the first message', () => {
    assert.match(explainLimit(evidence([level(1, 40), level(4, 160)])), /^none reached: throughput grew linearly up to 4 calls/);
    const limit = explainLimit(evidence([level(1, 40), level(4, 160, 0.2, 3)], { firstErrors: [null, 'MCU "x" went offline'] }));
    assert.match(limit, /; errors: 3 of 160 calls failed at level 4 \(first: MCU "x" went offline\)$/);
  });
});
