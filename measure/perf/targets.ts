import { count, duration, kb, MISSING, msPrecise, perSecond } from '../../bench/report/format.js';
import type { Distribution } from '../../bench/results/summary-types.js';
import type { BaselineRunTiming, ConcurrencySeries, FleetScaleResult, LatencyCell, PerfResult, TargetResult } from './perf-types.js';
import { LINEAR_EFFICIENCY } from './perf-types.js';

/**
 * The five performance targets, judged from what `perf` measured and nothing else. A target is met, missed
 * (with how far off and what held it back, both read from the data) or not measured (and why not): a
 * section that did not run never counts as a pass or a failure.
 */

const GIB = 1024 ** 3;
const FLEET_TARGET_MCUS = 10_000;

type Spec = Pick<TargetResult, 'id' | 'description' | 'target' | 'unit' | 'direction'>;

const SPECS = {
  p50: {
    id: 'p50-memory-ideal',
    description: 'p50 tool-call response, memory transport, gateway, ideal network',
    target: 2,
    unit: 'ms',
    direction: 'at-most',
  },
  commands: {
    id: 'datapool-commands-per-s',
    description: 'Single-read commands per second through the datapool',
    target: 20_000,
    unit: 'commands/s',
    direction: 'at-least',
  },
  concurrency: {
    id: 'linear-concurrency',
    description: `Linear throughput scaling, efficiency >= ${LINEAR_EFFICIENCY * 100}%`,
    target: 256,
    unit: 'calls',
    direction: 'at-least',
  },
  fleet: {
    id: 'fleet-10000-memory',
    description: `${count(FLEET_TARGET_MCUS)} emulated MCUs online, fleet + datapool resident memory`,
    target: 2,
    unit: 'GiB',
    direction: 'at-most',
  },
  baseline: {
    id: 'baseline-run',
    description: 'Full baseline benchmark run, wall time',
    target: 60,
    unit: 's',
    direction: 'at-most',
  },
} as const satisfies Record<string, Spec>;

export function evaluateTargets(result: Omit<PerfResult, 'targets'>): TargetResult[] {
  return [
    p50MemoryIdeal(result.latency),
    datapoolCommandsPerS(result.fleetScale),
    linearConcurrency(result.concurrency),
    fleetMemory(result.fleetScale),
    baselineRun(result.baselineRun),
  ];
}

/** "memory/gateway/ideal": how the report, the CSV and the charts name a latency cell. */
/**
 * What `perf --strict` fails on: the targets measured and missed. One not measured (quick mode, a skipped
 * section) is not a miss. Null when all measured targets were met.
 */
export function strictFailure(targets: readonly TargetResult[]): string | null {
  const missed = targets.filter((target) => target.met === false);
  return missed.length === 0
    ? null
    : `${missed.length} target(s) missed: ${missed.map((target) => `${target.id} (${target.missedBy ?? 'missed'})`).join('; ')}`;
}

export function cellName(cell: Pick<LatencyCell, 'transport' | 'architecture' | 'network'>): string {
  return `${cell.transport}/${cell.architecture}/${cell.network}`;
}

/** The hops of a tool call's response time, in the order the report, the CSV and the chart show them. */
export const HOPS = [
  { label: 'MCP', key: 'mcp' },
  { label: 'datapool', key: 'datapool' },
  { label: 'network', key: 'network' },
  { label: 'device', key: 'device' },
] as const;

export type Hop = (typeof HOPS)[number]['key'];

/** A cell's hops with their distributions. */
export function cellHops(cell: LatencyCell): { label: string; key: Hop; distribution: Distribution }[] {
  return HOPS.map((hop) => ({ ...hop, distribution: hopDistribution(cell, hop.key) }));
}

function hopDistribution(cell: LatencyCell, hop: Hop): Distribution {
  switch (hop) {
    case 'mcp':
      return cell.mcp;
    case 'datapool':
      return cell.datapool;
    case 'network':
      // CONTRACT: perf-types.ts declares LatencyCell.network twice (the profile and this distribution); this
      // assumes the distribution becomes `networkTime` and `network` stays the profile, as in ConcurrencySeries.
      return cell.networkTime;
    case 'device':
      return cell.device;
  }
}

/** A target's figure in its unit, as the report and the verdicts print it: "0.41 ms", "21,400 commands/s". */
export function targetFigure(value: number | null, unit: string): string {
  if (value === null) return MISSING;
  // Targets are round numbers: "2 ms", not "2.00 ms".
  if (Number.isInteger(value)) return `${count(value)} ${unit === 'calls' ? 'concurrent calls' : unit}`;
  switch (unit) {
    case 'ms':
      return msPrecise(value);
    case 'GiB':
      return `${value.toFixed(2)} GiB`;
    case 's':
      return `${value.toFixed(1)} s`;
    default:
      return `${count(Math.round(value))} ${unit}`;
  }
}

function p50MemoryIdeal(cells: readonly LatencyCell[]): TargetResult {
  const spec = SPECS.p50;
  const cell = cells.find((candidate) => candidate.transport === 'memory' && candidate.architecture === 'gateway' && candidate.network === 'ideal');
  if (!cell) return notMeasured(spec, 'the memory/gateway/ideal latency cell was not part of this run');
  if (cell.skipped !== undefined) return notMeasured(spec, `memory/gateway/ideal was skipped: ${cell.skipped}`);
  const p50 = cell.total.p50;
  if (p50 === null) return notMeasured(spec, `no call of memory/gateway/ideal succeeded (${count(cell.errors)} of ${count(cell.calls)} failed)`);
  const errors = cell.errors > 0 ? `; ${count(cell.errors)} of ${count(cell.calls)} calls failed` : '';
  return judged(spec, p50, `${largestPart(cell)}${errors}`);
}

/** The hop that takes most of a cell's mean response time, and its share. */
function largestPart(cell: LatencyCell): string {
  let largest: [string, number] | null = null;
  for (const { label, distribution } of cellHops(cell)) {
    const mean = distribution.mean;
    if (mean !== null && (largest === null || mean > largest[1])) largest = [label, mean];
  }
  const total = cell.total.mean;
  if (largest === null || total === null || total <= 0) return 'the cell has no breakdown by hop';
  return `largest part: ${largest[0]}, ${msPrecise(largest[1])} of the ${msPrecise(total)} mean (${wholePercent(largest[1] / total)})`;
}

function datapoolCommandsPerS(fleet: FleetScaleResult): TargetResult {
  const spec = SPECS.commands;
  const measured = fleet.levels.filter((level): level is typeof level & { commandsPerS: number } => level.commandsPerS !== null);
  if (measured.length === 0) return notMeasured(spec, `no fleet size measured commands/s${skippedReasons(fleet)}`);
  const best = measured.reduce((top, level) => (level.commandsPerS > top.commandsPerS ? level : top));
  const errors =
    best.commandErrors > 0 ? `${count(best.commandErrors)} of ${count(best.commands)} commands failed` : `${count(best.commands)} commands, none failed`;
  const others = measured.filter((level) => level !== best).map((level) => `${count(level.mcus)} MCUs ${perSecond(level.commandsPerS)}`);
  const limit = `best with ${count(best.mcus)} MCUs online (${errors})${others.length > 0 ? `; other sizes: ${others.join(', ')}` : ''}`;
  return judged(spec, best.commandsPerS, limit);
}

function skippedReasons(fleet: FleetScaleResult): string {
  const reasons = fleet.levels.filter((level) => level.skipped !== undefined).map((level) => `${count(level.mcus)} MCUs: ${level.skipped}`);
  return reasons.length > 0 ? ` (${reasons.join('; ')})` : fleet.levels.length === 0 ? ' (fleet scale was not part of this run)' : '';
}

function linearConcurrency(series: readonly ConcurrencySeries[]): TargetResult {
  const spec = SPECS.concurrency;
  const measured = series.filter((candidate) => candidate.levels.length > 0);
  if (measured.length === 0) return notMeasured(spec, 'concurrency was not part of this run');
  const best = measured.reduce((top, candidate) => (candidate.linearUpTo > top.linearUpTo ? candidate : top));
  const highest = Math.max(...best.levels.map((level) => level.level));
  // Linear all the way to the last level tried says nothing about levels that were not tried.
  if (best.linearUpTo >= highest && highest < spec.target) {
    return {
      ...spec,
      measured: best.linearUpTo,
      met: null,
      limit: `${best.label}: linear up to the highest level run (${count(highest)}); ${count(spec.target)} concurrent calls were not tried in this run`,
    };
  }
  return judged(spec, best.linearUpTo, `${best.label}: ${best.limit}`);
}

function fleetMemory(fleet: FleetScaleResult): TargetResult {
  const spec = SPECS.fleet;
  const level = fleet.levels.find((candidate) => candidate.mcus === FLEET_TARGET_MCUS);
  if (!level) {
    const largest = fleet.levels.length > 0 ? Math.max(...fleet.levels.map((candidate) => candidate.mcus)) : null;
    return notMeasured(spec, `no fleet of ${count(FLEET_TARGET_MCUS)} MCUs in this run${largest === null ? '' : ` (largest: ${count(largest)})`}`);
  }
  if (level.skipped !== undefined) return notMeasured(spec, `the ${count(FLEET_TARGET_MCUS)}-MCU fleet was skipped: ${level.skipped}`);
  const memory = level.fleetRssBytes !== null && level.datapoolRssBytes !== null ? (level.fleetRssBytes + level.datapoolRssBytes) / GIB : null;
  const perMcu = level.bytesPerMcu !== null ? `${kb(level.bytesPerMcu)} per MCU` : 'memory per MCU not measured';
  const split =
    memory === null
      ? perMcu
      : `fleet process ${(level.fleetRssBytes! / GIB).toFixed(2)} GiB (${perMcu}) + datapool ${(level.datapoolRssBytes! / GIB).toFixed(2)} GiB`;
  if (level.onlineMs === null) {
    return { ...spec, measured: memory, met: false, missedBy: 'the fleet did not come online', limit: split };
  }
  if (memory === null) return notMeasured(spec, `the fleet came online in ${duration(level.onlineMs)} but its memory was not measured`);
  return judged(spec, memory, `online in ${duration(level.onlineMs)}; ${split}`);
}

function baselineRun(run: BaselineRunTiming): TargetResult {
  const spec = SPECS.baseline;
  if (run.skipped !== undefined) return notMeasured(spec, `the full run was skipped: ${run.skipped}`);
  if (run.durationMs === null) return notMeasured(spec, 'the run was not timed');
  const success = run.success === null ? '' : `, ${(run.success * 100).toFixed(1)}% success`;
  return judged(spec, run.durationMs / 1000, `${count(run.trials)} trials${success}; ${run.options}`);
}

function notMeasured(spec: Spec, why: string): TargetResult {
  return { ...spec, measured: null, met: null, limit: why };
}

/** Met or missed, with how far off: by what share over a ceiling, or what share of a floor was reached. */
function judged(spec: Spec, measured: number, limit: string): TargetResult {
  const atMost = spec.direction === 'at-most';
  const met = atMost ? measured <= spec.target : measured >= spec.target;
  const against = `${targetFigure(measured, spec.unit)} against ${atMost ? 'at most' : 'at least'} ${targetFigure(spec.target, spec.unit)}`;
  if (met) {
    const margin = atMost
      ? `${wholePercent((spec.target - measured) / spec.target)} under the target`
      : `${wholePercent((measured - spec.target) / spec.target)} over the target`;
    return { ...spec, measured, met, limit: `${margin}; ${limit}` };
  }
  const missedBy = atMost
    ? `missed by ${wholePercent((measured - spec.target) / spec.target)} (${against})`
    : `reached ${reachedPercent(measured / spec.target)} of it (${against})`;
  return { ...spec, measured, met, missedBy, limit };
}

/** A share as a whole percentage, except that a sliver is not rounded away to "0%". */
function wholePercent(fraction: number): string {
  const percentage = fraction * 100;
  return percentage > 0 && percentage < 1 ? 'less than 1%' : `${Math.round(percentage)}%`;
}

/** Like wholePercent, but a near miss never reads as "100%" reached. */
function reachedPercent(fraction: number): string {
  const percentage = fraction * 100;
  return percentage > 99 && percentage < 100 ? 'more than 99%' : `${Math.round(percentage)}%`;
}
