import type { CommandRequest, CommandStatus } from '../../datapool/types.js';
import type { SensorSpec } from '../../devices/sensors/types.js';
import type { SensorServerOptions } from './contracts.js';
import { ANSWER_MARGIN_MS, deadline } from './deadline.js';
import { DEFAULT_REAL_TIME_WINDOW_S, type ToolArguments } from './tool-input.js';
import { describeError, describeFailedStatus, describeTimeout } from './tool-errors.js';

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
}

export type CallOutcome =
  | { ok: true; status: CommandStatus; realTime: boolean; windowS: number | null }
  | { ok: false; message: string };

/**
 * Runs a tool call through the datapool and always comes back: every wait has a timeout, a command still
 * waiting when it runs out is cancelled so it cannot fire later, and a real-time stream is always stopped.
 * Failures come back as a message for the model, never as a throw.
 */
export async function runSensorCall(call: SensorCall, options: ToolCallOptions): Promise<CallOutcome> {
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const { args, spec } = call;
  try {
    const request: CommandRequest = {
      sensor: spec.name,
      command: call.command,
      interval: args.interval,
      duration: args.duration,
      // A pinned server's schema has no mcu or place: its board is the only one it reaches.
      ...(options.pinnedMcu !== undefined ? { mcu: options.pinnedMcu } : args.mcu !== undefined && { mcu: args.mcu }),
      ...(options.pinnedMcu === undefined && args.place !== undefined && { place: args.place }),
      ...(options.world !== undefined && { world: options.world }),
      // A command for an absent board should not outlive the call that asked for it.
      ttlMs: graceMs,
    };
    return args.real_time ? await runRealTime(call, request, options) : await runOnce(call, request, options, graceMs);
  } catch (error) {
    return { ok: false, message: await describeError(error, spec, call.args, options.datapool) };
  }
}

async function runOnce(call: SensorCall, request: CommandRequest, options: ToolCallOptions, graceMs: number): Promise<CallOutcome> {
  const timeoutMs = call.args.duration * 1000 + graceMs;
  const status = await deadline(options.datapool.run(request, { timeoutMs }), timeoutMs + ANSWER_MARGIN_MS, 'the command');
  if (status.state === 'done') return { ok: true, status, realTime: false, windowS: null };
  if (status.state === 'failed') return { ok: false, message: describeFailedStatus(status, call.spec) };
  // Still queued or running after the timeout: make sure it cannot run later for nobody.
  const final = await cancelQuietly(status.id, options);
  if (final?.state === 'done') return { ok: true, status: final, realTime: false, windowS: null };
  return { ok: false, message: await describeTimeout(final ?? status, timeoutMs, call.spec, options.datapool) };
}

/**
 * The original's real-time mode: a stream, collected for a window, then stopped. What is returned is what
 * arrived inside the window; the stream is cancelled whatever happens, so a board never streams for nobody.
 */
async function runRealTime(call: SensorCall, request: CommandRequest, options: ToolCallOptions): Promise<CallOutcome> {
  const windowS = call.args.duration > 0 ? call.args.duration : DEFAULT_REAL_TIME_WINDOW_S;
  const submitted = await deadline(options.datapool.submit({ ...request, duration: -1 }), ANSWER_MARGIN_MS, 'the command');
  let collected: CommandStatus = submitted;
  const onAbort = (): void => void cancelQuietly(submitted.id, options);
  call.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const windowMs = windowS * 1000;
    const waiting = options.datapool.wait(submitted.id, { timeoutMs: windowMs, until: 'window' });
    collected = await deadline(waiting, windowMs + ANSWER_MARGIN_MS, 'the real-time window');
  } finally {
    call.signal?.removeEventListener('abort', onAbort);
    const stopped = await cancelQuietly(submitted.id, options);
    // A stream that failed inside the window (board gone) reports that, with what it collected.
    if (stopped?.state === 'failed' && stopped.error?.code !== 'cancelled') collected = { ...stopped, samples: collected.samples };
  }
  if (collected.state === 'failed') return { ok: false, message: describeFailedStatus(collected, call.spec) };
  if (collected.samples.length === 0) {
    return { ok: false, message: await describeTimeout(collected, windowS * 1000, call.spec, options.datapool, 'the real-time window') };
  }
  return { ok: true, status: { ...collected, state: 'done' }, realTime: true, windowS };
}

async function cancelQuietly(id: string, options: ToolCallOptions): Promise<CommandStatus | null> {
  try {
    return await deadline(options.datapool.cancel(id), ANSWER_MARGIN_MS, `cancelling ${id}`);
  } catch (error) {
    options.log?.(`mcp: could not cancel command ${id}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}
