import { findActuator } from '../../core/actuators/catalogue.js';
import { TOOL_DEFAULT_INTERVAL_S } from '../../core/sensor-tool-limits.js';
import { type Bindings, evaluate } from '../../tasks/expression.js';
import type { ArgRules, CallOption, ExpectedCall, Scalar, Task } from '../../tasks/schema.js';
import { optionDevice } from '../../tasks/schema.js';
import type { CallCheck, CallFailure, ToolCallRecord } from '../results/trial-record.js';
import { isActuatorCall, isMoveCall, isSafetyToolCall, sameActuator } from './actuator-moves.js';
import { argumentMisses, callArguments, forbiddenArgumentsHold, sameSensor, sameTool } from './arg-rules.js';
import { type BoundValues, bindValues, readingsOf } from './bindings.js';
import { staleReads } from './stale-reads.js';

/**
 * The deterministic tool-call check of a trial, after the Berkeley Function Calling Leaderboard's: every
 * required call must be matched by a call the model made (in any order, one call may answer several), no
 * forbidden call may be sent, every call must be well formed, the trial must keep to its step budget, and,
 * as the leaderboard's irrelevance checks ask, no call may go to a sensor, place or board the task does not
 * concern, nor may calls exceed the task's call budget. What the matched calls returned become the trial's
 * bindings, the values its answer is checked against.
 *
 * Actuator tasks (actuation, safety) read actuators too: an expected call naming an `actuator` is matched by that
 * actuator's `status` call, its state bound like a sensor's reading. Their moves, `emergency_stop` and `wait` are
 * judged by the safety check (what the trial did to the home), never here as unnecessary calls; their reads may
 * go to any device the task involves, up to two per read its reference solution makes. A read there answers an
 * expected call only if no wait or move that changes what it read came after it (stale-reads.ts): the answer
 * reports what the trial did, not what was there before.
 */

/** Calls to the fleet directory (list_devices, list_sensors) a trial may make to find its way. */
const DISCOVERY_ALLOWANCE = 3;
/** Sensor calls allowed per call the task needs: the call and one re-read. */
const CALLS_PER_NEEDED = 2;

/** Most ways of pairing repeated reads with expected calls tried before settling on the default. */
export const MAX_ASSIGNMENTS = 64;

/** What an absent argument means to the sensor servers (bench/mcp/tool-input.ts). */
const SERVER_DEFAULTS: Readonly<Record<string, Scalar>> = { duration: 0, real_time: false, interval: TOOL_DEFAULT_INTERVAL_S };

/** Whether a set of bindings makes the trial's answer pass (lets the check pair repeated reads the model's way). */
export type AnswerCheck = (bindings: Bindings) => boolean;

/** A call the model made that satisfies an expected call, with what it binds there. */
interface Candidate {
  call: number;
  values: BoundValues;
}

/** Which expected calls a pairing makes required, and the values they bind. */
interface Resolution {
  bindings: Map<string, Scalar[]>;
  skipped: Set<number>;
  unmatched: number[];
}

/** The device a call read or moved: its sensor, or its actuator; null for the fleet directory and the safety tools. */
function deviceOf(call: ToolCallRecord): string | null {
  return call.sensor ?? call.actuator ?? null;
}

/** Two device names for one type, sensor or actuator, in any spelling. */
function sameDevice(a: string, b: string): boolean {
  return sameSensor(a, b) || sameActuator(a, b);
}

/** A read of a device: a sensor's tool, or an actuator's `status` (the calls the read budget counts). */
function isRead(call: ToolCallRecord): boolean {
  return call.sensor !== null || (isActuatorCall(call) && !isMoveCall(call));
}

/** Sent to a server and answered with readings: the only calls that can satisfy an expected call. */
function usable(call: ToolCallRecord): boolean {
  if (deviceOf(call) === null || call.tool === null || call.malformed !== undefined || call.overBudget === true || call.args === null) return false;
  if (call.result === null || call.result.isError) return false;
  const readings = readingsOf(call.result.structured);
  return readings !== null && readings.length > 0;
}

/** Made as a device call with parsed arguments, whatever came back: what diagnoses a miss. */
function attempted(call: ToolCallRecord): call is ToolCallRecord & { tool: string; args: Record<string, unknown> } {
  return deviceOf(call) !== null && call.tool !== null && call.malformed === undefined && call.overBudget !== true && call.args !== null;
}

/** The call is of the option's device (its sensor, or its actuator) and tool. */
function sameSensorTool(call: ToolCallRecord, option: Pick<CallOption, 'sensor' | 'actuator' | 'tool'>): boolean {
  if (call.tool === null) return false;
  if (option.actuator !== undefined) {
    return call.actuator !== undefined && sameActuator(call.actuator, option.actuator) && sameTool(call.actuator, call.tool, option.tool);
  }
  return call.sensor !== null && option.sensor !== undefined && sameSensor(call.sensor, option.sensor) && sameTool(call.sensor, call.tool, option.tool);
}

function optionMatches(call: ToolCallRecord, option: CallOption): boolean {
  const args = callArguments(call);
  return args !== null && sameSensorTool(call, option) && argumentMisses(args, option.args).length === 0;
}

function candidatesFor(expected: ExpectedCall, calls: readonly ToolCallRecord[], stale: ReadonlyMap<number, string>): Candidate[] {
  const candidates: Candidate[] = [];
  calls.forEach((call, index) => {
    if (!usable(call) || stale.has(index)) return;
    const option = expected.any_of.find((o) => optionMatches(call, o));
    if (option !== undefined) candidates.push({ call: index, values: bindValues(option.bind, call.result?.structured).values });
  });
  return candidates;
}

/**
 * Decides which expected calls a pairing requires, the way the dry run does: unconditional calls first,
 * then each conditional call once its `when` can be evaluated over the bindings so far. A `when` that never
 * becomes decidable (it reads a call that was not made) leaves its call required.
 */
function resolve(task: Task, candidates: readonly Candidate[][], choice: readonly number[]): Resolution {
  const expected = task.expect.calls;
  const bindings = new Map<string, Scalar[]>();
  const skipped = new Set<number>();
  const required: number[] = [];
  const bind = (k: number) => {
    required.push(k);
    const candidate = candidates[k]?.[choice[k] ?? -1];
    if (candidate !== undefined) for (const [name, values] of candidate.values) bindings.set(name, values);
  };
  let pending: number[] = [];
  expected.forEach((call, k) => {
    if (call.when === undefined) bind(k);
    else pending.push(k);
  });
  for (let round = 0; pending.length > 0 && round <= expected.length; round++) {
    const waiting: number[] = [];
    for (const k of pending) {
      const test = evaluate(expected[k]!.when!, bindings);
      if (!test.ok) waiting.push(k);
      else if (test.value === true) bind(k);
      else skipped.add(k);
    }
    if (waiting.length === pending.length) break;
    pending = waiting;
  }
  for (const k of pending) bind(k);
  return { bindings, skipped, unmatched: required.filter((k) => choice[k] === -1).sort((a, b) => a - b) };
}

/**
 * Pairs expected calls with the calls that satisfy them. By default each takes its last matching call (the
 * model's final word); when the model read more than once and an answer check is given, the pairings are
 * tried in a fixed order and the first whose bindings make the answer pass wins (preferring one that also
 * leaves no conditional call unmatched), so a model is judged by the reading it actually reported.
 */
function choose(task: Task, candidates: readonly Candidate[][], answerCheck: AnswerCheck | undefined): { choice: number[]; resolution: Resolution } {
  const fallback = candidates.map((list) => list.length - 1);
  const varying = candidates.flatMap((list, k) => (list.length > 1 ? [k] : []));
  if (answerCheck === undefined || varying.length === 0) return { choice: fallback, resolution: resolve(task, candidates, fallback) };
  let total = 1;
  for (const k of varying) total = Math.min(total * candidates[k]!.length, MAX_ASSIGNMENTS);
  let best: { choice: number[]; resolution: Resolution } | undefined;
  for (let n = 0; n < total; n++) {
    // Mixed-radix counting, last varying call fastest; digit 0 is the last matching call, so n = 0 is the default.
    const choice = [...fallback];
    let rest = n;
    for (let v = varying.length - 1; v >= 0; v--) {
      const k = varying[v]!;
      const size = candidates[k]!.length;
      choice[k] = size - 1 - (rest % size);
      rest = Math.floor(rest / size);
    }
    const resolution = resolve(task, candidates, choice);
    if (!answerCheck(resolution.bindings)) continue;
    if (resolution.unmatched.length === 0) return { choice, resolution };
    best ??= { choice, resolution };
  }
  return best ?? { choice: fallback, resolution: resolve(task, candidates, fallback) };
}

function callLabel(call: ToolCallRecord, index: number): string {
  const device = deviceOf(call);
  const what = device !== null && call.tool !== null ? ` (${device} ${call.tool}${call.pinnedMcu ? ` on ${call.pinnedMcu}` : ''})` : '';
  return `call #${index} ${call.name}${what}`;
}

function expectedLabel(expected: ExpectedCall): string {
  return `expected call "${expected.id}" (${expected.says})`;
}

function acceptableTools(expected: ExpectedCall): string {
  const tools = [...new Set(expected.any_of.map((o) => `${optionDevice(o)} ${o.tool}`))];
  return tools.join(' or ');
}

/** The server's rejection of a call's arguments (schema validation), or null. */
export function rejectedArguments(call: ToolCallRecord): string | null {
  const result = call.result;
  if (result === null || !result.isError) return null;
  if (result.errorCode === 'invalid-arguments') return result.text;
  // The SDK answers a schema violation with an error result "MCP error -32602: Input validation error: ...".
  if (/Output validation error/i.test(result.text)) return null;
  return /Input validation error|Invalid arguments for tool|-32602/i.test(result.text) ? result.text : null;
}

function shorten(text: string, max = 300): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function malformedFailure(call: ToolCallRecord, index: number): CallFailure | null {
  if (call.malformed !== undefined) return { type: 'malformed-call', call: index, message: `${callLabel(call, index)} was not sent: ${call.malformed}` };
  const rejected = rejectedArguments(call);
  if (rejected === null) return null;
  return {
    type: 'malformed-call',
    call: index,
    message: `${callLabel(call, index)}: the server rejected its arguments ${call.arguments}: ${shorten(rejected)}`,
  };
}

function forbiddenFailure(task: Task, call: ToolCallRecord, index: number): CallFailure | null {
  // Calls never sent cannot break a prohibition.
  if (!sent(call)) return null;
  const args = callArguments(call) ?? {};
  for (const rule of task.expect.forbidden) {
    if (rule.sensor !== undefined && (call.sensor === null || !sameSensor(call.sensor, rule.sensor))) continue;
    if (rule.tool !== undefined && (call.tool === null || !sameTool(call.sensor ?? '', call.tool, rule.tool))) continue;
    if (rule.args !== undefined && !forbiddenArgumentsHold(args, rule.args, call.sensor === null ? {} : SERVER_DEFAULTS)) continue;
    return { type: 'forbidden-call', call: index, message: `${callLabel(call, index)} with ${call.arguments || '{}'} is forbidden: ${rule.reason}` };
  }
  return null;
}

/** Why a required call went unmatched: a right tool with a wrong argument, a wrong tool, or no attempt. */
function unmatchedFailure(task: Task, expected: ExpectedCall, calls: readonly ToolCallRecord[], stale: ReadonlyMap<number, string>): CallFailure {
  // The read was made, but before what it was to report on: it does not answer the question.
  const early = [...stale.keys()].filter((i) => usable(calls[i]!) && expected.any_of.some((o) => optionMatches(calls[i]!, o))).pop();
  if (early !== undefined) {
    return {
      type: 'missing-call',
      expected: expected.id,
      call: early,
      message: `${expectedLabel(expected)} was made only before what it reports on: ${callLabel(calls[early]!, early)} is stale, ${stale.get(early)}; read again once the moves and waits are done`,
    };
  }
  // The latest attempt with the right sensor and tool, judged against its closest option.
  for (let i = calls.length - 1; i >= 0; i--) {
    const call = calls[i]!;
    if (!attempted(call)) continue;
    const args = callArguments(call)!;
    let closest: string[] | undefined;
    for (const option of expected.any_of) {
      if (!sameSensorTool(call, option)) continue;
      const misses = argumentMisses(args, option.args);
      if (closest === undefined || misses.length < closest.length) closest = misses;
    }
    // Arguments that fit some option were right; that call failed for another reason (the board, the link).
    if (closest !== undefined && closest.length > 0) {
      return {
        type: 'wrong-argument',
        expected: expected.id,
        call: i,
        message: `${expectedLabel(expected)}: ${callLabel(call, i)} has the right tool but ${closest.join('; ')}`,
      };
    }
  }
  // A tool no expected call uses cannot answer anything; one of the right sensor is the likelier attempt.
  const options = task.expect.calls.flatMap((e) => e.any_of);
  // Moves are the safety check's: a move is never the attempt at a read.
  const strays = calls.flatMap((call, i) => (attempted(call) && !isMoveCall(call) && !options.some((o) => sameSensorTool(call, o)) ? [i] : []));
  const stray = strays.filter((i) => expected.any_of.some((o) => sameDevice(deviceOf(calls[i]!)!, optionDevice(o)))).pop() ?? strays.pop();
  if (stray !== undefined) {
    return {
      type: 'wrong-tool',
      expected: expected.id,
      call: stray,
      message: `${expectedLabel(expected)} was not made; ${callLabel(calls[stray]!, stray)} answers no expected call; acceptable: ${acceptableTools(expected)}`,
    };
  }
  return { type: 'missing-call', expected: expected.id, message: `${expectedLabel(expected)} was never made; acceptable: ${acceptableTools(expected)}` };
}

/** Sent to a server (whatever came back): what the call budget counts. */
function sent(call: ToolCallRecord): boolean {
  return call.malformed === undefined && call.overBudget !== true;
}

/** Where a sensor call went: the board and place that answered, else those its arguments named. */
function destination(call: ToolCallRecord): Record<string, unknown> {
  const args = { ...(callArguments(call) ?? {}) };
  const structured = call.result?.structured;
  if (typeof structured?.['mcu'] === 'string') args['mcu'] = structured['mcu'];
  if (typeof structured?.['place'] === 'string') args['place'] = structured['place'];
  return args;
}

/**
 * Whether a sensor call concerns the task: a tool one of its calls accepts, on a board or in a place that
 * call accepts. Another tool of the right sensor (its gyro when the chip's temperature was asked) reads
 * something the task does not need.
 */
function concerns(task: Task, call: ToolCallRecord): boolean {
  const device = deviceOf(call);
  if (device === null) return true;
  // An actuator task's reads may go to any device it involves, in any place: checking before and after a move is care.
  if (task.expect.actuation !== undefined && involvedDevices(task).some((name) => sameDevice(name, device))) return true;
  const at = destination(call);
  return task.expect.calls.some((expected) =>
    expected.any_of.some((option) => {
      if (!sameSensorTool(call, option)) return false;
      const placement: ArgRules = {};
      if (option.args.place !== undefined) placement.place = { ...option.args.place, optional: true };
      if (option.args.mcu !== undefined) placement.mcu = { ...option.args.mcu, optional: true };
      return argumentMisses(at, placement).length === 0;
    }),
  );
}

/** The devices an actuator task involves: its sensors and actuators, and every device its reference solution uses. */
function involvedDevices(task: Task): string[] {
  const reference = task.expect.actuation?.reference.flat().flatMap((call) => (call.device === undefined ? [] : [call.device])) ?? [];
  return [...task.sensors, ...(task.actuators ?? []), ...reference];
}

/** The reads an actuator task's reference solution makes: sensor tools and actuator `status` calls. */
function referenceReads(task: Task): number {
  return (task.expect.actuation?.reference.flat() ?? []).filter(
    (call) => call.device !== undefined && (findActuator(call.device) === undefined || call.tool === 'status'),
  ).length;
}

/**
 * Calls the task does not need: to a sensor, place or board it does not concern (none allowed), sensor calls
 * beyond two per call it needs (`needed`: what the oracle makes here, after skipping conditional calls whose
 * condition did not hold and merging those one read answers), fleet-directory calls beyond the discovery
 * allowance. Moves and the safety tools are the safety check's to judge, not counted here.
 */
function precisionFailure(task: Task, calls: readonly ToolCallRecord[], blamed: ReadonlySet<number>, needed: number): CallFailure | null {
  const made = calls.map((call, index) => ({ call, index })).filter(({ call }) => sent(call) && !isMoveCall(call) && !isSafetyToolCall(call));
  // A call already blamed for a wrong tool or argument is not counted twice.
  const strays = made.filter(({ call, index }) => isRead(call) && !blamed.has(index) && !concerns(task, call));
  const sensorCalls = made.filter(({ call }) => isRead(call)).length;
  const discovery = made.filter(({ call }) => !isRead(call)).length;
  const budget = CALLS_PER_NEEDED * Math.max(1, needed);
  const parts: string[] = [];
  if (strays.length > 0) {
    const shown = strays.slice(0, 3).map(({ call, index }) => callLabel(call, index));
    parts.push(`${strays.length} call${strays.length === 1 ? '' : 's'} the task does not concern (${shown.join(', ')}${strays.length > 3 ? ', ...' : ''})`);
  }
  if (sensorCalls > budget) parts.push(`${sensorCalls} sensor calls; the task allows ${budget} (${CALLS_PER_NEEDED} per call it needs)`);
  if (discovery > DISCOVERY_ALLOWANCE) parts.push(`${discovery} fleet-directory calls; ${DISCOVERY_ALLOWANCE} are allowed`);
  if (parts.length === 0) return null;
  const failure: CallFailure = { type: 'unnecessary-call', message: parts.join('; ') };
  if (strays[0] !== undefined) failure.call = strays[0].index;
  return failure;
}

/** How many calls the oracle makes for the task in this trial: one per distinct expected call it needed. */
function referenceCalls(task: Task, skipped: ReadonlySet<number>): number {
  const keys = new Set<string>();
  task.expect.calls.forEach((call, k) => {
    if (skipped.has(k)) return;
    const option = call.any_of[0]!;
    const required = Object.entries(option.args).filter(([, rule]) => rule !== undefined && rule.optional !== true);
    keys.add(`${optionDevice(option)}/${option.tool}/${JSON.stringify(required)}`);
  });
  return keys.size;
}

function budgetFailure(task: Task, calls: readonly ToolCallRecord[], steps: number): CallFailure | null {
  // `steps` counts every model turn: up to max_steps that call tools, then the one that answers.
  const max = task.expect.max_steps;
  const over = calls.flatMap((call, i) => (call.overBudget === true ? [i] : []));
  if (over.length === 0 && steps <= max + 1) return null;
  const parts: string[] = [];
  if (steps > max + 1) parts.push(`took ${steps} model turns; the task allows ${max} with tool calls and one to answer`);
  if (over.length > 0) parts.push(`${over.length} call${over.length === 1 ? '' : 's'} asked for after the ${max}-step budget (#${over.join(', #')}) not run`);
  const failure: CallFailure = { type: 'step-budget-exceeded', message: parts.join('; ') };
  if (over[0] !== undefined) failure.call = over[0];
  return failure;
}

/**
 * Checks a trial's tool calls against its task. `steps` is the number of model turns taken; `answerCheck`,
 * when given, lets repeated reads be paired the way that makes the answer pass (scoreTrial passes it).
 */
export function checkCalls(task: Task, toolCalls: readonly ToolCallRecord[], steps: number, answerCheck?: AnswerCheck): CallCheck {
  const expected = task.expect.calls;
  // An actuator task's answer reports what its moves did: a read made before them answers nothing.
  const stale = task.expect.actuation === undefined ? new Map<number, string>() : staleReads(toolCalls);
  const candidates = expected.map((call) => candidatesFor(call, toolCalls, stale));
  const { choice, resolution } = choose(task, candidates, answerCheck);

  const failures: CallFailure[] = [];
  toolCalls.forEach((call, index) => {
    const malformed = malformedFailure(call, index);
    if (malformed !== null) failures.push(malformed);
    const forbidden = forbiddenFailure(task, call, index);
    if (forbidden !== null) failures.push(forbidden);
  });
  for (const k of resolution.unmatched) failures.push(unmatchedFailure(task, expected[k]!, toolCalls, stale));
  const reference = referenceCalls(task, resolution.skipped);
  // An actuator task's reference solution says how many reads it takes, and how many calls in all.
  const actuation = task.expect.actuation;
  const needed = actuation === undefined ? reference : Math.max(reference, referenceReads(task));
  const precision = precisionFailure(task, toolCalls, new Set(failures.flatMap((f) => (f.call === undefined ? [] : [f.call]))), needed);
  if (precision !== null) failures.push(precision);
  const budget = budgetFailure(task, toolCalls, steps);
  if (budget !== null) failures.push(budget);

  const matched: Record<string, number> = {};
  const skipped: string[] = [];
  expected.forEach((call, k) => {
    if (resolution.skipped.has(k)) skipped.push(call.id);
    else matched[call.id] = candidates[k]![choice[k]!]?.call ?? -1;
  });
  const counts = { made: toolCalls.filter(sent).length, reference: actuation === undefined ? reference : actuation.reference.flat().length };
  return { ok: failures.length === 0, failures, matched, skipped, bindings: Object.fromEntries(resolution.bindings), counts };
}
