import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { SensorSpec } from '../../core/sensors/types.js';
import { ERROR_META_KEY } from '../../core/tool-meta.js';
import { type CommandStatus, type DatapoolClient, DatapoolError, type McuInfo, RejectionCode } from '../../datapool/types.js';
import { ANSWER_MARGIN_MS, deadline } from './deadline.js';
import { REFUSAL_RULES } from './safety/gate-decision.js';
import type { ToolArguments } from './tool-input.js';

/**
 * Turns every way a sensor call can fail into one message a model can act on: what went wrong, and what to
 * try instead (the places and MCUs that do carry the sensor, whether a board is offline, when to retry).
 */

/**
 * What kind of failure an error result is, for the host (never shown to the model): the datapool's own code
 * (`device-offline` and `expired` mean the board is away; `unknown-place`, `no-device`... the model asked
 * for something that is not there), `timeout`, `unavailable` (no datapool), `invalid-world` (the host sent
 * a world the servers cannot sample: a harness bug), or `internal-error`. Arguments the schema refuses are
 * answered by the SDK before any handler runs, so their results carry no code; a host calls them
 * `invalid-arguments`. An actuator tool's refusal carries the safety gate's rule or the user's
 * (`confirmation-declined`: `REFUSAL_RULES`), or `audit-unavailable` (the audit log could not record the call,
 * so nothing moved); those are the model's to read, never the infrastructure failing.
 */
export const ToolErrorCode = [...new Set([...RejectionCode, 'invalid-world', 'invalid-arguments', ...REFUSAL_RULES, 'audit-unavailable'] as const)];
export type ToolErrorCode = (typeof ToolErrorCode)[number];

/** An error result: the message for the model, the code in `_meta` for the host. */
export function errorResult(message: string, code: ToolErrorCode): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true, _meta: { [ERROR_META_KEY]: { code } } };
}

/** The code of a rejection: the datapool's, or `internal-error` for anything that is not a DatapoolError. */
export function errorCodeOf(error: unknown): ToolErrorCode {
  return error instanceof DatapoolError ? error.code : 'internal-error';
}

/** Partial readings quoted in an error message (the rest would only cost tokens). */
const PARTIAL_SHOWN = 10;
const FLEET_HINT = 'the list_devices tool of the iotmcp/fleet server lists every MCU';

/** A rejection thrown by the datapool client (routing, validation, an unreachable datapool). */
export async function describeError(error: unknown, spec: SensorSpec, args: ToolArguments, datapool: DatapoolClient): Promise<string> {
  if (!(error instanceof DatapoolError)) {
    return `internal error while reading ${spec.name}: ${error instanceof Error ? error.message : String(error)}`;
  }
  switch (error.code) {
    case 'unknown-place':
      return `no MCU is in place "${args.place ?? ''}"; places with ${spec.name}: ${await whereIs(spec, datapool)}`;
    case 'unknown-mcu':
      return `no MCU "${args.mcu ?? ''}"; MCUs with ${spec.name}: ${await whereIs(spec, datapool)}`;
    case 'no-device': {
      const what =
        args.mcu !== undefined
          ? `MCU "${args.mcu}" has no ${spec.name}`
          : `no MCU carries ${spec.name}${args.place !== undefined ? ` in place "${args.place}"` : ''}`;
      return `${what}; places with ${spec.name}: ${await whereIs(spec, datapool)}`;
    }
    case 'queue-full':
      return `${error.message} (the board is busy: retry in a few seconds, or pick another MCU with ${spec.name}: ${await whereIs(spec, datapool)})`;
    case 'timeout':
      return `timed out reading ${spec.name}: ${error.message}; the datapool may be overloaded: try again`;
    case 'unavailable':
      return `the datapool is not reachable, so no sensor can be read right now: ${error.message}`;
    default:
      return `${spec.name} could not be read (${error.code}): ${error.message}`;
  }
}

/** A command the datapool accepted that ended in failure. */
export function describeFailedStatus(status: CommandStatus, spec: SensorSpec): string {
  const error = status.error ?? { code: 'device-error' as const, message: 'failed without a reason' };
  const board = boardOf(status);
  const partial = partialNote(status);
  const tail = ` [id ${status.id}]`;
  switch (error.code) {
    case 'device-offline':
      return `device offline: ${wentOffline(status, board, error.message)}. Try again shortly, or read ${spec.name} on another MCU.${tail}`;
    case 'expired':
      return `device offline: ${board} did not take the command in time: ${error.message}. Try again later or pick another MCU (${FLEET_HINT}).${tail}`;
    case 'device-error':
      return `the device reported an error reading ${spec.name} on ${board}: ${error.message}${partial}.${tail}`;
    case 'queue-full':
      return `${board} is busy (${error.message}); retry in a few seconds.${tail}`;
    case 'cancelled':
      return `the command was cancelled: ${error.message}${partial}.${tail}`;
    case 'datapool-restarted':
      return `the datapool restarted while ${board} was sampling${partial}; call the tool again.${tail}`;
    default:
      return `${spec.name} on ${board} failed (${error.code}): ${error.message}${partial}.${tail}`;
  }
}

/**
 * The board answered, but sample `seq` is not a reading of the sensor (`readingProblem` says why). The reply
 * stays in the datapool as the board sent it; the model is told what was wrong and where else to read.
 */
export async function describeMalformedReading(
  status: CommandStatus,
  seq: number,
  problem: string,
  spec: SensorSpec,
  datapool: DatapoolClient,
): Promise<string> {
  const which = status.samples.length > 1 ? `sample #${seq} of ` : '';
  return (
    `${boardOf(status)} sent ${which}a ${spec.name} reading that is not valid: ${problem}. The reply is kept in the datapool as sent; ` +
    `try again, or read ${spec.name} on another MCU: ${await whereIs(spec, datapool)}. [id ${status.id}]`
  );
}

/** 'MCU "esp32-living-room" (living-room)', or 'the board' when none was chosen. */
function boardOf(status: CommandStatus): string {
  return status.mcu === null ? 'the board' : `MCU "${status.mcu}"${status.place ? ` (${status.place})` : ''}`;
}

/**
 * The call ran out of time with the command still queued or running. Its code is `device-offline` when the
 * board it waited for is offline (a command for an absent board outwaits the call), `timeout` otherwise.
 */
export async function describeTimeout(
  status: CommandStatus,
  timeoutMs: number,
  spec: SensorSpec,
  datapool: DatapoolClient,
  what = 'the result',
): Promise<{ code: 'timeout' | 'device-offline'; message: string }> {
  let board = 'no board could be chosen';
  let code: 'timeout' | 'device-offline' = 'timeout';
  if (status.mcu !== null) {
    const info = await safeMcus(datapool).then((mcus) => mcus?.find((mcu) => mcu.id === status.mcu));
    const state = info === undefined ? '' : info.online ? ', online but not answering' : ', offline';
    if (info?.online === false) code = 'device-offline';
    board = `MCU "${status.mcu}"${status.place ? ` (${status.place})` : ''}${state}`;
  }
  const message =
    `timed out after ${seconds(timeoutMs)} waiting for ${what} of ${spec.name} on ${board}; ` +
    `got ${status.samples.length}${status.expected === null ? '' : ` of ${status.expected}`} sample(s) and stopped the command. ` +
    `Try again, or pick another MCU with ${spec.name}: ${await whereIs(spec, datapool)}. [id ${status.id}]`;
  return { code, message };
}

/** "living-room (esp32-living-room, online), bedroom (esp32c6-bedroom, offline)". */
async function whereIs(spec: SensorSpec, datapool: DatapoolClient): Promise<string> {
  const mcus = await safeMcus(datapool);
  if (mcus === null) return '(the fleet could not be listed)';
  const carriers = mcus.filter((mcu) => mcu.sensors.includes(spec.name));
  if (carriers.length === 0) return `none (no MCU in the fleet has ${spec.name})`;
  return carriers.map((mcu) => `${mcu.place ?? '(no place)'} (${mcu.id}, ${mcu.online ? 'online' : 'offline'})`).join(', ');
}

async function safeMcus(datapool: DatapoolClient): Promise<McuInfo[] | null> {
  try {
    return await deadline(datapool.mcus(), ANSWER_MARGIN_MS, 'the fleet list');
  } catch {
    return null;
  }
}

/**
 * "MCU "x" (garage) went offline after 3 of 10 samples (connection closed by the board); the 3 received:
 * {...}": the board, how far its series or window got, why, and what it yielded (those samples are also
 * in the structured result).
 */
function wentOffline(status: CommandStatus, board: string, datapoolMessage: string): string {
  // The datapool says why in parentheses ("went offline (heartbeat timeout) after ..."); any other wording is quoted whole.
  const reason = /went offline \((.+)\) after /.exec(datapoolMessage)?.[1] ?? datapoolMessage;
  const n = status.samples.length;
  if (n === 0) return `${board} went offline before sending any sample (${reason})`;
  const progress = status.expected === null ? `${plural(n, 'sample')} of the real-time window` : `${n} of ${plural(status.expected, 'sample')}`;
  return `${board} went offline after ${progress} (${reason}); the ${n} received: ${quoted(status)}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The first samples' values as JSON, "and N more" beyond them. */
function quoted(status: CommandStatus): string {
  const shown = status.samples.slice(0, PARTIAL_SHOWN).map((sample) => JSON.stringify(sample.data));
  const more = status.samples.length > PARTIAL_SHOWN ? ` and ${status.samples.length - PARTIAL_SHOWN} more` : '';
  return `${shown.join(', ')}${more}`;
}

function partialNote(status: CommandStatus): string {
  if (status.samples.length === 0) return '';
  return `; ${status.samples.length}${status.expected === null ? '' : ` of ${status.expected}`} sample(s) arrived before that: ${quoted(status)}`;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}
