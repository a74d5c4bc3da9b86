import { now } from '../../datapool/clock.js';
import type { CommandRequest, CommandStatus } from '../../datapool/types.js';
import type { SensorSpec } from '../../devices/sensors/types.js';
import type { WorldContext } from '../../devices/world/types.js';
import type { SensorServerOptions } from './contracts.js';
import { ANSWER_MARGIN_MS, deadline } from './deadline.js';
import { DEFAULT_REAL_TIME_WINDOW_S, type ToolArguments } from './tool-input.js';
import { readingProblem } from './reading-check.js';
import { describeError, describeFailedStatus, describeMalformedReading, describeTimeout, errorCodeOf, type ToolErrorCode } from './tool-errors.js';

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
  /** The client gave up on the call: stop a real-time stream early. */
  signal?: AbortSignal;
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
 * waiting when it runs out is cancelled so it cannot fire later, and a real-time stream is always stopped.
 * Failures come back as a message for the model, never as a throw.
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
    const outcome = args.real_time ? await runRealTime(call, request, options) : await runOnce(call, request, options, graceMs);
    return outcome.ok ? await checkReadings(outcome, call, options) : outcome;
  } catch (error) {
    return { ok: false, code: errorCodeOf(error), message: await describeError(error, spec, call.args, options.datapool) };
  }
}

async function runOnce(call: SensorCall, request: CommandRequest, options: ToolCallOptions, graceMs: number): Promise<CallOutcome> {
  const timeoutMs = call.args.duration * 1000 + graceMs;
  const status = await deadline(options.datapool.run(request, { timeoutMs }), timeoutMs + ANSWER_MARGIN_MS, 'the command');
  if (status.state === 'done') return { ok: true, status, realTime: false, windowS: null };
  if (status.state === 'failed') return failed(status, call.spec, false, null);
  // Still queued or running after the timeout: make sure it cannot run later for nobody.
  const final = await cancelQuietly(status.id, options);
  if (final?.state === 'done') return { ok: true, status: final, realTime: false, windowS: null };
  const last = final ?? status;
  return { ok: false, ...(await describeTimeout(last, timeoutMs, call.spec, options.datapool)), ...partialOf(last, false, null) };
}

/**
 * The original's real-time mode: a stream, collected for a window, then stopped. The window opens with the
 * stream's first sample, so a board busy with other commands (it runs a few at once) still yields a full
 * window instead of an empty one; waiting for that first sample is bounded by the grace time. What is
 * returned is what arrived inside the window; the stream is cancelled whatever happens.
 */
async function runRealTime(call: SensorCall, request: CommandRequest, options: ToolCallOptions): Promise<CallOutcome> {
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const windowS = call.args.duration > 0 ? call.args.duration : DEFAULT_REAL_TIME_WINDOW_S;
  const submitted = await deadline(options.datapool.submit({ ...request, duration: -1 }), ANSWER_MARGIN_MS, 'the command');
  let collected: CommandStatus = submitted;
  const onAbort = (): void => void cancelQuietly(submitted.id, options);
  call.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    // The window is in the world's seconds: a board sampling `speed` times faster fills it that much sooner.
    const windowMs = (windowS * 1000) / (await boardSpeed(submitted.mcu, options));
    const first = await deadline(options.datapool.wait(submitted.id, { timeoutMs: graceMs, until: 'sample' }), graceMs + ANSWER_MARGIN_MS, 'the first sample');
    collected = first;
    const opened = first.samples[0]?.hops.received;
    if (opened !== undefined && first.state !== 'done' && first.state !== 'failed') {
      const remaining = Math.max(0, windowMs - (now() - opened));
      const waiting = options.datapool.wait(submitted.id, { timeoutMs: remaining, until: 'window' });
      collected = await deadline(waiting, remaining + ANSWER_MARGIN_MS, 'the real-time window');
    }
  } finally {
    call.signal?.removeEventListener('abort', onAbort);
    const stopped = await cancelQuietly(submitted.id, options);
    // A stream that failed inside the window (board gone) reports that, with what it collected.
    if (stopped?.state === 'failed' && stopped.error?.code !== 'cancelled') collected = { ...stopped, samples: collected.samples };
  }
  if (collected.state === 'failed') return failed(collected, call.spec, true, windowS);
  if (collected.samples.length === 0) {
    return { ok: false, ...(await describeTimeout(collected, windowS * 1000, call.spec, options.datapool, 'the real-time window')) };
  }
  return { ok: true, status: { ...collected, state: 'done' }, realTime: true, windowS };
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

/** How many times faster than real time a board samples (1 for real boards, or when it cannot be told). */
async function boardSpeed(mcu: string | null, options: ToolCallOptions): Promise<number> {
  if (mcu === null) return 1;
  try {
    const info = (await options.datapool.mcus()).find((m) => m.id === mcu);
    return info?.speed !== undefined && info.speed >= 1 ? info.speed : 1;
  } catch {
    return 1;
  }
}
