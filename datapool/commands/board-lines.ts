import type { FieldValue, Reading } from '../../core/sensors/types.js';
import { BOARD_BUSY, type CommandLine, REPLY_PROTOCOL_FIELDS, type ReplyLine } from '../../core/wire/messages.js';
import type { CommandError, CommandStatus } from '../types.js';

/**
 * A command as its board's lines, the same for the datapool and for a device-native board: the line that
 * starts it, the line that stops it, and what a reply to it says (a reading, or a failure).
 */

/** The line that starts a command; `sensorName` is the sensor as the board itself spells it, when known. */
export function commandLine(status: CommandStatus, sensorName: string | undefined): CommandLine {
  const { request } = status;
  const line: CommandLine = {
    sensor: sensorName ?? request.sensor,
    command: request.command,
    interval: request.interval,
    duration: request.duration,
    id: status.id,
  };
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
 * The failure a board reported for a command. A board that says it is busy (`error_code: "busy"`: every
 * timer and queue slot taken) is overloaded, not broken: `queue-full`, so a caller knows to try later. Any
 * other error, and every error of the original firmware (which sends no code), is a `device-error`.
 */
export function boardFailure(mcu: string, reply: ReplyLine): CommandError {
  const text = typeof reply.error === 'string' ? reply.error : JSON.stringify(reply.error);
  return { code: reply.error_code === BOARD_BUSY ? 'queue-full' : 'device-error', message: `MCU "${mcu}" reported: ${text}` };
}

/** The reading a reply carries: every field but the protocol's own. */
export function readingOf(reply: ReplyLine): Reading {
  const data: Reading = {};
  for (const key of Object.keys(reply)) {
    if (!REPLY_PROTOCOL_FIELDS.has(key)) data[key] = reply[key] as FieldValue;
  }
  return data;
}
