import { DEFAULT_REAL_TIME_WINDOW_S } from '../../core/sensor-tool-limits.js';
import { setMaxListeners } from 'node:events';
import { now } from '../../core/clock.js';
import type { Task } from '../../tasks/schema.js';
import { closestNames } from '../host/host-call.js';
import type { HostTool, ToolHost } from '../host/tool-host.js';
import { ProviderError, type Provider, type TurnRequest } from '../providers/provider.js';
import { callWithRetries, type RetryPolicy } from '../providers/retry.js';
import { latencyOf } from '../scoring/latency.js';
import { scoreTrial } from '../scoring/score-trial.js';
import {
  TRIAL_RECORD_VERSION,
  type InfraErrorType,
  type LatencyBreakdown,
  type ToolCallRecord,
  type TrialRecord,
  type TrialScore,
} from '../results/trial-record.js';
import type { Message, ModelTurn, ToolCallRequest, Usage } from '../results/conversation.js';
import type { ToolDefinition } from '../host/tool-host.js';
import { costOf, type PriceTable } from './prices.js';
import type { ResponseCache } from './response-cache.js';
import { DEFAULT_SYSTEM_PROMPT } from './system-prompt.js';

/**
 * One trial: the model (or reference agent) and the tools in a loop until it answers or its step budget is
 * spent, then the record of everything that happened and how it scored. Failures of the infrastructure
 * (provider down, board offline, transport gone, time up) end the trial as an 'error' record, never as the
 * model's failure; Ctrl-C ends it with no record at all.
 */

export type ScoreTrial = (task: Task, trial: { toolCalls: ToolCallRecord[]; steps: number; answer: string | null }) => TrialScore;
export type LatencyOf = (call: { sent: number; received: number; structured: Record<string, unknown> | null }) => LatencyBreakdown;

export interface TrialContext {
  task: Task;
  /** 0-based repetition of the task. */
  trial: number;
  provider: Provider;
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

/** Tool errors that mean the board was not there to answer: the fleet's fault, not the model's. */
const OFFLINE_ERROR_CODES = new Set(['device-offline', 'expired', 'datapool-restarted']);

/** How many tool names an unknown-tool error suggests. */
const SUGGESTED_NAMES = 3;

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
  /** Aborted by the trial timeout or by Ctrl-C. */
  readonly signal: AbortSignal;
  /** `now()` at the start. */
  readonly began: number;
  readonly startedAt: string;
  readonly tools: readonly ToolDefinition[];
  readonly toolsByName: ReadonlyMap<string, HostTool>;
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
    const score = (context.score ?? scoreTrial)(context.task, { toolCalls: state.toolCalls, steps: state.steps, answer: state.answer });
    return recordOf(state, score.success ? 'success' : 'failure', score);
  } catch (error) {
    if (context.signal.aborted) throw interrupted();
    return recordOf(state, 'error', null, infraErrorOf(error, timeout.signal.aborted, context));
  } finally {
    clearTimeout(timer);
  }
}

/** A host's tools as the model sees them, and by name: made once per host, not once per trial. */
const toolViews = new WeakMap<ToolHost, Pick<TrialState, 'tools' | 'toolsByName'>>();

export function offeredTools(host: ToolHost): Pick<TrialState, 'tools' | 'toolsByName'> {
  let view = toolViews.get(host);
  if (view === undefined) {
    view = {
      // Only the definition: the host's bookkeeping (server, MCP name) is not the model's business.
      tools: host.tools.map(({ name, description, inputSchema }) => ({ name, description, inputSchema })),
      toolsByName: new Map(host.tools.map((tool) => [tool.name, tool])),
    };
    toolViews.set(host, view);
  }
  return view;
}

function startState(context: TrialContext, signal: AbortSignal): TrialState {
  const { task, host } = context;
  return {
    context,
    signal,
    began: now(),
    startedAt: new Date().toISOString(),
    ...offeredTools(host),
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
  const { provider, cache, retry, seed, task, trial } = state.context;
  const messages = [...state.messages];
  const request: TurnRequest = {
    messages,
    tools: state.tools,
    toolChoice,
    signal: state.signal,
    ...(seed !== null && { seed }),
    ...(provider.kind !== 'llm' && { task }),
    results: new Map(state.results),
  };
  const cached =
    cache !== null && provider.kind === 'llm'
      ? { cache, key: cache.key({ provider: provider.name, model: provider.model, seed, trial, messages, tools: state.tools, toolChoice }) }
      : null;
  let turn = cached === null ? null : await cached.cache.get(cached.key);
  if (turn === null) {
    const began = now();
    try {
      turn = await callWithRetries(() => untilAborted(provider.turn(request), state.signal), retry, {
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

/** Runs what one turn asked for, all at once, and ends the trial if the infrastructure failed under it. */
async function runToolCalls(state: TrialState, calls: ToolCallRequest[], step: number): Promise<void> {
  const done = await Promise.all(calls.map((call) => runToolCall(state, call, step)));
  // The turn's calls ran side by side in the world: it moves on by the longest series or window among them.
  state.worldMs += Math.max(0, ...done.map(({ record }) => ownDurationMs(record.args ?? {})));
  let first = Infinity;
  let last = -Infinity;
  for (const { record, message } of done) {
    state.toolCalls.push(record);
    state.messages.push(message);
    // Sensor readings only: what a fleet tool returns is for the model to read in the text.
    state.results.set(record.id, record.sensor !== null && record.result?.isError === false ? record.result.structured : null);
    if (record.sent !== undefined && record.received !== undefined) {
      first = Math.min(first, record.sent);
      last = Math.max(last, record.received);
    }
  }
  if (last > first) state.toolMs += last - first;
  state.signal.throwIfAborted();
  const records = done.map(({ record }) => record);
  const broken = records.find((record) => record.transportError !== undefined);
  if (broken !== undefined) throw new TrialError('transport-error', `${broken.name}: ${broken.transportError}`);
  const offline = records.find((record) => OFFLINE_ERROR_CODES.has(record.result?.errorCode ?? ''));
  if (offline !== undefined) throw new TrialError('device-offline', `${offline.name}: ${offline.result?.text ?? ''}`);
  const busy = records.find((record) => record.result?.errorCode === 'queue-full');
  if (busy !== undefined) throw new TrialError('device-busy', `${busy.name}: ${busy.result?.text ?? ''}`);
}

async function runToolCall(state: TrialState, call: ToolCallRequest, step: number): Promise<{ record: ToolCallRecord; message: Message }> {
  const { host, task, speed, callTimeoutMs, latency = latencyOf } = state.context;
  const tool = state.toolsByName.get(call.name);
  const parsed = parseArguments(call.arguments);
  const record: ToolCallRecord = {
    id: call.id,
    step: step - 1,
    name: call.name,
    arguments: call.arguments,
    args: parsed.args,
    sensor: tool?.sensor ?? null,
    tool: tool?.tool ?? null,
    ...(tool?.pinnedMcu !== undefined && { pinnedMcu: tool.pinnedMcu }),
    result: null,
  };
  const refuse = (reason: string, hint = ''): { record: ToolCallRecord; message: Message } => ({
    record: { ...record, malformed: reason },
    message: toolMessage(call, `error: ${reason}${hint}`, true),
  });
  if (tool === undefined) return refuse(`unknown tool "${call.name}"`, `; the closest available tools are: ${closestNames(call.name, [...state.toolsByName.keys()], SUGGESTED_NAMES).join(', ')}`);
  if (parsed.args === null) return refuse(`arguments are not a JSON object: ${parsed.problem}`);

  const world = { ...worldOf(task), timeMs: Date.parse(task.world.time) + state.worldMs };
  // A series or a window takes its own duration (in world seconds) before the call-timeout allowance starts.
  const timeoutMs = callTimeoutMs + ownDurationMs(parsed.args) / speed;
  const result = await untilAborted(host.call(call.name, parsed.args, { world, signal: state.signal, timeoutMs }), state.signal);
  const { sent, received } = result;
  if (result.transportError !== undefined) {
    return { record: { ...record, sent, received, transportError: result.transportError }, message: toolMessage(call, `error: ${result.transportError}`, true) };
  }
  const measured = tool.sensor !== null && result.structured !== null && !result.isError;
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
    },
    message: toolMessage(call, result.text, result.isError),
  };
}

function overBudgetCall(state: TrialState, call: ToolCallRequest, step: number): ToolCallRecord {
  const tool = state.toolsByName.get(call.name);
  return {
    id: call.id,
    step: step - 1,
    name: call.name,
    arguments: call.arguments,
    args: parseArguments(call.arguments).args,
    sensor: tool?.sensor ?? null,
    tool: tool?.tool ?? null,
    ...(tool?.pinnedMcu !== undefined && { pinnedMcu: tool.pinnedMcu }),
    overBudget: true,
    result: null,
  };
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
    return { type: 'provider-error', message: `${context.provider.name} ${error.kind}${status}${retried}: ${error.message}` };
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
  const { task, trial, provider, seed, prices } = state.context;
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
    provider: { name: provider.name, model: provider.model, kind: provider.kind, reportedModel: state.reportedModel },
    world: { ...worldOf(task), time: task.world.time },
    seed,
    messages: state.messages,
    toolCalls: state.toolCalls,
    steps: state.steps,
    answer: state.answer,
    usage: state.usage,
    costUsd: prices === null ? null : trialCost(prices, provider, state.reportedModel, state.usage),
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
function trialCost(prices: PriceTable, provider: Provider, reportedModel: string | null, usage: Usage): number | null {
  const reported = reportedModel === null ? null : costOf(prices, reportedModel, usage, provider.name);
  return reported ?? costOf(prices, provider.model, usage, provider.name);
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

/** How long a call asks the board to sample, ms: its `duration`, or the default window of a real-time call. */
function ownDurationMs(args: Record<string, unknown>): number {
  const duration = typeof args['duration'] === 'number' && Number.isFinite(args['duration']) && args['duration'] > 0 ? args['duration'] : 0;
  if (args['real_time'] === true && duration === 0) return DEFAULT_REAL_TIME_WINDOW_S * 1000;
  return duration * 1000;
}
