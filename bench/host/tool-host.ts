import type { WorldContext } from '../../core/world/types.js';
import type { InfraFailureOfCall } from './call-failure.js';
import type { ConfirmationAnswer, TrialUser } from './trial-users.js';

/** A tool as offered to a model: a provider-safe name (^[a-zA-Z0-9_-]{1,64}$), a description, a JSON Schema. */
export interface ToolDefinition {
  name: string;
  description: string;
  /** JSON Schema of the arguments object (`type: "object"`). */
  inputSchema: Record<string, unknown>;
}

/**
 * The host's side of MCP: real SDK clients connected to the benchmark's MCP servers over one transport, the
 * tools of all of them under provider-safe names, and calls that carry the trial's world and come back with
 * the host-side instants the latency breakdown starts from.
 */

export type McpTransportKind = 'memory' | 'stdio' | 'http' | 'mqtt';
export type Architecture = 'gateway' | 'native';

/** One tool the model is offered, and what it is in the benchmark's terms. */
export interface HostTool extends ToolDefinition {
  /** The MCP server offering it (`iotmcp/sensors/dht11`, `iotmcp/fleet`, `iotmcp/devices/esp32-living-room`). */
  server: string;
  /** Its name on that server (`read_temperature`, `dht11_read_temperature`, `list_devices`). */
  mcpName: string;
  /** Canonical sensor type ("DHT11"); null for the fleet tools. */
  sensor: string | null;
  /** The sensor's own tool name, unprefixed ("read_temperature"), or the fleet tool's name. */
  tool: string;
  /** Native architecture: the board whose own server offers it (scored as `mcu` = this). */
  pinnedMcu?: string;
  /**
   * Canonical actuator type ("WINDOW-SERVO") of an actuator tool, whose `tool` is then the command (`set_opening`,
   * `status`); absent for every other tool. `emergency_stop` and `wait` are tools of the safety server: no actuator.
   */
  actuator?: string;
  /** A tool of the safety server (`emergency_stop`, `wait`): offered, like the actuator tools, only when actuators are. */
  safety?: true;
}

export interface HostCallOptions {
  /** The trial's world, sent in the request's `_meta` (emulated boards sample it; real boards ignore it). */
  world?: WorldContext;
  signal?: AbortSignal;
  /** Give up on the call after this long, ms. */
  timeoutMs?: number;
  /**
   * The boards sample this many times faster than real time. When given, the time the call's own series or
   * window takes at that speed (`worldMs` / speed) is added to `timeoutMs`: the allowance starts when the
   * sampling ends.
   */
  samplingSpeed?: number;
  /**
   * The trial's user, who answers the safety gate's requests to confirm a move made by this call (an MCP
   * elicitation naming `world.trial`): registered while the call runs. Absent, or no `world.trial`: declined.
   */
  user?: TrialUser;
}

/** A tool call as the host saw it. */
export interface HostCallResult {
  /** Error results (bad arguments, device offline, unknown tool) are results, not throws. */
  isError: boolean;
  /** The text content, as the model will see it. */
  text: string;
  /** The structured result of a sensor tool (`SensorToolOutput`), null otherwise. */
  structured: Record<string, unknown> | null;
  /** Host instants, epoch ms with sub-ms precision: `tools/call` sent, result received. */
  sent: number;
  received: number;
  /**
   * For error results: the server's code (the datapool's `device-offline`, `expired`, `no-device`,
   * `unknown-place`...), `timeout`, or the host's own `unknown-tool`; `infraFailure` is judged from it.
   */
  errorCode?: string;
  /** The call failed below MCP (transport closed, timeout, broker gone): an infrastructure error. */
  transportError?: string;
  /**
   * The host did not send the call because it offers no tool by that name: the refusal in a few words
   * (`unknown tool "x"`), the model's mistake. `text` tells the model which names are close.
   */
  refused?: string;
  /** The infrastructure let the call down (see `infraFailureOf`): never the model's failure. */
  infraFailure?: InfraFailureOfCall;
  /**
   * World time the call asked the board to sample, ms (its series or window; 0 for one sample), whether or
   * not it was answered: what a trial's clock moves on by (see `worldTimeOf`).
   */
  worldMs?: number;
  /** The trial's user was asked to confirm a move while this call ran, and said this (see `TrialUsers`). */
  confirmation?: ConfirmationAnswer;
}

export interface ToolHost {
  readonly transport: McpTransportKind;
  readonly architecture: Architecture;
  /**
   * Every tool of every connected server, in a stable order: sensor servers by catalogue order, then the fleet,
   * then (when actuators are offered) the actuator servers by catalogue order and the safety server.
   */
  readonly tools: readonly HostTool[];
  /** Never throws for a tool's own failure; an unknown name is a `refused` error result. */
  call(name: string, args: Record<string, unknown>, options?: HostCallOptions): Promise<HostCallResult>;
  close(): Promise<void>;
}
