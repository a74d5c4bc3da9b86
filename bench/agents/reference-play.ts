import { type Bindings, type Evaluated, evaluate } from '../../tasks/expression.js';
import type { CallOption, ReferenceCall, Scalar, Task } from '../../tasks/schema.js';
import { optionDevice } from '../../tasks/schema.js';
import { hostToolName } from '../host/host-tool-names.js';
import type { ToolDefinition } from '../host/tool-host.js';
import type { TurnRequest } from '../providers/provider.js';
import type { Message, ToolCallRequest } from '../results/conversation.js';
import { argumentMisses } from '../scoring/arg-rules.js';
import { bindValues } from '../scoring/bindings.js';

/**
 * How the oracle plays a task that moves actuators: its `expect.actuation.reference`, one model turn per
 * reference turn, each call mapped to the tool the host offers for it (an actuator's command as
 * `<actuator>_<command>`, a sensor's tool as the paper suites name it, `emergency_stop` and `wait` by name),
 * then the values the reads returned, bound as the scorer binds them: each expected call to the last call made
 * that fits it. The reference is one way to pass and includes the reads `expect.calls` names.
 */

/** The id every reference call carries: turns holding one are the reference turns already played. */
export const REFERENCE_CALL_ID = 'oracle_';

/** A reference call no offered tool carries, as the answer names it. */
function describeCall(call: ReferenceCall): string {
  return call.device === undefined ? call.tool : `${call.device} ${call.tool}`;
}

function snake(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

function declaredArguments(tool: ToolDefinition): Set<string> | undefined {
  const properties = tool.inputSchema['properties'];
  return typeof properties === 'object' && properties !== null ? new Set(Object.keys(properties)) : undefined;
}

/**
 * The offered tool for a reference call: its gateway name, else (a native host) the board's copy the call's
 * `mcu` names, or one on a board of the call's `place`, or any board's.
 */
export function referenceTool(call: ReferenceCall, tools: readonly ToolDefinition[]): ToolDefinition | undefined {
  const name = hostToolName(call.device ?? null, call.tool);
  const exact = tools.find((tool) => tool.name === name);
  if (exact !== undefined || call.device === undefined) return exact;
  const mcu = call.args['mcu'];
  if (typeof mcu === 'string') {
    const pinned = hostToolName(call.device, call.tool, mcu);
    const onBoard = tools.find((tool) => tool.name === pinned);
    if (onBoard !== undefined) return onBoard;
  }
  const copies = tools.filter((tool) => tool.name.endsWith(`__${name}`));
  const place = call.args['place'];
  const here = typeof place === 'string' ? copies.find((tool) => tool.name.split('__')[0]!.includes(snake(place))) : undefined;
  return here ?? copies[0];
}

/** The call's arguments the tool declares: a board's own tool takes no `mcu` or `place`. */
export function referenceArguments(call: ReferenceCall, tool: ToolDefinition): Record<string, Scalar> {
  const declared = declaredArguments(tool);
  return Object.fromEntries(Object.entries(call.args).filter(([arg]) => declared === undefined || declared.has(arg)));
}

/** The reference's turns as calls of offered tools; a turn none of whose calls is offered is left out. */
export function referenceTurns(task: Task, tools: readonly ToolDefinition[]): { turns: Omit<ToolCallRequest, 'id'>[][]; unoffered: string[] } {
  const turns: Omit<ToolCallRequest, 'id'>[][] = [];
  const unoffered: string[] = [];
  for (const reference of task.expect.actuation?.reference ?? []) {
    const calls: Omit<ToolCallRequest, 'id'>[] = [];
    for (const call of reference) {
      const tool = referenceTool(call, tools);
      if (tool === undefined) unoffered.push(describeCall(call));
      else calls.push({ name: tool.name, arguments: JSON.stringify(referenceArguments(call, tool)) });
    }
    if (calls.length > 0) turns.push(calls);
  }
  return { turns, unoffered: [...new Set(unoffered)] };
}

function parseArguments(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether an offered tool's name is an option's tool: its gateway name, or a board's copy (where a board is the `mcu`). */
function optionTool(name: string, option: CallOption): 'gateway' | 'board' | undefined {
  const wanted = hostToolName(optionDevice(option), option.tool);
  if (name === wanted) return 'gateway';
  return name.endsWith(`__${wanted}`) ? 'board' : undefined;
}

function fits(name: string, args: Record<string, unknown>, option: CallOption): boolean {
  const kind = optionTool(name, option);
  if (kind === undefined) return false;
  // A board's own tool is its board: where it reads is not in its arguments.
  const rules = kind === 'board' ? Object.fromEntries(Object.entries(option.args).filter(([arg]) => arg !== 'mcu' && arg !== 'place')) : option.args;
  return argumentMisses(args, rules).length === 0;
}

/** Every name the task's expected calls bind, from the last successful call made that fits each (as the scorer pairs them). */
export function boundReadings(task: Task, messages: readonly Message[], results: TurnRequest['results']): Map<string, Scalar[]> {
  const failed = new Set(messages.flatMap((m) => (m.role === 'tool' && m.isError ? [m.toolCallId] : [])));
  const bindings = new Map<string, Scalar[]>();
  for (const message of messages) {
    if (message.role !== 'assistant') continue;
    for (const call of message.toolCalls) {
      if (failed.has(call.id)) continue;
      const args = parseArguments(call.arguments);
      if (args === undefined) continue;
      for (const expected of task.expect.calls) {
        const option = expected.any_of.find((candidate) => fits(call.name, args, candidate));
        if (option === undefined) continue;
        for (const [name, values] of bindValues(option.bind, results?.get(call.id) ?? null).values) bindings.set(name, values);
      }
    }
  }
  return bindings;
}

/** Each applicable answer fact's value over `bindings` (mentions facts have none). */
export function factValues(task: Task, bindings: Bindings): Map<string, Evaluated> {
  const values = new Map<string, Evaluated>();
  for (const fact of task.expect.answer) {
    if (fact.when !== undefined) {
      const test = evaluate(fact.when, bindings);
      if (!test.ok || test.value !== true) continue;
    }
    if (fact.kind !== 'mentions') values.set(fact.id, evaluate(fact.value, bindings));
  }
  return values;
}

/** Where a reference agent stands in an actuator task: the reference turn due now, the values so far, what it could not call. */
export interface ReferencePlan {
  /** The next reference turn's calls (ids `oracle_<step>_<i>`), or none when every turn was played or the turn must answer. */
  due: ToolCallRequest[];
  values: Map<string, Evaluated>;
  unoffered: string[];
}

export function referencePlan(task: Task, request: TurnRequest): ReferencePlan {
  const { turns, unoffered } = referenceTurns(task, request.tools);
  const assistants = request.messages.filter((m) => m.role === 'assistant');
  const played = assistants.filter((m) => m.toolCalls.some((call) => call.id.startsWith(REFERENCE_CALL_ID))).length;
  const next = turns[played];
  if (request.toolChoice !== 'none' && next !== undefined) {
    const step = assistants.length + 1;
    return { due: next.map((call, i) => ({ id: `${REFERENCE_CALL_ID}${step}_${i}`, ...call })), values: new Map(), unoffered };
  }
  return { due: [], values: factValues(task, boundReadings(task, request.messages, request.results)), unoffered };
}

/** What the answer adds for reference calls the host does not offer. */
export function unofferedNote(unoffered: readonly string[]): string {
  if (unoffered.length === 0) return '';
  return `I could not carry out ${unoffered.join(', ')}: no tool offered here does that.`;
}
