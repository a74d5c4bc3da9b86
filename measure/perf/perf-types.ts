import type { Distribution } from '../../bench/results/summary-types.js';

/**
 * What `iotmcp-bench perf` measures and writes to `results/perf-<id>/perf.json`. No LLM is involved: every
 * figure is a tool call, a datapool command or a fleet of emulated boards, measured on this machine.
 * Each experiment fills its own section; the report and the CSV are rendered from this alone.
 */

export type PerfTransport = 'memory' | 'stdio' | 'http' | 'mqtt';
export type PerfArchitecture = 'gateway' | 'native';
export type PerfNetwork = 'ideal' | 'wifi';

/**
 * Latency of one transport x architecture x network profile: sequential single-read tool calls through the
 * real MCP SDK client, each split by hop with `latencyOf` (parts sum to the total).
 */
/**
 * The quiet before each call of the after-a-gap set. Back-to-back calls find every cache, socket and timer
 * warm; an agent calls after thinking, and a call after a pause costs more, so both are measured.
 */
export const IDLE_GAP_MS = 50;

export interface LatencyCell {
  transport: PerfTransport;
  architecture: PerfArchitecture;
  network: PerfNetwork;
  /** Present when the cell was not measured; then the distributions are empty. */
  skipped?: string;
  /** Tools called, round-robin (single reads of instant sensors, so device time is the board's own work). */
  tools: string[];
  calls: number;
  /** Calls that came back as errors (each counted, never dropped from `errors` silently). */
  errors: number;
  /** First error messages, for the report. */
  errorSamples: string[];
  total: Distribution;
  mcp: Distribution;
  datapool: Distribution;
  /** Network time (named apart from `network`, the profile). */
  networkTime: Distribution;
  device: Distribution;
  /**
   * The same single reads, each made after `IDLE_GAP_MS` of quiet, as an agent makes them after thinking:
   * back-to-back calls (`total`) find everything warm. Absent in perf runs made before it was measured.
   */
  afterGap?: Distribution;
  /**
   * The idle round trip: the paper's "no-load firmware that answers without touching a sensor". A
   * `ping_device` call through the same host, datapool and link, answered by the board without sampling.
   */
  idle: Distribution;
}

/** One level of the concurrency experiment: `level` calls kept in flight for the level's duration. */
export interface ConcurrencyLevel {
  level: number;
  calls: number;
  errors: number;
  durationMs: number;
  /** Completed calls per second. */
  throughputPerS: number;
  latency: Distribution;
  /** throughput / (level x throughput at level 1): 1 is perfectly linear. */
  efficiency: number;
  /** Share of one core this process used during the level (user + system CPU time / wall time). */
  cpuCores: number;
}

export interface ConcurrencySeries {
  /** "default fleet (6 MCUs)" or "256 ESP32 boards, 4 timers each". */
  label: string;
  mcus: number;
  /** Sampling commands the fleet can run at once (sum of the boards' timers). */
  slots: number;
  transport: PerfTransport;
  network: PerfNetwork;
  /** What each call does ("dht11_read_temperature, datasheet timing (25 ms conversion)"). */
  call: string;
  levels: ConcurrencyLevel[];
  /** Highest level whose efficiency stays >= LINEAR_EFFICIENCY. */
  linearUpTo: number;
  /** Why scaling stops there, in words the report prints (board timers, CPU saturated, ...). */
  limit: string;
}

/** Efficiency at or above which a level counts as linear scaling. */
export const LINEAR_EFFICIENCY = 0.8;

/** One fleet size of the fleet-scale experiment. The fleet runs in its own process, the datapool in this one. */
export interface FleetLevel {
  mcus: number;
  skipped?: string;
  /** From starting the fleet process to the datapool having every board's announcement, ms. */
  onlineMs: number | null;
  /** Single-read commands per second through the datapool with this many boards online. */
  commandsPerS: number | null;
  commands: number;
  commandErrors: number;
  /** Heartbeat lines the datapool received per second while idle. */
  heartbeatsPerS: number | null;
  /**
   * How often each board sent one, ms: 5,000 as real boards do; --quick uses a shorter period so that its
   * one-second idle window sees every board's heartbeat (the load then is that much higher).
   */
  heartbeatMs?: number;
  /** Share of one core the datapool process spent while the fleet was idle (heartbeats only). */
  idleDatapoolCores: number | null;
  /** Resident memory of the fleet process, bytes, and per emulated MCU. */
  fleetRssBytes: number | null;
  bytesPerMcu: number | null;
  /** Resident memory of the datapool process (this one), bytes. */
  datapoolRssBytes: number | null;
}

export interface FleetScaleResult {
  levels: FleetLevel[];
  /** The process's open-file limit, which bounds how many boards one process can hold. */
  openFileLimit: number | null;
}

/** The full baseline benchmark run, timed (full mode only). */
export interface BaselineRunTiming {
  skipped?: string;
  durationMs: number | null;
  trials: number;
  success: number | null;
  options: string;
}

export interface TargetResult {
  id: 'p50-memory-ideal' | 'datapool-commands-per-s' | 'linear-concurrency' | 'fleet-10000-memory' | 'baseline-run';
  description: string;
  /** The target value and its unit ("ms", "commands/s", "calls", "GiB", "s"). */
  target: number;
  unit: string;
  /** 'at-most' or 'at-least'. */
  direction: 'at-most' | 'at-least';
  measured: number | null;
  /** null: not measured in this run (quick mode, skipped). */
  met: boolean | null;
  /** "missed by 12% (2.24 ms against 2 ms)"; absent when met or not measured. */
  missedBy?: string;
  /** What limits the figure, from what was measured. */
  limit?: string;
}

export interface PerfMachine {
  cpus: number;
  cpuModel: string;
  memoryBytes: number;
  platform: string;
  node: string;
}

export interface PerfResult {
  id: string;
  version: string;
  startedAt: string;
  finishedAt: string;
  quick: boolean;
  machine: PerfMachine;
  latency: LatencyCell[];
  concurrency: ConcurrencySeries[];
  fleetScale: FleetScaleResult;
  baselineRun: BaselineRunTiming;
  targets: TargetResult[];
  /** The command line that produced this result. */
  command: string;
}
