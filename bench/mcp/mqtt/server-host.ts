import { EventEmitter } from 'node:events';
import type { IPublishPacket, MqttClient } from 'mqtt';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { ServerFactory } from '../contracts.js';
import { RateLimitedLogger, type Logger } from '../../../datapool/log.js';
import { connectMcpMqtt, DEFAULT_QOS, mcpPublishOptions, subscribeAll, userProperty, type QoS } from './connection.js';
import { decodeJsonRpc, methodOf, requestIdOf } from './json-rpc.js';
import { MqttSessionTransport } from './session-transport.js';
import {
  assertValid,
  CLIENT_ID_PROPERTY,
  clientCapabilityTopic,
  clientPresenceTopic,
  controlTopic,
  DISCONNECTED_METHOD,
  idProblem,
  INITIALIZE_METHOD,
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
  /** Sessions served at once; `initialize` past this gets an error answer. Default 1000. */
  maxSessions?: number;
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
}

type Route = { session: Session; kind: 'presence' | 'capability' | 'rpc' };

const JSONRPC_INTERNAL_ERROR = -32603;

export const quietStderrLogger: Logger = (level, message, fields) => {
  if (level === 'debug') return;
  process.stderr.write(`mcp-mqtt ${level} ${message}${fields === undefined ? '' : ' ' + JSON.stringify(fields)}\n`);
};

export class MqttServerHost extends EventEmitter {
  readonly serverName: string;
  readonly serverId: string;
  private readonly control: string;
  private readonly presence: string;
  private readonly qos: QoS;
  private readonly log: RateLimitedLogger;
  private readonly sessions = new Map<string, Session>();
  private readonly routes = new Map<string, Route>();
  /** Why each session ended, for the 'session-close' event. */
  private readonly closeReasons = new WeakMap<MqttSessionTransport, string>();
  private mqtt: MqttClient | undefined;
  private closing: Promise<void> | undefined;

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

  /** Subscribes to the control topic, then announces the server (the order clients rely on). */
  private async register(mqtt: MqttClient): Promise<void> {
    await subscribeAll(mqtt, [this.control], this.qos, true);
    const online = {
      jsonrpc: '2.0',
      method: SERVER_ONLINE_METHOD,
      params: { server_name: this.serverName, description: this.options.description, meta: this.options.meta ?? {} },
    };
    await mqtt.publishAsync(this.presence, JSON.stringify(online), this.publishOptions(true));
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
    if (methodOf(decoded.message) === DISCONNECTED_METHOD) {
      void this.endSession(session, true, kind === 'rpc' ? 'client ended the session' : 'client disconnected');
      return;
    }
    if (kind === 'presence') return;
    session.transport.deliver(decoded.message);
  };

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
    if (existing !== undefined) await this.endSession(existing, true, 'client initialized again');
    if (this.sessions.size >= (this.options.maxSessions ?? 1000)) {
      await this.answerError(rpc, initialize, `server ${this.serverName} (${this.serverId}) has no room for another session`);
      return;
    }
    const transport = new MqttSessionTransport({
      clientId,
      rpcTopic: rpc,
      publish: this.publish,
      onEnded: (ended) => this.forget(ended),
    });
    const session: Session = {
      clientId,
      transport,
      server: undefined,
      topics: [clientPresenceTopic(clientId), clientCapabilityTopic(clientId), rpc],
    };
    this.sessions.set(clientId, session);
    this.routes.set(session.topics[0]!, { session, kind: 'presence' });
    this.routes.set(session.topics[1]!, { session, kind: 'capability' });
    this.routes.set(rpc, { session, kind: 'rpc' });
    try {
      await subscribeAll(mqtt, session.topics, this.qos, true);
      if (transport.isClosed) return; // the client left while we subscribed
      const server = this.options.factory();
      session.server = server;
      await server.connect(transport);
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

  /** Ends a session through its SDK server (which closes the transport), or the transport alone. */
  private async endSession(session: Session, clientGone: boolean, reason: string): Promise<void> {
    if (session.transport.isClosed) return;
    if (clientGone) session.transport.markClientGone();
    this.closeReasons.set(session.transport, reason);
    try {
      await session.server?.close();
    } catch (error) {
      this.log.write('warn', `closing the session of ${session.clientId}: ${(error as Error).message}`);
    }
    if (!session.transport.isClosed) await session.transport.close();
  }

  /** The session transport closed: stop routing its topics and drop the client's subscriptions. */
  private forget(transport: MqttSessionTransport): void {
    const session = this.sessions.get(transport.clientId);
    if (session === undefined || session.transport !== transport) return;
    this.sessions.delete(transport.clientId);
    for (const topic of session.topics) this.routes.delete(topic);
    const mqtt = this.mqtt;
    if (mqtt?.connected && this.closing === undefined) {
      mqtt.unsubscribeAsync(session.topics).catch((error: unknown) =>
        this.log.write('warn', `unsubscribing from ${transport.clientId}: ${(error as Error).message}`),
      );
    }
    this.emit('session-close', transport.clientId, this.closeReasons.get(transport) ?? 'server closed the session');
  }

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

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
