import type { Reading } from '../core/sensors/types.js';
import type { BoardLink } from '../core/wire/messages.js';
import type { WorldContext } from '../core/world/types.js';

/**
 * The datapool's contract with module 1. The in-process `Datapool` and the HTTP client both implement
 * `DatapoolClient`, so the MCP servers do not care whether the datapool is embedded or remote.
 */

/**
 * A command as module 1 submits it: a sensor to read, or an actuator to drive (exactly one of the two). Sensor
 * and actuator names are matched ignoring case, '-' and '_'.
 */
export interface CommandRequest {
  sensor?: string;
  /**
   * The actuator to drive instead of a sensor. Such a command is sent at once or not at all (never buffered for
   * an absent board) and takes no interval, duration or stream.
   */
  actuator?: string;
  /** MCU command; `read_all` when absent for a sensor; required for an actuator (`status` reads it unmoved). */
  command?: string;
  /** With `actuator`: the level a command that takes one sets, in the actuator's range. */
  value?: number;
  /** Seconds between samples; 2 when absent (the firmware's default). Must be > 0 when duration != 0. */
  interval?: number;
  /** Seconds: 0 one sample, > 0 a timed series, < 0 a stream until cancelled. */
  duration?: number;
  /** Pick this MCU (its id). */
  mcu?: string;
  /** Pick an MCU in this place. */
  place?: string;
  /** The world the emulated device samples (ignored by real boards). */
  world?: WorldContext;
  /**
   * How long the command may wait for an offline MCU before it expires, ms. An actuator command never waits
   * for its MCU; for it this only shortens how long its board's answer is waited for.
   */
  ttlMs?: number;
}

/**
 * A command after validation: canonical sensor or actuator name (exactly one), defaults applied. An actuator
 * command has interval and duration 0: one answer, at once.
 */
export interface NormalizedCommand {
  sensor?: string;
  actuator?: string;
  command: string;
  /** With `actuator`, the level the command sets when it takes one. */
  value?: number;
  interval: number;
  duration: number;
  mcu?: string;
  place?: string;
  world?: WorldContext;
}

/** Wall-clock instants (ms since the epoch, sub-millisecond precision) at each hop of one sample. */
export interface Hops {
  /** The datapool accepted the command and gave it its id. */
  accepted: number;
  /** The command line was written to the MCU's socket. */
  dispatched: number;
  /** The reply line arrived at the datapool. */
  received: number;
  /** The record was durably appended to the store. */
  stored: number;
}

export type MemorySource = 'modeled' | 'measured' | 'unknown';

export interface SampleRecord {
  kind: 'sample';
  id: string;
  /** 0-based index of this sample within its command. */
  seq: number;
  mcu: string;
  place: string | null;
  /** The sensor read; for an actuation (`actuator` set), the actuator's canonical name as well. */
  sensor: string;
  /** Set when the record is an actuator's answer: its state after the command, in `data`. */
  actuator?: string;
  command: string;
  /**
   * The driver's fields, without the protocol's own (id, sensor, timestamp, peak_memory, elapsed_ms); for an
   * actuation, the level field (`ActuatorSpec.level.field`) with the state after the command.
   */
  data: Reading;
  device: {
    timestamp: number | null;
    peakMemory: number | null;
    memorySource: MemorySource;
    /**
     * Wall time the board held the command, ms: from reading its line to sending this reply (the reply's
     * `elapsed_ms`). Null when the board does not say (the original firmware); absent in older records.
     */
    elapsedMs?: number | null;
  };
  hops: Hops;
  /** The last sample this command will yield. */
  final: boolean;
}

/** Why a command failed or was refused: the one list every union, set and check of these codes is made from. */
export const ErrorCode = [
  'invalid-request',
  'unknown-sensor',
  'unknown-command',
  'unknown-mcu',
  'unknown-place',
  'no-device',
  'device-error',
  'device-offline',
  'expired',
  'queue-full',
  'cancelled',
  /** The datapool itself failed while handling the command's reply. */
  'internal-error',
  'datapool-restarted',
  /** The store could not write (the disk is full): nothing unstored is ever reported as a result. */
  'store-unavailable',
  /** The board refused an actuator command's value (outside the range, not whole, or contradicting the command). */
  'out-of-range',
  /** The board refused to move an actuator again so soon (its `minIntervalMs`); the same command may be taken later. */
  'rate-limited',
] as const;
export type ErrorCode = (typeof ErrorCode)[number];

/** A rejected request's code: a command's own, or one only a request gets (no such command, a wait that timed out, no datapool). */
export const RejectionCode = [...ErrorCode, 'not-found', 'timeout', 'unavailable'] as const;
export type RejectionCode = (typeof RejectionCode)[number];

export interface CommandError {
  code: ErrorCode;
  message: string;
}

export type CommandState = 'queued' | 'dispatched' | 'done' | 'failed';

/** Everything known about one command. */
export interface CommandStatus {
  id: string;
  state: CommandState;
  request: NormalizedCommand;
  /** The MCU it was routed to (null while no MCU can be chosen). */
  mcu: string | null;
  place: string | null;
  /** Samples this command will yield; null for a stream. */
  expected: number | null;
  samples: SampleRecord[];
  /**
   * Samples the command yielded whose lines the store lost (damaged in the middle of the file): its outcome
   * and count stand, only these samples' data is gone. Absent when none was lost.
   */
  lostSamples?: number;
  error?: CommandError;
  accepted: number;
  dispatched?: number;
  completed?: number;
}

export interface WaitOptions {
  /** Give up waiting after this long, ms; the status so far is returned (state not final). */
  timeoutMs: number;
  /**
   * 'final': return as soon as the command is done or failed (default).
   * 'window': collect for the whole `timeoutMs` (the original's real-time mode), returning early only if it ends.
   * 'sample': return as soon as the command has a sample (at once if it has one already), or ends:
   *   a real-time window starts when the stream does, not while the board is busy with other commands.
   */
  until?: 'final' | 'window' | 'sample';
}

/** How the datapool reaches a board: a TCP connection, or a serial line it holds open. */
export type DeviceTransport = 'tcp' | 'serial';

export interface McuInfo {
  id: string;
  model: string | null;
  place: string | null;
  firmware: string | null;
  /** Canonical sensor names. */
  sensors: string[];
  /** Names the board announced that match no known sensor type. */
  unknownSensors: string[];
  /** Canonical names of the actuators it announced (absent where no actuators are known, as a device-native board). */
  actuators?: string[];
  online: boolean;
  memorySource: MemorySource;
  remote: string | null;
  connectedAt: number | null;
  lastSeenAt: number | null;
  /** Commands buffered for it while it is away. */
  queued: number;
  /**
   * How many times faster than real time the board samples (its announce's `speed`; 1 when it does not
   * say, as real boards). Above 1 its sampling durations are shorter than a real board's by this factor.
   */
  speed?: number;
  /** How the board says it reaches the datapool (its announce's `link`: `wifi`, `tcp` or `serial`); absent when it does not say. */
  link?: BoardLink;
  /** How this datapool reaches it while it is (or was last) connected: a TCP connection or a serial line it holds. */
  transport?: DeviceTransport;
  /** The serial line it is (or was last) on, when `transport` is `serial`. */
  serialPath?: string;
  /** The WiFi power-save mode its announce gave (`wifi_pm`): power save delays what the board receives. */
  wifiPm?: string;
  /** How often the board samples its heap for `peak_memory`, ms (its announce's `memory_sampling_ms`). */
  memorySamplingMs?: number;
  /**
   * True when its connection proved nothing (no device key, no device token): any process that reaches the
   * device port could have announced it. Routing prefers every board that proved itself. Absent otherwise.
   */
  anonymous?: boolean;
}

export interface Health {
  /** False while the store cannot write: commands are refused with `store-unavailable` until it can. */
  ok: boolean;
  uptimeMs: number;
  mcusOnline: number;
  mcusKnown: number;
  commandsAccepted: number;
  recordsStored: number;
  /** Heartbeat lines (`PING`) received from boards since this process opened the datapool. */
  heartbeatsReceived?: number;
  /** The store's state and size (absent from datapools that predate it). */
  store?: StoreHealth;
}

/** What `/health` says about the store. */
export interface StoreHealth {
  /** False from a failed write until the next write succeeds. */
  writable: boolean;
  /** Why the last write failed, while `writable` is false. */
  error?: string;
  bytes: number;
  segments: number;
  compactions: number;
}

/** One idle round trip to a board: a `ping` line out, its answer back; no sensor touched, nothing stored. */
export interface PingResult {
  mcu: string;
  /** The ping line was written to the board's socket (epoch ms, sub-ms precision, like `Hops`). */
  sent: number;
  /** Its answer arrived. */
  received: number;
  /** received - sent, ms. */
  roundTripMs: number;
  /** How long the board held the ping (its `elapsed_ms`); null when it does not say (the original firmware). */
  deviceElapsedMs: number | null;
  /** Our firmware answers `pong`; the original answers a ping with an error line carrying its id. */
  answeredBy: 'pong' | 'error-line';
}

export interface PingOptions {
  /** Give up (DatapoolError 'timeout') when the board has not answered after this long, ms. */
  timeoutMs: number;
}

export interface DatapoolClient {
  submit(request: CommandRequest): Promise<CommandStatus>;
  wait(id: string, options: WaitOptions): Promise<CommandStatus>;
  /** submit + wait in one call (one round trip over HTTP). */
  run(request: CommandRequest, options: WaitOptions): Promise<CommandStatus>;
  status(id: string): Promise<CommandStatus>;
  /** Stops a stream or a queued command. */
  cancel(id: string): Promise<CommandStatus>;
  mcus(): Promise<McuInfo[]>;
  health(): Promise<Health>;
  /**
   * The idle round trip to one MCU (not a sensor command: not stored, no outbox, no timer slot). Rejects
   * with `unknown-mcu`, `device-offline` (now, or before it answered) or `timeout`.
   */
  ping(mcu: string, options: PingOptions): Promise<PingResult>;
}

/** A rejected request, carrying a code module 1 can map to a clear tool error. */
export class DatapoolError extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
  ) {
    super(message);
    this.name = 'DatapoolError';
  }
}
