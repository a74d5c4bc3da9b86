import type { Distribution } from '../../bench/results/summary-types.js';

/**
 * What `iotmcp-bench perf` measures and writes to `results/perf-<id>/perf.json`. No LLM is involved: every
 * figure is a tool call, a datapool command or a fleet of emulated boards, measured on this machine.
 * Each experiment fills its own section; the report and the CSV are rendered from this alone.
 */

export type PerfTransport = 'memory' | 'stdio' | 'http' | 'mqtt';
export type PerfArchitecture = 'gateway' | 'native';
/** `serial`: the board on a serial line (a socat pty pair) instead of TCP, with the ideal network model. */
export type PerfNetwork = 'ideal' | 'wifi' | 'serial';

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
  /**
   * The boards a datapool holds, surveyed one at a time (`perf --datapool URL`: a lab's real boards). Absent in
   * perf runs that surveyed none.
   */
  boards?: BoardFigures[];
  /** Modelled against measured memory for the same commands. Absent in perf runs made before it was measured. */
  memory?: MemoryComparison;
  targets: TargetResult[];
  /** The command line that produced this result. */
  command: string;
}

/** One command of a board survey, sent one at a time: each figure split by hop from the stored records. */
export interface BoardCommandFigures {
  /** "DHT11 read_all". */
  command: string;
  calls: number;
  /** Accepted to stored, ms. */
  total: Distribution;
  /** Accepted to written to the board (the datapool's queue), ms. */
  queue: Distribution;
  /** Written to the board until its answer arrived, less the time the board held it: the link both ways, ms. */
  network: Distribution;
  /** The board's own `elapsed_ms`; empty for firmware that does not send it (the original). */
  device: Distribution;
  /** Answer arrived to durably stored, ms. */
  store: Distribution;
  /** The `peak_memory` the board reported with each answer, bytes. */
  peakMemory: Distribution;
}

/** One board of a survey: who it is, as it announced itself, and its figures. */
export interface BoardFigures {
  mcu: string;
  model: string | null;
  firmware: string | null;
  /** How it says it reaches the datapool (`wifi`, `tcp`, `serial`); null when it does not say. */
  link: string | null;
  /** How the datapool reached it (`tcp` or `serial`). */
  transport: string | null;
  /** Its WiFi power-save mode, as announced: power save delays incoming packets by up to a beacon interval. */
  wifiPm: string | null;
  memorySource: string;
  memorySamplingMs: number | null;
  /** Emulated boards may run faster than real time; their sampling times are then not a real board's. */
  speed: number;
  /** Idle round trips (`ping`): nothing sampled. */
  idle: { calls: number; roundTrip: Distribution; device: Distribution };
  commands: BoardCommandFigures[];
  errors: number;
  errorSamples: string[];
}

/** One command run on both boards: what the memory model says and what MicroPython's allocator measured. */
export interface MemoryRow {
  command: string;
  /** Median `peak_memory` of the emulated board (modelled), bytes. */
  modeled: number | null;
  /** Median `peak_memory` of the MicroPython board (measured by `gc.mem_alloc()`), bytes. */
  measured: number | null;
  calls: number;
}

/** The memory model set against MicroPython's allocator: the same board, sensors and commands on both firmwares. */
export interface MemoryComparison {
  skipped?: string;
  /** The board both firmwares ran as ("ESP32-S3 with LM35, KY-026, ..."). */
  board: string;
  /** MicroPython's version and port, as the measuring firmware announced it. */
  measuredBy: string | null;
  rows: MemoryRow[];
  /** The model's constants for this profile beside what the measurements give for them, bytes. */
  calibration: MemoryCalibration | null;
  /** The firmware's own heap at rest, no driver counted. Absent in perf runs made before it was measured. */
  firmwareBase?: { modeled: number; measured: number };
  /** The actuator package a board that drives any actuator holds once. Absent in perf runs made before it was measured. */
  actuatorPackage?: { modeled: number; measured: number };
  /** Each driver's share of the heap against the model's. Absent in perf runs made before it was measured. */
  drivers?: DriverHeap[];
}

/** What one driver holds on the MicroPython firmware's heap, against what the memory model charges for it. */
export interface DriverHeap {
  kind: 'sensor' | 'actuator';
  name: string;
  modeled: number;
  measured: number;
}

export interface MemoryCalibration {
  profile: string;
  /** Heap in use at rest (firmware and drivers, after a collection), bytes. */
  atRest: { modeled: number; measured: number };
  /** What one command holds while it runs, bytes. */
  perCommand: { modeled: number; measured: number };
  /** What building and sending one reply takes above the line itself, bytes. */
  perReply: { modeled: number; measured: number };
}
