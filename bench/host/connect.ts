import { HttpDatapoolClient } from '../../datapool/http-client.js';
import type { DatapoolClient } from '../../datapool/types.js';
import type { RunningFleet } from '../../devices/fleet/start-fleet.js';
import type { MqttCredentials } from '../mcp/mqtt/credentials.js';
import type { ActuatorServersOption } from '../mcp/servers.js';
import { callRoute, unknownToolResult } from './host-call.js';
import { listHostTools } from './host-tools.js';
import { openHttpLinks } from './http-links.js';
import { openMemoryLinks } from './memory-links.js';
import { openMqttLinks } from './mqtt-links.js';
import { openNativeLinks } from './native-links.js';
import { type ClientOptions, clientFactory, type ServerLinks } from './server-link.js';
import { openStdioLinks } from './stdio-links.js';
import type { Architecture, McpTransportKind, ToolHost } from './tool-host.js';
import { TrialUsers } from './trial-users.js';

/**
 * The host side of a run: one SDK client per MCP server for the whole run, shared by every trial (the SDK
 * multiplexes concurrent calls on one connection), and the tools of all of them under the model's names.
 */

export interface ToolHostOptions {
  transport: McpTransportKind;
  architecture: Architecture;
  /** The datapool the in-process servers use (memory, HTTP, MQTT; the fleet directory in native mode). */
  datapool?: DatapoolClient;
  /**
   * The datapool's HTTP API. Required for stdio (the servers are child processes); for the other transports
   * it stands in for `datapool` when that is absent (real boards behind a remote datapool).
   */
  datapoolUrl?: string;
  /** Sent to `datapoolUrl` as `Authorization: Bearer <token>` (and handed to stdio children in their environment). */
  datapoolToken?: string;
  /** MCP over MQTT (`mqtt` transport, native architecture). */
  brokerUrl?: string;
  /** Presented to the broker by every MQTT connection of the run (servers, boards, the host's client). */
  mqtt?: MqttCredentials;
  /** The emulated boards (native architecture: each hosts its own server). */
  fleet?: RunningFleet;
  /** Where the servers' and children's own messages go; nothing is logged per call. */
  log?: (line: string) => void;
  /** The MCP client name the servers see. Default `iotmcp-bench`. */
  clientName?: string;
  /**
   * Check every structured result against its tool's output schema, as MCP clients should (default true).
   * Compiling the 80 validators takes seconds at connect time (once per run); tests may skip it.
   */
  validateResults?: boolean;
  /** Share compiled result validators with other hosts (see `ClientOptions.resultValidator`). */
  resultValidator?: ClientOptions['resultValidator'];
  /**
   * Offer the actuator servers and the safety server too, all gated by this one safety gate and audit log. Only
   * transports that host the servers in this process can (memory, HTTP, MQTT): a gate must see every move.
   */
  actuators?: ActuatorServersOption;
}

/** Connects to every server, lists every tool once, and returns the host. Throws naming what is missing or failed. */
export async function connectToolHost(options: ToolHostOptions): Promise<ToolHost> {
  return toolHostOver(await openServerLinks(options), options);
}

/** The connected servers of `options`' transport and architecture, before their tools are listed. */
export async function openServerLinks(options: ToolHostOptions): Promise<ServerLinks> {
  refuseUngatedActuators(options);
  const users = new TrialUsers();
  const links = await openLinks(options, users);
  return { links: links.links, users, close: () => links.close() };
}

/**
 * Actuator tools are served only where this process hosts them beside their one safety gate. Over stdio each
 * server is a child process with a gate of its own, and in the native architecture each board serves its own
 * tools: rate limits, confirmations and an emergency stop would hold per process, not for the run.
 */
function refuseUngatedActuators(options: ToolHostOptions): void {
  if (options.actuators === undefined) return;
  if (options.architecture === 'native') {
    throw new Error(
      'actuator tools (the actuation and safety suites) run on the gateway architecture only: every move must pass one safety gate, and in the native architecture each board serves its own tools; use --architecture gateway',
    );
  }
  if (options.transport === 'stdio') {
    throw new Error(
      'actuator tools (the actuation and safety suites) are not offered over stdio: each stdio server is a process of its own, and every move must pass one safety gate; use --mcp memory, http or mqtt',
    );
  }
}

async function openLinks(options: ToolHostOptions, users: TrialUsers): Promise<ServerLinks> {
  const common = {
    newClient: clientFactory({
      ...(options.clientName !== undefined && { clientName: options.clientName }),
      ...(options.validateResults !== undefined && { validateResults: options.validateResults }),
      ...(options.resultValidator !== undefined && { resultValidator: options.resultValidator }),
      users,
    }),
    ...(options.log !== undefined && { log: options.log }),
  };
  if (options.architecture === 'native') {
    if (options.transport !== 'mqtt') {
      throw new Error(
        `the native architecture runs over MQTT only (each board hosts its own MCP server on the broker), not over ${options.transport}: use --mcp mqtt`,
      );
    }
    const brokerUrl = required(options.brokerUrl, 'brokerUrl', 'the native architecture needs the MQTT broker (--broker)');
    const fleet = required(options.fleet, 'fleet', 'the native architecture needs the emulated fleet (its boards host the servers)');
    return openNativeLinks({
      brokerUrl,
      fleet,
      ...(options.datapool !== undefined && { datapool: options.datapool }),
      ...(options.mqtt !== undefined && { mqtt: options.mqtt }),
      ...common,
    });
  }
  if (options.architecture !== 'gateway') throw new Error(`unknown architecture "${String(options.architecture)}": gateway or native`);
  switch (options.transport) {
    case 'stdio': {
      const datapoolUrl = required(
        options.datapoolUrl,
        'datapoolUrl',
        'the stdio servers are child processes and reach the datapool over its HTTP API: start it with one and pass its URL',
      );
      return openStdioLinks({ datapoolUrl, ...(options.datapoolToken !== undefined && { datapoolToken: options.datapoolToken }), ...common });
    }
    case 'memory':
    case 'http':
    case 'mqtt': {
      const backend = datapoolOf(options);
      try {
        const servers = { datapool: backend.datapool, ...(options.log !== undefined && { log: options.log }) };
        const gated = { servers, ...(options.actuators !== undefined && { actuators: options.actuators }), ...common };
        const links =
          options.transport === 'memory'
            ? await openMemoryLinks(gated)
            : options.transport === 'http'
              ? await openHttpLinks(gated)
              : await openMqttLinks({
                  ...gated,
                  brokerUrl: required(options.brokerUrl, 'brokerUrl', 'MCP over MQTT needs a broker (--broker)'),
                  ...(options.mqtt !== undefined && { mqtt: options.mqtt }),
                });
        return {
          links: links.links,
          async close() {
            await links.close();
            backend.close();
          },
        };
      } catch (error) {
        backend.close();
        throw error;
      }
    }
    default:
      throw new Error(`unknown MCP transport "${String(options.transport)}": memory, stdio, http or mqtt`);
  }
}

/** Lists the links' tools and wraps them as a `ToolHost`; on failure the links are closed. */
export async function toolHostOver(links: ServerLinks, options: Pick<ToolHostOptions, 'transport' | 'architecture'>): Promise<ToolHost> {
  let set: Awaited<ReturnType<typeof listHostTools>>;
  try {
    set = await listHostTools(links.links);
  } catch (error) {
    await links.close();
    throw error;
  }
  const { tools, routes } = set;
  const names = tools.map((tool) => tool.name);
  const { users } = links;
  let closing: Promise<void> | undefined;
  return {
    transport: options.transport,
    architecture: options.architecture,
    tools,
    call(name, args, callOptions) {
      const route = routes.get(name);
      return route === undefined ? Promise.resolve(unknownToolResult(name, names, args)) : callRoute(route, args, callOptions, users);
    },
    close: () => (closing ??= links.close()),
  };
}

/** The given datapool, or a client of the given URL (closed with the host). */
function datapoolOf(options: ToolHostOptions): { datapool: DatapoolClient; close(): void } {
  if (options.datapool !== undefined) return { datapool: options.datapool, close: () => {} };
  if (options.datapoolUrl !== undefined) {
    const client = new HttpDatapoolClient(options.datapoolUrl, { ...(options.datapoolToken !== undefined && { token: options.datapoolToken }) });
    return { datapool: client, close: () => client.close() };
  }
  throw new Error(`the ${options.transport} transport serves the sensor servers in this process: it needs a datapool (or its URL)`);
}

function required<T>(value: T | undefined, name: string, why: string): T {
  if (value === undefined) throw new Error(`${why} (option ${name})`);
  return value;
}
