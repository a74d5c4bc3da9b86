import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fullPerfResult, missedPerfResult, QUICK_SKIPS, quickPerfResult } from './perf-fixtures.test-helper.js';
import { renderPerfReport } from './perf-report.js';
import type { PerfResult } from './perf-types.js';
import { evaluateTargets } from './targets.js';

function assertNoHoles(report: string): void {
  assert.doesNotMatch(report, /NaN|undefined|null|Infinity|\[object/, 'no unformatted value leaks into the report');
}

/** The table row whose first cell is `first`, as its cells. */
function row(report: string, first: string): string[] {
  const line = report.split('\n').find((candidate) => candidate.startsWith(`| ${first} |`));
  assert.ok(line, `a row for ${first}`);
  return line.slice(2, -2).split(' | ');
}

describe('renderPerfReport', () => {
  test('says what was run: id, version, machine, the exact command and the mode', () => {
    const report = renderPerfReport(fullPerfResult());
    assert.match(report, /^# iotmcp-bench perf `perf-20260101T120000Z-ab12`\n/);
    assert.match(report, /Version: iotmcp-bench 0\.1\.0; started 2026-01-01T12:00:00\.000Z, finished 2026-01-01T12:09:30\.000Z \(570\.0 s\)/);
    assert.match(report, /Mode: full/);
    assert.match(report, /Machine: 2 × Intel\(R\) Xeon\(R\) CPU @ 2\.20GHz, 8\.0 GB RAM, linux-x64, Node v20\.19\.0/);
    assert.match(report, /Command: `iotmcp-bench perf`/);
    assert.match(report, /## How to reproduce\n\n```sh\niotmcp-bench perf\n```/);
    assertNoHoles(report);
  });

  test('the targets table gives each verdict, how far off and what limits it', () => {
    const met = renderPerfReport(fullPerfResult());
    assert.deepEqual(row(met, 'p50 tool-call response, memory transport, gateway, ideal network (at most 2 ms)').slice(1, 4), ['0.38 ms', '✓', '–']);
    const missed = renderPerfReport(missedPerfResult());
    const p50 = row(missed, 'p50 tool-call response, memory transport, gateway, ideal network (at most 2 ms)');
    assert.deepEqual(p50, [
      'p50 tool-call response, memory transport, gateway, ideal network (at most 2 ms)',
      '2.24 ms',
      '✗',
      'missed by 12% (2.24 ms against at most 2 ms)',
      'largest part: datapool, 1.40 ms of the 2.40 ms mean (58%)',
    ]);
    assert.match(missed, /\| ✗ \| reached 61% of it \(12,200 commands\/s against at least 20,000 commands\/s\) \|/);
    const quick = renderPerfReport(quickPerfResult());
    assert.equal((quick.match(/\| not measured \|/g) ?? []).length, 3);
    assertNoHoles(missed);
  });

  test('sets the paper’s figures beside ours, cell by cell and series by series', () => {
    const report = renderPerfReport(fullPerfResult());
    const paper = report.slice(report.indexOf('## Beside the paper'), report.indexOf('## Latency by transport'));
    assert.deepEqual(row(paper, 'paper (IoT-MCP)'), ['paper (IoT-MCP)', '205 ms', 'not reported', '128 ms idle network overhead', '30.0%–75.0%']);
    // memory/gateway/ideal: 0.41 ms mean back to back, twice that after a quiet gap, idle 0.7 × that, datapool 0.15 of 0.41.
    assert.deepEqual(row(paper, 'memory/gateway/ideal'), ['memory/gateway/ideal', '0.41 ms', '0.82 ms', '0.29 ms / 0.26 ms', '36.6%']);
    assert.deepEqual(row(paper, 'memory/gateway/wifi').slice(0, 2), ['memory/gateway/wifi', '18.6 ms']);
    assert.ok(row(paper, 'mqtt/native/wifi'));
    assert.match(paper, /\| paper \(IoT-MCP\) \| 4 simultaneous requests \|/);
    assert.match(paper, /\| 256 ESP32 boards, 4 timers each \| 1,024 concurrent calls \| linear to the highest level run/);
    assert.match(paper, /`iotmcp-bench soak`/);
  });

  test('every measurement has its table; error samples are printed on one line', () => {
    const report = renderPerfReport(fullPerfResult());
    const latency = report.slice(report.indexOf('## Latency by transport'));
    assert.deepEqual(row(latency, 'memory/gateway/ideal').slice(1, 7), ['500', '0', '0.41 ms', '0.38 ms', '0.66 ms', '0.90 ms']);
    assert.match(report, /- mqtt\/native\/wifi: 2 of 500 calls failed, e\.g\. “device esp32-a timed out after 5000 ms <&\|>”; “socket hang up”/);
    assert.match(report, /### default fleet \(6 MCUs\)\n\n6 MCUs with 24 sampling slots, MCP over memory, ideal network/);
    assert.deepEqual(row(report, '2').slice(3, 9), ['9,100/s', '0.20 ms', '0.35 ms', '0.48 ms', '91.0%', '0.33'], 'level 2 of the default fleet');
    assert.match(report, /Linear up to \*\*2\*\* concurrent calls\. What limits it: the 6 boards/);
    assert.match(report, /Linear up to \*\*1,024\*\* concurrent calls\./);
    assert.deepEqual(row(report, '10,000').slice(0, 5), ['10,000', '9.4 s', '17,500/s', '52,500 (0)', '2,000/s']);
    assert.match(report, /Open-file limit of this process: 20,000/);
    assert.deepEqual(row(report, '42.0 s'), ['42.0 s', '1,254', '97.4%']);
    for (const chart of ['latency.svg', 'concurrency.svg', 'fleet.svg']) assert.ok(report.includes(`](${chart})`), `embeds ${chart}`);
  });

  test('a quick run lists every skipped part with its reason', () => {
    const report = renderPerfReport(quickPerfResult());
    assert.match(report, /Mode: quick/);
    assert.ok(report.includes(`- stdio/gateway/ideal: ${QUICK_SKIPS.stdio}`));
    assert.ok(report.includes(`- mqtt/gateway/ideal: ${QUICK_SKIPS.mqtt}`));
    assert.ok(report.includes(`- 1,000 MCUs: ${QUICK_SKIPS.fleet}`));
    assert.ok(report.includes(`- 10,000 MCUs: ${QUICK_SKIPS.fleet}`));
    assert.ok(report.includes(`Skipped: ${QUICK_SKIPS.baseline}`));
    assert.ok(!report.includes('| stdio/gateway/ideal |'), 'a skipped cell has no row of figures');
    assert.match(report, /Open-file limit of this process: 1,024/);
    assert.deepEqual(row(report, '100').slice(4, 5), ['200/s (each board every 500 ms)']);
    assert.match(report, /```sh\niotmcp-bench perf --quick\n```/);
    assertNoHoles(report);
  });

  test('a run with nothing measured still reads, with no charts to embed', () => {
    const full = fullPerfResult();
    const measured: Omit<PerfResult, 'targets'> = {
      ...full,
      latency: [],
      concurrency: [],
      fleetScale: { levels: [], openFileLimit: null },
      baselineRun: { skipped: 'not selected', durationMs: null, trials: 0, success: null, options: 'iotmcp-bench run (defaults)' },
    };
    const report = renderPerfReport({ ...measured, targets: evaluateTargets(measured) });
    assert.equal((report.match(/Not measured in this run\./g) ?? []).length, 3);
    assert.match(report, /No latency cell was measured in this run\./);
    assert.match(report, /The open-file limit of this process is unknown\./);
    assert.doesNotMatch(report, /## Charts/);
    assert.match(report, /\| paper \(IoT-MCP\) \| 205 ms \| not reported \| 128 ms idle network overhead \|/);
    assertNoHoles(report);
  });
});
