import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { McpServerOptions } from '../mcp/servers.js';
import { type ClientFactory, gatewayEntry, gatewayServers, openAll, type ServerLinks } from './server-link.js';

/**
 * The gateway's servers in this process, each on its own linked in-memory pair: real MCP messages with no
 * transport cost, the baseline the other transports are measured against.
 */

export interface MemoryLinksOptions {
  servers: McpServerOptions;
  newClient: ClientFactory;
}

export async function openMemoryLinks(options: MemoryLinksOptions): Promise<ServerLinks> {
  const servers: McpServer[] = [];
  return openAll(
    gatewayServers(),
    async (target) => {
      const server = gatewayEntry(target, options.servers).factory();
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
