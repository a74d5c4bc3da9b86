import { type IClientPublishOptions, type MqttClient, connect as mqttConnect } from 'mqtt';
import { redactUrl } from '../../../core/security/redact-url.js';
import { credentialRefusal } from './credentials.js';
import { CLIENT_ID_PROPERTY, COMPONENT_TYPE_PROPERTY, type ComponentType, META_PROPERTY } from './topics.js';

/**
 * Opens the MQTT 5 connection an MCP component needs: clean start with session expiry 0 (a session never
 * outlives its connection, so nothing stale is replayed), the MCP user properties on CONNECT, and the
 * component's will. Servers and clients differ only in what they pass here.
 */

/** The specification revision whose MQTT transport this implements. */
export const MCP_MQTT_REVISION = '2025-03-26';
export const IMPLEMENTATION = 'iotmcp-bench/0.1.0';

/** MQTT delivery guarantee (mqtt.js does not re-export mqtt-packet's type). */
export type QoS = 0 | 1 | 2;

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_QOS: QoS = 1;

export interface McpMqttConnectOptions {
  /** `mqtt://127.0.0.1:1883`, `mqtts://...`, `ws://...`. */
  brokerUrl: string;
  /** The MQTT client id: the server-id of a server, the MCP client id of a client. */
  clientId: string;
  componentType: ComponentType;
  /** Merged into the MCP-META user property (version and implementation are always there). */
  meta?: Record<string, unknown>;
  will?: { topic: string; payload: string; retain: boolean };
  /** Give up when CONNACK has not come after this long. Default 10 s. */
  connectTimeoutMs?: number;
  /** Redial this often after a lost connection; 0 (default) never redials. */
  reconnectPeriodMs?: number;
  /** MQTT keepalive, seconds: how soon the broker notices a dead peer and fires its will. Default 30. */
  keepaliveS?: number;
  username?: string;
  password?: string;
  /** Errors of the live connection (an MqttClient with no 'error' listener would throw them). */
  onError?: (error: Error) => void;
}

/** Resolves once the broker has accepted the connection; rejects (and closes it) on refusal or timeout. */
export function connectMcpMqtt(options: McpMqttConnectOptions): Promise<MqttClient> {
  const timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const identity = { [COMPONENT_TYPE_PROPERTY]: options.componentType, [CLIENT_ID_PROPERTY]: options.clientId };
  const client = mqttConnect(options.brokerUrl, {
    clientId: options.clientId,
    protocolVersion: 5,
    clean: true,
    keepalive: options.keepaliveS ?? 30,
    connectTimeout: timeoutMs,
    reconnectPeriod: options.reconnectPeriodMs ?? 0,
    // Subscriptions belong to sessions that a lost connection has ended: the owner decides what to renew.
    resubscribe: false,
    ...(options.username !== undefined && { username: options.username }),
    ...(options.password !== undefined && { password: options.password }),
    properties: {
      sessionExpiryInterval: 0,
      userProperties: {
        [COMPONENT_TYPE_PROPERTY]: options.componentType,
        [META_PROPERTY]: JSON.stringify({ version: MCP_MQTT_REVISION, implementation: IMPLEMENTATION, ...options.meta }),
      },
    },
    ...(options.will !== undefined && {
      will: {
        topic: options.will.topic,
        payload: Buffer.from(options.will.payload),
        qos: DEFAULT_QOS,
        retain: options.will.retain,
        properties: { userProperties: identity },
      },
    }),
  });
  client.on('error', (error) => options.onError?.(error));
  // MCP messages are small request/response pairs: Nagle's algorithm would hold each one back ~40 ms
  // waiting for the peer's delayed ACK. Every (re)connect brings a new socket.
  client.on('connect', () => (client.stream as { setNoDelay?: (noDelay: boolean) => void }).setNoDelay?.(true));

  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      client.off('connect', onConnect);
      client.off('error', onFailure);
      client.off('close', onClose);
    };
    const fail = (message: string): void => {
      cleanup();
      client.end(true);
      reject(new Error(`MQTT broker ${redactUrl(options.brokerUrl)}: ${message}`));
    };
    const onConnect = (): void => {
      cleanup();
      resolve(client);
    };
    const onFailure = (error: Error): void =>
      fail(credentialRefusal(error, options.username !== undefined) ?? `connection as "${options.clientId}" failed: ${error.message}`);
    const onClose = (): void => fail(`connection as "${options.clientId}" closed before CONNACK`);
    const timer = setTimeout(() => fail(`no CONNACK within ${timeoutMs} ms`), timeoutMs);
    client.on('connect', onConnect);
    client.on('error', onFailure);
    // A first attempt that fails without an error (refused socket with redial on) must not hang us.
    if ((options.reconnectPeriodMs ?? 0) === 0) client.on('close', onClose);
  });
}

/** PUBLISH options carrying the two user properties every MCP PUBLISH must have. */
export function mcpPublishOptions(componentType: ComponentType, clientId: string, options: { qos?: QoS; retain?: boolean } = {}): IClientPublishOptions {
  return {
    qos: options.qos ?? DEFAULT_QOS,
    retain: options.retain ?? false,
    properties: { userProperties: { [COMPONENT_TYPE_PROPERTY]: componentType, [CLIENT_ID_PROPERTY]: clientId } },
  };
}

/** Subscribes and fails unless the broker granted every topic (SUBACK reason < 0x80). */
export async function subscribeAll(client: MqttClient, topics: readonly string[], qos: QoS, noLocal: boolean): Promise<void> {
  const request: Record<string, { qos: QoS; nl: boolean }> = {};
  for (const topic of topics) request[topic] = { qos, nl: noLocal };
  const granted = await client.subscribeAsync(request);
  const refused = granted.filter((grant) => grant.qos >= 0x80).map((grant) => grant.topic);
  if (refused.length > 0) throw new Error(`MQTT broker refused subscription to ${refused.join(', ')}`);
}

/** A user property's value (the first, when a sender repeated it). */
export function userProperty(properties: { userProperties?: Record<string, string | string[]> } | undefined, name: string): string | undefined {
  const value = properties?.userProperties?.[name];
  return Array.isArray(value) ? value[0] : value;
}
