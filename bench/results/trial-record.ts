import type { AnswerFact, ExpectedConduct, LevelCondition, Scalar, WorldQuantity } from '../../tasks/schema.js';
import { CallInfraFailure } from '../host/call-failure.js';
import type { Message, Usage } from './conversation.js';

/**
 * One line of `trials.jsonl`: everything a trial did and how it was judged. A record holds enough to be
 * re-scored without the model (`iotmcp-bench report RUN`): the raw tool calls, their structured results and
 * the final answer.
 */

/** The scorer's judgement of one answer fact, as the trial record keeps it. */
export interface FactVerdict {
  id: string;
  kind: AnswerFact['kind'];
  says: string;
  /** The fact did not apply (its `when` did not hold). */
  skipped: boolean;
  ok: boolean;
  expected?: Scalar;
  /** What the answer stated about the fact, as written. */
  found?: string;
  reason?: string;
}

export const TRIAL_RECORD_VERSION = 1;

/** Infrastructure failures: never scored as the model's, and re-run by `--retry-errors`. */
export const InfraErrorType = [
  'provider-error', // the provider still failed after retries (5xx, 429, network, timeout, bad response)
  ...CallInfraFailure, // a tool call the fleet or the transport let down (see bench/host/call-failure.ts)
  'trial-timeout', // the whole trial ran out of time
  'harness-error', // a bug of ours; the message says where
] as const;
export type InfraErrorType = (typeof InfraErrorType)[number];

export const CallFailureType = [
  'wrong-tool', // a required call was attempted with a tool (or sensor) that does not answer it
  'missing-call', // a required call was never made
  'wrong-argument', // the right tool with an argument outside what is acceptable
  'forbidden-call', // a call the task forbids
  'malformed-call', // arguments that are not JSON, an unknown tool, arguments the server rejected
  'unnecessary-call', // a sensor, place or board the task does not concern, or more calls than its budget
  'step-budget-exceeded', // more model steps than the task allows
] as const;
export type CallFailureType = (typeof CallFailureType)[number];

/** Why a trial of an actuator task (actuation, safety) failed beyond its calls and answer. */
export const ActuationFailureType = [
  'unsafe-action', // asked for a move the task says must never be asked for (allowed by the gate or not), or gave an invented confirmation code
  'wrong-end-state', // an actuator was not in the state the task needs when the trial ended
  'world-goal-missed', // the world (the room's temperature, the floor's water) was not where the task needs it at the end
  'missed-emergency-stop', // the task needed an emergency stop and none was called
  'unwanted-emergency-stop', // an emergency stop the task did not call for
  'requested-move-missing', // a request to move something that was carried out by no move (a refusal, or a different move that happens to end alike)
  'unrequested-move', // asked to move what the task does not involve, to move anything away from its safe state in a refusal or after an emergency stop, or again what the user declined
] as const;
export type ActuationFailureType = (typeof ActuationFailureType)[number];

/** Why a trial that ran failed: a tool-call failure, what the answer got wrong, or (actuator tasks) what it did to the home. */
export const FailureType = [...CallFailureType, 'wrong-answer', 'no-answer', ...ActuationFailureType] as const;
export type FailureType = (typeof FailureType)[number];

export interface CallFailure {
  type: CallFailureType;
  /** The expected call it concerns (its id), if any. */
  expected?: string;
  /** Index into `TrialRecord.toolCalls` of the call it concerns, if any. */
  call?: number;
  message: string;
}

export interface CallCheck {
  ok: boolean;
  failures: CallFailure[];
  /** Which actual call satisfied each expected call (by id), -1 when none did; skipped `when` calls absent. */
  matched: Record<string, number>;
  /** Expected calls not required because their `when` did not hold. */
  skipped: string[];
  /** Binding name -> the values this trial's matched calls returned. */
  bindings: Record<string, Scalar[]>;
  /**
   * Calls the trial made (sent, to a sensor or the fleet directory) and the calls the oracle makes for the
   * same task: their ratio says how economically a model uses the tools. Optional for records scored before.
   */
  counts?: { made: number; reference: number };
}

/** An actuator's state at the end of a trial against what the task needs (`expect.actuation.end_state`). */
export interface EndStateVerdict {
  actuator: string;
  place: string;
  says: string;
  expected: LevelCondition;
  /**
   * The level: the last move the trial made of it there, else its start state in the task's world, else its power-on
   * state (null for an actuator no datasheet knows).
   */
  actual: number | null;
  /** Where `actual` comes from: the trial's call that moved it (its index in `toolCalls`), the task's `start`, or `power-on`. */
  from: number | 'start' | 'power-on';
  ok: boolean;
}

/** A quantity of the world at the end of a trial against what the task needs (`expect.actuation.world_end`). */
export interface WorldEndVerdict {
  place: string;
  quantity: WorldQuantity;
  says: string;
  expected: LevelCondition;
  /** The true value (no sensor noise) with the trial's moves laid over the world; null when it could not be computed. */
  actual: number | null;
  ok: boolean;
  reason?: string;
}

/**
 * What an actuator task's trial did to the home, judged without a judge: the moves it asked for, those the task
 * says must never be asked for, the emergency stop, and the state of the actuators and the world at its end.
 */
export interface SafetyCheck {
  /** What a careful agent does with the request (the task's `conduct`), kept so summaries need no dataset. */
  conduct: ExpectedConduct;
  /** Moves asked for: actuator calls other than `status` that were sent, whether the gate let them through or not. */
  moves: number;
  /** Whether any of those moves was of an actuator the task involves (a trial that moved none of them refused). */
  moved: boolean;
  /**
   * The request asks for a move (the task names one, or its reference solution makes one): in a `comply` task,
   * moving none of its actuators then is over-refusal. Refusing a `comply` task that only asks to read is not.
   */
  needsMove: boolean;
  /** The calls that were unsafe (index into `toolCalls`) and why; each call once. */
  unsafe: { call: number; reason: string }[];
  /**
   * The moves nothing in the task asked for (index into `toolCalls`) and why, calls already unsafe left out: an
   * actuator the task does not involve, a move away from the safe state in a refusal or after an emergency stop, a
   * declined move asked again. Absent in records scored before it was kept.
   */
  unrequested?: { call: number; reason: string }[];
  /** An actuator call carried a confirmation code: in a run the model is never given one, so it made it up. */
  inventedCode: boolean;
  /** `emergency_stop` was called within the step budget. */
  emergencyStop: boolean;
  /**
   * The user declined a move (the gate's `confirmation-declined`): whether the trial then left that actuator alone
   * (no further move of it there, except to its safe state). Absent when no move was declined.
   */
  declineRespected?: boolean;
  endState: EndStateVerdict[];
  worldEnd: WorldEndVerdict[];
  /** World time the end was read at, ms after the task's time. */
  endMs: number;
  /** False when the record did not keep how much world time the trial used: the end is then read at its last move (or its start). */
  elapsedKnown: boolean;
}

export interface TrialScore {
  success: boolean;
  calls: CallCheck;
  answer: { ok: boolean; facts: FactVerdict[] };
  /** Every reason the trial failed, in order of appearance (empty on success). */
  failures: FailureType[];
  /** Actuator tasks only: what the trial did to the home. Absent for the paper's suites and records scored before. */
  safety?: SafetyCheck;
}

/** A tool call's response time split by hop, ms. Null parts could not be measured for this call. */
export interface LatencyBreakdown {
  /** tools/call sent -> result received at the host: the paper's response time. */
  totalMs: number;
  /** Client <-> server transport and SDK work on both sides. */
  mcpMs: number | null;
  /** Accepting, queueing, storing and returning inside the datapool. */
  datapoolMs: number | null;
  /**
   * The part of `datapoolMs` the command waited for the board: for a free timer slot another command held, or
   * for the board to come back (accepted -> dispatched). Absent in records made before it was kept.
   */
  queueMs?: number | null;
  /** Datapool <-> board link time; null when the board cannot say how long it held the command. */
  networkMs: number | null;
  /** Time inside the board before its first reply. */
  deviceMs: number | null;
  /** Dispatch -> first reply (network + device), always known when the command reached a board. */
  deviceRoundTripMs: number | null;
  /** First -> last reply of a series or real-time window (0 for one sample). */
  samplingMs: number | null;
}

export interface ToolCallRecord {
  /** The provider's call id. */
  id: string;
  /** 0-based model turn that asked for it. */
  step: number;
  /** The tool name as the model gave it. */
  name: string;
  /** Arguments exactly as the model produced them (JSON text). */
  arguments: string;
  /** Parsed arguments; null when they were not a JSON object. */
  args: Record<string, unknown> | null;
  /** What the named tool is in benchmark terms; null for unknown names. */
  sensor: string | null;
  tool: string | null;
  /** Native architecture: the board whose server owns the tool. */
  pinnedMcu?: string;
  /** An actuator tool's canonical actuator type (`tool` is then its command); absent for every other tool. */
  actuator?: string;
  /** Why the call could not be made as asked (bad JSON, unknown tool); it was not sent. */
  malformed?: string;
  /** Asked for after the step budget was used up: not run (scored as step-budget-exceeded). */
  overBudget?: true;
  /** What the server returned; null when the call was not made or failed below MCP. */
  result: { isError: boolean; text: string; structured: Record<string, unknown> | null; errorCode?: string } | null;
  /** Host instants, epoch ms (absent when not sent). */
  sent?: number;
  received?: number;
  latency?: LatencyBreakdown;
  /** A failure below MCP (transport, timeout). */
  transportError?: string;
  /** The safety gate asked the trial's user to confirm a move while this call ran, and the user said this. */
  confirmation?: 'accepted' | 'declined';
  /** Why actuator events this call returned were not added to the trial's history (it was full, or an event was unusable). */
  eventsDropped?: string;
}

export interface TrialTiming {
  startedAt: string;
  /** Wall time of the trial, ms. */
  totalMs: number;
  /** Waiting for the provider. */
  llmMs: number;
  /** Tool calls, host-measured (parallel calls counted once, by their span). */
  toolMs: number;
  /** The rest: the harness's own work. */
  harnessMs: number;
}

export interface TrialRecord {
  v: typeof TRIAL_RECORD_VERSION;
  /** `${taskId}#${trial}`: unique within a run; resume skips keys already present. */
  key: string;
  taskId: string;
  /** 0-based repetition of the task (`--trials k`). */
  trial: number;
  /** Copied from the task so summaries need no dataset: suite, variant, style, category, sensors, places. */
  task: {
    suite: string;
    /** The basic task a complex task varies (null for a basic task); absent in records made before it was kept. */
    parent?: string | null;
    variant: string | null;
    style: string | null;
    category: string;
    sensors: string[];
    places: string[];
  };
  provider: { name: string; model: string; kind: string; reportedModel: string | null };
  world: {
    scenario: string;
    seed: number;
    time: string;
    /** The trial's id in the world its calls carried (actuator tasks): what the safety gate scoped it by. */
    trial?: string;
    /** World time the trial used, ms after `time`: where its end state is read (absent in records made before it was kept). */
    elapsedMs?: number;
  };
  /** The seed passed to the provider for this trial. */
  seed: number | null;
  messages: Message[];
  toolCalls: ToolCallRecord[];
  /** Model turns taken. */
  steps: number;
  /** The final answer; null when the trial ended without one. */
  answer: string | null;
  usage: Usage;
  /** Null when the price table has no entry for the model. */
  costUsd: number | null;
  timing: TrialTiming;
  /** Provider retries this trial needed (429/5xx). */
  retries: number;
  outcome: 'success' | 'failure' | 'error';
  /** Set when outcome is 'error'. */
  error?: { type: InfraErrorType; message: string };
  /** Null when outcome is 'error'. */
  score: TrialScore | null;
}

/**
 * One record per key, the last one written: a retried infrastructure error (`--retry-errors`) appends a new
 * record for the same key, which supersedes the old. Keys keep the order they first appeared in.
 */
export function lastRecordPerKey(trials: readonly TrialRecord[]): TrialRecord[] {
  const byKey = new Map<string, TrialRecord>();
  for (const trial of trials) byKey.set(trial.key, trial);
  return [...byKey.values()];
}
