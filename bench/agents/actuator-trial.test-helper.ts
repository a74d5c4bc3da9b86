import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { type CallToolResult, ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { findActuator } from '../../core/actuators/catalogue.js';
import type { ActuatorEvent } from '../../core/actuators/types.js';
import { ERROR_META_KEY, TRIAL_META_KEY, WORLD_META_KEY } from '../../core/tool-meta.js';
import type { WorldContext } from '../../core/world/types.js';
import { startTestSystem } from '../../system/test-system.test-helper.js';
import { startEvents, type Task } from '../../tasks/schema.js';
import type { HostTool } from '../host/tool-host.js';
import { type Agent, isReferenceAgent } from '../loop/agent.js';
import { fleetActuatorInstances } from '../mcp/actuator-fleet.js';
import { trialScope } from '../mcp/actuator-scope.js';
import { actuatorServerEntries } from '../mcp/actuator-servers.js';
import type { ActuatorToolOptions } from '../mcp/actuator-tools.js';
import { AuditLog } from '../mcp/safety/audit-log.js';
import { EmergencyStop } from '../mcp/safety/emergency-stop.js';
import { SafetyGate } from '../mcp/safety/gate.js';
import { SAFETY_SERVER_NAME } from '../mcp/tool-names.js';
import type { Message, ModelTurn, ToolCallRequest } from '../results/conversation.js';
import type { ToolCallRecord } from '../results/trial-record.js';
import { definitions, gatewayTools, type SimulatedResult, simulateCall } from './simulated-trial.test-helper.js';

/**
 * Actuator trials for the reference agents' tests, played against the real actuator MCP servers, safety gate,
 * audit log and emulated fleet (its boards carry the actuator drivers), each server behind a real SDK client
 * over an in-memory transport. Sensor calls are answered by sampling the task's world as the simulated trials
 * do. The clients play the trial's user as a host does: they answer the gate's request to confirm a move with
 * the task's `user.confirms` (absent: decline). Each trial is its own gate scope, and its calls carry the trial's
 * world with its actuator history (opening with the task's start states, `world.actuators`), moved on by `wait` as a
 * host moves the trial's clock.
 */

export interface ActuatorBench {
  /** Every sensor tool (simulated), the fleet directory, then every actuator tool and the safety server's. */
  tools: HostTool[];
  /** The same, without the actuator and safety tools: a host that offers none. */
  sensorTools: HostTool[];
  close(): Promise<void>;
  play(agent: Agent, task: Task, tools?: HostTool[]): Promise<ActuatorTrial>;
}

export interface ActuatorTrial {
  turns: ModelTurn[];
  records: ToolCallRecord[];
  messages: Message[];
  answer: string | null;
  /** The moves the trial made, as the loop keeps them (the task's start states not among them). */
  history: ActuatorEvent[];
  /** World time the trial used, ms. */
  elapsedMs: number;
  trial: string;
}

function textOf(result: CallToolResult): string {
  return (result.content ?? []).map((block) => (block.type === 'text' ? block.text : '')).join('\n');
}

function parseArgs(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The moves a result reports for the trial's history: an actuator move's `event`, an emergency stop's `events`. */
function eventsOf(structured: Record<string, unknown> | null): ActuatorEvent[] {
  if (structured === null) return [];
  const one = structured['event'];
  const many = structured['events'];
  return [...(one !== undefined ? [one as ActuatorEvent] : []), ...(Array.isArray(many) ? (many as ActuatorEvent[]) : [])];
}

let trials = 0;

export async function startActuatorBench(): Promise<ActuatorBench> {
  const { system, close: closeSystem } = await startTestSystem();
  const dir = await mkdtemp(join(tmpdir(), 'iotmcp-agents-actuators-'));
  const audit = await AuditLog.open(join(dir, 'audit.jsonl'));
  const datapool = system.server.datapool;
  const gate = new SafetyGate({ emergencyStop: new EmergencyStop({ instances: fleetActuatorInstances(await datapool.mcus()) }) });
  const options: ActuatorToolOptions = { datapool, gate, audit };
  /** The user of the trial being played (one trial at a time), by trial id. */
  const users = new Map<string, boolean>();

  const clients: Client[] = [];
  const actuatorTools: HostTool[] = [];
  const routes = new Map<string, Client>();
  for (const entry of actuatorServerEntries(options)) {
    const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
    await entry.factory().connect(serverSide);
    const client = new Client({ name: 'iotmcp-agents-test', version: '0.0.0' }, { capabilities: { elicitation: {} } });
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      const trial = request.params._meta?.[TRIAL_META_KEY];
      return typeof trial === 'string' && users.get(trial) === true ? { action: 'accept', content: { confirm: true } } : { action: 'decline' };
    });
    await client.connect(clientSide);
    clients.push(client);
    const { tools } = await client.listTools();
    for (const listed of tools) {
      const common = {
        name: listed.name,
        description: listed.description ?? '',
        inputSchema: listed.inputSchema as Record<string, unknown>,
        server: entry.name,
        mcpName: listed.name,
      };
      if (entry.name === SAFETY_SERVER_NAME) actuatorTools.push({ ...common, sensor: null, tool: listed.name });
      else {
        const spec = findActuatorOf(entry.name);
        const command = spec === undefined ? listed.name : listed.name.slice(spec.prefix.length);
        actuatorTools.push({ ...common, sensor: null, tool: command, ...(spec === undefined ? {} : { actuator: spec.name }) });
      }
      routes.set(listed.name, client);
    }
  }
  const sensorTools = gatewayTools();
  const tools = [...sensorTools, ...actuatorTools];

  async function call(tool: HostTool, args: Record<string, unknown>, world: WorldContext): Promise<SimulatedResult> {
    const client = routes.get(tool.name)!;
    const result = (await client.callTool({ name: tool.mcpName, arguments: args, _meta: { [WORLD_META_KEY]: world } })) as CallToolResult;
    return {
      isError: result.isError === true,
      text: textOf(result),
      structured: (result.structuredContent as Record<string, unknown> | undefined) ?? null,
      ...codeOf(result),
    };
  }

  return {
    tools,
    sensorTools,
    async close() {
      await Promise.all(clients.map((client) => client.close()));
      await audit.close();
      await closeSystem();
      await rm(dir, { recursive: true, force: true });
    },
    async play(agent, task, offeredTools = tools) {
      const trial = `agents-test/${task.id}#${++trials}`;
      users.set(trial, task.user?.confirms === true);
      const player = isReferenceAgent(agent) ? agent.startTrial(task) : agent;
      const offered = definitions(offeredTools);
      const messages: Message[] = [
        { role: 'system', content: 'You operate IoT sensors and actuators through tools.' },
        { role: 'user', content: task.prompt },
      ];
      const results = new Map<string, Record<string, unknown> | null>();
      const played: ActuatorTrial = { turns: [], records: [], messages, answer: null, history: [], elapsedMs: 0, trial };
      const t0 = Date.parse(task.world.time);
      const signal = new AbortController().signal;
      try {
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
            const record = await playCall(request, step - 1);
            played.records.push(record);
            const result = record.result!;
            results.set(request.id, result.structured);
            messages.push({ role: 'tool', toolCallId: request.id, name: request.name, content: result.text, isError: result.isError });
          }
        }
        return played;
      } finally {
        gate.endScope(trialScope(trial));
        users.delete(trial);
      }

      async function playCall(request: ToolCallRequest, step: number): Promise<ToolCallRecord> {
        const tool = offeredTools.find((t) => t.name === request.name);
        const args = parseArgs(request.arguments);
        const base = {
          id: request.id,
          step,
          name: request.name,
          arguments: request.arguments,
          args: args ?? null,
          sensor: tool?.sensor ?? null,
          tool: tool?.tool ?? null,
        };
        const withActuator = tool?.actuator === undefined ? base : { ...base, actuator: tool.actuator };
        if (tool === undefined || args === undefined) {
          const why = tool === undefined ? `unknown tool ${request.name}` : 'arguments are not a JSON object';
          return { ...withActuator, malformed: why, result: { isError: true, text: why, structured: null } };
        }
        let result: SimulatedResult & { errorCode?: string };
        if (routes.has(tool.name)) {
          const world: WorldContext = {
            scenario: task.world.scenario,
            seed: task.world.seed,
            timeMs: t0 + played.elapsedMs,
            actuators: [...startEvents(task), ...played.history],
            trial,
            ...(task.world.notes === undefined ? {} : { notes: task.world.notes }),
          };
          result = await call(tool, args, world);
          if (!result.isError) played.history.push(...eventsOf(result.structured));
          if (!result.isError && tool.tool === 'wait' && typeof args['duration'] === 'number') played.elapsedMs += args['duration'] * 1000;
        } else {
          result = simulateCall(task, tool, args);
        }
        const { errorCode, ...shown } = result;
        return { ...withActuator, result: { ...shown, ...(errorCode === undefined ? {} : { errorCode }) } };
      }
    },
  };
}

function codeOf(result: CallToolResult): { errorCode?: string } {
  const code = (result._meta?.[ERROR_META_KEY] as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? { errorCode: code } : {};
}

/** The actuator an actuator server's name (`iotmcp/actuators/relay-fan`) stands for, with its tools' prefix. */
function findActuatorOf(server: string): { name: string; prefix: string } | undefined {
  const spec = findActuator(server.slice(server.lastIndexOf('/') + 1));
  return spec === undefined ? undefined : { name: spec.name, prefix: `${spec.name.toLowerCase().replace(/[^a-z0-9]+/g, '_')}_` };
}
