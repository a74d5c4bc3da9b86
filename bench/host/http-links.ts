import { randomBytes } from 'node:crypto';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { ActuatorServersOption, McpServerOptions } from '../mcp/servers.js';
import { httpPathOf, serveMcpOverHttp } from '../mcp/transports/http.js';
import { type ClientFactory, gatewayEntry, gatewayServers, openAll, type ServerLinks } from './server-link.js';

/**
 * The gateway's servers on a Streamable HTTP listener of this process (127.0.0.1, a free port), each at its
 * own path, and one SDK client per path: every call crosses a real loopback socket. The listener takes a
 * fresh random token that only this host's clients know, so another user of the machine cannot call the
 * tools during a run.
 */

/** The longest delay a Node timer takes (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface HttpLinksOptions {
  servers: McpServerOptions;
  /** Also serve the actuator servers and the safety server, all behind this one gate (see `gatewayServers`). */
  actuators?: ActuatorServersOption;
  newClient: ClientFactory;
  log?: (line: string) => void;
}

export async function openHttpLinks(options: HttpLinksOptions): Promise<ServerLinks> {
  const targets = gatewayServers(options.actuators !== undefined);
  const token = randomBytes(32).toString('hex');
  const requestInit = { headers: { authorization: `Bearer ${token}` } };
  const http = await serveMcpOverHttp({
    token,
    servers: targets.map((target) => gatewayEntry(target, options.servers, options.actuators)),
    listen: { host: '127.0.0.1', port: 0 },
    // The host keeps one session per server for the whole run and ends them itself: a server that no task
    // calls for half an hour must still be there (the listener's default would close it as idle).
    sessionIdleMs: MAX_TIMER_MS,
    ...(options.log !== undefined && { log: options.log }),
  });
  return openAll(
    targets,
    async (target) => {
      const client = options.newClient();
      await client.connect(new StreamableHTTPClientTransport(new URL(http.url(httpPathOf(target.server))), { requestInit }));
      return { server: target.server, role: target.role, client };
    },
    () => http.close(),
  );
}
