import type { Logger } from '../../core/log.js';
import { freshClientId, MCP_MQTT_TIMEOUTS_MS, MqttClientTransport } from '../mcp/mqtt/client-transport.js';
import { connectMcpMqtt } from '../mcp/mqtt/connection.js';
import type { MqttCredentials } from '../mcp/mqtt/credentials.js';
import { serveOverMqtt } from '../mcp/mqtt/serve.js';
import { clientPresenceTopic, DISCONNECTED_PAYLOAD } from '../mcp/mqtt/topics.js';
import type { ActuatorServersOption, McpServerOptions } from '../mcp/servers.js';
import { type ClientFactory, gatewayEntry, gatewayServers, openAll, type ServerLinks, type ServerRole } from './server-link.js';

/**
 * MCP over MQTT. Gateway: this process puts the 22 sensor servers and the fleet on the broker, each as its
 * own instance, and connects to each through the broker. Every client session of the host shares one MQTT
 * connection (one MCP client id), as one host on one broker would.
 */

export interface MqttLinksOptions {
  brokerUrl: string;
  /** Presented by the servers' connections and the host's. */
  mqtt?: MqttCredentials;
  servers: McpServerOptions;
  /** Also serve the actuator servers and the safety server, all behind this one gate (see `gatewayServers`). */
  actuators?: ActuatorServersOption;
  newClient: ClientFactory;
  log?: (line: string) => void;
}

export async function openMqttLinks(options: MqttLinksOptions): Promise<ServerLinks> {
  const targets = gatewayServers(options.actuators !== undefined);
  const serving = await serveOverMqtt({
    brokerUrl: options.brokerUrl,
    servers: targets.map((target) => gatewayEntry(target, options.servers, options.actuators)),
    ...(options.mqtt !== undefined && { host: options.mqtt }),
    ...(options.log !== undefined && { log: mqttLogger(options.log) }),
  });
  try {
    const instances = serving.hosts.map((host, index) => ({ server: host.serverName, serverId: host.serverId, role: targets[index]!.role }));
    const clients = await openMqttClients({ brokerUrl: options.brokerUrl, mqtt: options.mqtt, instances, newClient: options.newClient, log: options.log });
    return {
      links: clients.links,
      async close() {
        await clients.close();
        await serving.close();
      },
    };
  } catch (error) {
    await serving.close();
    throw error;
  }
}

/** A server instance on the broker to open a session with. */
export interface MqttInstance {
  server: string;
  serverId: string;
  role: ServerRole;
}

/** One SDK client per instance, all on one shared MQTT connection; closing ends the sessions, then the connection. */
export async function openMqttClients(options: {
  brokerUrl: string;
  mqtt?: MqttCredentials | undefined;
  instances: readonly MqttInstance[];
  newClient: ClientFactory;
  log?: ((line: string) => void) | undefined;
}): Promise<ServerLinks> {
  const clientId = freshClientId();
  const mqtt = await connectMcpMqtt({
    brokerUrl: options.brokerUrl,
    clientId,
    componentType: 'mcp-client',
    ...options.mqtt,
    // The servers learn from our presence's will that every session of this client is gone.
    will: { topic: clientPresenceTopic(clientId), payload: DISCONNECTED_PAYLOAD, retain: false },
    onError: (error) => options.log?.(`mcp mqtt client: ${error.message}`),
  });
  // Each session's transport listens on the shared connection ('message' and 'close').
  mqtt.setMaxListeners(options.instances.length + 10);
  return openAll(
    options.instances,
    async (instance) => {
      const client = options.newClient();
      const transport = new MqttClientTransport({ client: mqtt, serverName: instance.server, serverId: instance.serverId });
      await client.connect(transport, { timeout: MCP_MQTT_TIMEOUTS_MS.initialize });
      return { server: instance.server, role: instance.role, client };
    },
    async () => {
      await mqtt.endAsync(!mqtt.connected).catch(() => mqtt.end(true));
    },
  );
}

export function mqttLogger(log: (line: string) => void): Logger {
  return (level, message) => {
    if (level !== 'debug') log(`mcp mqtt ${level}: ${message}`);
  };
}
