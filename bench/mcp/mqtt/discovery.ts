import { EventEmitter } from 'node:events';
import type { MqttClient } from 'mqtt';
import { connectMcpMqtt, subscribeAll } from './connection.js';
import { freshClientId } from './client-transport.js';
import { decodeJsonRpc, methodOf } from './json-rpc.js';
import { assertValid, parseServerPresenceTopic, SERVER_ONLINE_METHOD, serverNameFilterProblem, serverPresenceFilter } from './topics.js';

/**
 * Finding MCP servers on a broker: subscribe to `$mcp-server/presence/+/{server-name filter}`; the broker
 * replays every retained presence at once, and later ones arrive live. An empty payload removes that
 * instance (its clean stop or its will).
 */

export interface DiscoveredServer {
  serverId: string;
  serverName: string;
  description: string;
  meta: Record<string, unknown>;
}

export interface WatchServersOptions {
  brokerUrl: string;
  /** Server-name filter: a name, or with MQTT wildcards (`iotmcp/#`, `iotmcp/sensors/+`). Default `iotmcp/#`. */
  filter?: string;
  connectTimeoutMs?: number;
  username?: string;
  password?: string;
  /** Presences that could not be read (they are skipped). */
  onError?: (error: Error) => void;
}

export const DEFAULT_SERVER_FILTER = 'iotmcp/#';

/** Keeps the set of online servers matching a filter. Events: 'online' (DiscoveredServer), 'offline' (DiscoveredServer). */
export class ServerWatcher extends EventEmitter {
  private readonly known = new Map<string, DiscoveredServer>();

  private constructor(
    private readonly mqtt: MqttClient,
    private readonly onError: ((error: Error) => void) | undefined,
  ) {
    super();
  }

  /** Connects and subscribes; the retained presences arrive right after this resolves. */
  static async open(options: WatchServersOptions): Promise<ServerWatcher> {
    const filter = options.filter ?? DEFAULT_SERVER_FILTER;
    assertValid(serverNameFilterProblem(filter));
    const mqtt = await connectMcpMqtt({
      brokerUrl: options.brokerUrl,
      clientId: freshClientId(),
      componentType: 'mcp-client',
      ...(options.connectTimeoutMs !== undefined && { connectTimeoutMs: options.connectTimeoutMs }),
      ...(options.username !== undefined && { username: options.username }),
      ...(options.password !== undefined && { password: options.password }),
      onError: (error) => options.onError?.(error),
    });
    const watcher = new ServerWatcher(mqtt, options.onError);
    mqtt.on('message', watcher.onMessage);
    try {
      await subscribeAll(mqtt, [serverPresenceFilter(filter)], 1, false);
    } catch (error) {
      await mqtt.endAsync(true);
      throw error;
    }
    return watcher;
  }

  /** Online instances, sorted by server-name then server-id. */
  servers(): DiscoveredServer[] {
    return [...this.known.values()].sort(
      (a, b) => compare(a.serverName, b.serverName) || compare(a.serverId, b.serverId),
    );
  }

  async close(): Promise<void> {
    this.mqtt.off('message', this.onMessage);
    await this.mqtt.endAsync(!this.mqtt.connected);
  }

  private readonly onMessage = (topic: string, payload: Buffer): void => {
    const names = parseServerPresenceTopic(topic);
    if (names === null) return;
    const key = `${names.serverId}\u0000${names.serverName}`;
    if (payload.length === 0) {
      const gone = this.known.get(key);
      if (gone === undefined) return;
      this.known.delete(key);
      this.emit('offline', gone);
      return;
    }
    const decoded = decodeJsonRpc(payload);
    if (!decoded.ok || methodOf(decoded.message) !== SERVER_ONLINE_METHOD) {
      this.onError?.(new Error(`unreadable presence on ${topic}: ${decoded.ok ? 'not a server/online notification' : decoded.error}`));
      return;
    }
    const params = 'params' in decoded.message ? decoded.message.params : undefined;
    const server: DiscoveredServer = {
      serverId: names.serverId,
      serverName: names.serverName,
      description: typeof params?.['description'] === 'string' ? params['description'] : '',
      meta: isRecord(params?.['meta']) ? params['meta'] : {},
    };
    this.known.set(key, server);
    this.emit('online', server);
  };
}

export function watchServers(options: WatchServersOptions): Promise<ServerWatcher> {
  return ServerWatcher.open(options);
}

export interface DiscoverServersOptions extends WatchServersOptions {
  /** How long to collect presences, ms. Default 500. */
  waitMs?: number;
  /** Answer as soon as this many instances are known (no need to sit out `waitMs`). */
  expect?: number;
}

/** The servers online now: the retained presences seen within `waitMs` (or until `expect` are known). */
export async function discoverServers(options: DiscoverServersOptions): Promise<DiscoveredServer[]> {
  const watcher = await ServerWatcher.open(options);
  try {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, options.waitMs ?? 500);
      function done(): void {
        clearTimeout(timer);
        watcher.off('online', check);
        resolve();
      }
      function check(): void {
        if (options.expect !== undefined && watcher.servers().length >= options.expect) done();
      }
      watcher.on('online', check);
      check();
    });
    return watcher.servers();
  } finally {
    await watcher.close();
  }
}

/** The first online instance of `serverName` (an exact name); rejects when none shows up within `waitMs`. */
export async function findServer(options: {
  brokerUrl: string;
  serverName: string;
  waitMs?: number;
  connectTimeoutMs?: number;
  username?: string;
  password?: string;
}): Promise<DiscoveredServer> {
  const waitMs = options.waitMs ?? 2000;
  const found = await discoverServers({ ...options, filter: options.serverName, waitMs, expect: 1 });
  const first = found[0];
  if (first === undefined) {
    throw new Error(`no MCP server "${options.serverName}" online on ${options.brokerUrl} (waited ${waitMs} ms for its presence)`);
  }
  return first;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
