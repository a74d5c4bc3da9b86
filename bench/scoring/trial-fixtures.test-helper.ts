import { DEFAULT_REAL_TIME_WINDOW_S } from '../../core/sensor-tool-limits.js';
import { findSensor } from '../../core/sensors/catalogue.js';
import type { Reading } from '../../core/sensors/types.js';
import { createWorld } from '../../core/world/world.js';
import { sampleOffsets } from '../../tasks/dry-run.js';
import { boardsWith, type Layout } from '../../tasks/layout.js';
import { loadTasks, SUITE_FILES } from '../../tasks/load.js';
import type { ArgRule, CallOption, Scalar, Task } from '../../tasks/schema.js';
import { optionDevice } from '../../tasks/schema.js';
import { hostToolName } from '../host/host-tool-names.js';
import type { SensorToolOutput } from '../mcp/tool-result.js';
import type { ToolCallRecord } from '../results/trial-record.js';

/**
 * Trials written by hand for the scoring tests: tool call records shaped exactly as the agent loop writes
 * them, with structured results shaped exactly as the sensor servers return them (SensorToolOutput,
 * timing included), either from readings written out or sampled from a task's world as the dry run does.
 */

/** The shipped suite files. */
export function suiteFiles(): string[] {
  return [SUITE_FILES.basic, SUITE_FILES.complex];
}

/** Every shipped task. */
export async function shippedTasks(): Promise<Task[]> {
  const { tasks, problems } = await loadTasks({ files: suiteFiles() });
  if (problems.length > 0) throw new Error(`shipped tasks do not load: ${problems[0]!.message}`);
  return tasks.map(({ task }) => task);
}

let byId: Promise<Map<string, Task>> | undefined;

/** A shipped task by id (the suites are loaded once per test file). */
export async function shippedTask(id: string): Promise<Task> {
  byId ??= shippedTasks().then((tasks) => new Map(tasks.map((task) => [task.id, task])));
  const task = (await byId).get(id);
  if (task === undefined) throw new Error(`no shipped task "${id}"`);
  return task;
}

export interface OutputInput {
  sensor: string;
  tool: string;
  mcu: string;
  place: string | null;
  /** One reply's values per sample. */
  values: readonly Reading[];
  realTime?: boolean;
  windowS?: number | null;
  /** Ms between samples. */
  intervalMs?: number;
  /** Host instant the call was sent; the other instants follow it. */
  sent?: number;
  /** The board's figure for how long it held the command (optional in the contract). */
  deviceElapsedMs?: number;
}

/** A sensor tool's structured result with plausible hop instants, and the host instants around it. */
export function sensorOutput(input: OutputInput): { structured: SensorToolOutput; sent: number; received: number } {
  const sent = input.sent ?? 1_750_000_000_000;
  const interval = input.intervalMs ?? 1000;
  const mcpReceived = sent + 0.4;
  const accepted = mcpReceived + 0.1;
  const dispatched = accepted + 0.3;
  const samples = input.values.map((_, k) => {
    const received = dispatched + 8 + k * interval;
    const sample: { received: number; stored: number; deviceTimestamp: number | null; deviceElapsedMs?: number } = {
      received,
      stored: received + 0.05,
      deviceTimestamp: 5000 + k * interval,
    };
    if (k === 0 && input.deviceElapsedMs !== undefined) sample.deviceElapsedMs = input.deviceElapsedMs;
    return sample;
  });
  const last = samples[samples.length - 1];
  const mcpReturned = (last?.stored ?? dispatched) + 0.2;
  const spec = findSensor(input.sensor);
  const command = spec?.tools[input.tool] ?? input.tool;
  const units: Record<string, string> = {};
  for (const field of spec?.commands[command] ?? []) {
    const unit = spec?.fields[field]?.unit;
    if (unit !== undefined) units[field] = unit;
  }
  const structured: SensorToolOutput = {
    sensor: spec?.name ?? input.sensor,
    tool: input.tool,
    command,
    id: '1b2c3d4e-0000-4000-8000-000000000000',
    mcu: input.mcu,
    place: input.place,
    real_time: input.realTime ?? false,
    window_s: input.windowS ?? null,
    units,
    readings: input.values.map((values, k) => ({ seq: k, values: { ...values }, timestamp: 5000 + k * interval, peak_memory: 61_000 })),
    count: input.values.length,
    timing: {
      mcpReceived,
      mcpReturned,
      accepted,
      dispatched,
      firstReceived: samples[0]?.received ?? null,
      lastReceived: last?.received ?? null,
      lastStored: last?.stored ?? null,
      samples,
    },
  };
  return { structured, sent, received: mcpReturned + 0.4 };
}

export interface CallInput {
  sensor: string;
  tool: string;
  args: Record<string, unknown>;
  step?: number;
  /** The readings it returned; omit with `error` for an error result. */
  output?: { structured: SensorToolOutput; sent: number; received: number };
  error?: { text: string; errorCode?: string };
  pinnedMcu?: string;
}

let callIds = 0;

/** A tool call record as the agent loop writes it for a sensor call that was sent. */
export function sensorCall(input: CallInput): ToolCallRecord {
  const record: ToolCallRecord = {
    id: `call_${++callIds}`,
    step: input.step ?? 0,
    name: hostToolName(input.sensor, input.tool, input.pinnedMcu),
    arguments: JSON.stringify(input.args),
    args: input.args,
    sensor: input.sensor,
    tool: input.tool,
    result: null,
  };
  if (input.pinnedMcu !== undefined) record.pinnedMcu = input.pinnedMcu;
  if (input.output !== undefined) {
    record.result = { isError: false, text: 'DHT11 on …', structured: input.output.structured as unknown as Record<string, unknown> };
    record.sent = input.output.sent;
    record.received = input.output.received;
  } else if (input.error !== undefined) {
    record.result = { isError: true, text: input.error.text, structured: null };
    if (input.error.errorCode !== undefined) record.result.errorCode = input.error.errorCode;
    record.sent = 1_750_000_000_000;
    record.received = 1_750_000_000_003;
  }
  return record;
}

/** A call that read `values` (one object per sample) from `sensor` with `args`. */
export function readCall(
  sensor: string,
  tool: string,
  args: Record<string, unknown>,
  values: readonly Reading[],
  where: { mcu: string; place: string },
  step = 0,
): ToolCallRecord {
  return sensorCall({ sensor, tool, args, step, output: sensorOutput({ sensor, tool, ...where, values }) });
}

/** The value a rule prefers, as the dry run takes it: its first listed value, else its lower bound. */
function preferred(rule: ArgRule | undefined): Scalar | undefined {
  if (rule === undefined) return undefined;
  if (rule.one_of !== undefined) return rule.one_of[0];
  return rule.min ?? rule.max;
}

/**
 * The call an option describes, made against the task's world the way the dry run samples it: the same
 * board, sample instants and drivers, with each sample's reply cut to the fields its command returns.
 */
export function sampledCall(task: Task, option: CallOption, layout: Layout, step = 0): ToolCallRecord {
  const spec = findSensor(optionDevice(option));
  if (spec === undefined) throw new Error(`unknown sensor ${optionDevice(option)}`);
  const args: Record<string, unknown> = {};
  for (const [name, rule] of Object.entries(option.args)) {
    const value = preferred(rule);
    if (value !== undefined) args[name] = value;
  }
  const board =
    typeof args['mcu'] === 'string'
      ? layout.boards.find((b) => b.id === args['mcu'])
      : boardsWith(layout, optionDevice(option), typeof args['place'] === 'string' ? args['place'] : undefined)[0];
  if (board === undefined) throw new Error(`${task.id}: no board for ${optionDevice(option)}`);
  const world = createWorld({ scenario: task.world.scenario, seed: task.world.seed });
  const t0 = Date.parse(task.world.time);
  const fields = spec.commands[spec.tools[option.tool] ?? ''] ?? Object.keys(spec.fields);
  const offsets = sampleOffsets(option);
  const values = offsets.map((offset) => {
    const reading = spec.sample({ env: world.environment(board.place, t0 + offset), world, instanceKey: `${board.id}/${spec.name}` });
    return Object.fromEntries(fields.filter((f) => f in reading).map((f) => [f, reading[f]!]));
  });
  const realTime = args['real_time'] === true;
  const output = sensorOutput({
    sensor: spec.name,
    tool: option.tool,
    mcu: board.id,
    place: board.place,
    values,
    realTime,
    windowS: realTime ? (typeof args['duration'] === 'number' && args['duration'] > 0 ? args['duration'] : DEFAULT_REAL_TIME_WINDOW_S) : null,
    intervalMs: (offsets[1] ?? 1000) - (offsets[0] ?? 0),
  });
  return sensorCall({ sensor: spec.name, tool: option.tool, args, step, output });
}
