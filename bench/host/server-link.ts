import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import { ACTUATORS } from '../../core/actuators/catalogue.js';
import type { ActuatorSpec } from '../../core/actuators/types.js';
import { SENSORS } from '../../core/sensors/catalogue.js';
import type { SensorSpec } from '../../core/sensors/types.js';
import { createActuatorServer } from '../mcp/actuator-servers.js';
import type { ServerEntry } from '../mcp/contracts.js';
import { FLEET_SERVER_NAME } from '../mcp/fleet-server.js';
import { createSafetyServer } from '../mcp/safety-server.js';
import { type ActuatorServersOption, createFleetServer, createSensorServer, type McpServerOptions, SERVER_VERSION } from '../mcp/servers.js';
import { actuatorServerName, SAFETY_SERVER_NAME, sensorServerName } from '../mcp/tool-names.js';
import { SKIP_RESULT_VALIDATION, sharedResultValidator } from './result-validation.js';
import type { TrialUsers } from './trial-users.js';

/**
 * One connected MCP server as the host holds it: a real SDK client, and what the server is in the
 * benchmark's terms, which is what turns its tools' names into the names the model sees.
 */

/**
 * A sensor type's own server (unprefixed tools), the fleet directory, a board's own server (prefixed tools), an
 * actuator type's own server (prefixed tools: `relay_fan_on`), or the safety server (`emergency_stop`, `wait`).
 */
export type ServerRole =
  | { kind: 'sensor'; spec: SensorSpec }
  | { kind: 'fleet' }
  | { kind: 'board'; mcu: string }
  | { kind: 'actuator'; spec: ActuatorSpec }
  | { kind: 'safety' };

export interface ServerLink {
  /** The server's name: `iotmcp/sensors/dht11`, `iotmcp/fleet`, `iotmcp/devices/esp32-living-room`. */
  server: string;
  role: ServerRole;
  client: Client;
  /** The server's process when the host spawned one (stdio). */
  pid?: number;
}

/** Every server of one transport, connected, and how to take all of it down (clients, servers, processes). */
export interface ServerLinks {
  readonly links: readonly ServerLink[];
  /** The registry the links' clients answer confirmations from, when they were made with one. */
  readonly users?: TrialUsers;
  close(): Promise<void>;
}

/** A server the gateway architecture offers, before it is connected. */
export interface GatewayServer {
  server: string;
  role: ServerRole;
}

/**
 * The gateway's servers in the order tools are offered: the 22 sensor servers by catalogue order, then the fleet;
 * with `actuators`, then the six actuator servers by catalogue order and the safety server. Without it nothing
 * offered can move an actuator.
 */
export function gatewayServers(actuators = false): GatewayServer[] {
  const sensors: GatewayServer[] = [
    ...SENSORS.map((spec): GatewayServer => ({ server: sensorServerName(spec.name), role: { kind: 'sensor', spec } })),
    { server: FLEET_SERVER_NAME, role: { kind: 'fleet' } },
  ];
  if (!actuators) return sensors;
  return [
    ...sensors,
    ...ACTUATORS.map((spec): GatewayServer => ({ server: actuatorServerName(spec.name), role: { kind: 'actuator', spec } })),
    { server: SAFETY_SERVER_NAME, role: { kind: 'safety' } },
  ];
}

/**
 * The in-process server of a gateway server, for transports that host it here (memory, HTTP, MQTT). The actuator
 * and safety servers need `actuators` (the safety gate and audit log every one of them shares: one gate sees
 * every move of the run).
 */
export function gatewayEntry(target: GatewayServer, options: McpServerOptions, actuators?: ActuatorServersOption): ServerEntry {
  const { role } = target;
  switch (role.kind) {
    case 'sensor':
      return { name: target.server, description: `${role.spec.name}: ${role.spec.description}`, factory: () => createSensorServer(role.spec, options) };
    case 'fleet':
      return { name: target.server, description: 'The fleet: list_devices and list_sensors', factory: () => createFleetServer(options) };
    case 'actuator': {
      const gated = actuatorOptions(target, options, actuators);
      return { name: target.server, description: `${role.spec.name}: ${role.spec.description}`, factory: () => createActuatorServer(role.spec, gated) };
    }
    case 'safety': {
      const gated = actuatorOptions(target, options, actuators);
      return { name: target.server, description: 'emergency_stop and wait', factory: () => createSafetyServer(gated) };
    }
    case 'board':
      throw new Error(`${target.server} is a board's own server: the board hosts it, not the gateway`);
  }
}

function actuatorOptions(target: GatewayServer, options: McpServerOptions, actuators: ActuatorServersOption | undefined) {
  if (actuators === undefined) throw new Error(`${target.server} moves actuators: it needs the run's safety gate and audit log`);
  return { ...actuators, datapool: options.datapool };
}

/** Makes the host's SDK clients: one per server, all alike. */
export type ClientFactory = () => Client;

export interface ClientOptions {
  /** The MCP client name the servers see. Default `iotmcp-bench`. */
  clientName?: string;
  /** Check structured results against the tools' output schemas (default true). */
  validateResults?: boolean;
  /**
   * The compiler of those checks, to share between hosts (`sharedResultValidator()`): a schema one host
   * compiled is not compiled again by the next. Default: one of the host's own.
   */
  resultValidator?: jsonSchemaValidator;
  /**
   * Who answers the safety gate's requests to confirm a move, trial by trial (see `TrialUsers`). Every client
   * declares the elicitation capability; without this registry every such request is declined.
   */
  users?: TrialUsers;
}

/**
 * The host's clients declare `elicitation`, so a move that needs the user's confirmation is put to the user (the
 * harness, playing the trial's user) and never to the model, which sees only whether the move was made.
 */
export function clientFactory(options: ClientOptions = {}): ClientFactory {
  const info = { name: options.clientName ?? 'iotmcp-bench', version: SERVER_VERSION };
  const jsonSchemaValidator = options.validateResults === false ? SKIP_RESULT_VALIDATION : (options.resultValidator ?? sharedResultValidator());
  const { users } = options;
  return () => {
    const client = new Client(info, { jsonSchemaValidator, capabilities: { elicitation: {} } });
    client.setRequestHandler(ElicitRequestSchema, (request) => users?.answer(request.params._meta) ?? { action: 'decline' });
    return client;
  };
}

/**
 * Opens every link in parallel. All or nothing: when one fails, the ones that opened are closed, then
 * `cleanup` runs, and the first failure is thrown naming its server.
 */
export async function openAll<T extends { server: string }>(
  targets: readonly T[],
  open: (target: T) => Promise<ServerLink>,
  cleanup: () => Promise<void>,
): Promise<ServerLinks> {
  const settled = await Promise.allSettled(targets.map(open));
  const links = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const close = async (): Promise<void> => {
    await Promise.allSettled(links.map((link) => link.client.close()));
    await cleanup();
  };
  const failedAt = settled.findIndex((result) => result.status === 'rejected');
  if (failedAt >= 0) {
    await close();
    const reason = (settled[failedAt] as PromiseRejectedResult).reason;
    throw new Error(`could not connect to MCP server ${targets[failedAt]!.server}: ${reason instanceof Error ? reason.message : String(reason)}`, {
      cause: reason,
    });
  }
  return { links, close };
}
