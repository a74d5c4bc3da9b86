import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { PACKAGE_VERSION } from '../../../core/package.js';
import { MCP_MQTT_TIMEOUTS_MS, MqttClientTransport } from './client-transport.js';
import { type DiscoveredServer, findServer } from './discovery.js';

/** One call from a server-name to a connected SDK `Client`: discover an instance, open a session, initialize. */

export interface ConnectMqttClientOptions {
  brokerUrl: string;
  /** Exact server-name, e.g. `iotmcp/sensors/dht11` or `iotmcp/devices/esp32-living-room`. */
  serverName: string;
  /**
   * The server-ids to accept, in order of preference: an instance with another id is never chosen, whatever
   * name it claims. Without it the lowest server-id online wins, with a warning when several claim the name.
   */
  serverIds?: readonly string[];
  /** How long to wait for the server's presence, ms. Default 2000. */
  waitMs?: number;
  /** Default 30 s (the specification's initialize timeout). */
  initializeTimeoutMs?: number;
  connectTimeoutMs?: number;
  clientInfo?: { name: string; version: string };
  username?: string;
  password?: string;
  /** Errors the transport reports without closing (unreadable messages, the server going away). */
  onError?: (error: Error) => void;
  /** Discovery's warnings (several instances claim the name, ignored instances). Default: `process.emitWarning`. */
  onWarning?: (message: string) => void;
}

export interface ConnectedMqttClient {
  client: Client;
  transport: MqttClientTransport;
  server: DiscoveredServer;
}

/** Like `connectMqttClient`, also returning the transport and which instance was picked. */
export async function openMqttSession(options: ConnectMqttClientOptions): Promise<ConnectedMqttClient> {
  const server = await findServer({
    brokerUrl: options.brokerUrl,
    serverName: options.serverName,
    ...(options.serverIds !== undefined && { serverIds: options.serverIds }),
    ...(options.onWarning !== undefined && { onWarning: options.onWarning }),
    ...(options.waitMs !== undefined && { waitMs: options.waitMs }),
    ...(options.connectTimeoutMs !== undefined && { connectTimeoutMs: options.connectTimeoutMs }),
    ...(options.username !== undefined && { username: options.username }),
    ...(options.password !== undefined && { password: options.password }),
  });
  const transport = new MqttClientTransport({
    brokerUrl: options.brokerUrl,
    serverName: server.serverName,
    serverId: server.serverId,
    ...(options.connectTimeoutMs !== undefined && { connectTimeoutMs: options.connectTimeoutMs }),
    ...(options.username !== undefined && { username: options.username }),
    ...(options.password !== undefined && { password: options.password }),
  });
  const client = new Client(options.clientInfo ?? { name: 'iotmcp-bench', version: PACKAGE_VERSION });
  if (options.onError !== undefined) client.onerror = options.onError;
  try {
    await client.connect(transport, { timeout: options.initializeTimeoutMs ?? MCP_MQTT_TIMEOUTS_MS.initialize });
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
  return { client, transport, server };
}

/** A connected SDK `Client` for one instance of `serverName` found on the broker. */
export async function connectMqttClient(options: ConnectMqttClientOptions): Promise<Client> {
  return (await openMqttSession(options)).client;
}
