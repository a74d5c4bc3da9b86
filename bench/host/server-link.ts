import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import { SENSORS } from '../../core/sensors/catalogue.js';
import type { SensorSpec } from '../../core/sensors/types.js';
import type { ServerEntry } from '../mcp/contracts.js';
import { FLEET_SERVER_NAME } from '../mcp/fleet-server.js';
import { createFleetServer, createSensorServer, type McpServerOptions, SERVER_VERSION } from '../mcp/servers.js';
import { sensorServerName } from '../mcp/tool-names.js';
import { SKIP_RESULT_VALIDATION, sharedResultValidator } from './result-validation.js';

/**
 * One connected MCP server as the host holds it: a real SDK client, and what the server is in the
 * benchmark's terms, which is what turns its tools' names into the names the model sees.
 */

/** A sensor type's own server (unprefixed tools), the fleet directory, or a board's own server (prefixed tools). */
export type ServerRole = { kind: 'sensor'; spec: SensorSpec } | { kind: 'fleet' } | { kind: 'board'; mcu: string };

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
  close(): Promise<void>;
}

/** A server the gateway architecture offers, before it is connected. */
export interface GatewayServer {
  server: string;
  role: ServerRole;
}

/** The gateway's servers in the order tools are offered: the 22 sensor servers by catalogue order, then the fleet. */
export function gatewayServers(): GatewayServer[] {
  return [
    ...SENSORS.map((spec): GatewayServer => ({ server: sensorServerName(spec.name), role: { kind: 'sensor', spec } })),
    { server: FLEET_SERVER_NAME, role: { kind: 'fleet' } },
  ];
}

/** The in-process server of a gateway server, for transports that host it here (memory, HTTP, MQTT). */
export function gatewayEntry(target: GatewayServer, options: McpServerOptions): ServerEntry {
  const { role } = target;
  if (role.kind === 'sensor') {
    return { name: target.server, description: `${role.spec.name}: ${role.spec.description}`, factory: () => createSensorServer(role.spec, options) };
  }
  return { name: target.server, description: 'The fleet: list_devices and list_sensors', factory: () => createFleetServer(options) };
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
}

export function clientFactory(options: ClientOptions = {}): ClientFactory {
  const info = { name: options.clientName ?? 'iotmcp-bench', version: SERVER_VERSION };
  const jsonSchemaValidator = options.validateResults === false ? SKIP_RESULT_VALIDATION : (options.resultValidator ?? sharedResultValidator());
  return () => new Client(info, { jsonSchemaValidator });
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
