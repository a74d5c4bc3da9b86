import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fleetLevel, fullPerfResult, latencyCell, missedPerfResult, QUICK_SKIPS, quickPerfResult } from './perf-fixtures.test-helper.js';
import type { PerfResult, TargetResult } from './perf-types.js';
import { evaluateTargets, strictFailure, targetFigure } from './targets.js';

const ORDER = ['p50-memory-ideal', 'datapool-commands-per-s', 'linear-concurrency', 'fleet-10000-memory', 'baseline-run'];

function target(targets: readonly TargetResult[], id: TargetResult['id']): TargetResult {
  const found = targets.find((candidate) => candidate.id === id);
  assert.ok(found, `target ${id} evaluated`);
  return found;
}

function measuredOnly(result: PerfResult): Omit<PerfResult, 'targets'> {
  const { targets: _ignored, ...measured } = result;
  return measured;
}

describe('evaluateTargets', () => {
  test('a full run that meets every target: five verdicts in order, each with its margin and what limits it', () => {
    const targets = evaluateTargets(measuredOnly(fullPerfResult()));
    assert.deepEqual(
      targets.map((one) => one.id),
      ORDER,
    );
    assert.deepEqual(
      targets.map((one) => one.met),
      [true, true, true, true, true],
    );
    for (const one of targets) assert.equal(one.missedBy, undefined, `${one.id} has no missedBy when met`);

    const p50 = target(targets, 'p50-memory-ideal');
    assert.equal(p50.measured, 0.38);
    // Datapool is the largest hop: 0.15 of the 0.41 ms mean.
    assert.equal(p50.limit, '81% under the target; largest part: datapool, 0.15 ms of the 0.41 ms mean (37%)');

    const commands = target(targets, 'datapool-commands-per-s');
    assert.equal(commands.measured, 24_400);
    assert.match(commands.limit!, /^22% over the target; best with 10 MCUs online \(73,200 commands, none failed\); other sizes: 100 MCUs 23,800\/s/);

    const concurrency = target(targets, 'linear-concurrency');
    assert.equal(concurrency.measured, 1024);
    assert.match(concurrency.limit!, /256 ESP32 boards, 4 timers each: linear to the highest level run/);

    const fleet = target(targets, 'fleet-10000-memory');
    assert.ok(fleet.measured! > 1.3 && fleet.measured! < 1.5, `fleet + datapool ≈ 1.39 GiB, got ${fleet.measured}`);
    assert.match(fleet.limit!, /online in 9\.4 s; fleet process 1\.11 GiB \(\d+\.\d KB per MCU\) \+ datapool 0\.28 GiB/);

    const baseline = target(targets, 'baseline-run');
    assert.equal(baseline.measured, 42);
    assert.match(baseline.limit!, /^30% under the target; 1,254 trials, 97\.4% success; iotmcp-bench run/);
  });

  test('missed targets say by how much, against the target, and what limits them', () => {
    const targets = missedPerfResult().targets;
    assert.deepEqual(
      targets.map((one) => one.met),
      [false, false, false, false, false],
    );
    const p50 = target(targets, 'p50-memory-ideal');
    assert.equal(p50.missedBy, 'missed by 12% (2.24 ms against at most 2 ms)');
    assert.equal(p50.limit, 'largest part: datapool, 1.40 ms of the 2.40 ms mean (58%)');

    const commands = target(targets, 'datapool-commands-per-s');
    assert.equal(commands.missedBy, 'reached 61% of it (12,200 commands/s against at least 20,000 commands/s)');
    assert.match(commands.limit!, /^best with 1,000 MCUs online \(3 of 36,600 commands failed\)/);

    const concurrency = target(targets, 'linear-concurrency');
    assert.equal(concurrency.measured, 4);
    assert.equal(concurrency.missedBy, 'reached 2% of it (4 concurrent calls against at least 256 concurrent calls)');
    assert.match(concurrency.limit!, /^default fleet \(6 MCUs\): .*CPU saturated/);

    assert.equal(target(targets, 'fleet-10000-memory').missedBy, 'missed by 20% (2.40 GiB against at most 2 GiB)');
    assert.equal(target(targets, 'baseline-run').missedBy, 'missed by 25% (75 s against at most 60 s)');
  });

  test('a quick run leaves what it skipped unjudged, saying why, and still judges what it measured', () => {
    const targets = quickPerfResult().targets;
    assert.deepEqual(
      targets.map((one) => one.met),
      [true, true, null, null, null],
    );
    for (const one of targets.filter((candidate) => candidate.met === null)) assert.equal(one.missedBy, undefined);
    const concurrency = target(targets, 'linear-concurrency');
    // Linear all the way to 64, the last level run: that does not show 256.
    assert.equal(concurrency.measured, 64);
    assert.match(concurrency.limit!, /linear up to the highest level run \(64\); 256 concurrent calls were not tried/);
    assert.equal(target(targets, 'fleet-10000-memory').limit, `the 10,000-MCU fleet was skipped: ${QUICK_SKIPS.fleet}`);
    assert.equal(target(targets, 'baseline-run').limit, `the full run was skipped: ${QUICK_SKIPS.baseline}`);
    assert.match(target(targets, 'datapool-commands-per-s').limit!, /best with 10 MCUs online/);
  });

  test('a run that measured nothing judges nothing', () => {
    const empty = { ...measuredOnly(quickPerfResult()), latency: [], concurrency: [], fleetScale: { levels: [], openFileLimit: null } };
    const targets = evaluateTargets(empty);
    assert.deepEqual(
      targets.map((one) => one.met),
      [null, null, null, null, null],
    );
    assert.deepEqual(
      targets.map((one) => one.measured),
      [null, null, null, null, null],
    );
    assert.match(target(targets, 'p50-memory-ideal').limit!, /not part of this run/);
    assert.match(target(targets, 'datapool-commands-per-s').limit!, /fleet scale was not part of this run/);
    assert.match(target(targets, 'linear-concurrency').limit!, /not part of this run/);
    assert.match(target(targets, 'fleet-10000-memory').limit!, /no fleet of 10,000 MCUs/);
  });

  test('a skipped or all-failing p50 cell is not measured, with its reason', () => {
    const base = measuredOnly(fullPerfResult());
    const skipped = evaluateTargets({ ...base, latency: [latencyCell('memory', 'gateway', 'ideal', { skipped: 'interrupted' })] });
    assert.equal(skipped[0]!.met, null);
    assert.equal(skipped[0]!.limit, 'memory/gateway/ideal was skipped: interrupted');
    const failing = latencyCell('memory', 'gateway', 'ideal', { calls: 10, errors: 10 });
    failing.total = { ...failing.total, n: 0, p50: null, mean: null };
    const failed = evaluateTargets({ ...base, latency: [failing] });
    assert.equal(failed[0]!.met, null);
    assert.match(failed[0]!.limit!, /no call of memory\/gateway\/ideal succeeded \(10 of 10 failed\)/);
  });

  test('a fleet that never came online misses the target even when its memory fits', () => {
    const base = measuredOnly(fullPerfResult());
    const targets = evaluateTargets({ ...base, fleetScale: { levels: [fleetLevel(10_000, { onlineMs: null })], openFileLimit: 1024 } });
    const fleet = target(targets, 'fleet-10000-memory');
    assert.equal(fleet.met, false);
    assert.equal(fleet.missedBy, 'the fleet did not come online');
    assert.match(fleet.limit!, /KB per MCU/);
  });

  test('near misses are not rounded into a pass or to 0%', () => {
    const base = measuredOnly(fullPerfResult());
    const slow = evaluateTargets({ ...base, latency: [latencyCell('memory', 'gateway', 'ideal', { p50: 2.004 })] });
    assert.equal(slow[0]!.missedBy, 'missed by less than 1% (2.00 ms against at most 2 ms)');
    const almost = evaluateTargets({ ...base, fleetScale: { levels: [fleetLevel(100, { commandsPerS: 19_990 })], openFileLimit: null } });
    assert.equal(almost[1]!.met, false);
    assert.equal(almost[1]!.missedBy, 'reached more than 99% of it (19,990 commands/s against at least 20,000 commands/s)');
  });
});

describe('targetFigure', () => {
  test('reads each unit as the report prints it', () => {
    assert.equal(targetFigure(0.412, 'ms'), '0.41 ms');
    assert.equal(targetFigure(2, 'ms'), '2 ms');
    assert.equal(targetFigure(21_437.6, 'commands/s'), '21,438 commands/s');
    assert.equal(targetFigure(1.3949, 'GiB'), '1.39 GiB');
    assert.equal(targetFigure(42.34, 's'), '42.3 s');
    assert.equal(targetFigure(1024, 'calls'), '1,024 concurrent calls');
    assert.equal(targetFigure(null, 'ms'), '–');
  });
});

test('perf --strict fails on a measured target missed, never on one not measured', () => {
  assert.equal(strictFailure(fullPerfResult().targets), null);
  assert.equal(strictFailure(quickPerfResult().targets), null, 'quick mode leaves targets unmeasured: not a miss');
  assert.match(strictFailure(missedPerfResult().targets) ?? '', /^\d+ target\(s\) missed: p50-memory-ideal \(missed by 12%/);
});
