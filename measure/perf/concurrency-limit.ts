import { type ConcurrencyLevel, LINEAR_EFFICIENCY } from './perf-types.js';

/**
 * Where scaling stops and why, read off the measurements of one concurrency series. Nothing here is
 * assumed: the boards' timers are named only when throughput went flat at what they can deliver, the CPU
 * only when a process was near a full core at the knee, other processes only when the load average says so.
 */

/** The highest level whose efficiency stays >= LINEAR_EFFICIENCY, counting from the first level without a gap. */
export function linearUpTo(levels: readonly ConcurrencyLevel[]): number {
  let highest = levels[0]?.level ?? 0;
  for (const level of levels) {
    if (level.efficiency < LINEAR_EFFICIENCY) break;
    highest = level.level;
  }
  return highest;
}

export interface LimitEvidence {
  levels: readonly ConcurrencyLevel[];
  /** Sampling commands the boards the calls reach can run at once. */
  slots: number;
  /** Conversion time of one read on the board, ms. */
  readMs: number;
  /** What runs in this process's one thread ("the host, MCP servers and datapool"). */
  thisProcess: string;
  /** Cores the fleet process used at each level (same order as `levels`), when the boards run in their own. */
  fleetCores?: readonly (number | null)[];
  /** First error message of each level with errors (same order), for the report. */
  firstErrors?: readonly (string | null)[];
  machineCores: number;
  /** The 1-minute load average while the series ran (0 where the OS does not tell). */
  loadAverage: number;
}

/** A process using at least this share of one core is taken as CPU-bound (its one JavaScript thread is full). */
const SATURATED_CORES = 0.85;
/** Throughput within this factor of what the timers allow is taken as the timers' ceiling. */
const CEILING_TOLERANCE = 1.25;

/** One sentence (two with errors) saying what limits the series, computed from `evidence`. */
export function explainLimit(evidence: LimitEvidence): string {
  const { levels } = evidence;
  if (levels.length === 0) return 'not measured: no level ran';
  const parts = [scalingCause(evidence)];
  const errors = errorSummary(evidence);
  if (errors !== null) parts.push(errors);
  return parts.join('; ');
}

function scalingCause(evidence: LimitEvidence): string {
  const { levels, slots } = evidence;
  const linear = linearUpTo(levels);
  const kneeIndex = levels.findIndex((level) => level.level > linear);
  const top = levels[levels.length - 1]!;
  if (kneeIndex === -1) {
    return `none reached: throughput grew linearly up to ${top.level} calls at once, the highest level measured (this process used ${cores(top.cpuCores)} there)`;
  }
  const knee = levels[kneeIndex]!;
  const base = levels[0]!;
  const perCall = base.throughputPerS / base.level;
  const peak = Math.max(...levels.map((level) => level.throughputPerS));
  const timersAllow = slots * perCall;

  if (knee.level > slots && peak <= timersAllow * CEILING_TOLERANCE) {
    return (
      `the boards' ${slots} timers: calls beyond them queue in the datapool (throughput stays near ${rate(peak)}: ` +
      `${slots} timers, each finishing a ${evidence.readMs} ms read at about ${rate(perCall)})`
    );
  }
  const fleetCores = evidence.fleetCores?.[kneeIndex] ?? null;
  if (knee.cpuCores >= SATURATED_CORES) {
    const fleet = fleetCores !== null ? `; the fleet process used ${cores(fleetCores)}` : '';
    return `CPU: this process used ${cores(knee.cpuCores)} at level ${knee.level} (${evidence.thisProcess} share one Node thread${fleet})`;
  }
  if (fleetCores !== null && fleetCores >= SATURATED_CORES) {
    return `CPU: the fleet process used ${cores(fleetCores)} at level ${knee.level} (its boards share one Node thread); this process used ${cores(knee.cpuCores)}`;
  }
  const busy = knee.cpuCores + (fleetCores ?? 0);
  if (evidence.loadAverage > evidence.machineCores) {
    return (
      `other processes: the machine's load average was ${evidence.loadAverage.toFixed(1)} on ${evidence.machineCores} cores ` +
      `while this series used ${cores(busy)} at level ${knee.level}, and the boards' ${slots} timers were not all busy`
    );
  }
  if (busy >= SATURATED_CORES * evidence.machineCores) {
    return `CPU: the machine's ${evidence.machineCores} cores were busy at level ${knee.level} (${cores(busy)} between this process and the fleet's)`;
  }
  return (
    `no single resource saturated at level ${knee.level}: this process used ${cores(knee.cpuCores)}` +
    `${fleetCores !== null ? `, the fleet process ${cores(fleetCores)}` : ''}, and the boards' ${slots} timers were not all busy ` +
    `(latency p50 ${ms(base.latency.p50)} at level ${base.level}, ${ms(knee.latency.p50)} at level ${knee.level})`
  );
}

function errorSummary(evidence: LimitEvidence): string | null {
  const failing = evidence.levels.map((level, index) => ({ level, first: evidence.firstErrors?.[index] ?? null })).filter(({ level }) => level.errors > 0);
  if (failing.length === 0) return null;
  const errors = failing.reduce((sum, { level }) => sum + level.errors, 0);
  const calls = failing.reduce((sum, { level }) => sum + level.calls, 0);
  const first = failing.find(({ first }) => first !== null)?.first;
  return (
    `errors: ${errors} of ${calls} calls failed at level${failing.length > 1 ? 's' : ''} ${failing.map(({ level }) => level.level).join(', ')}` +
    (first !== undefined && first !== null ? ` (first: ${first})` : '')
  );
}

function cores(value: number): string {
  return `${value.toFixed(2)} cores`;
}

function rate(perS: number): string {
  return `${perS >= 100 ? Math.round(perS).toLocaleString('en-US') : perS.toFixed(1)} calls/s`;
}

function ms(value: number | null): string {
  return value === null ? '-' : `${value.toFixed(1)} ms`;
}
