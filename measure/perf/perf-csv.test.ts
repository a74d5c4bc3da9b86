import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Distribution } from '../../bench/results/summary-types.js';
import { PERF_CSV_COLUMNS, perfCsv } from './perf-csv.js';
import { fullPerfResult, quickPerfResult } from './perf-fixtures.test-helper.js';
import type { PerfResult } from './perf-types.js';
import { cellHops, cellName } from './targets.js';

/** One CSV record: fields separated by commas, a field in double quotes may hold commas and doubled quotes. */
function parseLine(line: string): string[] {
  const fields: string[] = [];
  const field = /("(?:[^"]|"")*"|[^,"]*)(,|$)/y;
  while (field.lastIndex < line.length) {
    const match = field.exec(line);
    assert.ok(match, `a CSV field at ${field.lastIndex} of ${line}`);
    const raw = match[1]!;
    fields.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
    if (match[2] === '') break;
  }
  return fields;
}

/** The CSV as a map from "section|subject|metric" to its value, checking every row on the way. */
function readCsv(csv: string): Map<string, number> {
  const lines = csv.trimEnd().split('\n');
  assert.equal(lines[0], PERF_CSV_COLUMNS.join(','));
  const values = new Map<string, number>();
  for (const line of lines.slice(1)) {
    const fields = parseLine(line);
    assert.equal(fields.length, 4, `four fields in ${line}`);
    const [section, subject, metric, value] = fields as [string, string, string, string];
    const number = Number(value);
    assert.ok(value !== '' && Number.isFinite(number), `a number in ${line}`);
    const key = `${section}|${subject}|${metric}`;
    assert.ok(!values.has(key), `one row for ${key}`);
    values.set(key, number);
  }
  return values;
}

function assertDistributionRows(values: Map<string, number>, section: string, subject: string, prefix: string, distribution: Distribution): void {
  assert.equal(values.get(`${section}|${subject}|${prefix}_n`), distribution.n);
  for (const stat of ['mean', 'p50', 'p95', 'p99', 'min', 'max'] as const) {
    assert.equal(values.get(`${section}|${subject}|${prefix}_${stat}_ms`), distribution[stat] ?? undefined, `${subject} ${prefix} ${stat}`);
  }
}

describe('perfCsv', () => {
  test('one row per figure, in long format, each a number', () => {
    const values = readCsv(perfCsv(fullPerfResult()));
    assert.equal(values.get('latency|memory/gateway/ideal|total_p50_ms'), 0.38);
    assert.equal(values.get('paper|IoT-MCP|mean_response_ms'), 205);
    assert.equal(values.get('paper|IoT-MCP|idle_network_overhead_ms'), 128);
    assert.equal(values.get('target|p50-memory-ideal|met'), 1);
    assert.equal(values.get('target|datapool-commands-per-s|target_commands_per_s'), 20_000);
    assert.equal(values.get('target|fleet-10000-memory|target_gib'), 2);
    // A label holding a comma stays one field.
    assert.equal(values.get('concurrency|256 ESP32 boards, 4 timers each|linear_up_to'), 1024);
    assert.equal(values.get('fleet|10000|online_ms'), 9400);
    assert.equal(values.get('fleet|all|open_file_limit'), 20_000);
    assert.equal(values.get('baseline-run|iotmcp-bench run|duration_ms'), 42_000);
  });

  test('covers every number of every measured cell, level and fleet size', () => {
    const result: PerfResult = fullPerfResult();
    const values = readCsv(perfCsv(result));
    for (const cell of result.latency) {
      const name = cellName(cell);
      assert.equal(values.get(`latency|${name}|calls`), cell.calls);
      assert.equal(values.get(`latency|${name}|errors`), cell.errors);
      assertDistributionRows(values, 'latency', name, 'total', cell.total);
      for (const hop of cellHops(cell)) assertDistributionRows(values, 'latency', name, hop.key, hop.distribution);
      assertDistributionRows(values, 'latency', name, 'idle', cell.idle);
      assert.equal(values.get(`latency|${name}|datapool_share`), cell.datapool.mean! / cell.total.mean!);
    }
    for (const series of result.concurrency) {
      for (const level of series.levels) {
        const subject = `${series.label} @ ${level.level}`;
        assert.equal(values.get(`concurrency|${subject}|throughput_per_s`), level.throughputPerS);
        assert.equal(values.get(`concurrency|${subject}|efficiency`), level.efficiency);
        assert.equal(values.get(`concurrency|${subject}|cpu_cores`), level.cpuCores);
        assertDistributionRows(values, 'concurrency', subject, 'latency', level.latency);
      }
    }
    for (const level of result.fleetScale.levels) {
      for (const [metric, value] of Object.entries({
        commands_per_s: level.commandsPerS,
        heartbeats_per_s: level.heartbeatsPerS,
        idle_datapool_cores: level.idleDatapoolCores,
        fleet_rss_bytes: level.fleetRssBytes,
        bytes_per_mcu: level.bytesPerMcu,
        datapool_rss_bytes: level.datapoolRssBytes,
      })) {
        assert.equal(values.get(`fleet|${level.mcus}|${metric}`), value, `${level.mcus} MCUs ${metric}`);
      }
    }
  });

  test('what was not measured has no row, never an empty or NaN one', () => {
    const csv = perfCsv(quickPerfResult());
    const values = readCsv(csv);
    assert.doesNotMatch(csv, /NaN|undefined|null/);
    assert.ok(![...values.keys()].some((key) => key.startsWith('latency|stdio/') || key.startsWith('latency|mqtt/')), 'no rows for skipped cells');
    assert.ok(![...values.keys()].some((key) => key.startsWith('fleet|1000|') || key.startsWith('fleet|10000|')), 'no rows for skipped fleet sizes');
    assert.ok(![...values.keys()].some((key) => key.startsWith('baseline-run|')), 'no rows for a baseline run not run');
    assert.equal(values.get('target|baseline-run|met'), undefined);
    assert.equal(values.get('target|baseline-run|target_s'), 60);
    assert.equal(values.get('target|p50-memory-ideal|met'), 1);
    assert.equal(values.get('fleet|100|heartbeat_period_ms'), 500);
  });
});
