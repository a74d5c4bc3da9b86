import type { WorldContext } from '../world/types.js';

/**
 * The device wire protocol of the original IoT-MCP firmware: newline-delimited JSON over TCP (or serial).
 * These are the shapes of one line after JSON parsing; `line-splitter.ts` cuts the stream into lines.
 */

/** First line from an MCU. The original firmware sends only `available_sensors`; ours adds who it is. */
export interface AnnounceLine {
  available_sensors: string[];
  mcu?: string;
  model?: string;
  place?: string;
  firmware?: string;
  /** Memory reported by this board is a model, not a measurement (emulated boards). */
  memory_model?: 'modeled' | 'measured';
  /** Sampling commands the board runs at once (its free timers); the datapool keeps no more in flight. */
  max_concurrent?: number;
  /** Commands the board queues while its timers are busy. */
  pending_queue?: number;
  /**
   * Emulated boards run faster than real time by this factor (1 = real time): sampling waits interval / speed
   * of wall time, so the board's sampling durations are shorter than a real board's by the same factor.
   */
  speed?: number;
  /**
   * Extension: the actuators the board drives (names, as `available_sensors` names sensors). Only a board
   * that announces actuators is ever sent an actuator command; original-firmware boards never see one.
   */
  available_actuators?: string[];
  /**
   * Extension: how the board reaches the datapool: `wifi` (TCP over its radio), `tcp` (TCP over a wire or an
   * emulated board's loopback) or `serial` (a UART or USB CDC line). A lab run records it beside each figure.
   */
  link?: BoardLink;
  /**
   * Extension: the WiFi power-save mode the board runs with (`none`, `min`, `max`, as MicroPython's
   * `WLAN.config(pm=...)`): power save delays incoming packets by up to a beacon interval (about 100 ms).
   */
  wifi_pm?: string;
  /** Extension: with `memory_model: "measured"`, how often the board samples its heap in use, ms. */
  memory_sampling_ms?: number;
}

/** How a board reaches the datapool, as its announce says. */
export const BOARD_LINKS = ['wifi', 'tcp', 'serial'] as const;
export type BoardLink = (typeof BOARD_LINKS)[number];

/** Server -> MCU. Missing `command` means `read_all`; missing `interval` means 2 s. */
export interface CommandLine {
  sensor?: string;
  command?: string;
  interval?: number;
  duration?: number;
  id?: string;
  /**
   * Extension: the world this command samples (emulated boards only; real boards ignore it), with the trial's
   * actuator history and device notes when it has them.
   */
  world?: WorldContext;
  /** Extension: with `command: "exit"`, the id of the stream to stop (all streams when absent). */
  target?: string;
  /**
   * Extension: the actuator this command drives, instead of `sensor` (only to a board that announced it in
   * `available_actuators`). `command` is one of the actuator's commands (`status` reads it without moving it),
   * `value` the level a command that takes one sets. The board answers at once, with no timer or queue slot:
   * one reply carrying `actuator` and the level field (`ActuatorSpec.level.field`) with the state after the
   * command, or an error line whose `error_code` says why it refused.
   */
  actuator?: string;
  /** Extension: with `actuator`, the level a command that takes one sets (never clamped: out of range is refused). */
  value?: number;
}

/** MCU -> server: one sample (driver fields plus these) or, with `error`, a failure. */
export interface ReplyLine {
  id?: string;
  sensor?: string;
  /** MCU uptime when sampled, ms. */
  timestamp?: number;
  /** High-water mark of heap in use since the last reply, bytes. */
  peak_memory?: number;
  /**
   * Extension: wall time the board held the command, ms (float): from reading the command line to sending
   * this reply. Lets a host split a call's latency into network and device time; the original omits it.
   */
  elapsed_ms?: number;
  /** Extension: the actuator an actuator command's reply or refusal is about (instead of `sensor`). */
  actuator?: string;
  error?: string;
  /**
   * Extension: with `error`, which kind of refusal it is (see `BoardErrorCode`), for a host to act on;
   * `error` stays the text for people and may change. The original firmware sends no code, so a reader
   * treats an error without one, or with a code it does not know, as a plain device error.
   */
  error_code?: BoardErrorCode;
  /** Extension: this line answers a `ping` command (no sensor was touched). */
  pong?: boolean;
  /**
   * Extension: in an actuator `status` reply, the device note the command's world gives the board's place
   * (`WorldContext.notes`): text a device shows beside its state, which a host passes on as device data.
   */
  note?: string;
  [field: string]: unknown;
}

/**
 * The `error_code`s a board may send with `error`, so a host can act on a refusal without reading its text:
 * - `busy`: every timer and pending-queue slot of the board is taken, so it refused a sampling command; the same
 *   command may be taken once one frees up.
 * - `unknown-actuator`: the board drives no actuator of that name.
 * - `unknown-command`: the actuator has no such command.
 * - `out-of-range`: the command's `value` is missing, not a number, outside the actuator's range or not whole
 *   where the actuator takes only whole values, or contradicts the value the command itself sets; the board
 *   never clamps a value, it refuses it.
 * - `rate-limited`: the actuator moved less than its `minIntervalMs` ago; the same command may be taken once
 *   that has passed. A move to the actuator's safe state is never refused so.
 * - `invalid-command`: the line is not a command the board can take as it is (it names both a sensor and an
 *   actuator); sending it again will not help.
 * - `invalid-world`: the `world` the command carries is malformed, names an unknown scenario, or its actuator
 *   history is invalid; nothing was read or moved.
 * - `out-of-memory`: the board's heap could not hold the reply (MicroPython's MemoryError); an actuator command
 *   so answered moved nothing.
 */
export const BOARD_ERROR_CODES = [
  'busy',
  'unknown-actuator',
  'unknown-command',
  'out-of-range',
  'rate-limited',
  'invalid-command',
  'invalid-world',
  'out-of-memory',
] as const;
export type BoardErrorCode = (typeof BOARD_ERROR_CODES)[number];
export const BOARD_BUSY: BoardErrorCode = 'busy';

/**
 * Extension: `{"command": "ping", "id": "<uuid>"}` (no sensor) asks the board to answer at once, without a
 * timer, a queue slot or a sensor: `{"id", "pong": true, "timestamp", "peak_memory", "elapsed_ms"}`. It
 * measures the idle round trip (the paper's "no-load firmware"). The original firmware has no such command
 * and answers with an error line carrying the id ("Invalid command: missing sensor"): just as much a full
 * round trip, so a host accepts either answer.
 */
export const PING_COMMAND = 'ping';

/** A ping line as the server sends it. */
export function pingLine(id: string): CommandLine {
  return { command: PING_COMMAND, id };
}

/** Reply fields that belong to the protocol, not to the sensor's reading. */
export const REPLY_PROTOCOL_FIELDS: ReadonlySet<string> = new Set(['id', 'sensor', 'actuator', 'timestamp', 'peak_memory', 'elapsed_ms']);

/** A reply's `elapsed_ms` when it is a usable duration; null when absent (the original firmware) or invalid. */
export function replyElapsedMs(reply: ReplyLine): number | null {
  const value = reply.elapsed_ms;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

export const PING = 'PING';
export const PONG = 'PONG';
/** The interval the firmware samples at when a series command gives none (the sensor tools' default differs). */
export const FIRMWARE_DEFAULT_INTERVAL_S = 2;
/** A device line longer than this is discarded (the firmware's own buffers are far smaller). */
export const MAX_LINE_BYTES = 64 * 1024;
export const HEARTBEAT_INTERVAL_MS = 5_000;
export const HEARTBEAT_TIMEOUT_MS = 10_000;

/**
 * How many samples a command yields: one when duration is 0, floor(duration / interval) (at least one)
 * when positive, unbounded (a stream, until `exit`) when negative.
 */
export function sampleCount(interval: number, duration: number): number {
  if (duration < 0) return Infinity;
  if (duration === 0) return 1;
  return Math.max(1, Math.floor(duration / interval + 1e-9));
}

/**
 * How deeply a JSON value on the wire may nest. Readings are a few levels deep (a DS18B20 bus: an array of
 * probes, each an object); a value nested thousands deep would overflow the stack of whatever re-serialises it
 * (the store writing it, a client printing it), so it is refused where it is parsed.
 */
export const MAX_JSON_DEPTH = 32;

/** Whether a parsed JSON value nests deeper than `max` arrays or objects; iterative, so it cannot overflow itself. */
export function jsonTooDeep(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
