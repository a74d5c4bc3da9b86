import type { Distribution } from '../../bench/results/summary-types.js';
import { skippedFleetLevel } from './fleet-scale.js';
import type { ConcurrencyLevel, ConcurrencySeries, FleetLevel, LatencyCell, PerfArchitecture, PerfNetwork, PerfResult, PerfTransport } from './perf-types.js';
import { LINEAR_EFFICIENCY } from './perf-types.js';
import { evaluateTargets } from './targets.js';

/**
 * Synthetic perf results for the report's tests, shaped like what `perf` measures on a 2-core machine:
 * a full run that meets every target, a quick run with sections skipped, and a run that misses every
 * target it measured. Each is built from a few readable figures; everything else is derived.
 */

const MIB = 1024 ** 2;
const GIB = 1024 ** 3;

export const EMPTY: Distribution = { n: 0, mean: null, p50: null, p95: null, p99: null, min: null, max: null };

/** A right-skewed distribution around `mean`, as latencies are; `p50` may be pinned. */
export function spread(mean: number, options: { n?: number; p50?: number } = {}): Distribution {
  return {
    n: options.n ?? 500,
    mean,
    p50: options.p50 ?? mean * 0.9,
    p95: mean * 1.6,
    p99: mean * 2.2,
    min: mean * 0.6,
    max: mean * 3.1,
  };
}

export interface CellOptions {
  /** Mean ms per hop; the total is their sum. */
  mcp?: number;
  datapool?: number;
  network?: number;
  device?: number;
  idle?: number;
  /** Pins the total's p50 (the figure the p50 target reads). */
  p50?: number;
  calls?: number;
  errors?: number;
  errorSamples?: string[];
  skipped?: string;
}

export function latencyCell(transport: PerfTransport, architecture: PerfArchitecture, network: PerfNetwork, options: CellOptions = {}): LatencyCell {
  const base = { transport, architecture, network, tools: ['dht11_read_temperature', 'bmp280_read_pressure'], errorSamples: options.errorSamples ?? [] };
  if (options.skipped !== undefined) {
    return {
      ...base,
      skipped: options.skipped,
      tools: [],
      calls: 0,
      errors: 0,
      total: EMPTY,
      mcp: EMPTY,
      datapool: EMPTY,
      networkTime: EMPTY,
      device: EMPTY,
      idle: EMPTY,
    };
  }
  const hops = { mcp: options.mcp ?? 0.12, datapool: options.datapool ?? 0.15, network: options.network ?? 0.05, device: options.device ?? 0.09 };
  const total = hops.mcp + hops.datapool + hops.network + hops.device;
  const calls = options.calls ?? 500;
  const errors = options.errors ?? 0;
  const n = calls - errors;
  return {
    ...base,
    calls,
    errors,
    total: spread(total, { n, ...(options.p50 !== undefined ? { p50: options.p50 } : {}) }),
    mcp: spread(hops.mcp, { n }),
    datapool: spread(hops.datapool, { n }),
    networkTime: spread(hops.network, { n }),
    device: spread(hops.device, { n }),
    afterGap: spread(total * 2, { n: 100 }),
    idle: spread(options.idle ?? total * 0.7, { n: 200 }),
  };
}

/** A concurrency series from its throughput per level; efficiency and linearUpTo are derived as perf derives them. */
export function concurrencySeries(options: {
  label: string;
  mcus: number;
  slots: number;
  call?: string;
  throughput: [level: number, perS: number][];
  cpuCores?: (level: number) => number;
  limit: string;
}): ConcurrencySeries {
  const single = options.throughput.find(([level]) => level === 1)?.[1] ?? 1;
  const levels: ConcurrencyLevel[] = options.throughput.map(([level, perS]) => ({
    level,
    calls: Math.round(perS * 2),
    errors: 0,
    durationMs: 2000,
    throughputPerS: perS,
    // Little's law: calls in flight / throughput.
    latency: spread((level / perS) * 1000),
    efficiency: perS / (level * single),
    cpuCores: options.cpuCores?.(level) ?? Math.min(1, 0.3 + level / 64),
  }));
  let linearUpTo = 0;
  for (const level of levels) {
    if (level.efficiency < LINEAR_EFFICIENCY) break;
    linearUpTo = level.level;
  }
  return {
    label: options.label,
    mcus: options.mcus,
    slots: options.slots,
    transport: 'memory',
    network: 'ideal',
    call: options.call ?? 'dht11_read_temperature, instant timing',
    levels,
    linearUpTo,
    limit: options.limit,
  };
}

export function fleetLevel(
  mcus: number,
  options: {
    commandsPerS?: number;
    commandErrors?: number;
    onlineMs?: number | null;
    fleetRssBytes?: number;
    datapoolRssBytes?: number;
    heartbeatMs?: number;
    skipped?: string;
  } = {},
): FleetLevel {
  if (options.skipped !== undefined) return skippedFleetLevel(mcus, options.skipped);
  const fleetRssBytes = options.fleetRssBytes ?? 60 * MIB + mcus * 110 * 1024;
  const commandsPerS = options.commandsPerS ?? 22_000;
  return {
    mcus,
    onlineMs: options.onlineMs === undefined ? 40 + mcus * 0.9 : options.onlineMs,
    commandsPerS,
    commands: Math.round(commandsPerS * 3),
    commandErrors: options.commandErrors ?? 0,
    heartbeatsPerS: mcus / ((options.heartbeatMs ?? 5000) / 1000),
    ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
    idleDatapoolCores: 0.002 + mcus * 0.000004,
    fleetRssBytes,
    bytesPerMcu: fleetRssBytes / mcus,
    datapoolRssBytes: options.datapoolRssBytes ?? 90 * MIB + mcus * 20 * 1024,
  };
}

const MACHINE: PerfResult['machine'] = {
  cpus: 2,
  cpuModel: 'Intel(R) Xeon(R) CPU @ 2.20GHz',
  memoryBytes: 8 * GIB,
  platform: 'linux-x64',
  node: 'v20.19.0',
};

function finish(measured: Omit<PerfResult, 'targets'>): PerfResult {
  return { ...measured, targets: evaluateTargets(measured) };
}

const DEFAULT_FLEET_LIMIT = 'the 6 boards of the default fleet run every command in this one process: CPU saturated at 1.00 cores from level 8';
const BOARDS_LIMIT = 'linear to the highest level run: 1,024 board timers were never all busy';

/** Every section measured, every target met. */
export function fullPerfResult(): PerfResult {
  return finish({
    id: 'perf-20260101T120000Z-ab12',
    version: '0.1.0',
    startedAt: '2026-01-01T12:00:00.000Z',
    finishedAt: '2026-01-01T12:09:30.000Z',
    quick: false,
    machine: MACHINE,
    latency: [
      latencyCell('memory', 'gateway', 'ideal', { p50: 0.38 }),
      latencyCell('memory', 'native', 'ideal', { datapool: 0 }),
      latencyCell('stdio', 'gateway', 'ideal', { mcp: 0.6 }),
      latencyCell('http', 'gateway', 'ideal', { mcp: 1.1 }),
      latencyCell('mqtt', 'gateway', 'ideal', { mcp: 0.9 }),
      latencyCell('memory', 'gateway', 'wifi', { network: 18.2, idle: 17.9 }),
      latencyCell('mqtt', 'native', 'wifi', {
        mcp: 0.9,
        datapool: 0,
        network: 19.4,
        idle: 18.8,
        errors: 2,
        errorSamples: ['device esp32-a timed out after 5000 ms <&|>', 'socket hang up'],
      }),
    ],
    concurrency: [
      concurrencySeries({
        label: 'default fleet (6 MCUs)',
        mcus: 6,
        slots: 24,
        throughput: [
          [1, 5000],
          [2, 9100],
          [4, 12_000],
          [8, 13_800],
          [16, 14_100],
          [64, 14_200],
          [256, 14_000],
          [1024, 13_600],
        ],
        limit: DEFAULT_FLEET_LIMIT,
      }),
      concurrencySeries({
        label: '256 ESP32 boards, 4 timers each',
        mcus: 256,
        slots: 1024,
        call: 'dht11_read_temperature, datasheet timing (25 ms conversion)',
        throughput: [1, 4, 16, 64, 256, 1024].map((level) => [level, 38 * level * (level >= 256 ? 0.9 : 0.98)] as [number, number]),
        limit: BOARDS_LIMIT,
      }),
    ],
    fleetScale: {
      levels: [
        fleetLevel(10, { commandsPerS: 24_400 }),
        fleetLevel(100, { commandsPerS: 23_800 }),
        fleetLevel(1000, { commandsPerS: 21_900 }),
        fleetLevel(10_000, { commandsPerS: 17_500, onlineMs: 9400 }),
      ],
      openFileLimit: 20_000,
    },
    baselineRun: {
      durationMs: 42_000,
      trials: 1254,
      success: 0.974,
      options: 'iotmcp-bench run (defaults: baseline agent, all tasks, --concurrency 8)',
    },
    command: 'iotmcp-bench perf',
  });
}

export const QUICK_SKIPS = {
  stdio: 'not run with --quick: the memory transport only',
  mqtt: 'mosquitto is not installed (spawn mosquitto ENOENT)',
  fleet: 'not run with --quick: fleets of 1,000 MCUs and more take minutes',
  baseline: 'not run with --quick (it takes a minute or more): run `iotmcp-bench perf` without --quick',
} as const;

/** `perf --quick`: small sizes, whole sections and cells skipped, each with its reason. */
export function quickPerfResult(): PerfResult {
  return finish({
    id: 'perf-20260101T130000Z-cd34',
    version: '0.1.0',
    startedAt: '2026-01-01T13:00:00.000Z',
    finishedAt: '2026-01-01T13:00:48.000Z',
    quick: true,
    machine: MACHINE,
    latency: [
      latencyCell('memory', 'gateway', 'ideal', { calls: 100 }),
      latencyCell('memory', 'gateway', 'wifi', { calls: 100, network: 18.2 }),
      latencyCell('stdio', 'gateway', 'ideal', { skipped: QUICK_SKIPS.stdio }),
      latencyCell('mqtt', 'gateway', 'ideal', { skipped: QUICK_SKIPS.mqtt }),
    ],
    concurrency: [
      concurrencySeries({
        label: '16 ESP32 boards, 4 timers each',
        mcus: 16,
        slots: 64,
        call: 'dht11_read_temperature, datasheet timing (25 ms conversion)',
        throughput: [
          [1, 38],
          [4, 150],
          [16, 590],
          [64, 2300],
        ],
        limit: 'linear to the highest level run: 64 board timers were never all busy',
      }),
    ],
    fleetScale: {
      levels: [
        fleetLevel(10, { heartbeatMs: 500 }),
        fleetLevel(100, { commandsPerS: 21_500, heartbeatMs: 500 }),
        fleetLevel(1000, { skipped: QUICK_SKIPS.fleet }),
        fleetLevel(10_000, { skipped: QUICK_SKIPS.fleet }),
      ],
      openFileLimit: 1024,
    },
    baselineRun: { skipped: QUICK_SKIPS.baseline, durationMs: null, trials: 0, success: null, options: 'iotmcp-bench run (defaults)' },
    command: 'iotmcp-bench perf --quick',
  });
}

/** Every target measured and missed, by round amounts. */
export function missedPerfResult(): PerfResult {
  return finish({
    ...fullPerfResult(),
    id: 'perf-20260101T140000Z-ef56',
    latency: [latencyCell('memory', 'gateway', 'ideal', { mcp: 0.5, datapool: 1.4, network: 0.2, device: 0.3, p50: 2.24 })],
    concurrency: [
      concurrencySeries({
        label: 'default fleet (6 MCUs)',
        mcus: 6,
        slots: 24,
        throughput: [
          [1, 5000],
          [2, 9500],
          [4, 17_000],
          [8, 24_000],
          [16, 26_000],
          [32, 26_500],
        ],
        limit: DEFAULT_FLEET_LIMIT,
      }),
    ],
    fleetScale: {
      levels: [
        fleetLevel(100, { commandsPerS: 11_000 }),
        fleetLevel(1000, { commandsPerS: 12_200, commandErrors: 3 }),
        fleetLevel(10_000, { commandsPerS: 9000, fleetRssBytes: 1.9 * GIB, datapoolRssBytes: 0.5 * GIB }),
      ],
      openFileLimit: 20_000,
    },
    baselineRun: { durationMs: 75_000, trials: 1254, success: 0.97, options: 'iotmcp-bench run (defaults)' },
  });
}

/** Loose well-formedness: one <svg> root, every opened tag closed in order, text escaped, no NaN. */
export function assertWellFormedSvg(text: string, name: string): void {
  if (!text.trimStart().startsWith('<svg')) throw new Error(`${name} does not start with <svg`);
  const stack: string[] = [];
  let closedRoot = false;
  for (const match of text.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    const [, closing, tag, selfClosing] = match;
    if (closedRoot) throw new Error(`${name}: something after the root </svg>`);
    if (selfClosing) continue;
    if (closing) {
      const opened = stack.pop();
      if (opened !== tag) throw new Error(`${name}: </${tag}> closes <${opened}>`);
      if (stack.length === 0) closedRoot = true;
    } else {
      stack.push(tag!);
    }
  }
  if (stack.length > 0 || !closedRoot) throw new Error(`${name}: unclosed ${stack.join(', ')}`);
  if (/<text[^>]*>[^<]*&(?!amp;|lt;|gt;|quot;)/.test(text)) throw new Error(`${name}: unescaped & in text`);
  if (/NaN|undefined|Infinity/.test(text)) throw new Error(`${name}: holds NaN, undefined or Infinity`);
}
