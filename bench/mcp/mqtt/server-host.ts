import { EventEmitter } from 'node:events';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { IPublishPacket, MqttClient } from 'mqtt';
import { type Logger, RateLimitedLogger } from '../../../core/log.js';
import type { ServerFactory } from '../contracts.js';
import { connectMcpMqtt, DEFAULT_QOS, mcpPublishOptions, type QoS, subscribeAll, userProperty } from './connection.js';
import { decodeJsonRpc, methodOf, requestIdOf } from './json-rpc.js';
import { MqttSessionTransport } from './session-transport.js';
import {
  assertValid,
  CLIENT_ID_PROPERTY,
  clientCapabilityTopic,
  clientPresenceTopic,
  controlTopic,
  DISCONNECTED_METHOD,
  INITIALIZE_METHOD,
  idProblem,
  rpcTopic,
  SERVER_ONLINE_METHOD,
  serverNameProblem,
  serverPresenceTopic,
} from './topics.js';

/**
 * One MCP server instance (server-name + server-id) on an MQTT broker, with its own connection whose
 * client id is the server-id. It announces itself with a retained presence (and leaves an empty retained
 * will, so a crash reads as "offline"), takes `initialize` requests on its control topic and gives each
 * client its own session: a session transport and a fresh SDK server from the factory.
 *
 * A session's server-to-client notifications travel on its RPC topic, with everything else: each session
 * has its own SDK server, and a copy per session on the shared capability topic would reach every client
 * once per session. (Our servers' tool lists never change, so no list_changed is ever sent.)
 *
 * Anyone who may publish on the broker can send `initialize` (naming any client id) or empty our retained
 * presence. So sessions are bounded and never refuse a newcomer: one per client id (a repeat replaces it),
 * `maxSessions` in all, and an `initialize` past that ends the oldest session whose client never confirmed
 * it (`notifications/initialized`), else the least recently active one; unconfirmed sessions lapse after
 * `handshakeTimeoutMs` and idle ones after `sessionIdleMs`. And the host watches its own presence: when
 * someone else empties or overwrites it, it announces itself again.
 *
 * Events: 'session-open' (clientId), 'session-close' (clientId, reason).
 */

export interface MqttServerHostOptions {
  brokerUrl: string;
  /** e.g. `iotmcp/sensors/dht11`: contains '/', does not start with one, no '+' or '#'. */
  serverName: string;
  /** This instance's MQTT client id: no '/', '+' or '#'; unique on the broker. */
  serverId: string;
  /** One short line for the presence message (clients fetch tools with tools/list). */
  description: string;
  factory: ServerFactory;
  /** Extra presence and MCP-META metadata. */
  meta?: Record<string, unknown>;
  qos?: QoS;
  connectTimeoutMs?: number;
  /** Redial period after losing the broker; 0 never redials. Default 1000. */
  reconnectPeriodMs?: number;
  keepaliveS?: number;
  /**
   * Sessions held at once (default 64; an SDK server instance costs ~150 KiB). An `initialize` past it ends
   * the oldest unconfirmed session, else the least recently active one: newcomers are never refused.
   */
  maxSessions?: number;
  /** A session whose client has not sent `notifications/initialized` this long after `initialize` is dropped, ms. Default 30 s. */
  handshakeTimeoutMs?: number;
  /** A session with no message from its client for this long is ended (the client is told), ms; 0 never. Default 30 min. */
  sessionIdleMs?: number;
  /** How long close() waits for its goodbye messages before dropping the connection. Default 2000. */
  closeTimeoutMs?: number;
  username?: string;
  password?: string;
  log?: Logger;
}

interface Session {
  clientId: string;
  transport: MqttSessionTransport;
  server: McpServer | undefined;
  /** The client's presence, capability and RPC topics. */
  topics: string[];
  /** The client sent `notifications/initialized`: a real client, evicted only after every unconfirmed session. */
  confirmed: boolean;
  /** performance.now() of `initialize`, then of the client's latest message. */
  lastSeen: number;
  /** No longer routed (ended, replaced or evicted); its transport may still be closing. */
  detached: boolean;
}

type Route = { session: Session; kind: 'presence' | 'capability' | 'rpc' };

const JSONRPC_INTERNAL_ERROR = -32603;
const INITIALIZED_METHOD = 'notifications/initialized';

export const DEFAULT_MAX_MQTT_SESSIONS = 64;
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 30_000;
export const DEFAULT_MQTT_SESSION_IDLE_MS = 30 * 60_000;
/** Fastest the host re-announces itself while someone keeps emptying its presence. */
const PRESENCE_REPAIR_INTERVAL_MS = 250;

export const quietStderrLogger: Logger = (level, message, fields) => {
  if (level === 'debug') return;
  process.stderr.write(`mcp-mqtt ${level} ${message}${fields === undefined ? '' : ` ${JSON.stringify(fields)}`}\n`);
};

export class MqttServerHost extends EventEmitter {
  readonly serverName: string;
  readonly serverId: string;
  private readonly control: string;
  private readonly presence: string;
  private readonly qos: QoS;
  private readonly log: RateLimitedLogger;
  private readonly sessions = new Map<string, Session>();
  /** Sessions not yet confirmed, oldest first. */
  private readonly unconfirmed = new Map<string, Session>();
  /** Confirmed sessions, least recently active first (a message from the client re-inserts its session). */
  private readonly confirmed = new Map<string, Session>();
  private readonly routes = new Map<string, Route>();
  private readonly maxSessions: number;
  private readonly handshakeTimeoutMs: number;
  private readonly sessionIdleMs: number;
  private sweeper: NodeJS.Timeout | undefined;
  private evictions = 0;
  private evictionsLogged = 0;
  private lastEvictionLog = -Infinity;
  /** The retained presence payload this host publishes, to tell its own from anyone else's. */
  private readonly online: Buffer;
  private presenceRepair: NodeJS.Timeout | undefined;
  private lastPresenceRepair = -Infinity;
  /** Why each session ended, for the 'session-close' event. */
  private readonly closeReasons = new WeakMap<MqttSessionTransport, string>();
  private mqtt: MqttClient | undefined;
  private closing: Promise<void> | undefined;
  /** Set as soon as close() starts (before `closing` is assigned), so shutting down sends no UNSUBSCRIBEs. */
  private stopping = false;

  constructor(private readonly options: MqttServerHostOptions) {
    super();
    assertValid(serverNameProblem(options.serverName));
    assertValid(idProblem('server-id', options.serverId));
    this.serverName = options.serverName;
    this.serverId = options.serverId;
    this.control = controlTopic(this.serverId, this.serverName);
    this.presence = serverPresenceTopic(this.serverId, this.serverName);
    this.qos = options.qos ?? DEFAULT_QOS;
    this.log = new RateLimitedLogger(options.log ?? quietStderrLogger, undefined, { server: this.serverName, serverId: this.serverId });
    this.maxSessions = options.maxSessions ?? DEFAULT_MAX_MQTT_SESSIONS;
    this.handshakeTimeoutMs = options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
    this.sessionIdleMs = options.sessionIdleMs ?? DEFAULT_MQTT_SESSION_IDLE_MS;
    if (!(this.maxSessions >= 1)) throw new Error(`maxSessions must be at least 1, got ${this.maxSessions}`);
    if (!(this.handshakeTimeoutMs > 0)) throw new Error(`handshakeTimeoutMs must be positive, got ${this.handshakeTimeoutMs}`);
    if (!(this.sessionIdleMs >= 0)) throw new Error(`sessionIdleMs must be 0 (never) or positive, got ${this.sessionIdleMs}`);
    this.online = Buffer.from(
      JSON.stringify({
        jsonrpc: '2.0',
        method: SERVER_ONLINE_METHOD,
        params: { server_name: this.serverName, description: options.description, meta: options.meta ?? {} },
      }),
    );
  }

  /** Client ids with an open session. */
  sessionClientIds(): string[] {
    return [...this.sessions.keys()];
  }

  /** Connects, listens on the control topic and publishes the retained presence; resolves once it is online. */
  async start(): Promise<void> {
    if (this.mqtt !== undefined || this.closing !== undefined) throw new Error(`MCP server host ${this.serverId} already started`);
    const mqtt = await connectMcpMqtt({
      brokerUrl: this.options.brokerUrl,
      clientId: this.serverId,
      componentType: 'mcp-server',
      will: { topic: this.presence, payload: '', retain: true },
      reconnectPeriodMs: this.options.reconnectPeriodMs ?? 1000,
      ...(this.options.connectTimeoutMs !== undefined && { connectTimeoutMs: this.options.connectTimeoutMs }),
      ...(this.options.keepaliveS !== undefined && { keepaliveS: this.options.keepaliveS }),
      ...(this.options.meta !== undefined && { meta: this.options.meta }),
      ...(this.options.username !== undefined && { username: this.options.username }),
      ...(this.options.password !== undefined && { password: this.options.password }),
      onError: (error) => this.log.write('warn', `MQTT error: ${error.message}`),
    });
    if (this.closing !== undefined) {
      // close() ran while we were connecting: it had no connection to release yet.
      await mqtt.endAsync(true);
      throw new Error(`MCP server host ${this.serverId} closed while starting`);
    }
    this.mqtt = mqtt;
    mqtt.on('message', this.onMessage);
    mqtt.on('close', this.onConnectionLost);
    mqtt.on('connect', this.onReconnected);
    const timeouts = [this.handshakeTimeoutMs, this.sessionIdleMs].filter((ms) => ms > 0);
    this.sweeper = setInterval(this.sweep, Math.min(60_000, Math.max(50, Math.min(...timeouts) / 4)));
    this.sweeper.unref();
    try {
      await this.register(mqtt);
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  /** Clean stop: ends every session (telling its client), clears the retained presence, disconnects. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.sweeper);
    clearTimeout(this.presenceRepair);
    const mqtt = this.mqtt;
    if (mqtt === undefined) return;
    mqtt.off('close', this.onConnectionLost);
    mqtt.off('connect', this.onReconnected);
    const timeoutMs = this.options.closeTimeoutMs ?? 2000;
    const goodbye = async (): Promise<void> => {
      await Promise.all([...this.sessions.values()].map((session) => this.endSession(session, false, 'server shutting down')));
      if (mqtt.connected) await mqtt.publishAsync(this.presence, '', this.publishOptions(true));
    };
    try {
      await withTimeout(goodbye(), timeoutMs, `goodbye messages not acknowledged within ${timeoutMs} ms`);
    } catch (error) {
      this.log.write('warn', `unclean stop: ${(error as Error).message}`);
    }
    mqtt.off('message', this.onMessage);
    await mqtt.endAsync(!mqtt.connected);
    this.log.flush();
  }

  /**
   * Subscribes to the control topic, then announces the server (the order clients rely on). The host also
   * listens on its own presence (No Local: its own publications do not come back) to notice someone else
   * emptying or overwriting it.
   */
  private async register(mqtt: MqttClient): Promise<void> {
    await subscribeAll(mqtt, [this.control, this.presence], this.qos, true);
    await mqtt.publishAsync(this.presence, this.online, this.publishOptions(true));
  }

  /** Someone else emptied or overwrote our retained presence: announce again, at most every 250 ms. */
  private repairPresence(): void {
    if (this.presenceRepair !== undefined || this.stopping) return;
    this.log.write('warn', `another client emptied or overwrote this server's retained presence: announcing it again`);
    const wait = Math.max(0, this.lastPresenceRepair + PRESENCE_REPAIR_INTERVAL_MS - performance.now());
    this.presenceRepair = setTimeout(() => {
      this.presenceRepair = undefined;
      this.lastPresenceRepair = performance.now();
      const mqtt = this.mqtt;
      if (mqtt === undefined || !mqtt.connected || this.stopping) return;
      mqtt
        .publishAsync(this.presence, this.online, this.publishOptions(true))
        .catch((error: unknown) => this.log.write('warn', `could not announce again: ${(error as Error).message}`));
    }, wait);
  }

  private publishOptions(retain = false) {
    return mcpPublishOptions('mcp-server', this.serverId, { qos: this.qos, retain });
  }

  private readonly publish = async (topic: string, payload: string): Promise<void> => {
    const mqtt = this.mqtt;
    if (mqtt === undefined || !mqtt.connected) throw new Error(`MCP server ${this.serverId} is not connected to the broker`);
    await mqtt.publishAsync(topic, payload, this.publishOptions());
  };

  private readonly onMessage = (topic: string, payload: Buffer, packet: IPublishPacket): void => {
    if (this.closing !== undefined) return;
    if (topic === this.control) {
      this.onControl(payload, packet).catch((error: unknown) =>
        this.log.write('error', `initialize failed: ${error instanceof Error ? error.message : String(error)}`),
      );
      return;
    }
    if (topic === this.presence) {
      // The retained copy replayed on subscribing is our own; anything else is someone else's doing.
      if (!payload.equals(this.online)) this.repairPresence();
      return;
    }
    const route = this.routes.get(topic);
    if (route === undefined) return;
    const { session, kind } = route;
    if (kind === 'presence' && payload.length === 0) {
      void this.endSession(session, true, 'client presence cleared');
      return;
    }
    const decoded = decodeJsonRpc(payload);
    if (!decoded.ok) {
      this.log.write('warn', `ignored a message from MCP client ${session.clientId}: ${decoded.error}`, { topic });
      return;
    }
    const method = methodOf(decoded.message);
    if (method === DISCONNECTED_METHOD) {
      void this.endSession(session, true, kind === 'rpc' ? 'client ended the session' : 'client disconnected');
      return;
    }
    if (kind === 'presence') return;
    this.touch(session, method === INITIALIZED_METHOD);
    session.transport.deliver(decoded.message);
  };

  /** The client spoke: its session becomes the most recently active (and confirmed, on `notifications/initialized`). */
  private touch(session: Session, initialized: boolean): void {
    if (session.confirmed) {
      session.lastSeen = performance.now();
      this.confirmed.delete(session.clientId);
      this.confirmed.set(session.clientId, session);
    } else if (initialized) {
      session.confirmed = true;
      session.lastSeen = performance.now();
      this.unconfirmed.delete(session.clientId);
      this.confirmed.set(session.clientId, session);
    }
  }

  private async onControl(payload: Buffer, packet: IPublishPacket): Promise<void> {
    const decoded = decodeJsonRpc(payload);
    if (!decoded.ok) {
      this.log.write('warn', `ignored a message on the control topic: ${decoded.error}`);
      return;
    }
    const message = decoded.message;
    if (methodOf(message) !== INITIALIZE_METHOD || requestIdOf(message) === undefined) {
      this.log.write('warn', `ignored "${methodOf(message) ?? 'a response'}" on the control topic: only initialize requests go there`);
      return;
    }
    const clientId = userProperty(packet.properties, CLIENT_ID_PROPERTY);
    const problem = clientId === undefined ? `no ${CLIENT_ID_PROPERTY} user property` : idProblem('client-id', clientId);
    if (problem !== null || clientId === undefined) {
      this.log.write('warn', `ignored an initialize request that cannot be answered: ${problem}`);
      return;
    }
    await this.openSession(clientId, message);
  }

  private async openSession(clientId: string, initialize: JSONRPCMessage): Promise<void> {
    const mqtt = this.mqtt!;
    const rpc = rpcTopic(clientId, this.serverId, this.serverName);
    const existing = this.sessions.get(clientId);
    // The spec wants a fresh client id per initialization; a repeat replaces the old session quietly.
    // Everything up to the first await runs at once, so concurrent `initialize`s never overshoot the cap.
    if (existing !== undefined) void this.endSession(existing, true, 'client initialized again');
    this.makeRoom();
    let session: Session | undefined;
    const transport = new MqttSessionTransport({
      clientId,
      rpcTopic: rpc,
      publish: this.publish,
      onEnded: () => this.forget(session!),
    });
    session = {
      clientId,
      transport,
      server: undefined,
      topics: [clientPresenceTopic(clientId), clientCapabilityTopic(clientId), rpc],
      confirmed: false,
      lastSeen: performance.now(),
      detached: false,
    };
    this.sessions.set(clientId, session);
    this.unconfirmed.set(clientId, session);
    this.routes.set(session.topics[0]!, { session, kind: 'presence' });
    this.routes.set(session.topics[1]!, { session, kind: 'capability' });
    this.routes.set(rpc, { session, kind: 'rpc' });
    try {
      await subscribeAll(mqtt, session.topics, this.qos, true);
      if (session.detached) return; // the client left, or the session was replaced or evicted, while we subscribed
      const server = this.options.factory();
      session.server = server;
      await server.connect(transport);
      if (session.detached) {
        await server.close();
        return;
      }
      transport.deliver(initialize);
      this.emit('session-open', clientId);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.log.write('error', `could not open a session for MCP client ${clientId}: ${reason}`);
      await this.answerError(rpc, initialize, `server ${this.serverName} could not open a session: ${reason}`).catch(() => undefined);
      await this.endSession(session, true, reason);
    }
  }

  private async answerError(rpc: string, request: JSONRPCMessage, message: string): Promise<void> {
    const id = requestIdOf(request);
    await this.publish(rpc, JSON.stringify({ jsonrpc: '2.0', id, error: { code: JSONRPC_INTERNAL_ERROR, message } }));
  }

  /**
   * Ends a session through its SDK server (which closes the transport), or the transport alone. It stops
   * being routed and counted at once, before anything is awaited.
   */
  private async endSession(session: Session, clientGone: boolean, reason: string): Promise<void> {
    if (!session.transport.isClosed) {
      if (clientGone) session.transport.markClientGone();
      if (!this.closeReasons.has(session.transport)) this.closeReasons.set(session.transport, reason);
    }
    this.detach(session);
    if (session.transport.isClosed) return;
    try {
      await session.server?.close();
    } catch (error) {
      this.log.write('warn', `closing the session of ${session.clientId}: ${(error as Error).message}`);
    }
    if (!session.transport.isClosed) await session.transport.close();
  }

  /**
   * Stops routing a session's topics and drops the client's subscriptions. Runs before a replacing session
   * of the same client id subscribes, so the broker sees UNSUBSCRIBE before the new SUBSCRIBE.
   */
  private detach(session: Session): void {
    if (session.detached) return;
    session.detached = true;
    if (this.sessions.get(session.clientId) === session) this.sessions.delete(session.clientId);
    if (this.unconfirmed.get(session.clientId) === session) this.unconfirmed.delete(session.clientId);
    if (this.confirmed.get(session.clientId) === session) this.confirmed.delete(session.clientId);
    for (const topic of session.topics) {
      if (this.routes.get(topic)?.session === session) this.routes.delete(topic);
    }
    const mqtt = this.mqtt;
    if (mqtt?.connected && !this.stopping) {
      mqtt
        .unsubscribeAsync(session.topics)
        .catch((error: unknown) => this.log.write('warn', `unsubscribing from ${session.clientId}: ${(error as Error).message}`));
    }
  }

  /** The session transport closed (whoever closed it). */
  private forget(session: Session): void {
    this.detach(session);
    this.emit('session-close', session.clientId, this.closeReasons.get(session.transport) ?? 'server closed the session');
  }

  /** Makes room for one more session: the oldest unconfirmed one goes first, else the least recently active. */
  private makeRoom(): void {
    while (this.sessions.size >= this.maxSessions) {
      const victim = first(this.unconfirmed) ?? first(this.confirmed);
      if (victim === undefined) return;
      this.evictions++;
      void this.endSession(
        victim,
        false,
        victim.confirmed
          ? `least recently active of ${this.maxSessions} sessions, ended for a newcomer`
          : `unconfirmed, ended for a newcomer past ${this.maxSessions} sessions`,
      );
    }
    // A flood evicts on every `initialize`: one line a minute says so without flooding the log too.
    const now = performance.now();
    if (this.evictions > this.evictionsLogged && now - this.lastEvictionLog >= 60_000) {
      this.log.write(
        'warn',
        `${this.maxSessions} sessions open: ended ${this.evictions - this.evictionsLogged} to make room (unconfirmed first, then least recently active)`,
      );
      this.lastEvictionLog = now;
      this.evictionsLogged = this.evictions;
    }
  }

  /** Ends unconfirmed sessions past the handshake timeout and confirmed ones idle past the idle timeout. */
  private readonly sweep = (): void => {
    const now = performance.now();
    const expired: Array<[Session, string]> = [];
    // Both maps are ordered by lastSeen, oldest first: stop at the first session still in time.
    for (const session of this.unconfirmed.values()) {
      if (now - session.lastSeen < this.handshakeTimeoutMs) break;
      expired.push([session, `no notifications/initialized within ${this.handshakeTimeoutMs} ms`]);
    }
    if (this.sessionIdleMs > 0) {
      for (const session of this.confirmed.values()) {
        if (now - session.lastSeen < this.sessionIdleMs) break;
        expired.push([session, `idle for ${this.sessionIdleMs} ms`]);
      }
    }
    for (const [session, reason] of expired) void this.endSession(session, false, reason);
  };

  /** The broker is gone: the broker dropped our sessions' subscriptions with the connection (session expiry 0). */
  private readonly onConnectionLost = (): void => {
    if (this.sessions.size > 0) this.log.write('warn', `lost the broker: ending ${this.sessions.size} session(s)`);
    for (const session of [...this.sessions.values()]) void this.endSession(session, true, 'lost the broker');
  };

  /** Back after a lost connection: a clean start kept nothing, so register again. */
  private readonly onReconnected = (): void => {
    const mqtt = this.mqtt;
    if (mqtt === undefined || this.closing !== undefined) return;
    this.register(mqtt).then(
      () => this.log.write('info', 'back online'),
      (error: unknown) => this.log.write('error', `could not register again: ${(error as Error).message}`),
    );
  };
}

function first<K, V>(map: Map<K, V>): V | undefined {
  for (const value of map.values()) return value;
  return undefined;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
