import { z } from 'zod';
import { DEFAULT_REAL_TIME_WINDOW_S, TOOL_DEFAULT_INTERVAL_S } from '../../core/sensor-tool-limits.js';
import { findSensor, SENSORS } from '../../core/sensors/catalogue.js';
import { sampleCount } from '../../core/wire/messages.js';
import type { World } from '../../core/world/types.js';
import { createWorld } from '../../core/world/world.js';
import { type Board, boardsWith, type Layout } from '../../tasks/layout.js';
import { loadTasks, SUITE_FILES } from '../../tasks/load.js';
import type { Task } from '../../tasks/schema.js';
import { DEFAULT_LAYOUT } from '../../tasks/task-fixtures.test-helper.js';
import { hostToolName } from '../host/host-tool-names.js';
import type { HostTool, ToolDefinition } from '../host/tool-host.js';
import { type Agent, isReferenceAgent } from '../loop/agent.js';
import type { SensorServerOptions } from '../mcp/contracts.js';
import { toolDescription } from '../mcp/sensor-tools.js';
import { toolInputSchema } from '../mcp/tool-input.js';
import { sensorServerName } from '../mcp/tool-names.js';
import { describeReadings, type SensorToolOutput } from '../mcp/tool-result.js';
import type { Message, ModelTurn, ToolCallRequest } from '../results/conversation.js';
import type { ToolCallRecord, TrialScore } from '../results/trial-record.js';
import { scoreTrial } from '../scoring/score-trial.js';

/**
 * A trial played against the tools a host offers, with each sensor call answered by sampling the task's
 * world exactly as the emulated boards and tasks/dry-run.ts do (same drivers, instance keys and sample
 * instants). Agents can be driven turn by turn without sockets, and the values they read equal the ones
 * a dry run of the task computes.
 */

/**
 * The 1,254 shipped tasks. The suite files sit beside the package's build (dist/); a private build
 * elsewhere (`--outDir .build/x`) reads them from the working directory instead.
 */
export async function shippedTasks(): Promise<Task[]> {
  const files = [SUITE_FILES.basic, SUITE_FILES.complex];
  const { tasks, problems } = await loadTasks({ files });
  if (problems.length > 0) throw new Error(`shipped tasks do not load: ${problems[0]!.message}`);
  return tasks.map((loaded) => loaded.task);
}

const MODELS: Readonly<Record<string, string>> = {
  'esp32s3-kitchen': 'ESP32-S3',
  'esp32-living-room': 'ESP32',
  'esp32c6-bedroom': 'ESP32-C6',
  'esp32c3-garden': 'ESP32-C3',
  'rp2040-workshop': 'RP2040',
  'esp8266-garage': 'ESP8266',
};

const LIST_DEVICES_DESCRIPTION =
  'Lists the microcontrollers (MCUs) of the IoT fleet: id, model, place in the home, the sensor types each carries, ' +
  'and whether it is online. Use an id as the mcu argument, or a place as the place argument, of any sensor tool. ' +
  'Optional filters: sensor (any spelling, e.g. "dht11") and place (e.g. "kitchen").';

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

/** Server options for toolDescription, which reads only the pinning: describing a tool needs no datapool. */
function describedAs(board?: Board): SensorServerOptions & { pinnedPlace?: string } {
  return (board === undefined ? {} : { pinnedMcu: board.id, pinnedPlace: board.place }) as SensorServerOptions & { pinnedPlace?: string };
}

/** The fleet directory's tools, offered as they are in both architectures. */
function fleetTools(): HostTool[] {
  return [
    {
      name: 'list_devices',
      description: LIST_DEVICES_DESCRIPTION,
      inputSchema: jsonSchema(z.strictObject({ sensor: z.string().optional(), place: z.string().optional() })),
      server: 'iotmcp/fleet',
      mcpName: 'list_devices',
      sensor: null,
      tool: 'list_devices',
    },
    {
      name: 'list_sensors',
      description: 'Lists the 22 sensor types: what each senses, its MCP tools and the fields they return, and which MCUs (and places) carry it.',
      inputSchema: jsonSchema(z.strictObject({})),
      server: 'iotmcp/fleet',
      mcpName: 'list_sensors',
      sensor: null,
      tool: 'list_sensors',
    },
  ];
}

/** The tools a gateway host offers: every sensor tool, prefixed, then the fleet's list_devices. */
export function gatewayTools(): HostTool[] {
  const inputSchema = jsonSchema(toolInputSchema(true));
  const tools: HostTool[] = SENSORS.flatMap((spec) =>
    Object.entries(spec.tools).map(([tool, command]) => ({
      name: hostToolName(spec.name, tool),
      description: toolDescription(spec, tool, command, describedAs()),
      inputSchema,
      server: sensorServerName(spec.name),
      mcpName: tool,
      sensor: spec.name,
      tool,
    })),
  );
  return [...tools, ...fleetTools()];
}

/** The tools a native host offers: each board's own copy of its sensors' tools, then the fleet directory. */
export function nativeTools(layout: Layout = DEFAULT_LAYOUT): HostTool[] {
  const inputSchema = jsonSchema(toolInputSchema(false));
  const boards = layout.boards.flatMap((board) =>
    board.sensors.flatMap((sensor) => {
      const spec = findSensor(sensor)!;
      return Object.entries(spec.tools).map(([tool, command]) => ({
        name: hostToolName(spec.name, tool, board.id),
        description: toolDescription(spec, tool, command, describedAs(board)),
        inputSchema,
        server: `iotmcp/devices/${board.id}`,
        mcpName: tool,
        sensor: spec.name,
        tool,
        pinnedMcu: board.id,
      }));
    }),
  );
  return [...boards, ...fleetTools()];
}

export interface SimulatedResult {
  isError: boolean;
  text: string;
  structured: Record<string, unknown> | null;
}

function error(text: string): SimulatedResult {
  return { isError: true, text, structured: null };
}

function listDevices(layout: Layout): SimulatedResult {
  const boards = layout.boards;
  const lines = boards.map((b) => `${b.id} (${MODELS[b.id] ?? 'unknown model'}) in ${b.place}, online: ${b.sensors.join(', ')}`);
  return { isError: false, text: `${boards.length} MCU${boards.length === 1 ? '' : 's'}:\n${lines.join('\n')}`, structured: null };
}

const worlds = new WeakMap<Task, World>();

function worldOf(task: Task): World {
  let world = worlds.get(task);
  if (world === undefined) {
    world = createWorld({ scenario: task.world.scenario, seed: task.world.seed });
    worlds.set(task, world);
  }
  return world;
}

function numberArg(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

/** Answers one call the way the host would: a sensor call samples the task's world on the board it routes to. */
export function simulateCall(task: Task, tool: HostTool | undefined, args: Record<string, unknown>, layout: Layout = DEFAULT_LAYOUT): SimulatedResult {
  if (tool === undefined) return error('unknown tool');
  if (tool.sensor === null) return tool.tool === 'list_devices' ? listDevices(layout) : error(`the simulation does not answer ${tool.tool}`);
  const spec = findSensor(tool.sensor)!;
  let board: Board | undefined;
  if (tool.pinnedMcu !== undefined) board = layout.boards.find((b) => b.id === tool.pinnedMcu);
  else if (typeof args['mcu'] === 'string') board = layout.boards.find((b) => b.id === args['mcu'] && b.sensors.includes(spec.name));
  else board = boardsWith(layout, spec.name, typeof args['place'] === 'string' ? args['place'] : undefined)[0];
  if (board === undefined) return error(`no online MCU carries ${spec.name}${typeof args['place'] === 'string' ? ` in ${args['place']}` : ''}`);

  const realTime = args['real_time'] === true;
  const interval = numberArg(args['interval'], TOOL_DEFAULT_INTERVAL_S);
  let duration = numberArg(args['duration'], 0);
  if (realTime && duration === 0) duration = DEFAULT_REAL_TIME_WINDOW_S;
  const count = Math.min(sampleCount(interval, duration), 1000);
  const command = spec.tools[tool.tool]!;
  const fields = spec.commands[command] ?? [];
  const world = worldOf(task);
  const t0 = Date.parse(task.world.time);
  const readings = Array.from({ length: count }, (_, k) => {
    const env = world.environment(board.place, t0 + k * interval * 1000);
    const reading = spec.sample({ env, world, instanceKey: `${board.id}/${spec.name}` });
    const values = Object.fromEntries(fields.map((field) => [field, reading[field] ?? null]));
    return { seq: k, values, timestamp: 1000 + k * interval * 1000, peak_memory: 40_000 };
  });
  const units: Record<string, string> = {};
  for (const field of fields) {
    const unit = spec.fields[field]?.unit;
    if (unit !== undefined) units[field] = unit;
  }
  const output: SensorToolOutput = {
    sensor: spec.name,
    tool: tool.tool,
    command,
    id: '00000000-0000-4000-8000-000000000000',
    mcu: board.id,
    place: board.place,
    real_time: realTime,
    window_s: realTime ? duration : null,
    units,
    readings,
    count,
    timing: { mcpReceived: 0, mcpReturned: 0, accepted: 0, dispatched: 0, firstReceived: 0, lastReceived: 0, lastStored: 0, samples: [] },
  };
  return { isError: false, text: describeReadings(output, spec), structured: output as unknown as Record<string, unknown> };
}

export interface PlayedCall {
  request: ToolCallRequest;
  /** 0-based model turn that asked for it. */
  step: number;
  tool: HostTool | undefined;
  args: Record<string, unknown> | undefined;
  result: SimulatedResult;
}

export interface PlayedTrial {
  turns: ModelTurn[];
  calls: PlayedCall[];
  /** The final answer, or null when the budget ran out first. */
  answer: string | null;
  messages: Message[];
}

function parseArgs(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The tools as the agent loop offers them: only what a model sees (name, description, schema). */
export function definitions(tools: readonly HostTool[]): ToolDefinition[] {
  return tools.map(({ name, description, inputSchema }) => ({ name, description, inputSchema }));
}

/**
 * Drives an agent through a task as the agent loop does (bench/loop/agent-loop.ts): a reference agent started
 * on the task, tool turns up to max_steps, then a turn that must answer; tools offered as plain definitions,
 * results by call id.
 */
export async function playTrial(agent: Agent, task: Task, tools: HostTool[], options: { layout?: Layout } = {}): Promise<PlayedTrial> {
  const player = isReferenceAgent(agent) ? agent.startTrial(task) : agent;
  const offered = definitions(tools);
  const messages: Message[] = [
    { role: 'system', content: 'You operate IoT sensors through tools.' },
    { role: 'user', content: task.prompt },
  ];
  const results = new Map<string, Record<string, unknown> | null>();
  const played: PlayedTrial = { turns: [], calls: [], answer: null, messages };
  const signal = new AbortController().signal;
  for (let step = 1; step <= task.expect.max_steps + 1; step++) {
    const toolChoice = step > task.expect.max_steps ? 'none' : 'auto';
    const turn = await player.turn({ messages: [...messages], tools: offered, toolChoice, signal, results: new Map(results) });
    played.turns.push(turn);
    messages.push({ role: 'assistant', content: turn.content, toolCalls: turn.toolCalls });
    if (turn.toolCalls.length === 0) {
      played.answer = turn.content;
      return played;
    }
    if (toolChoice === 'none') return played;
    for (const request of turn.toolCalls) {
      const tool = tools.find((t) => t.name === request.name);
      const args = parseArgs(request.arguments);
      const result = args === undefined ? error('arguments are not a JSON object') : simulateCall(task, tool, args, options.layout);
      played.calls.push({ request, step: step - 1, tool, args, result });
      results.set(request.id, result.structured);
      messages.push({ role: 'tool', toolCallId: request.id, name: request.name, content: result.text, isError: result.isError });
    }
  }
  return played;
}

/** The trial's calls as the agent loop records them, for the benchmark's own scorer. */
export function toolCallRecords(played: PlayedTrial): ToolCallRecord[] {
  return played.calls.map(({ request, step, tool, args, result }) => {
    const record: ToolCallRecord = {
      id: request.id,
      step,
      name: request.name,
      arguments: request.arguments,
      args: args ?? null,
      sensor: tool?.sensor ?? null,
      tool: tool?.tool ?? null,
      result: { isError: result.isError, text: result.text, structured: result.structured },
    };
    if (tool?.pinnedMcu !== undefined) record.pinnedMcu = tool.pinnedMcu;
    if (tool === undefined) record.malformed = `unknown tool ${request.name}`;
    else if (args === undefined) record.malformed = 'arguments are not a JSON object';
    return record;
  });
}

/** Plays a task and scores it with the benchmark's scorer (bench/scoring/score-trial.ts). */
export async function playAndScore(agent: Agent, task: Task, tools: HostTool[]): Promise<{ played: PlayedTrial; score: TrialScore }> {
  const played = await playTrial(agent, task, tools);
  const score = scoreTrial(task, { toolCalls: toolCallRecords(played), steps: played.turns.length, answer: played.answer });
  return { played, score };
}
