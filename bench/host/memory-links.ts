import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ActuatorServersOption, McpServerOptions } from '../mcp/servers.js';
import { type ClientFactory, gatewayEntry, gatewayServers, openAll, type ServerLinks } from './server-link.js';

/**
 * The gateway's servers in this process, each on its own linked in-memory pair: real MCP messages with no
 * transport cost, the baseline the other transports are measured against.
 */

export interface MemoryLinksOptions {
  servers: McpServerOptions;
  /** Also serve the actuator servers and the safety server, all behind this one gate (see `gatewayServers`). */
  actuators?: ActuatorServersOption;
  newClient: ClientFactory;
}

export async function openMemoryLinks(options: MemoryLinksOptions): Promise<ServerLinks> {
  const servers: McpServer[] = [];
  return openAll(
    gatewayServers(options.actuators !== undefined),
    async (target) => {
      const server = gatewayEntry(target, options.servers, options.actuators).factory();
      servers.push(server);
      const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
      await server.connect(serverSide);
      const client = options.newClient();
      await client.connect(clientSide);
      return { server: target.server, role: target.role, client };
    },
    async () => {
      await Promise.allSettled(servers.map((server) => server.close()));
    },
  );
}
