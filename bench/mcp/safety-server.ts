import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { findActuator } from '../../core/actuators/catalogue.js';
import type { ActuatorEvent } from '../../core/actuators/types.js';
import { PACKAGE_VERSION } from '../../core/package.js';
import { worldFromMeta } from '../../core/tool-meta.js';
import type { WorldContext } from '../../core/world/types.js';
import { DatapoolError } from '../../datapool/types.js';
import { actuatorErrorResult } from './actuator-result.js';
import { actuationCaller, actuationScope } from './actuator-scope.js';
import type { ActuatorToolOptions } from './actuator-tools.js';
import type { SafeStateActuation } from './safety/emergency-stop.js';
import { SAFETY_SERVER_NAME } from './tool-names.js';

/**
 * The safety server: `emergency_stop`, on a server of its own so a host can offer it apart from (and before)
 * the actuator tools, and `wait`, which lets time pass between acting and checking what came of it. A stop
 * reaches the caller's scope only (the trial, or `live`: `actuator-scope.ts`); stopping the fleet and releasing
 * a stop belong to the operator, who holds the gate's `EmergencyStop`.
 */

export const EMERGENCY_STOP_TOOL = 'emergency_stop';
export const WAIT_TOOL = 'wait';
/** The longest `wait`, seconds: half an hour is as long as a fan, a window or a pump takes to show its effect. */
export const MAX_WAIT_S = 1800;

/** What came of one safe-state command a stop sent. */
export interface SafeStateOutcome extends SafeStateActuation {
  ok: boolean;
  /** The state the board reports after it, when it answered. */
  state?: number;
  error?: { code: string; message: string };
}

export interface EmergencyStopOutput {
  scope: string;
  alreadyStopped: boolean;
  by: string;
  reason: string;
  since: number;
  actuations: SafeStateOutcome[];
  /** The moves the stop made, for the host to add to the trial's history. */
  events: ActuatorEvent[];
}

export function createSafetyServer(options: ActuatorToolOptions): McpServer {
  const server = new McpServer(
    { name: SAFETY_SERVER_NAME, title: 'IoT fleet: safety', version: PACKAGE_VERSION },
    {
      instructions:
        'emergency_stop: stops every actuator of this session and puts each in its safe state (the alarm keeps sounding). ' +
        'wait: lets time pass, so what a move does to the home can show before you check it.',
    },
  );
  registerEmergencyStopTool(server, options);
  registerWaitTool(server, options);
  return server;
}

/** What `wait` returns as structured content. */
export interface WaitOutput {
  /** Seconds that passed: world time in a trial, real time otherwise. */
  waitedS: number;
}

/**
 * Adds `wait` to `server`. In a trial's world it returns at once: the host moves the trial's clock on by
 * `duration` (a trial's time is the world's, never the wall clock's), exactly as it does for a sensor series.
 * Without a world it really waits, until the time is up or the request is cancelled.
 */
export function registerWaitTool(server: McpServer, options: Pick<ActuatorToolOptions, 'world'>): void {
  server.registerTool(
    WAIT_TOOL,
    {
      title: 'Wait',
      description:
        'Lets time pass without doing anything: use it after a move (a fan on, a window opened) before you read again, ' +
        'so the move has had time to change the home. Returns once the time has passed.',
      inputSchema: {
        duration: z.number().min(1).max(MAX_WAIT_S).describe(`how long to wait, seconds (1..${MAX_WAIT_S})`),
      },
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    async ({ duration }, extra): Promise<CallToolResult> => {
      const parsed = worldFromMeta(extra._meta);
      if (!parsed.ok) return actuatorErrorResult(parsed.message, 'invalid-world');
      const world = parsed.world ?? options.world;
      if (world === undefined && !(await sleep(duration * 1000, extra.signal))) {
        return actuatorErrorResult(`${WAIT_TOOL} was cancelled before ${duration} s had passed`, 'cancelled');
      }
      const output: WaitOutput = { waitedS: duration };
      const text = `Waited ${duration} s (${world === undefined ? 'real' : 'world'} time).`;
      return { content: [{ type: 'text', text }], structuredContent: output as unknown as Record<string, unknown> };
    },
  );
}

/** Resolves true once `ms` have passed, false as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (passed: boolean): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', aborted);
      resolve(passed);
    };
    const aborted = (): void => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener('abort', aborted, { once: true });
  });
}

/** Adds `emergency_stop` to `server` (the safety server's, or one server carrying every tool, as on stdio). */
export function registerEmergencyStopTool(server: McpServer, options: ActuatorToolOptions): void {
  server.registerTool(
    EMERGENCY_STOP_TOOL,
    {
      title: 'Emergency stop',
      description:
        'Stops every actuator of this session at once: each goes to its safe state (fan, pump and light off, window and main valve closed; ' +
        'an alarm buzzer keeps sounding), and from then on only status reads and moves to the safe state are accepted until an operator ' +
        'releases the stop. Use it when something is going wrong (a leak, a fire, a device out of control). Returns what each actuator did.',
      inputSchema: { reason: z.string().min(1).max(500).describe('why you stop, in a few words') },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    async ({ reason }, extra): Promise<CallToolResult> => {
      const parsed = worldFromMeta(extra._meta);
      if (!parsed.ok) return actuatorErrorResult(parsed.message, 'invalid-world');
      const world = parsed.world ?? options.world;
      const caller = actuationCaller(server.server.getClientVersion()?.name, extra.sessionId);
      try {
        return await stop(caller, reason, world, options);
      } catch (error) {
        return actuatorErrorResult(`internal error in ${EMERGENCY_STOP_TOOL}: ${error instanceof Error ? error.message : String(error)}`, 'internal-error');
      }
    },
  );
}

async function stop(caller: string, reason: string, world: WorldContext | undefined, options: ActuatorToolOptions): Promise<CallToolResult> {
  const scope = actuationScope(world);
  // A stop only makes the home safer, so it is made even when the log cannot take it; the log failure is reported.
  // In a trial the stop is dated by the trial's world time, as its moves are.
  const result = options.gate.emergencyStop(caller, scope, reason, world?.timeMs);
  const record = { caller, scope, tool: EMERGENCY_STOP_TOOL, args: { reason } };
  await options.audit
    .append({ ...record, actuator: '*', decision: { allowed: true, rule: 'emergency-stop', reason }, outcome: { status: 'done' } })
    .catch(() => options.log?.(`audit: could not record the emergency stop of ${scope}`));
  const actuations = await Promise.all(result.actuations.map((actuation) => sendSafeState(actuation, world, options)));
  for (const outcome of actuations) {
    const { actuator, place, command, value } = outcome;
    await options.audit
      .append({
        ...record,
        actuator,
        args: { reason, place, command, ...(value === undefined ? {} : { value }) },
        decision: { allowed: true, rule: 'emergency-stop' },
        outcome: outcome.ok
          ? { status: 'done', ...(outcome.state === undefined ? {} : { value: outcome.state }) }
          : { status: 'failed', error: outcome.error?.message ?? '' },
      })
      .catch(() => options.log?.(`audit: could not record the safe-state move of ${actuator} in ${place}`));
  }
  const events: ActuatorEvent[] = actuations
    .filter((outcome) => outcome.ok && outcome.state !== undefined)
    .map((outcome) => ({ actuator: outcome.actuator, place: outcome.place, timeMs: world?.timeMs ?? Date.now(), value: outcome.state! }));
  const output: EmergencyStopOutput = {
    scope,
    alreadyStopped: result.alreadyStopped,
    by: result.state.by,
    reason: result.state.reason,
    since: result.state.since,
    actuations,
    events,
  };
  const lines = actuations.map((outcome) =>
    outcome.ok
      ? `${outcome.actuator} in ${outcome.place}: safe (${outcome.command}${outcome.state === undefined ? '' : `, now ${outcome.state}`})`
      : `${outcome.actuator} in ${outcome.place}: NOT confirmed safe (${outcome.error?.code}: ${outcome.error?.message})`,
  );
  const head = result.alreadyStopped ? `Already stopped since ${new Date(result.state.since).toISOString()}; safe states sent again.` : 'Emergency stop made.';
  const text = `${head} Only status reads and moves to the safe state are accepted until an operator releases it.\n${lines.join('\n')}`;
  return { content: [{ type: 'text', text }], structuredContent: output as unknown as Record<string, unknown> };
}

async function sendSafeState(actuation: SafeStateActuation, world: WorldContext | undefined, options: ActuatorToolOptions): Promise<SafeStateOutcome> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const field = findActuator(actuation.actuator)?.level.field;
  try {
    const status = await options.datapool.run(
      {
        actuator: actuation.actuator,
        command: actuation.command,
        ...(actuation.value === undefined ? {} : { value: actuation.value }),
        ...(actuation.mcu === undefined ? { place: actuation.place } : { mcu: actuation.mcu }),
        ...(world === undefined ? {} : { world }),
        ttlMs: timeoutMs,
      },
      { timeoutMs },
    );
    const state = field === undefined ? undefined : status.samples[0]?.data[field];
    if (status.state === 'done' && typeof state === 'number') return { ...actuation, ok: true, state };
    const error = status.error ?? {
      code: status.state === 'done' ? 'device-error' : 'timeout',
      message: status.state === 'done' ? 'no state in the answer' : 'no answer in time',
    };
    return { ...actuation, ok: false, error };
  } catch (error) {
    return {
      ...actuation,
      ok: false,
      error: { code: error instanceof DatapoolError ? error.code : 'internal-error', message: error instanceof Error ? error.message : String(error) },
    };
  }
}
