import assert from 'node:assert/strict';
import { DEFAULT_SOAK_OPTIONS } from './run-soak.js';
import type { SoakOptions, SoakResult } from './soak-types.js';

/** A short soak for the tests: faults every 2 s for 15 s, so every kind occurs at least once. */
export function shortSoak(overrides: Partial<SoakOptions>): SoakOptions {
  return {
    ...DEFAULT_SOAK_OPTIONS,
    minutes: 0.25,
    faultEveryS: 2,
    spike: { extraDelayMs: 300, durationMs: 1000 },
    settleMs: 10_000,
    validateResults: false,
    seed: 3,
    ...overrides,
  };
}

/** What every soak must show, whatever its transport. */
export function assertSoakHeld(result: SoakResult): void {
  const { calls, durability } = result;
  assert.equal(calls.lost, 0, `lost calls: ${JSON.stringify(calls.lostByReason)} ${JSON.stringify(calls.examples)}`);
  assert.equal(calls.issued, calls.answered + calls.failed + calls.lost);
  assert.equal(
    Object.values(calls.failedByCode).reduce((sum, n) => sum + n, 0),
    calls.failed,
  );
  assert.ok(calls.answered > 0);
  assert.equal(durability.acknowledgedMissing, 0, `missing from the store: ${durability.missingIds.join(', ')}`);
  assert.equal(durability.checked, calls.answered);
  for (const kind of result.options.faults) {
    assert.ok(
      result.faults.some((fault) => fault.kind === kind),
      `${kind} was injected`,
    );
  }
  for (const fault of result.faults) {
    assert.equal(fault.error, undefined, `fault ${fault.seq} (${fault.kind}) was applied`);
    assert.notEqual(fault.recoveredAt, null, `fault ${fault.seq} (${fault.kind} on ${fault.target}) recovered: a call was answered after it`);
  }
  assert.equal(result.datapool.restarts, result.faults.filter((fault) => fault.kind === 'datapool-kill').length);
  assert.equal(result.datapool.unexpectedExits, 0);
  assert.equal(result.fatal, null);
  assert.equal(result.exitCode, 0);
  for (const pid of result.datapool.pids) assert.equal(alive(pid), false, `datapool pid ${pid} is gone`);
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
