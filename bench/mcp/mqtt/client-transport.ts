import { randomBytes } from 'node:crypto';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { MqttClient } from 'mqtt';
import { connectMcpMqtt, DEFAULT_QOS, mcpPublishOptions, type QoS, subscribeAll } from './connection.js';
import { decodeJsonRpc, methodOf, requestIdOf } from './json-rpc.js';
import {
  assertValid,
  clientPresenceTopic,
  controlTopic,
  DISCONNECTED_METHOD,
  DISCONNECTED_PAYLOAD,
  INITIALIZE_METHOD,
  idProblem,
  rpcTopic,
  serverCapabilityTopic,
  serverNameProblem,
  serverPresenceTopic,
} from './topics.js';

/**
 * The client side of MCP over MQTT as an SDK `Transport`: one session with one server instance
 * (server-name + server-id). `initialize` goes to the server's control topic, everything else to the
 * session's RPC topic. The server's presence topic is watched: when it is emptied (clean stop, will, or
 * anyone on the broker publishing an empty retained message there) the server is pinged, and without an
 * answer within `presenceGraceMs` the transport closes, so the SDK fails pending requests instead of
 * letting them time out, while a stranger's forged "offline" does not end a live session.
 *
 * Request timeouts (initialize 30 s, tools/call 60 s...) are the SDK's `RequestOptions.timeout`; see
 * `MCP_MQTT_TIMEOUTS_MS`. A lost MQTT connection closes the transport: a new session needs a new one.
 */

export interface MqttClientTransportOptions {
  /** Broker to connect to; ignored when `client` is given. */
  brokerUrl?: string;
  /**
   * An MQTT 5 connection to share (its client id is the MCP client id; its owner set its will). The
   * transport then only subscribes and unsubscribes; one transport per server instance on a connection.
   */
  client?: MqttClient;
  serverName: string;
  serverId: string;
  /** The MCP client id (= MQTT client id); a fresh random one when absent, as the spec asks. */
  clientId?: string;
  /** MQTT CONNECT timeout. Default 10 s. */
  connectTimeoutMs?: number;
  /** MQTT keepalive, seconds. Default 30. */
  keepaliveS?: number;
  qos?: QoS;
  /** Merged into MCP-META. */
  meta?: Record<string, unknown>;
  username?: string;
  password?: string;
  /** How long the server has to answer a ping after its presence was emptied, ms. Default 1500. */
  presenceGraceMs?: number;
}

/** The specification's default timeouts, for the SDK's per-request `timeout` option. */
export const MCP_MQTT_TIMEOUTS_MS = { initialize: 30_000, ping: 10_000, callTool: 60_000, list: 30_000 } as const;

/** Ids of the transport's own pings (the SDK numbers its requests): their answers never reach the SDK. */
const PROBE_ID_PREFIX = 'iotmcp-presence-check-';
let probes = 0;

export function freshClientId(): string {
  return `iotmcp-client-${randomBytes(8).toString('hex')}`;
}

export class MqttClientTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  /** Unset until the server answered `initialize` (the SDK skips initialize when it is set). */
  sessionId?: string;

  readonly clientId: string;
  readonly serverName: string;
  readonly serverId: string;
  private readonly qos: QoS;
  private readonly rpc: string;
  private readonly control: string;
  private readonly capability: string;
  private readonly presence: string;
  private mqtt: MqttClient | undefined;
  private readonly ownsConnection: boolean;
  private pendingInitialize: string | number | undefined;
  /** The ping sent when the server's presence was emptied, until it is answered or the grace runs out. */
  private probe: { id: string; timer: NodeJS.Timeout } | undefined;
  private started = false;
  private closed = false;

  constructor(private readonly options: MqttClientTransportOptions) {
    assertValid(serverNameProblem(options.serverName));
    assertValid(idProblem('server-id', options.serverId));
    this.ownsConnection = options.client === undefined;
    const sharedId = options.client?.options.clientId;
    this.clientId = options.clientId ?? sharedId ?? freshClientId();
    assertValid(idProblem('client-id', this.clientId));
    if (sharedId !== undefined && sharedId !== this.clientId) {
      throw new Error(`clientId "${this.clientId}" differs from the shared connection's client id "${sharedId}"`);
    }
    if (this.ownsConnection && options.brokerUrl === undefined) throw new Error('MqttClientTransport needs brokerUrl or client');
    this.serverName = options.serverName;
    this.serverId = options.serverId;
    this.qos = options.qos ?? DEFAULT_QOS;
    this.rpc = rpcTopic(this.clientId, this.serverId, this.serverName);
    this.control = controlTopic(this.serverId, this.serverName);
    this.capability = serverCapabilityTopic(this.serverId, this.serverName);
    this.presence = serverPresenceTopic(this.serverId, this.serverName);
  }

  async start(): Promise<void> {
    if (this.started) throw new Error('MqttClientTransport already started (a transport carries one session)');
    this.started = true;
    const mqtt =
      this.options.client ??
      (await connectMcpMqtt({
        brokerUrl: this.options.brokerUrl!,
        clientId: this.clientId,
        componentType: 'mcp-client',
        will: { topic: clientPresenceTopic(this.clientId), payload: DISCONNECTED_PAYLOAD, retain: false },
        ...(this.options.connectTimeoutMs !== undefined && { connectTimeoutMs: this.options.connectTimeoutMs }),
        ...(this.options.keepaliveS !== undefined && { keepaliveS: this.options.keepaliveS }),
        ...(this.options.meta !== undefined && { meta: this.options.meta }),
        ...(this.options.username !== undefined && { username: this.options.username }),
        ...(this.options.password !== undefined && { password: this.options.password }),
        onError: (error) => this.onerror?.(error),
      }));
    if (this.closed) {
      // close() ran while we were connecting: it had no connection to release yet.
      if (this.ownsConnection) mqtt.end(true);
      throw new Error('MqttClientTransport closed while starting');
    }
    this.mqtt = mqtt;
    mqtt.on('message', this.onMqttMessage);
    mqtt.on('close', this.onConnectionLost);
    try {
      await subscribeAll(mqtt, [this.capability, this.rpc, this.presence], this.qos, true);
    } catch (error) {
      await this.shutDown(false);
      throw error;
    }
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const mqtt = this.mqtt;
    if (mqtt === undefined || this.closed) throw new Error(`not connected to MCP server ${this.serverName} (${this.serverId})`);
    let topic = this.rpc;
    if (methodOf(message) === INITIALIZE_METHOD) {
      topic = this.control;
      this.pendingInitialize = requestIdOf(message);
    }
    await mqtt.publishAsync(topic, JSON.stringify(message), mcpPublishOptions('mcp-client', this.clientId, { qos: this.qos }));
  }

  /** Ends the session: tells the server (`notifications/disconnected` on the RPC topic), then disconnects. */
  close(): Promise<void> {
    return this.shutDown(true);
  }

  private readonly onMqttMessage = (topic: string, payload: Buffer): void => {
    if (this.closed) return;
    if (topic === this.presence) {
      if (payload.length === 0) this.checkServerAlive();
      return;
    }
    if (topic !== this.rpc && topic !== this.capability) return; // another transport's topic on a shared connection
    const decoded = decodeJsonRpc(payload);
    if (!decoded.ok) {
      this.onerror?.(new Error(`ignored a message on ${topic}: ${decoded.error}`));
      return;
    }
    const message = decoded.message;
    if (methodOf(message) === DISCONNECTED_METHOD) {
      void this.shutDown(false);
      return;
    }
    if (this.probe !== undefined && !('method' in message) && message.id === this.probe.id) {
      // Any answer, even an error, means the server still holds this session.
      clearTimeout(this.probe.timer);
      this.probe = undefined;
      return;
    }
    if (this.pendingInitialize !== undefined && !('method' in message) && message.id === this.pendingInitialize) {
      this.pendingInitialize = undefined;
      if ('result' in message) this.sessionId = this.clientId;
    }
    this.onmessage?.(message);
  };

  /**
   * The presence was emptied: the server's clean stop or will, or anyone's forgery. A server that still holds
   * the session answers a ping; silence until the grace runs out means it is gone.
   */
  private checkServerAlive(): void {
    const mqtt = this.mqtt;
    if (this.probe !== undefined || mqtt === undefined) return;
    const id = `${PROBE_ID_PREFIX}${++probes}`;
    const timer = setTimeout(() => {
      this.probe = undefined;
      this.onerror?.(new Error(`MCP server ${this.serverName} (${this.serverId}) went offline`));
      void this.shutDown(false);
    }, this.options.presenceGraceMs ?? 1500);
    this.probe = { id, timer };
    const ping = JSON.stringify({ jsonrpc: '2.0', id, method: 'ping' });
    mqtt.publishAsync(this.rpc, ping, mcpPublishOptions('mcp-client', this.clientId, { qos: this.qos })).catch(() => {
      // Unsent: the timer decides, as for a server that does not answer.
    });
  }

  private readonly onConnectionLost = (): void => {
    if (this.closed) return;
    this.onerror?.(new Error(`MQTT connection to the broker lost (session with ${this.serverName} ended)`));
    void this.shutDown(false);
  };

  /** Closes once: optionally says goodbye, releases the connection (or its subscriptions), calls onclose. */
  private async shutDown(notifyServer: boolean): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.probe !== undefined) {
      clearTimeout(this.probe.timer);
      this.probe = undefined;
    }
    const mqtt = this.mqtt;
    if (mqtt !== undefined) {
      mqtt.off('message', this.onMqttMessage);
      mqtt.off('close', this.onConnectionLost);
      try {
        if (notifyServer && mqtt.connected) {
          await mqtt.publishAsync(this.rpc, DISCONNECTED_PAYLOAD, mcpPublishOptions('mcp-client', this.clientId, { qos: this.qos }));
        }
        if (this.ownsConnection) await mqtt.endAsync(!mqtt.connected);
        else if (mqtt.connected) await mqtt.unsubscribeAsync([this.capability, this.rpc, this.presence]);
      } catch (error) {
        this.onerror?.(error instanceof Error ? error : new Error(String(error)));
        if (this.ownsConnection) mqtt.end(true);
      }
    }
    this.onclose?.();
  }
}
