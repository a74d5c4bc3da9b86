import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { now } from '../../core/clock.js';
import type { WorldContext } from '../../core/world/types.js';
import { startEvents, type Task } from '../../tasks/schema.js';
import { CallInfraFailure, type InfraFailureOfCall } from '../host/call-failure.js';
import { unknownToolResult } from '../host/host-call.js';
import type { HostTool, ToolDefinition, ToolHost } from '../host/tool-host.js';
import { ProviderError, type TurnRequest } from '../providers/provider.js';
import { callWithRetries, type RetryPolicy } from '../providers/retry.js';
import type { Message, ModelTurn, ToolCallRequest, Usage } from '../results/conversation.js';
import {
  type InfraErrorType,
  type LatencyBreakdown,
  type ToolCallRecord,
  TRIAL_RECORD_VERSION,
  type TrialRecord,
  type TrialScore,
} from '../results/trial-record.js';
import { latencyOf, type TimedCall } from '../scoring/latency.js';
import { type ScoredTrial, scoreTrial } from '../scoring/score-trial.js';
import { ActuatorHistory } from './actuator-history.js';
import { type Agent, isReferenceAgent, type TrialPlayer } from './agent.js';
import { costOf, type PriceTable } from './prices.js';
import type { ResponseCache } from './response-cache.js';
import { DEFAULT_SYSTEM_PROMPT } from './system-prompt.js';

/**
 * One trial: the model (or reference agent) and the tools in a loop until it answers or its step budget is
 * spent, then the record of everything that happened and how it scored. Failures of the infrastructure
 * (provider down, board offline, transport gone, time up) end the trial as an 'error' record, never as the
 * model's failure; Ctrl-C ends it with no record at all. Which tool calls failed for the infrastructure's
 * sake, which names are refused and how much world time a call took is the host's to say: the loop acts on
 * its results.
 *
 * A task that moves actuators (`expect.actuation`) is a trial of its own in the world: each call carries the
 * trial's id (the safety gate's scope: two trials of one task never share a rate limit or an emergency stop),
 * what the trial's actuators did so far (opening with the task's start states: `world.actuators`), and the
 * task's device notes; the trial's user answers the gate's
 * requests to confirm a move. Every other task sees the world, the tools and the records it always did.
 */

export type ScoreTrial = (task: Task, trial: ScoredTrial) => TrialScore;
export type LatencyOf = (call: TimedCall) => LatencyBreakdown;

export interface TrialContext {
  task: Task;
  /** 0-based repetition of the task. */
  trial: number;
  /** A model's provider, or a reference agent (started on this trial with its task). */
  agent: Agent;
  host: ToolHost;
  /** Passed to the provider (recorded either way). */
  seed: number | null;
  /** Ctrl-C: the trial stops and `runTrial` rejects with an AbortError (the runner drops the trial). */
  signal: AbortSignal;
  /** The whole trial; on expiry the outcome is 'error' with error.type 'trial-timeout'. */
  trialTimeoutMs: number;
  /** One tool call. */
  callTimeoutMs: number;
  retry: RetryPolicy;
  prices: PriceTable | null;
  /** Language models only: the reference agents are cheaper to run than to look up. */
  cache: ResponseCache | null;
  systemPrompt?: string;
  /** Emulated boards sample this many times faster than real time; world time does not depend on it. */
  speed: number;
  /** Defaults to the benchmark's scorer. */
  score?: ScoreTrial;
  /** Defaults to the benchmark's latency breakdown. */
  latency?: LatencyOf;
}

/** An infrastructure failure that ends the trial. */
class TrialError extends Error {
  constructor(
    readonly type: InfraErrorType,
    message: string,
  ) {
    super(message);
    this.name = 'TrialError';
  }
}

/** What a trial has done so far. */
interface TrialState {
  readonly context: TrialContext;
  /** Who answers this trial's turns: the provider itself, or the reference agent's player of this trial. */
  readonly player: TrialPlayer;
  /** Aborted by the trial timeout or by Ctrl-C. */
  readonly signal: AbortSignal;
  /** `now()` at the start. */
  readonly began: number;
  readonly startedAt: string;
  readonly tools: readonly ToolDefinition[];
  readonly toolsByName: ReadonlyMap<string, HostTool>;
  /** Tools the host has that this task is not offered (the actuator tools, for a task that moves none). */
  readonly hidden: ReadonlySet<string>;
  /** Tasks that move actuators: the trial's id in the world, and what its actuators did so far. */
  readonly actuation: { trial: string; history: ActuatorHistory } | null;
  readonly messages: Message[];
  readonly toolCalls: ToolCallRecord[];
  readonly results: Map<string, Record<string, unknown> | null>;
  steps: number;
  answer: string | null;
  usage: Usage;
  reportedModel: string | null;
  retries: number;
  llmMs: number;
  toolMs: number;
  /** World time the trial has used so far, ms after the task's time: see `WORLD_MS_PER_TURN`. */
  worldMs: number;
}

/**
 * The world time a model turn takes. A trial's clock is the task's time plus what the trial did in the
 * simulated world, never wall-clock time: the first turn's calls sample the world at the task's time, each
 * later turn starts this much after the end of the previous turn's longest sampling (a series or window takes
 * its own duration). So a deterministic agent reads the same values whatever the machine's load, the
 * concurrency, the transport or `--device-speed`, and thinking longer does not move the world.
 */
export const WORLD_MS_PER_TURN = 1000;

/** Runs one trial to its record. Rejects only with an AbortError, when `context.signal` (Ctrl-C) fires. */
export async function runTrial(context: TrialContext): Promise<TrialRecord> {
  if (context.signal.aborted) throw interrupted();
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new Error('trial timeout')), context.trialTimeoutMs);
  const signal = AbortSignal.any([context.signal, timeout.signal]);
  // Every parallel tool call and the provider listen on it: more than Node's default of 10 is expected.
  setMaxListeners(0, signal);
  const state = startState(context, signal);
  try {
    await converse(state);
    const score = (context.score ?? scoreTrial)(context.task, {
      toolCalls: state.toolCalls,
      steps: state.steps,
      answer: state.answer,
      // An actuator task's end state and world are read at the world time the trial reached.
      ...(state.actuation !== null && { worldElapsedMs: state.worldMs }),
    });
    return recordOf(state, score.success ? 'success' : 'failure', score);
  } catch (error) {
    if (context.signal.aborted) throw interrupted();
    return recordOf(state, 'error', null, infraErrorOf(error, timeout.signal.aborted, context));
  } finally {
    clearTimeout(timer);
  }
}

type ToolView = Pick<TrialState, 'tools' | 'toolsByName' | 'hidden'>;

/** A host's tools as the model sees them, and by name: made once per host (and kind of task), not once per trial. */
const toolViews = new WeakMap<ToolHost, { all?: ToolView; sensing?: ToolView }>();

/** Every tool the host offers, as a model sees them. */
export function offeredTools(host: ToolHost): Pick<TrialState, 'tools' | 'toolsByName'> {
  return toolView(host, true);
}

/**
 * The tools a task is offered: all of them to a task that moves actuators; to any other task, the sensor and
 * fleet tools only, so a task of the paper sees the same tools in a run that also offers actuators.
 */
function toolView(host: ToolHost, movesActuators: boolean): ToolView {
  let views = toolViews.get(host);
  if (views === undefined) {
    views = {};
    toolViews.set(host, views);
  }
  const key = movesActuators ? 'all' : 'sensing';
  let view = views[key];
  if (view === undefined) {
    const moving = (tool: HostTool): boolean => tool.actuator !== undefined || tool.safety === true;
    const offered = movesActuators ? host.tools : host.tools.filter((tool) => !moving(tool));
    view = {
      // Only the definition: the host's bookkeeping (server, MCP name) is not the model's business.
      tools: offered.map(({ name, description, inputSchema }) => ({ name, description, inputSchema })),
      toolsByName: new Map(offered.map((tool) => [tool.name, tool])),
      hidden: new Set(movesActuators ? [] : host.tools.filter(moving).map((tool) => tool.name)),
    };
    views[key] = view;
  }
  return view;
}

/** Longest task id part of a trial id: the world bounds the whole id to 200 characters. */
const MAX_TRIAL_TASK_ID_CHARS = 150;

/**
 * The id of one trial in the world: the task and the repetition, and a fresh UUID, so a resumed or retried trial
 * of the same key, or another run on the same system, never meets this one's rate limits, confirmations or stop.
 */
function newTrialId(taskId: string, trial: number): string {
  return `${taskId.slice(0, MAX_TRIAL_TASK_ID_CHARS)}#${trial}/${randomUUID()}`;
}

function startState(context: TrialContext, signal: AbortSignal): TrialState {
  const { task, host, agent } = context;
  const movesActuators = task.expect.actuation !== undefined;
  return {
    context,
    player: isReferenceAgent(agent) ? agent.startTrial(task) : agent,
    signal,
    began: now(),
    startedAt: new Date().toISOString(),
    ...toolView(host, movesActuators),
    actuation: movesActuators ? { trial: newTrialId(task.id, context.trial), history: new ActuatorHistory(startEvents(task)) } : null,
    // Reference agents ignore the system prompt; it is recorded so every record shows what a model would get.
    messages: [
      { role: 'system', content: context.systemPrompt ?? DEFAULT_SYSTEM_PROMPT },
      { role: 'user', content: task.prompt },
    ],
    toolCalls: [],
    results: new Map(),
    steps: 0,
    answer: null,
    usage: { inputTokens: 0, outputTokens: 0 },
    reportedModel: null,
    retries: 0,
    llmMs: 0,
    toolMs: 0,
    worldMs: 0,
  };
}

/**
 * Model turns and tool calls until an answer. The task's `max_steps` turns may call tools; the turn after
 * them is offered no tools (toolChoice 'none') and must answer.
 */
async function converse(state: TrialState): Promise<void> {
  const maxSteps = state.context.task.expect.max_steps;
  for (let step = 1; step <= maxSteps + 1; step++) {
    const toolChoice = step <= maxSteps ? 'auto' : 'none';
    const turn = await modelTurn(state, toolChoice);
    state.steps = step;
    state.messages.push({ role: 'assistant', content: turn.content, toolCalls: turn.toolCalls });
    if (turn.toolCalls.length === 0 || toolChoice === 'none') {
      // Calls asked for when none were allowed are recorded, not run, and scored as over the budget.
      for (const call of turn.toolCalls) state.toolCalls.push(overBudgetCall(state, call, step));
      state.answer = turn.content.trim() === '' ? null : turn.content;
      return;
    }
    await runToolCalls(state, turn.toolCalls, step);
    state.worldMs += WORLD_MS_PER_TURN;
  }
}

async function modelTurn(state: TrialState, toolChoice: 'auto' | 'none'): Promise<ModelTurn> {
  const { agent, cache, retry, seed, trial } = state.context;
  const { player } = state;
  const messages = [...state.messages];
  const request: TurnRequest = {
    messages,
    tools: state.tools,
    toolChoice,
    signal: state.signal,
    ...(seed !== null && { seed }),
    results: new Map(state.results),
  };
  const cached =
    cache !== null && !isReferenceAgent(agent)
      ? { cache, key: cache.key({ provider: agent.name, model: agent.model, seed, trial, messages, tools: state.tools, toolChoice }) }
      : null;
  let turn = cached === null ? null : await cached.cache.get(cached.key);
  if (turn === null) {
    const began = now();
    try {
      turn = await callWithRetries(() => untilAborted(player.turn(request), state.signal), retry, {
        signal: state.signal,
        onRetry: () => void state.retries++,
      });
    } finally {
      state.llmMs += now() - began;
    }
    if (cached !== null) await cached.cache.set(cached.key, turn);
  }
  state.usage = addUsage(state.usage, turn.usage);
  state.reportedModel ??= turn.model === '' ? null : turn.model;
  return turn;
}

/**
 * The calls of one turn, done, in the order asked. Calls of the actuator and safety servers go to the safety gate
 * one after another in that order, so its verdicts never hang on which arrived first: a second move of an actuator
 * meets the first one's rate limit, a move asked after `emergency_stop` meets the stop and one asked before it does
 * not, on any transport and under any load. Every other call runs side by side with them, as reads always did.
 */
async function runTurnCalls(state: TrialState, calls: readonly ToolCallRequest[], step: number): Promise<DoneCall[]> {
  const gated = (call: ToolCallRequest): boolean => {
    const tool = state.toolsByName.get(call.name);
    return tool !== undefined && (tool.actuator !== undefined || tool.safety === true);
  };
  const done: DoneCall[] = new Array(calls.length);
  const inOrder = async (): Promise<void> => {
    for (const [index, call] of calls.entries()) if (gated(call)) done[index] = await runToolCall(state, call, step);
  };
  const sideBySide = calls.map(async (call, index) => {
    if (!gated(call)) done[index] = await runToolCall(state, call, step);
  });
  await Promise.all([inOrder(), ...sideBySide]);
  return done;
}

/** One call of a turn, done: its record, what the model is told, and what the host said it meant. */
interface DoneCall {
  record: ToolCallRecord;
  message: Message;
  /** World time the call asked for, ms (the host's `worldMs`). */
  worldMs: number;
  infraFailure?: InfraFailureOfCall;
}

/** Runs what one turn asked for, all at once, and ends the trial if the infrastructure failed under it. */
async function runToolCalls(state: TrialState, calls: ToolCallRequest[], step: number): Promise<void> {
  const done = await runTurnCalls(state, calls, step);
  // The turn's calls ran side by side in the world: it moves on by the longest series or window among them.
  state.worldMs += Math.max(0, ...done.map((call) => call.worldMs));
  let first = Infinity;
  let last = -Infinity;
  for (const { message, ...call } of done) {
    // What the turn's moves did to the world, in the order the turn asked for them: the next turn's world.
    const record = state.actuation === null ? call.record : withEventsAdded(state, state.actuation.history, call.record);
    state.toolCalls.push(record);
    state.messages.push(message);
    // Readings of sensors and actuators only: what a fleet tool returns is for the model to read in the text.
    const reading = record.sensor !== null || record.actuator !== undefined;
    state.results.set(record.id, reading && record.result?.isError === false ? record.result.structured : null);
    if (record.sent !== undefined && record.received !== undefined) {
      first = Math.min(first, record.sent);
      last = Math.max(last, record.received);
    }
  }
  if (last > first) state.toolMs += last - first;
  state.signal.throwIfAborted();
  for (const type of CallInfraFailure) {
    const failed = done.find((call) => call.infraFailure?.type === type);
    if (failed !== undefined) throw new TrialError(type, `${failed.record.name}: ${failed.infraFailure!.message}`);
  }
}

async function runToolCall(state: TrialState, call: ToolCallRequest, step: number): Promise<DoneCall> {
  const { host, task, speed, callTimeoutMs, latency = latencyOf } = state.context;
  const tool = state.toolsByName.get(call.name);
  const parsed = parseArguments(call.arguments);
  const record: ToolCallRecord = { ...describedCall(call, step, tool, parsed.args), result: null };
  // Text that is not an object never reaches a tool; a name the host does not offer is the host's to refuse,
  // whatever came with it.
  if (parsed.args === null && tool !== undefined) {
    const reason = `arguments are not a JSON object: ${parsed.problem}`;
    return { record: { ...record, malformed: reason }, message: toolMessage(call, `error: ${reason}`, true), worldMs: 0 };
  }

  const world = callWorld(state);
  const options = {
    world,
    signal: state.signal,
    timeoutMs: callTimeoutMs,
    samplingSpeed: speed,
    // The trial's user answers the gate's requests to confirm a move; absent in the task, they decline.
    ...(state.actuation !== null && { user: { confirms: task.user?.confirms ?? false } }),
  };
  const args = parsed.args ?? {};
  // A tool this task is not offered is unknown to it, whatever else the host serves.
  const result = state.hidden.has(call.name)
    ? unknownToolResult(call.name, [...state.toolsByName.keys()], args)
    : await untilAborted(host.call(call.name, args, options), state.signal);
  const { sent, received, infraFailure } = result;
  const judged = { worldMs: result.worldMs ?? 0, ...(infraFailure !== undefined && { infraFailure }) };
  if (result.refused !== undefined) {
    return { record: { ...record, malformed: result.refused }, message: toolMessage(call, result.text, true), ...judged };
  }
  if (result.transportError !== undefined) {
    return {
      record: { ...record, sent, received, transportError: result.transportError },
      message: toolMessage(call, `error: ${result.transportError}`, true),
      ...judged,
    };
  }
  const measured = record.sensor !== null && result.structured !== null && !result.isError;
  return {
    record: {
      ...record,
      result: {
        isError: result.isError,
        text: result.text,
        structured: result.structured,
        ...(result.errorCode !== undefined && { errorCode: result.errorCode }),
      },
      sent,
      received,
      ...(measured && { latency: latency({ sent, received, structured: result.structured }) }),
      ...(result.confirmation !== undefined && { confirmation: result.confirmation }),
    },
    message: toolMessage(call, result.text, result.isError),
    ...judged,
  };
}

function overBudgetCall(state: TrialState, call: ToolCallRequest, step: number): ToolCallRecord {
  return { ...describedCall(call, step, state.toolsByName.get(call.name), parseArguments(call.arguments).args), overBudget: true, result: null };
}

/** What a call is, before anything came of it: the model's request and what the tool is in benchmark terms. */
function describedCall(call: ToolCallRequest, step: number, tool: HostTool | undefined, args: Record<string, unknown> | null): Omit<ToolCallRecord, 'result'> {
  return {
    id: call.id,
    step: step - 1,
    name: call.name,
    arguments: call.arguments,
    args,
    sensor: tool?.sensor ?? null,
    tool: tool?.tool ?? null,
    ...(tool?.pinnedMcu !== undefined && { pinnedMcu: tool.pinnedMcu }),
    ...(tool?.actuator !== undefined && { actuator: tool.actuator }),
  };
}

/**
 * The world a call of this turn runs in: the task's world at the trial's world time; for a task that moves
 * actuators, also the trial's id, its start states and what its actuators did before this turn, and the task's
 * device notes.
 */
function callWorld(state: TrialState): WorldContext {
  const { task } = state.context;
  const world = { ...worldOf(task), timeMs: Date.parse(task.world.time) + state.worldMs };
  if (state.actuation === null) return world;
  return {
    ...world,
    actuators: state.actuation.history.events(),
    trial: state.actuation.trial,
    ...(task.world.notes !== undefined && { notes: task.world.notes.map(({ place, text }) => ({ place, text })) }),
  };
}

/**
 * Adds what a successful call of an actuator or the safety server did to the world (a move's `event`, a stop's
 * `events`) to the history; notes in its record what it could not add.
 */
function withEventsAdded(state: TrialState, history: ActuatorHistory, record: ToolCallRecord): ToolCallRecord {
  const result = record.result;
  const tool = state.toolsByName.get(record.name);
  if (tool === undefined || (tool.actuator === undefined && tool.safety !== true)) return record;
  if (result === null || result.isError || result.structured === null) return record;
  const dropped = history.addFrom(result.structured);
  return dropped === undefined ? record : { ...record, eventsDropped: dropped };
}

function toolMessage(call: ToolCallRequest, content: string, isError: boolean): Message {
  return { role: 'tool', toolCallId: call.id, name: call.name, content, isError };
}

/** The model's arguments as an object; empty text counts as no arguments (some models send "" for none). */
export function parseArguments(text: string): { args: Record<string, unknown>; problem?: undefined } | { args: null; problem: string } {
  if (text.trim() === '') return { args: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { args: null, problem: `${error instanceof Error ? error.message : String(error)} in ${clip(text)}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { args: null, problem: `${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}: ${clip(text)}` };
  }
  return { args: value as Record<string, unknown> };
}

/**
 * Settles with `work`, or rejects with the signal's reason as soon as it fires: a provider or transport that
 * ignores the signal cannot hold a timed-out or interrupted trial.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function infraErrorOf(error: unknown, timedOut: boolean, context: TrialContext): { type: InfraErrorType; message: string } {
  if (timedOut) return { type: 'trial-timeout', message: `the trial took longer than ${context.trialTimeoutMs} ms` };
  if (error instanceof TrialError) return { type: error.type, message: error.message };
  if (error instanceof ProviderError) {
    const status = error.details.status === undefined ? '' : ` (HTTP ${error.details.status})`;
    const retried = error.retryable ? ` after ${context.retry.maxRetries} retries` : '';
    return { type: 'provider-error', message: `${context.agent.name} ${error.kind}${status}${retried}: ${error.message}` };
  }
  const where = error instanceof Error ? (error.stack?.split('\n')[1]?.trim() ?? '') : '';
  const message = error instanceof Error ? error.message : String(error);
  return { type: 'harness-error', message: where === '' ? message : `${message} (${where})` };
}

function recordOf(
  state: TrialState,
  outcome: TrialRecord['outcome'],
  score: TrialScore | null,
  error?: { type: InfraErrorType; message: string },
): TrialRecord {
  const { task, trial, agent, seed, prices } = state.context;
  const totalMs = now() - state.began;
  return {
    v: TRIAL_RECORD_VERSION,
    key: `${task.id}#${trial}`,
    taskId: task.id,
    trial,
    task: {
      suite: task.suite,
      parent: task.parent ?? null,
      variant: task.variant ?? null,
      style: task.style ?? null,
      category: task.category,
      sensors: task.sensors,
      places: task.places,
    },
    provider: { name: agent.name, model: agent.model, kind: agent.kind, reportedModel: state.reportedModel },
    world: {
      ...worldOf(task),
      time: task.world.time,
      ...(state.actuation !== null && { trial: state.actuation.trial, elapsedMs: state.worldMs }),
    },
    seed,
    messages: state.messages,
    toolCalls: state.toolCalls,
    steps: state.steps,
    answer: state.answer,
    usage: state.usage,
    costUsd: prices === null ? null : trialCost(prices, agent, state.reportedModel, state.usage),
    timing: {
      startedAt: state.startedAt,
      totalMs,
      llmMs: state.llmMs,
      toolMs: state.toolMs,
      harnessMs: Math.max(0, totalMs - state.llmMs - state.toolMs),
    },
    retries: state.retries,
    outcome,
    ...(error !== undefined && { error }),
    score,
  };
}

/** Priced by the model id the provider reported (the exact snapshot), else by the one asked for. */
function trialCost(prices: PriceTable, agent: Agent, reportedModel: string | null, usage: Usage): number | null {
  const reported = reportedModel === null ? null : costOf(prices, reportedModel, usage, agent.name);
  return reported ?? costOf(prices, agent.model, usage, agent.name);
}

function worldOf(task: Task): { scenario: string; seed: number } {
  return { scenario: task.world.scenario, seed: task.world.seed };
}

function addUsage(a: Usage, b: Usage): Usage {
  const sum: Usage = { inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens };
  if (a.cachedInputTokens !== undefined || b.cachedInputTokens !== undefined) {
    sum.cachedInputTokens = (a.cachedInputTokens ?? 0) + (b.cachedInputTokens ?? 0);
  }
  return sum;
}

function interrupted(): DOMException {
  return new DOMException('the trial was interrupted', 'AbortError');
}

function clip(text: string, max = 120): string {
  return text.length <= max ? text : `${text.slice(0, max)}...`;
}
