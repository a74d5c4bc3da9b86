import { DEFAULT_REAL_TIME_WINDOW_S } from '../../core/sensor-tool-limits.js';
import type { SensorSpec } from '../../core/sensors/types.js';
import type { WorldContext } from '../../core/world/types.js';
import type { CommandRequest, CommandStatus } from '../../datapool/types.js';
import type { SensorServerOptions } from './contracts.js';
import { ANSWER_MARGIN_MS, deadline } from './deadline.js';
import { readingProblem } from './reading-check.js';
import { describeError, describeFailedStatus, describeMalformedReading, describeTimeout, errorCodeOf, type ToolErrorCode } from './tool-errors.js';
import type { ToolArguments } from './tool-input.js';

/** The original waited 10 s for a record; a series gets its own duration on top. */
export const DEFAULT_GRACE_MS = 10_000;

export interface ToolCallOptions extends SensorServerOptions {
  /** How long to wait beyond a series' duration (or a real-time window) before giving up, ms. */
  graceMs?: number;
  /** Where to report trouble that is not the caller's (a stream that could not be stopped). */
  log?: (line: string) => void;
}

/** One call of one sensor tool, after its arguments passed the schema. */
export interface SensorCall {
  spec: SensorSpec;
  tool: string;
  command: string;
  args: ToolArguments;
  /** This call's own world (a trial's, from the request's `_meta`); wins over `options.world`. */
  world?: WorldContext;
}

/** What a call yielded: a whole series or window, or none of it, or (`partial`) the samples before it failed. */
export type CallOutcome =
  | { ok: true; status: CommandStatus; realTime: boolean; windowS: number | null }
  | { ok: false; message: string; code: ToolErrorCode; partial?: PartialOutcome };

/** A failed command that had yielded samples: they belong in the result beside the error. */
export interface PartialOutcome {
  status: CommandStatus;
  realTime: boolean;
  windowS: number | null;
}

/**
 * Runs a tool call through the datapool and always comes back: every wait has a timeout, a command still
 * waiting when it runs out is cancelled so it cannot fire later. Failures come back as a message for the model,
 * never as a throw.
 */
export async function runSensorCall(call: SensorCall, options: ToolCallOptions): Promise<CallOutcome> {
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const { args, spec } = call;
  const world = call.world ?? options.world;
  try {
    const request: CommandRequest = {
      sensor: spec.name,
      command: call.command,
      interval: args.interval,
      duration: args.duration,
      // A pinned server's schema has no mcu or place: its board is the only one it reaches.
      ...(options.pinnedMcu !== undefined ? { mcu: options.pinnedMcu } : args.mcu !== undefined && { mcu: args.mcu }),
      ...(options.pinnedMcu === undefined && args.place !== undefined && { place: args.place }),
      ...(world !== undefined && { world }),
      // A command for an absent board should not outlive the call that asked for it.
      ttlMs: graceMs,
    };
    const outcome = args.real_time ? await runRealTime(call, request, options, graceMs) : await runOnce(call, request, options, graceMs);
    return outcome.ok ? await checkReadings(outcome, call, options) : outcome;
  } catch (error) {
    return { ok: false, code: errorCodeOf(error), message: await describeError(error, spec, call.args, options.datapool) };
  }
}

async function runOnce(
  call: SensorCall,
  request: CommandRequest,
  options: ToolCallOptions,
  graceMs: number,
  windowS: number | null = null,
): Promise<CallOutcome> {
  const realTime = windowS !== null;
  const timeoutMs = (windowS ?? call.args.duration) * 1000 + graceMs;
  const what = realTime ? 'the real-time window' : 'the command';
  const status = await deadline(options.datapool.run(request, { timeoutMs }), timeoutMs + ANSWER_MARGIN_MS, what);
  if (status.state === 'done') return { ok: true, status, realTime, windowS };
  if (status.state === 'failed') return failed(status, call.spec, realTime, windowS);
  // Still queued or running after the timeout: make sure it cannot run later for nobody.
  const final = await cancelQuietly(status.id, options);
  if (final?.state === 'done') return { ok: true, status: final, realTime, windowS };
  const last = final ?? status;
  return {
    ok: false,
    ...(await describeTimeout(last, timeoutMs, call.spec, options.datapool, realTime ? what : undefined)),
    ...partialOf(last, realTime, windowS),
  };
}

/**
 * The original's real-time mode collected a stream's records for a window of wall time, so how many came back
 * depended on how busy the machine and the board were. Here a window is a command as long as the window: the
 * board yields exactly the samples its world-time window holds (floor(window / interval), one per interval
 * from the command's world time), however busy it is, and it ends by itself.
 */
async function runRealTime(call: SensorCall, request: CommandRequest, options: ToolCallOptions, graceMs: number): Promise<CallOutcome> {
  const windowS = call.args.duration > 0 ? call.args.duration : DEFAULT_REAL_TIME_WINDOW_S;
  return runOnce(call, { ...request, duration: windowS }, options, graceMs, windowS);
}

/** The outcome as it is, or a `device-error` when a sample is not a reading of the sensor (`temperature: "hot"`). */
async function checkReadings(outcome: CallOutcome & { ok: true }, call: SensorCall, options: ToolCallOptions): Promise<CallOutcome> {
  const { status } = outcome;
  for (const sample of status.samples) {
    const problem = readingProblem(call.spec, status.request.command, sample.data);
    if (problem === null) continue;
    return { ok: false, code: 'device-error', message: await describeMalformedReading(status, sample.seq, problem, call.spec, options.datapool) };
  }
  return outcome;
}

function failed(status: CommandStatus, spec: SensorSpec, realTime: boolean, windowS: number | null): CallOutcome {
  return { ok: false, code: status.error?.code ?? 'device-error', message: describeFailedStatus(status, spec), ...partialOf(status, realTime, windowS) };
}

function partialOf(status: CommandStatus, realTime: boolean, windowS: number | null): { partial?: PartialOutcome } {
  return status.samples.length > 0 ? { partial: { status, realTime, windowS } } : {};
}

async function cancelQuietly(id: string, options: ToolCallOptions): Promise<CommandStatus | null> {
  try {
    return await deadline(options.datapool.cancel(id), ANSWER_MARGIN_MS, `cancelling ${id}`);
  } catch (error) {
    options.log?.(`mcp: could not cancel command ${id}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}
