import { EventEmitter } from 'node:events';
import type { MqttClient } from 'mqtt';
import { freshClientId } from './client-transport.js';
import { connectMcpMqtt, subscribeAll } from './connection.js';
import { decodeJsonRpc, methodOf } from './json-rpc.js';
import { assertValid, idProblem, parseServerPresenceTopic, SERVER_ONLINE_METHOD, serverNameFilterProblem, serverPresenceFilter } from './topics.js';

/**
 * Finding MCP servers on a broker: subscribe to `$mcp-server/presence/+/{server-name filter}`; the broker
 * replays every retained presence at once, and later ones arrive live. An empty payload removes that
 * instance (its clean stop or its will).
 *
 * Anyone who may publish on the broker can announce a server under any name, or clear another's presence
 * with an empty retained message. So a server-id allow list (`serverIds`) decides whom to believe, and an
 * empty presence takes an instance off the list only if it does not announce itself again within
 * `offlineGraceMs` (our server hosts re-announce at once when someone else clears their presence).
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
  /**
   * Only these server-ids count; presences of any other instance are ignored (each reported once through
   * `onWarning`). Without it every instance that announces itself is listed.
   */
  serverIds?: readonly string[];
  /**
   * How long an instance whose presence was emptied stays listed, waiting for it to announce itself again,
   * ms. Default 1500: longer than a server host takes to redial (1 s) after the broker dropped it.
   */
  offlineGraceMs?: number;
  /** Instances listed at most (presences past it are ignored): a flood of fake ones cannot grow memory. Default 10,000. */
  maxServers?: number;
  connectTimeoutMs?: number;
  username?: string;
  password?: string;
  /** Presences that could not be read (they are skipped). */
  onError?: (error: Error) => void;
  /** Presences ignored on purpose (a server-id not on the allow list, too many instances). Default: `process.emitWarning`. */
  onWarning?: (message: string) => void;
}

export const DEFAULT_SERVER_FILTER = 'iotmcp/#';
export const DEFAULT_OFFLINE_GRACE_MS = 1500;
const DEFAULT_MAX_SERVERS = 10_000;
/** Server-ids warned about at most, per watcher: the set of them must stay bounded too. */
const MAX_WARNED_IDS = 1000;

/** Where a library's warnings go by default: stderr once, unless the process chose otherwise. */
export function emitDiscoveryWarning(message: string): void {
  process.emitWarning(message, { type: 'McpMqttWarning' });
}

/** Keeps the set of online servers matching a filter. Events: 'online' (DiscoveredServer), 'offline' (DiscoveredServer). */
export class ServerWatcher extends EventEmitter {
  private readonly known = new Map<string, DiscoveredServer>();
  /** Instances whose presence was emptied, until they announce themselves again or the grace runs out. */
  private readonly leaving = new Map<string, NodeJS.Timeout>();
  private readonly allowed: ReadonlySet<string> | null;
  private readonly warnedIds = new Set<string>();
  private readonly offlineGraceMs: number;
  private readonly maxServers: number;
  private readonly onError: ((error: Error) => void) | undefined;
  private readonly onWarning: (message: string) => void;
  private warnedFull = false;

  private constructor(
    private readonly mqtt: MqttClient,
    options: WatchServersOptions,
  ) {
    super();
    this.allowed = options.serverIds === undefined ? null : new Set(options.serverIds);
    this.offlineGraceMs = options.offlineGraceMs ?? DEFAULT_OFFLINE_GRACE_MS;
    this.maxServers = options.maxServers ?? DEFAULT_MAX_SERVERS;
    this.onError = options.onError;
    this.onWarning = options.onWarning ?? emitDiscoveryWarning;
  }

  /** Connects and subscribes; the retained presences arrive right after this resolves. */
  static async open(options: WatchServersOptions): Promise<ServerWatcher> {
    const filter = options.filter ?? DEFAULT_SERVER_FILTER;
    assertValid(serverNameFilterProblem(filter));
    for (const id of options.serverIds ?? []) assertValid(idProblem('server-id', id));
    if (options.serverIds !== undefined && options.serverIds.length === 0) {
      throw new Error('serverIds is empty: no server could ever be accepted (leave it out to accept any)');
    }
    const mqtt = await connectMcpMqtt({
      brokerUrl: options.brokerUrl,
      clientId: freshClientId(),
      componentType: 'mcp-client',
      ...(options.connectTimeoutMs !== undefined && { connectTimeoutMs: options.connectTimeoutMs }),
      ...(options.username !== undefined && { username: options.username }),
      ...(options.password !== undefined && { password: options.password }),
      onError: (error) => options.onError?.(error),
    });
    const watcher = new ServerWatcher(mqtt, options);
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
    return [...this.known.values()].sort((a, b) => compare(a.serverName, b.serverName) || compare(a.serverId, b.serverId));
  }

  /** Server-ids that announced themselves but are not on the allow list (at most 1000). */
  ignoredServerIds(): string[] {
    return [...this.warnedIds];
  }

  async close(): Promise<void> {
    this.mqtt.off('message', this.onMessage);
    for (const timer of this.leaving.values()) clearTimeout(timer);
    this.leaving.clear();
    await this.mqtt.endAsync(!this.mqtt.connected);
  }

  private readonly onMessage = (topic: string, payload: Buffer): void => {
    const names = parseServerPresenceTopic(topic);
    if (names === null) return;
    if (this.allowed !== null && !this.allowed.has(names.serverId)) {
      if (payload.length > 0)
        this.warnOnce(names.serverId, `ignored MCP server "${names.serverName}" with server-id "${names.serverId}": not one of the expected server-ids`);
      return;
    }
    const key = `${names.serverId}\u0000${names.serverName}`;
    if (payload.length === 0) {
      this.presenceCleared(key);
      return;
    }
    const decoded = decodeJsonRpc(payload);
    if (!decoded.ok || methodOf(decoded.message) !== SERVER_ONLINE_METHOD) {
      this.onError?.(new Error(`unreadable presence on ${topic}: ${decoded.ok ? 'not a server/online notification' : decoded.error}`));
      return;
    }
    if (!this.known.has(key) && this.known.size >= this.maxServers) {
      if (!this.warnedFull) this.onWarning(`more than ${this.maxServers} MCP server instances announced: ignoring the others`);
      this.warnedFull = true;
      return;
    }
    const stillLeaving = this.leaving.get(key);
    if (stillLeaving !== undefined) {
      clearTimeout(stillLeaving);
      this.leaving.delete(key);
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

  /** An empty presence: the instance's clean stop or will, or anyone's forgery; only silence afterwards tells which. */
  private presenceCleared(key: string): void {
    if (!this.known.has(key) || this.leaving.has(key)) return;
    const forget = (): void => {
      this.leaving.delete(key);
      const gone = this.known.get(key);
      if (gone === undefined) return;
      this.known.delete(key);
      this.emit('offline', gone);
    };
    if (this.offlineGraceMs <= 0) {
      forget();
      return;
    }
    const timer = setTimeout(forget, this.offlineGraceMs);
    timer.unref();
    this.leaving.set(key, timer);
  }

  private warnOnce(serverId: string, message: string): void {
    if (this.warnedIds.has(serverId) || this.warnedIds.size >= MAX_WARNED_IDS) return;
    this.warnedIds.add(serverId);
    this.onWarning(message);
  }
}

export function watchServers(options: WatchServersOptions): Promise<ServerWatcher> {
  return ServerWatcher.open(options);
}

export interface DiscoverServersOptions extends WatchServersOptions {
  /** How long to collect presences, ms. Default 500. */
  waitMs?: number;
  /** Answer as soon as this many instances are known (no need to sit out `waitMs`). */
  expect?: number;
  /**
   * Answer as soon as every one of these server-ids is known: a stranger's presence cannot stand in for one of
   * them, as it can for a count.
   */
  expectIds?: readonly string[];
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
        const servers = watcher.servers();
        if (options.expect !== undefined && servers.length >= options.expect) done();
        else if (options.expectIds !== undefined) {
          const online = new Set(servers.map((server) => server.serverId));
          if (options.expectIds.every((id) => online.has(id))) done();
        }
      }
      watcher.on('online', check);
      check();
    });
    return watcher.servers();
  } finally {
    await watcher.close();
  }
}

export interface FindServerOptions {
  brokerUrl: string;
  serverName: string;
  /**
   * The server-ids to accept, in order of preference. Give them whenever you know them: without them the
   * first instance by server-id is chosen, and anyone who can publish on the broker can offer one.
   */
  serverIds?: readonly string[];
  /** How long to wait for a presence, ms. Default 2000. */
  waitMs?: number;
  /**
   * Without `serverIds`: after the first presence, how long to wait for other instances of the name (the
   * broker replays retained presences in one burst), ms. Default 100.
   */
  settleMs?: number;
  connectTimeoutMs?: number;
  username?: string;
  password?: string;
  /** Told when several instances claim the name and no `serverIds` says which to trust. Default: `process.emitWarning`. */
  onWarning?: (message: string) => void;
}

/**
 * One online instance of `serverName` (an exact name); rejects when none shows up within `waitMs`. With
 * `serverIds`, the first of them online (others claiming the name are never chosen); without, the lowest
 * server-id among those seen, with a warning when there is more than one.
 */
export async function findServer(options: FindServerOptions): Promise<DiscoveredServer> {
  const waitMs = options.waitMs ?? 2000;
  const settleMs = options.settleMs ?? 100;
  const onWarning = options.onWarning ?? emitDiscoveryWarning;
  const allowList = options.serverIds;
  const watcher = await ServerWatcher.open({
    brokerUrl: options.brokerUrl,
    filter: options.serverName,
    ...(allowList !== undefined && { serverIds: allowList }),
    ...(options.connectTimeoutMs !== undefined && { connectTimeoutMs: options.connectTimeoutMs }),
    ...(options.username !== undefined && { username: options.username }),
    ...(options.password !== undefined && { password: options.password }),
    onWarning,
  });
  const candidates = (): DiscoveredServer[] => watcher.servers().filter((server) => server.serverName === options.serverName);
  try {
    await new Promise<void>((resolve) => {
      let settle: NodeJS.Timeout | undefined;
      const deadline = setTimeout(done, waitMs);
      function done(): void {
        clearTimeout(deadline);
        clearTimeout(settle);
        watcher.off('online', check);
        resolve();
      }
      function check(): void {
        if (candidates().length === 0) return;
        if (allowList !== undefined) done();
        else settle ??= setTimeout(done, settleMs);
      }
      watcher.on('online', check);
      check();
    });
    const found = candidates();
    if (found.length === 0) {
      const ignored = watcher.ignoredServerIds();
      const expected = allowList === undefined ? '' : ` with server-id ${allowList.map((id) => `"${id}"`).join(' or ')}`;
      const others = ignored.length === 0 ? '' : `; ignored ${ignored.map((id) => `"${id}"`).join(', ')} (not expected)`;
      throw new Error(`no MCP server "${options.serverName}"${expected} online on ${options.brokerUrl} (waited ${waitMs} ms for its presence)${others}`);
    }
    if (allowList !== undefined) {
      const rank = (server: DiscoveredServer): number => allowList.indexOf(server.serverId);
      return found.sort((a, b) => rank(a) - rank(b))[0]!;
    }
    const chosen = found[0]!;
    if (found.length > 1) {
      onWarning(
        `${found.length} MCP servers claim "${options.serverName}" (server-ids ${found.map((s) => `"${s.serverId}"`).join(', ')}); ` +
          `using "${chosen.serverId}", the first by server-id. Anyone who can publish on the broker can claim a name: ` +
          'give the expected server-id(s) (serverIds, --mqtt-server-id) to accept only those',
      );
    }
    return chosen;
  } finally {
    await watcher.close();
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
