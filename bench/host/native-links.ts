import type { DatapoolClient } from '../../datapool/types.js';
import type { RunningFleet } from '../../devices/fleet/start-fleet.js';
import { DEVICE_SERVER_NAME_PREFIX } from '../mcp/contracts.js';
import type { MqttCredentials } from '../mcp/mqtt/credentials.js';
import { type MqttServing, serveOverMqtt } from '../mcp/mqtt/serve.js';
import { startNativeMcp } from '../mcp/native/native-mcp.js';
import { fleetServerEntry } from '../mcp/servers.js';
import { type MqttInstance, mqttLogger, openMqttClients } from './mqtt-links.js';
import type { ClientFactory, ServerLinks } from './server-link.js';

/**
 * Device-native architecture: every board of the fleet hosts its own MCP server on the broker
 * (`iotmcp/devices/<mcu id>`, its sensors' tools, prefixed) and the host opens a session with each board.
 * With a datapool at hand, the fleet directory (`iotmcp/fleet`: list_devices, list_sensors) is put on the
 * broker too, so a model can still learn which board is where; without one there is no fleet server.
 */

export interface NativeLinksOptions {
  brokerUrl: string;
  /** Presented by every board's server, the fleet directory and the host. */
  mqtt?: MqttCredentials;
  fleet: RunningFleet;
  /** Serves the fleet directory; the boards' tools never use it. */
  datapool?: DatapoolClient;
  newClient: ClientFactory;
  log?: (line: string) => void;
}

export async function openNativeLinks(options: NativeLinksOptions): Promise<ServerLinks> {
  const logger = options.log === undefined ? undefined : mqttLogger(options.log);
  const [native, directory] = await Promise.allSettled([
    startNativeMcp({
      fleet: options.fleet,
      brokerUrl: options.brokerUrl,
      ...(options.mqtt !== undefined && { host: options.mqtt }),
      ...(logger !== undefined && { log: logger }),
    }),
    options.datapool === undefined
      ? Promise.resolve(null)
      : serveOverMqtt({
          brokerUrl: options.brokerUrl,
          servers: [fleetServerEntry({ datapool: options.datapool })],
          ...(options.mqtt !== undefined && { host: options.mqtt }),
          ...(logger !== undefined && { log: logger }),
        }),
  ]);
  const stopServers = async (): Promise<void> => {
    await Promise.allSettled([
      native.status === 'fulfilled' ? native.value.close() : undefined,
      directory.status === 'fulfilled' ? directory.value?.close() : undefined,
    ]);
  };
  if (native.status === 'rejected' || directory.status === 'rejected') {
    await stopServers();
    throw native.status === 'rejected' ? native.reason : (directory as PromiseRejectedResult).reason;
  }
  const instances: MqttInstance[] = native.value.hosts.map((host) => ({
    server: host.serverName,
    serverId: host.serverId,
    role: { kind: 'board', mcu: host.serverName.slice(DEVICE_SERVER_NAME_PREFIX.length) },
  }));
  const fleetHost = (directory.value as MqttServing | null)?.hosts[0];
  if (fleetHost !== undefined) instances.push({ server: fleetHost.serverName, serverId: fleetHost.serverId, role: { kind: 'fleet' } });
  try {
    const clients = await openMqttClients({ brokerUrl: options.brokerUrl, mqtt: options.mqtt, instances, newClient: options.newClient, log: options.log });
    return {
      links: clients.links,
      async close() {
        await clients.close();
        await stopServers();
      },
    };
  } catch (error) {
    await stopServers();
    throw error;
  }
}
