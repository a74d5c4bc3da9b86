import { stringify } from 'csv-stringify/sync';
import { PAPER } from '../../bench/report/paper-figures.js';
import type { Distribution } from '../../bench/results/summary-types.js';
import type { PerfResult } from './perf-types.js';
import { cellHops, cellName } from './targets.js';

/**
 * `perf.csv`: every number of the perf report in long format, one row per figure, so a spreadsheet or pandas
 * can pivot it any way. Columns:
 *
 * | column  | meaning |
 * |---------|---------|
 * | section | `machine`, `paper`, `target`, `latency`, `concurrency`, `fleet`, `baseline-run`, `memory`, `boards` |
 * | subject | what the figure is of: a cell (`memory/gateway/ideal`), a concurrency series (its label) or one of its levels (`<label> @ 64`), a fleet size (`1000`), a target id |
 * | metric  | the figure and its unit: `total_p50_ms`, `throughput_per_s`, `fleet_rss_bytes`, `met` (1 or 0)... |
 * | value   | a number |
 *
 * A figure that was not measured (a skipped cell, a quick run) has no row; perf.json says why.
 */

export const PERF_CSV_COLUMNS = ['section', 'subject', 'metric', 'value'] as const;

type Row = [section: string, subject: string, metric: string, value: number];

export function perfCsv(result: PerfResult): string {
  const rows: Row[] = [];
  const add = (section: string, subject: string, metric: string, value: number | null | undefined): void => {
    if (value !== null && value !== undefined && Number.isFinite(value)) rows.push([section, subject, metric, value]);
  };
  const addDistribution = (section: string, subject: string, prefix: string, value: Distribution): void => {
    add(section, subject, `${prefix}_n`, value.n);
    for (const stat of ['mean', 'p50', 'p95', 'p99', 'min', 'max'] as const) add(section, subject, `${prefix}_${stat}_ms`, value[stat]);
  };

  add('machine', 'host', 'cpus', result.machine.cpus);
  add('machine', 'host', 'memory_bytes', result.machine.memoryBytes);

  add('paper', 'IoT-MCP', 'mean_response_ms', PAPER.meanResponseMs);
  add('paper', 'IoT-MCP', 'idle_network_overhead_ms', PAPER.idleNetworkOverheadMs);
  add('paper', 'IoT-MCP', 'datapool_share_low', PAPER.datapoolShare[0]);
  add('paper', 'IoT-MCP', 'datapool_share_high', PAPER.datapoolShare[1]);
  add('paper', 'IoT-MCP', 'linear_concurrency_up_to', PAPER.concurrency);
  add('paper', 'IoT-MCP', 'peak_mcu_memory_bytes', PAPER.peakMemoryBytes);

  for (const target of result.targets) {
    add('target', target.id, `target_${unitSuffix(target.unit)}`, target.target);
    add('target', target.id, `measured_${unitSuffix(target.unit)}`, target.measured);
    add('target', target.id, 'met', target.met === null ? null : Number(target.met));
  }

  for (const cell of result.latency) {
    if (cell.skipped !== undefined) continue;
    const name = cellName(cell);
    add('latency', name, 'calls', cell.calls);
    add('latency', name, 'errors', cell.errors);
    addDistribution('latency', name, 'total', cell.total);
    for (const hop of cellHops(cell)) addDistribution('latency', name, hop.key, hop.distribution);
    if (cell.afterGap) addDistribution('latency', name, 'after_gap', cell.afterGap);
    addDistribution('latency', name, 'idle', cell.idle);
    const { datapool, total } = cell;
    if (datapool.mean !== null && total.mean !== null && total.mean > 0) add('latency', name, 'datapool_share', datapool.mean / total.mean);
  }

  for (const series of result.concurrency) {
    add('concurrency', series.label, 'mcus', series.mcus);
    add('concurrency', series.label, 'slots', series.slots);
    add('concurrency', series.label, 'linear_up_to', series.linearUpTo);
    for (const level of series.levels) {
      const subject = `${series.label} @ ${level.level}`;
      add('concurrency', subject, 'level', level.level);
      add('concurrency', subject, 'calls', level.calls);
      add('concurrency', subject, 'errors', level.errors);
      add('concurrency', subject, 'duration_ms', level.durationMs);
      add('concurrency', subject, 'throughput_per_s', level.throughputPerS);
      addDistribution('concurrency', subject, 'latency', level.latency);
      add('concurrency', subject, 'efficiency', level.efficiency);
      add('concurrency', subject, 'cpu_cores', level.cpuCores);
    }
  }

  add('fleet', 'all', 'open_file_limit', result.fleetScale.openFileLimit);
  for (const level of result.fleetScale.levels) {
    if (level.skipped !== undefined) continue;
    const subject = String(level.mcus);
    add('fleet', subject, 'online_ms', level.onlineMs);
    add('fleet', subject, 'commands_per_s', level.commandsPerS);
    add('fleet', subject, 'commands', level.commands);
    add('fleet', subject, 'command_errors', level.commandErrors);
    add('fleet', subject, 'heartbeats_per_s', level.heartbeatsPerS);
    add('fleet', subject, 'heartbeat_period_ms', level.heartbeatMs);
    add('fleet', subject, 'idle_datapool_cores', level.idleDatapoolCores);
    add('fleet', subject, 'fleet_rss_bytes', level.fleetRssBytes);
    add('fleet', subject, 'bytes_per_mcu', level.bytesPerMcu);
    add('fleet', subject, 'datapool_rss_bytes', level.datapoolRssBytes);
  }

  const run = result.baselineRun;
  if (run.skipped === undefined) {
    add('baseline-run', 'iotmcp-bench run', 'duration_ms', run.durationMs);
    add('baseline-run', 'iotmcp-bench run', 'trials', run.trials);
    add('baseline-run', 'iotmcp-bench run', 'success_rate', run.success);
  }

  for (const row of result.memory?.rows ?? []) {
    add('memory', row.command, 'modeled_peak_bytes', row.modeled);
    add('memory', row.command, 'measured_peak_bytes', row.measured);
  }
  const calibration = result.memory?.calibration;
  if (calibration) {
    for (const [name, pair] of [
      ['at_rest', calibration.atRest],
      ['per_command', calibration.perCommand],
      ['per_reply', calibration.perReply],
    ] as const) {
      add('memory', `${calibration.profile} ${name}`, 'modeled_bytes', pair.modeled);
      add('memory', `${calibration.profile} ${name}`, 'measured_bytes', pair.measured);
    }
  }
  for (const [name, pair] of [
    ['firmware_base', result.memory?.firmwareBase],
    ['actuator_package', result.memory?.actuatorPackage],
  ] as const) {
    add('memory', name, 'modeled_bytes', pair?.modeled);
    add('memory', name, 'measured_bytes', pair?.measured);
  }
  for (const driver of result.memory?.drivers ?? []) {
    add('memory', `${driver.name} driver`, 'modeled_bytes', driver.modeled);
    add('memory', `${driver.name} driver`, 'measured_bytes', driver.measured);
  }
  for (const board of result.boards ?? []) {
    addDistribution('boards', `${board.mcu} ping`, 'round_trip', board.idle.roundTrip);
    addDistribution('boards', `${board.mcu} ping`, 'device', board.idle.device);
    for (const command of board.commands) {
      const subject = `${board.mcu} ${command.command}`;
      addDistribution('boards', subject, 'total', command.total);
      for (const hop of ['queue', 'network', 'device', 'store'] as const) addDistribution('boards', subject, hop, command[hop]);
      add('boards', subject, 'peak_memory_max_bytes', command.peakMemory.max);
      add('boards', subject, 'peak_memory_p50_bytes', command.peakMemory.p50);
    }
  }
  return stringify(rows, { header: true, columns: [...PERF_CSV_COLUMNS] });
}

/** "commands/s" -> "commands_per_s", "GiB" -> "gib": a unit as it can end a metric name. */
function unitSuffix(unit: string): string {
  return unit
    .toLowerCase()
    .replace(/\//g, '_per_')
    .replace(/[^a-z0-9_]+/g, '_');
}
