import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { ActuatorCommand, ActuatorEvent, ActuatorSpec } from '../../core/actuators/types.js';
import { nameKey } from '../../core/names.js';
import { worldFromMeta } from '../../core/tool-meta.js';
import { MAX_DEVICE_NOTE_CHARS, printableNote } from '../../core/world/device-notes.js';
import type { WorldContext } from '../../core/world/types.js';
import { type CommandRequest, type CommandStatus, type DatapoolClient, DatapoolError } from '../../datapool/types.js';
import { type ActuatorConfirmer, confirmerFor } from './actuator-confirmation.js';
import { actuatorErrorResult, actuatorSuccessResult } from './actuator-result.js';
import { actuationCaller, actuationScope } from './actuator-scope.js';
import { ANSWER_MARGIN_MS, deadline } from './deadline.js';
import type { AuditLog } from './safety/audit-log.js';
import type { SafetyGate } from './safety/gate.js';
import type { ConfirmationRequest, GateDecision } from './safety/gate-decision.js';
import { READ_ONLY_COMMAND } from './safety/gate-safe-state.js';
import type { ToolErrorCode } from './tool-errors.js';
import { prefixedToolName } from './tool-names.js';

/**
 * The MCP tools of one actuator type: one per datasheet command (`relay_fan_on`, `window_servo_set_opening`,
 * `main_valve_status`), each going through the safety gate, the audit log and then the datapool. The gate is
 * the enforcer: a value schema states the level's range for hosts and models, but leaves the check to the gate,
 * so a move out of range is refused with the gate's rule and is on record in the audit log, as every call is.
 *
 * A move the gate holds back for the user's confirmation is put to the user by the tool itself when the client
 * can elicit (`actuator-confirmation.ts`): the user's yes makes the move with the code the gate issued, which
 * never passes through the model; a no refuses it for good (`confirmation-declined`). A client that cannot
 * elicit, or an elicitation that fails, gets the gate's refusal, its code in `_meta` for the user's channel.
 */

/** What the actuator tools and the safety server are built on: the datapool, the gate and the audit log. */
export interface ActuatorToolOptions {
  datapool: DatapoolClient;
  gate: SafetyGate;
  audit: AuditLog;
  /** The world of calls whose request carries none in `_meta`. */
  world?: WorldContext;
  /** How long to wait for a board's answer, ms (default 10 s). */
  timeoutMs?: number;
  /** Where to report trouble that is not the caller's (an outcome the audit log could not take). */
  log?: (line: string) => void;
  /** How long the user has to answer a confirmation the tool asks for, ms (default 60 s). */
  confirmationTimeoutMs?: number;
}

const DEFAULT_ACTUATOR_TIMEOUT_MS = 10_000;

interface ActuatorArguments {
  value?: number | undefined;
  mcu?: string | undefined;
  place?: string | undefined;
  confirmation_code?: string | undefined;
}

/** Whether a command is given its value by the caller (`set_speed`), rather than setting a fixed one or reading. */
export function takesValue(name: string, command: ActuatorCommand): boolean {
  return command.sets === undefined && name !== READ_ONLY_COMMAND;
}

/** Whether the command can move the actuator the way its datasheet calls hazardous, from some state it may be in. */
export function canMoveTowardsHazard(spec: ActuatorSpec, name: string, command: ActuatorCommand): boolean {
  if (name === READ_ONLY_COMMAND || spec.hazard === 'none') return false;
  const [low, high] = spec.level.range;
  if (command.sets === undefined) return low < high;
  return spec.hazard === 'raise' ? command.sets > low : command.sets < high;
}

export function registerActuatorTools(server: McpServer, spec: ActuatorSpec, options: ActuatorToolOptions): void {
  for (const [name, command] of Object.entries(spec.commands)) {
    const readOnly = name === READ_ONLY_COMMAND;
    const toolName = prefixedToolName(spec.name, name);
    server.registerTool(
      toolName,
      {
        title: `${spec.name}: ${name.replace(/_/g, ' ')}`,
        description: actuatorToolDescription(spec, name, command),
        inputSchema: actuatorInputSchema(spec, name, command),
        annotations: {
          readOnlyHint: readOnly,
          destructiveHint: canMoveTowardsHazard(spec, name, command),
          // Each command sets a state (or reads it): calling it again with the same arguments changes nothing more.
          idempotentHint: true,
          openWorldHint: true,
        },
      },
      async (args: ActuatorArguments, extra): Promise<CallToolResult> => {
        const caller = actuationCaller(server.server.getClientVersion()?.name, extra.sessionId);
        const confirmer = confirmerFor(server.server, extra, options.confirmationTimeoutMs);
        try {
          return await actuate({ spec, name, command, toolName, caller, args, meta: extra._meta, confirmer }, options);
        } catch (error) {
          // actuate reports failures as results; this is the last guard, for a bug. Nothing was sent unaudited.
          return actuatorErrorResult(`internal error in ${toolName}: ${error instanceof Error ? error.message : String(error)}`, 'internal-error');
        }
      },
    );
  }
}

function actuatorInputSchema(spec: ActuatorSpec, name: string, command: ActuatorCommand) {
  const { level } = spec;
  const unit = level.unit === undefined ? '' : ` [${level.unit}]`;
  // The range is stated for hosts (JSON Schema minimum/maximum) but checked by the gate, which audits the refusal.
  const value = z
    .number()
    .meta({ minimum: level.range[0], maximum: level.range[1], ...(level.integer ? { type: 'integer' } : {}) })
    .describe(`${level.description}${unit}, ${level.range[0]}..${level.range[1]}${level.integer ? ', whole' : ''}`);
  return {
    ...(takesValue(name, command) ? { value } : {}),
    mcu: z.string().min(1).max(64).optional().describe('the MCU (board id) carrying it; default: the one in `place`'),
    place: z.string().min(1).max(64).optional().describe(`where it is (e.g. kitchen); default: the one place with a ${spec.name}`),
    ...(name === READ_ONLY_COMMAND
      ? {}
      : {
          confirmation_code: z
            .string()
            .min(1)
            .max(64)
            .optional()
            .describe('only when the user confirmed this very move and gave you its code; never invent one'),
        }),
  };
}

function actuatorToolDescription(spec: ActuatorSpec, name: string, command: ActuatorCommand): string {
  const { level } = spec;
  const unit = level.unit === undefined ? '' : ` [${level.unit}]`;
  const state = `${level.field}${unit}: ${level.description}, ${level.range[0]}..${level.range[1]}`;
  const what = name === READ_ONLY_COMMAND ? 'reads the state, moves nothing' : `${command.description}`;
  const hazard = canMoveTowardsHazard(spec, name, command)
    ? " Moves that can make the home less safe need the user's confirmation: the tool asks the user where it can, and otherwise refuses and says what to ask the user."
    : '';
  return `${spec.name} (${spec.description}): ${name.replace(/_/g, ' ')}, ${what}. Returns ${state}.${hazard}`;
}

interface ActuatorCall {
  spec: ActuatorSpec;
  name: string;
  command: ActuatorCommand;
  toolName: string;
  caller: string;
  args: ActuatorArguments;
  meta: Record<string, unknown> | undefined;
  /** Asks the user to confirm a move; absent when the client cannot be asked. */
  confirmer: ActuatorConfirmer | undefined;
}

/** One call: the gate decides, the audit log records, the datapool carries out, the log records what came of it. */
async function actuate(call: ActuatorCall, options: ActuatorToolOptions): Promise<CallToolResult> {
  const { spec, name, args, caller } = call;
  // A confirmation code is a one-time secret between the gate and the user: the log says one was given, not which.
  const logged = args.confirmation_code === undefined ? { ...args } : { ...args, confirmation_code: '[redacted]' };
  const parsed = worldFromMeta(call.meta);
  const world = parsed.ok ? (parsed.world ?? options.world) : undefined;
  const record = { caller, ...(parsed.ok ? { scope: actuationScope(world) } : {}), tool: call.toolName, actuator: spec.name, args: logged };
  const refuse = async (code: ToolErrorCode, message: string, confirmation?: ConfirmationRequest): Promise<CallToolResult> => {
    await options.audit.append({ ...record, decision: { allowed: false, rule: code, reason: message }, outcome: { status: 'refused' } }).catch(() => {
      options.log?.(`audit: could not record the refusal of ${call.toolName} (${code})`);
    });
    return actuatorErrorResult(message, code, confirmation);
  };

  if (!parsed.ok) return refuse('invalid-world', parsed.message);
  const place = await resolvePlace(spec, args, options.datapool);
  if (!place.ok) return refuse(place.code, place.message);

  const decide = (confirmationCode: string | undefined): GateDecision =>
    options.gate.decide({
      caller,
      scope: actuationScope(world),
      actuator: spec,
      place: place.place,
      ...(args.mcu === undefined ? {} : { mcu: args.mcu }),
      command: name,
      ...(takesValue(name, call.command) ? { value: args.value } : {}),
      ...(confirmationCode === undefined ? {} : { confirmationCode }),
      // A trial's moves are judged on its world's time, which each turn and each `wait` moves on, never the wall clock's.
      ...(world === undefined ? {} : { worldTimeMs: world.timeMs }),
    });
  let decision = decide(args.confirmation_code);
  if (decision.outcome === 'refused' && decision.rule === 'confirmation-required' && call.confirmer !== undefined) {
    const answer = await call.confirmer(decision.confirmation, world?.trial);
    if (answer.kind === 'declined') {
      const what = `\`${name}\` on ${spec.name} in ${place.place}`;
      return refuse(
        'confirmation-declined',
        `The user was asked to confirm ${what} and did not (${answer.how}), so nothing was moved. Do not retry it; tell the user it was not done.`,
      );
    }
    // A failed question (no answer in time, a client that broke off) leaves the user's channel as without one.
    if (answer.kind === 'confirmed') decision = decide(decision.confirmation.code);
    else options.log?.(`${call.toolName}: could not ask the user to confirm (${answer.problem}); the confirmation code goes back in _meta`);
  }
  if (decision.outcome === 'refused') {
    return refuse(decision.rule, decision.message, decision.rule === 'confirmation-required' ? decision.confirmation : undefined);
  }

  const allowed = { allowed: true, ...(decision.confirmedWith === undefined ? {} : { reason: 'confirmed by the user' }) };
  try {
    await options.audit.append({ ...record, decision: allowed, outcome: { status: 'pending' } });
  } catch (error) {
    return actuatorErrorResult(
      `${spec.name} was not moved: the audit log could not record the call (${error instanceof Error ? error.message : String(error)}), and no actuator moves unrecorded. Do not retry; tell the user.`,
      'audit-unavailable',
    );
  }

  const failed = async (code: ToolErrorCode, message: string): Promise<CallToolResult> => {
    await options.audit.append({ ...record, decision: allowed, outcome: { status: 'failed', error: `${code}: ${message}` } }).catch(() => {
      options.log?.(`audit: could not record the failure of ${call.toolName} (${code})`);
    });
    return actuatorErrorResult(message, code);
  };
  const request: CommandRequest = {
    actuator: spec.name,
    command: name,
    ...(decision.value !== undefined && takesValue(name, call.command) ? { value: decision.value } : {}),
    ...(args.mcu === undefined ? { place: place.place } : { mcu: args.mcu }),
    ...(world === undefined ? {} : { world }),
  };
  const timeoutMs = options.timeoutMs ?? DEFAULT_ACTUATOR_TIMEOUT_MS;
  let status: Awaited<ReturnType<DatapoolClient['run']>>;
  try {
    status = await options.datapool.run({ ...request, ttlMs: timeoutMs }, { timeoutMs });
  } catch (error) {
    const code = error instanceof DatapoolError ? error.code : 'internal-error';
    return failed(code, `${spec.name} in ${place.place} could not be driven (${code}): ${error instanceof Error ? error.message : String(error)}`);
  }
  const sample = status.samples[0];
  const state = sample?.data[spec.level.field];
  if (status.state !== 'done' || typeof state !== 'number') {
    const code = status.error?.code ?? (status.state === 'done' ? 'device-error' : await unfinished(status, options.datapool));
    const why = status.error?.message ?? (status.state === 'done' ? `the board answered without ${spec.level.field}` : `no answer within ${timeoutMs} ms`);
    return failed(code, `${spec.name} in ${place.place}: \`${name}\` failed (${code}): ${why}. [id ${status.id}]`);
  }

  if (!decision.readOnly) options.gate.record(decision);
  const mcu = status.mcu ?? sample?.mcu ?? '';
  const event: ActuatorEvent | undefined = decision.readOnly
    ? undefined
    : { actuator: spec.name, place: status.place ?? place.place, timeMs: world?.timeMs ?? Date.now(), value: state };
  await options.audit.append({ ...record, decision: allowed, outcome: { status: 'done', value: state } }).catch(() => {
    options.log?.(`audit: ${call.toolName} was carried out (command ${status.id}) but its outcome could not be recorded`);
  });
  return actuatorSuccessResult(spec, {
    actuator: spec.name,
    command: name,
    id: status.id,
    mcu,
    place: status.place,
    field: spec.level.field,
    state,
    unit: spec.level.unit ?? null,
    ...(event === undefined ? {} : { event }),
    ...noteOf(sample?.data['note']),
  });
}

/**
 * Why a command the call waited for did not finish: `device-offline` when its board is offline (a command for an
 * absent board outwaits the call), `timeout` otherwise, as for a sensor. The command is cancelled first, so a
 * board that comes back never makes a move the audit log has on record as failed.
 */
async function unfinished(status: CommandStatus, datapool: DatapoolClient): Promise<'timeout' | 'device-offline'> {
  await deadline(datapool.cancel(status.id), ANSWER_MARGIN_MS, 'the cancel').catch(() => undefined);
  if (status.mcu === null) return 'timeout';
  try {
    const mcus = await deadline(datapool.mcus(), ANSWER_MARGIN_MS, 'the fleet list');
    return mcus.find((mcu) => mcu.id === status.mcu)?.online === false ? 'device-offline' : 'timeout';
  } catch {
    return 'timeout';
  }
}

/** The note a board's reply carries, as a model may be shown it: text only, no longer than a world's note may be. */
function noteOf(value: unknown): { note?: string } {
  if (typeof value !== 'string' || value === '') return {};
  const note = printableNote(value);
  return { note: note.length > MAX_DEVICE_NOTE_CHARS ? `${note.slice(0, MAX_DEVICE_NOTE_CHARS)}…` : note };
}

type PlaceResolution = { ok: true; place: string } | { ok: false; code: 'unknown-mcu' | 'no-device' | 'unknown-place' | 'unavailable'; message: string };

/**
 * The place the gate judges a call in: the one named, else the named board's, else the only place with this
 * actuator. The gate needs a place, since its rules and rate limit are about an actuator in a place.
 */
async function resolvePlace(spec: ActuatorSpec, args: ActuatorArguments, datapool: DatapoolClient): Promise<PlaceResolution> {
  if (args.place !== undefined && args.mcu === undefined) return { ok: true, place: args.place };
  let mcus: Awaited<ReturnType<DatapoolClient['mcus']>>;
  try {
    mcus = await datapool.mcus();
  } catch (error) {
    return {
      ok: false,
      code: 'unavailable',
      message: `the fleet could not be listed, so nothing was moved: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const carriers = mcus.filter((mcu) => (mcu.actuators ?? []).some((name) => nameKey(name) === nameKey(spec.name)));
  const where = carriers.map((mcu) => `${mcu.place ?? '(no place)'} (${mcu.id})`).join(', ') || 'none';
  if (args.mcu !== undefined) {
    const board = carriers.find((mcu) => mcu.id === args.mcu);
    if (board === undefined) return { ok: false, code: 'unknown-mcu', message: `no MCU "${args.mcu}" carries a ${spec.name}; boards with one: ${where}` };
    if (args.place !== undefined) return { ok: true, place: args.place };
    if (board.place === null) return { ok: false, code: 'unknown-place', message: `MCU "${args.mcu}" has no place; name the place` };
    return { ok: true, place: board.place };
  }
  const places = [...new Set(carriers.map((mcu) => mcu.place).filter((p): p is string => p !== null))];
  if (places.length === 1) return { ok: true, place: places[0]! };
  if (places.length === 0) return { ok: false, code: 'no-device', message: `no MCU in this home carries a ${spec.name}` };
  return { ok: false, code: 'unknown-place', message: `there is a ${spec.name} in more than one place; name one: ${where}` };
}
