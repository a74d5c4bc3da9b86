import { setTimeout as sleep } from 'node:timers/promises';
import { infraFailureOf } from '../../bench/host/call-failure.js';
import { toolHostOver } from '../../bench/host/connect.js';
import { type MqttInstance, mqttLogger, openMqttClients } from '../../bench/host/mqtt-links.js';
import { clientFactory, gatewayEntry, gatewayServers } from '../../bench/host/server-link.js';
import type { HostCallResult, HostTool, ToolHost } from '../../bench/host/tool-host.js';
import { discoverServers } from '../../bench/mcp/mqtt/discovery.js';
import { type MqttServing, serveOverMqtt } from '../../bench/mcp/mqtt/serve.js';
import { now } from '../../core/clock.js';
import { HttpDatapoolClient } from '../../datapool/http-client.js';

/**
 * The soak's host when MCP runs over MQTT: the gateway's 23 servers on the broker (they redial it by
 * themselves), and the host's client sessions, which a lost broker ends for good, as MQTT sessions do. So
 * this host notices its sessions closing, waits until every server is back on the broker, opens new
 * sessions and carries on: a restarted broker is a pause, not the end. While it reconnects, a call fails at
 * once with a clear transport error instead of waiting on a dead session.
 */

export interface ReconnectingMqttHostOptions {
  brokerUrl: string;
  datapoolUrl: string;
  validateResults: boolean;
  /** How often the servers redial a lost broker, ms. */
  serverReconnectMs?: number;
  /** Longest wait between two attempts to reopen the sessions, ms. */
  reconnectCapMs?: number;
  log?: (line: string) => void;
}

export interface ReconnectingMqttHost extends ToolHost {
  /** How many times the sessions were reopened after a loss. */
  readonly reconnects: number;
}

export async function connectReconnectingMqttHost(options: ReconnectingMqttHostOptions): Promise<ReconnectingMqttHost> {
  const datapool = new HttpDatapoolClient(options.datapoolUrl);
  const servers = { datapool, ...(options.log !== undefined && { log: options.log }) };
  const targets = gatewayServers();
  let serving: MqttServing;
  try {
    serving = await serveOverMqtt({
      brokerUrl: options.brokerUrl,
      servers: targets.map((target) => gatewayEntry(target, servers)),
      host: { reconnectPeriodMs: options.serverReconnectMs ?? 200 },
      // Losing the broker is what a soak does on purpose: the servers' notes about it go to the soak's log only.
      log: mqttLogger(options.log ?? (() => {})),
    });
  } catch (error) {
    datapool.close();
    throw error;
  }
  const instances: MqttInstance[] = serving.hosts.map((host, index) => ({ server: host.serverName, serverId: host.serverId, role: targets[index]!.role }));
  const newClient = clientFactory({ validateResults: options.validateResults });

  let current: ToolHost | null = null;
  let generation = 0;
  let reconnects = 0;
  let closed = false;
  const closing = new AbortController();
  let reconnecting: Promise<void> | null = null;

  /** Opens one session per server on one MQTT connection; a session closing starts a reconnect. */
  async function open(): Promise<ToolHost> {
    const links = await openMqttClients({ brokerUrl: options.brokerUrl, instances, newClient, log: options.log });
    const host = await toolHostOver(links, { transport: 'mqtt', architecture: 'gateway' });
    const mine = ++generation;
    for (const link of links.links) link.client.onclose = () => lost(mine);
    return host;
  }

  function lost(ofGeneration: number): void {
    if (closed || ofGeneration !== generation || current === null) return;
    const dead = current;
    current = null;
    void dead.close().catch(() => {});
    reconnecting = reconnect().finally(() => (reconnecting = null));
  }

  async function reconnect(): Promise<void> {
    const cap = options.reconnectCapMs ?? 2000;
    for (let attempt = 0; !closed; attempt++) {
      try {
        // Sessions can only open once every server has registered again on the (empty) new broker.
        await discoverServers({
          brokerUrl: options.brokerUrl,
          waitMs: 2000,
          expectIds: instances.map((instance) => instance.serverId),
          connectTimeoutMs: 2000,
        });
        const host = await open();
        if (closed) {
          await host.close();
          return;
        }
        current = host;
        reconnects++;
        return;
      } catch (error) {
        options.log?.(`mcp mqtt host: reconnecting (attempt ${attempt + 1}): ${(error as Error).message}`);
        await sleep(Math.min(cap, 100 * 2 ** attempt), undefined, { signal: closing.signal }).catch(() => {});
      }
    }
  }

  try {
    current = await open();
  } catch (error) {
    await serving.close();
    datapool.close();
    throw error;
  }
  const tools: readonly HostTool[] = current.tools;

  return {
    transport: 'mqtt',
    architecture: 'gateway',
    tools,
    get reconnects() {
      return reconnects;
    },
    call(name, args, callOptions): Promise<HostCallResult> {
      if (current !== null) return current.call(name, args, callOptions);
      const at = now();
      const reason = closed ? 'the host is closed' : 'the MCP sessions are being reopened after the MQTT broker connection was lost';
      const text = `the call of ${name} failed: ${reason}`;
      return Promise.resolve({
        isError: true,
        text,
        structured: null,
        sent: at,
        received: at,
        transportError: reason,
        infraFailure: infraFailureOf({ text, transportError: reason })!,
      });
    },
    async close() {
      closed = true;
      closing.abort();
      await reconnecting?.catch(() => {});
      await current?.close().catch(() => {});
      current = null;
      await serving.close();
      datapool.close();
    },
  };
}
