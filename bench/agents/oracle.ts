import { type Evaluated, evaluate } from '../../tasks/expression.js';
import type { ArgRule, CallOption, ExpectedCall, Scalar, Task } from '../../tasks/schema.js';
import { optionDevice } from '../../tasks/schema.js';
import { hostToolName } from '../host/host-tool-names.js';
import type { ToolDefinition } from '../host/tool-host.js';
import type { ReferenceAgent } from '../loop/agent.js';
import { type ProviderConfig, ProviderError, type TurnRequest } from '../providers/provider.js';
import { EMPTY_USAGE, type Message, type ModelTurn, type ToolCallRequest } from '../results/conversation.js';
import { bindValues } from '../scoring/bindings.js';
import { plainStatement } from '../scoring/plain-statement.js';
import { factValues, referencePlan, unofferedNote } from './reference-play.js';

/**
 * The oracle plays each task's expected calls and states the values they returned: not a model, a check of
 * the harness. If the host, the servers, the devices or the scorer disagree anywhere, the oracle's score
 * falls below 100% and says where. A task that moves actuators has a reference solution turn by turn (moves,
 * waits, an emergency stop, the reads its answer needs): the oracle plays that instead.
 *
 * It keeps no state between turns: everything it needs is its trial's task and the request (the calls
 * already in the conversation and their structured results), so one oracle can serve any number of trials
 * at once and the same task and request always get the same turn.
 */

export const ORACLE_MODEL = 'expected-calls';
export const NOTHING_READ = 'Every sensor call failed, so I cannot answer.';

/** One expected call as the oracle makes it: which offered tool, with which arguments, binding what. */
interface PlannedCall {
  expected: ExpectedCall;
  option: CallOption;
  name: string;
  args: Record<string, Scalar>;
  /** Tool name plus canonical arguments: how a call already in the conversation is recognised. */
  key: string;
}

/** The value a rule prefers, as tasks/dry-run.ts samples it: its first listed value, else a bound. */
function preferred(rule: ArgRule | undefined): Scalar | undefined {
  if (rule === undefined) return undefined;
  if (rule.one_of !== undefined) return rule.one_of[0];
  if (rule.min !== undefined) return rule.min;
  return rule.max;
}

function callKey(name: string, args: Readonly<Record<string, unknown>>): string {
  const sorted = Object.keys(args)
    .sort()
    .map((key) => [key, args[key]]);
  return `${name} ${JSON.stringify(sorted)}`;
}

/** The arguments a tool's schema declares, or undefined when the schema does not say. */
function declaredArguments(tool: ToolDefinition): Set<string> | undefined {
  const properties = tool.inputSchema['properties'];
  if (typeof properties !== 'object' || properties === null) return undefined;
  return new Set(Object.keys(properties));
}

/** Every required rule's preferred value; optional rules are left to the server's default. */
function argumentsFor(option: CallOption, tool: ToolDefinition): Record<string, Scalar> {
  const declared = declaredArguments(tool);
  const args: Record<string, Scalar> = {};
  for (const [arg, rule] of Object.entries(option.args)) {
    if (rule === undefined || rule.optional === true) continue;
    // A board's own server (native) has no mcu or place: the tool itself is the board.
    if (declared !== undefined && !declared.has(arg)) continue;
    const value = preferred(rule);
    if (value !== undefined) args[arg] = value;
  }
  return args;
}

/**
 * The offered tool for an expected call, found by the names the host gives tools (bench/host/
 * host-tool-names.ts), so plain tool definitions are enough. Gateway: the first option whose prefixed tool
 * is offered. Native: the board's own copy, options naming a board (`mcu`) first.
 */
function findTool(call: ExpectedCall, byName: ReadonlyMap<string, ToolDefinition>): { option: CallOption; tool: ToolDefinition } | undefined {
  for (const option of call.any_of) {
    const tool = byName.get(hostToolName(optionDevice(option), option.tool));
    if (tool) return { option, tool };
  }
  const rank = (option: CallOption) => (option.args.mcu === undefined ? 2 : option.args.mcu.optional === true ? 1 : 0);
  for (const option of [...call.any_of].sort((a, b) => rank(a) - rank(b))) {
    const mcus = option.args.mcu?.one_of?.filter((mcu): mcu is string => typeof mcu === 'string') ?? [];
    for (const mcu of mcus) {
      const tool = byName.get(hostToolName(optionDevice(option), option.tool, mcu));
      if (tool) return { option, tool };
    }
  }
  // No board named anywhere: any board's copy of the tool.
  for (const option of call.any_of) {
    const suffix = `__${hostToolName(optionDevice(option), option.tool)}`;
    const tool = [...byName.values()].find((candidate) => candidate.name.endsWith(suffix));
    if (tool) return { option, tool };
  }
  return undefined;
}

function planCalls(task: Task, tools: readonly ToolDefinition[]): PlannedCall[] {
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  return task.expect.calls.map((expected) => {
    const found = findTool(expected, byName);
    if (!found) {
      const wanted = expected.any_of.map((o) => `${o.sensor}/${o.tool}`).join(' or ');
      throw new ProviderError('bad-request', `oracle: task ${task.id} call "${expected.id}" needs ${wanted}, and no offered tool is one of them`, {
        provider: 'oracle',
      });
    }
    const args = argumentsFor(found.option, found.tool);
    return { expected, option: found.option, name: found.tool.name, args, key: callKey(found.tool.name, args) };
  });
}

function parseArguments(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The id of the call already in the conversation for each call key (the first such call). */
function callsMade(messages: readonly Message[]): Map<string, string> {
  const made = new Map<string, string>();
  for (const message of messages) {
    if (message.role !== 'assistant') continue;
    for (const call of message.toolCalls) {
      const args = parseArguments(call.arguments);
      if (args === undefined) continue;
      const key = callKey(call.name, args);
      if (!made.has(key)) made.set(key, call.id);
    }
  }
  return made;
}

function turn(content: string, toolCalls: ToolCallRequest[]): ModelTurn {
  return { content, toolCalls, usage: { ...EMPTY_USAGE }, model: ORACLE_MODEL, stopReason: toolCalls.length > 0 ? 'tool_calls' : 'stop' };
}

/** Where the oracle stands in a conversation: the expected calls it still has to make, and each fact's value so far. */
export interface OraclePlan {
  task: Task;
  /** The calls due now (empty when every expected call was made, or the turn must answer). */
  due: ToolCallRequest[];
  /** Each applicable fact's value over what the calls made returned (mentions facts absent). */
  values: Map<string, Evaluated>;
}

/** What the oracle would do next in this conversation of `task`; reference agents that make the right calls share it. */
export function oraclePlan(task: Task, request: TurnRequest): OraclePlan {
  const planned = planCalls(task, request.tools);
  const made = callsMade(request.messages);

  const bindings = new Map<string, Scalar[]>();
  const pending: PlannedCall[] = [];
  for (const plan of planned) {
    const id = made.get(plan.key);
    if (id === undefined) {
      pending.push(plan);
      continue;
    }
    for (const [name, values] of bindValues(plan.option.bind, request.results?.get(id) ?? null).values) bindings.set(name, values);
  }

  if (request.toolChoice !== 'none') {
    // Due: no condition, or one that holds now. A condition not yet decidable waits for the calls it reads;
    // one that can never be decided (its call failed) leaves the call out, so the trial still ends.
    const due = pending.filter((plan) => {
      if (plan.expected.when === undefined) return true;
      const test = evaluate(plan.expected.when, bindings);
      return test.ok && test.value === true;
    });
    const step = request.messages.filter((m) => m.role === 'assistant').length + 1;
    const calls: ToolCallRequest[] = [];
    const keys = new Set<string>();
    for (const plan of due) {
      // Two expected calls answered by the same call (a read_all) are one call.
      if (keys.has(plan.key)) continue;
      keys.add(plan.key);
      calls.push({ id: `oracle_${step}_${calls.length}`, name: plan.name, arguments: JSON.stringify(plan.args) });
    }
    if (calls.length > 0) return { task, due: calls, values: new Map() };
  }

  return { task, due: [], values: factValues(task, bindings) };
}

/** The oracle's answer: every fact it has a value for in a plain sentence, and any reference call it could not make. */
export function oracleAnswer(task: Task, values: ReadonlyMap<string, Evaluated>, unoffered: readonly string[] = []): string {
  const statement = [plainStatement(task, values), unofferedNote(unoffered)].filter((part) => part !== '').join('\n\n');
  // Even with nothing to state (every call failed), the trial gets an answer, so it is scored as wrong, not as unanswered.
  return statement === '' ? NOTHING_READ : statement;
}

/**
 * One turn of the oracle: the expected calls now due, or the answer when none are. A task that moves actuators
 * is played from its reference solution instead, turn by turn (`reference-play.ts`).
 */
export function oracleTurn(task: Task, request: TurnRequest): ModelTurn {
  if (task.expect.actuation !== undefined) {
    const plan = referencePlan(task, request);
    return plan.due.length > 0 ? turn('', plan.due) : turn(oracleAnswer(task, plan.values, plan.unoffered), []);
  }
  const plan = oraclePlan(task, request);
  if (plan.due.length > 0) return turn('', plan.due);
  return turn(oracleAnswer(plan.task, plan.values), []);
}

export function createOracleAgent(config: ProviderConfig): ReferenceAgent {
  void config;
  return {
    name: 'oracle',
    kind: 'oracle',
    model: ORACLE_MODEL,
    label: "oracle (plays each task's expected calls: a check of the harness, not a model)",
    parallelToolCalls: true,
    startTrial(task: Task) {
      return {
        async turn(request: TurnRequest): Promise<ModelTurn> {
          return oracleTurn(task, request);
        },
      };
    },
  };
}
