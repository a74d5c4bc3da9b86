import type { FieldValue, Reading } from '../../core/sensors/types.js';
import { BOARD_ERROR_CODES, type BoardErrorCode, type CommandLine, REPLY_PROTOCOL_FIELDS, type ReplyLine } from '../../core/wire/messages.js';
import type { CommandError, CommandStatus, ErrorCode } from '../types.js';

/**
 * A command as its board's lines, the same for the datapool and for a device-native board: the line that
 * starts it, the line that stops it, and what a reply to it says (a reading, or a failure).
 */

/** The line that starts a command; `sensorName` is the sensor as the board itself spells it, when known. */
export function commandLine(status: CommandStatus, sensorName: string | undefined): CommandLine {
  const { request } = status;
  if (request.actuator !== undefined) return actuatorLine(status, sensorName);
  const line: CommandLine = {
    sensor: sensorName ?? request.sensor ?? '',
    command: request.command,
    interval: request.interval,
    duration: request.duration,
    id: status.id,
  };
  if (request.world !== undefined) line.world = request.world;
  return line;
}

/** The line that drives an actuator (`actuatorName`: as the board spells it): no interval, duration or timer. */
function actuatorLine(status: CommandStatus, actuatorName: string | undefined): CommandLine {
  const { request } = status;
  const line: CommandLine = { actuator: actuatorName ?? request.actuator ?? '', command: request.command, id: status.id };
  if (request.value !== undefined) line.value = request.value;
  if (request.world !== undefined) line.world = request.world;
  return line;
}

/**
 * The line that stops command `target` (`id`: the exit's own id, to recognise its acknowledgement). The
 * original firmware ignores `target` and stops all of its streams.
 */
export function exitLine(target: string, id?: string): CommandLine {
  return id === undefined ? { command: 'exit', target } : { command: 'exit', target, id };
}

/** The reply reports a failure rather than a reading. */
export function isFailure(reply: ReplyLine): boolean {
  return reply.error !== undefined && reply.error !== null;
}

/**
 * The datapool's code for each refusal a board may send: busy is overload, not breakage (`queue-full`: try
 * later); a board that drives no such actuator is `no-device`; an unknown command `unknown-command`; a value the
 * board will not take `out-of-range`; an actuator moved too recently `rate-limited` (try later); a line or a
 * world the board could not take as sent is the request's fault, `invalid-request`; a reply the board had no
 * memory for is the board's, `device-error`.
 */
export const BOARD_FAILURE_CODES: Readonly<Record<BoardErrorCode, ErrorCode>> = {
  busy: 'queue-full',
  'unknown-actuator': 'no-device',
  'unknown-command': 'unknown-command',
  'out-of-range': 'out-of-range',
  'rate-limited': 'rate-limited',
  'invalid-command': 'invalid-request',
  'invalid-world': 'invalid-request',
  'out-of-memory': 'device-error',
};

/**
 * The failure a board reported for a command, by its `error_code` (see `BOARD_FAILURE_CODES`). An error without
 * a code, or with one this datapool does not know, and every error of the original firmware (which sends no
 * code), is a `device-error`.
 */
export function boardFailure(mcu: string, reply: ReplyLine): CommandError {
  const text = typeof reply.error === 'string' ? reply.error : JSON.stringify(reply.error);
  const known = (BOARD_ERROR_CODES as readonly unknown[]).includes(reply.error_code) ? BOARD_FAILURE_CODES[reply.error_code as BoardErrorCode] : undefined;
  return { code: known ?? 'device-error', message: `MCU "${mcu}" reported: ${text}` };
}

/** The reading a reply carries: every field but the protocol's own. */
export function readingOf(reply: ReplyLine): Reading {
  const data: Reading = {};
  for (const key of Object.keys(reply)) {
    if (!REPLY_PROTOCOL_FIELDS.has(key)) data[key] = reply[key] as FieldValue;
  }
  return data;
}
