import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { MqttClient } from 'mqtt';
import { MqttClientTransport } from './client-transport.js';
import { connectMcpMqtt, mcpPublishOptions } from './connection.js';
import { echoServerFactory } from './echo-server.test-helper.js';
import { type RunningBroker, startMosquitto } from './mosquitto.test-helper.js';
import { DEFAULT_MAX_MQTT_SESSIONS, MqttServerHost, type MqttServerHostOptions } from './server-host.js';
import { controlTopic } from './topics.js';

/**
 * Anyone on the broker can send `initialize` naming any client id. A flood of them must not lock real
 * clients out (the old host refused every `initialize` past 1000 sessions, for as long as they stayed
 * open), and what the host holds must stay bounded.
 */

const NAME = 'iotmcp/test/flooded';

function initializeRequest(id: number): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id,
    method: 'initialize',
    params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 'flood', version: '1' } },
  });
}

/** `count` initialize requests on the host's control topic, each naming the client id `idOf(i)`. */
async function flood(attacker: MqttClient, serverId: string, count: number, idOf: (i: number) => string): Promise<void> {
  const topic = controlTopic(serverId, NAME);
  await Promise.all(Array.from({ length: count }, (_, i) => attacker.publishAsync(topic, initializeRequest(i), mcpPublishOptions('mcp-client', idOf(i)))));
}

async function connect(broker: RunningBroker, serverId: string): Promise<{ client: Client; transport: MqttClientTransport }> {
  const transport = new MqttClientTransport({ brokerUrl: broker.url, serverName: NAME, serverId });
  const client = new Client({ name: 'real', version: '1.0.0' });
  await client.connect(transport, { timeout: 10_000 });
  return { client, transport };
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a flood of initialize requests', () => {
  let broker: RunningBroker;
  let attacker: MqttClient;
  const hosts: MqttServerHost[] = [];

  /** SDK server instances created and not yet closed, per host: what a flood would pile up. */
  const live = new Map<string, number>();

  async function startHost(serverId: string, options: Partial<MqttServerHostOptions> = {}): Promise<MqttServerHost> {
    const echo = echoServerFactory();
    live.set(serverId, 0);
    const factory = (): ReturnType<typeof echo> => {
      const server = echo();
      live.set(serverId, live.get(serverId)! + 1);
      server.server.onclose = () => void live.set(serverId, live.get(serverId)! - 1);
      return server;
    };
    const host = new MqttServerHost({ brokerUrl: broker.url, serverName: NAME, serverId, description: 'echo', factory, log: () => undefined, ...options });
    await host.start();
    hosts.push(host);
    return host;
  }

  before(async () => {
    broker = await startMosquitto();
    attacker = await connectMcpMqtt({ brokerUrl: broker.url, clientId: 'attacker', componentType: 'mcp-client' });
  });
  after(async () => {
    await attacker?.endAsync();
    await Promise.all(hosts.map((host) => host.close()));
    await broker?.stop();
  });

  test('1,100 fake initializes (1,000 client ids, then one id 100 times) leave a real client able to connect and call a tool', async () => {
    const host = await startHost('flooded-1');
    const early = await connect(broker, 'flooded-1');
    let most = 0;
    const count = (): void => {
      most = Math.max(most, host.sessionClientIds().length);
    };
    host.on('session-open', count);
    try {
      await flood(attacker, 'flooded-1', 1000, (i) => `fake-${i}`);
      await flood(attacker, 'flooded-1', 100, () => 'fake-same');
      // The broker passes messages on in order: the host meets this client's initialize after the flood's.
      const late = await connect(broker, 'flooded-1');
      try {
        const result = await late.client.callTool({ name: 'echo', arguments: { text: 'after the flood' } });
        assert.deepEqual(result.content, [{ type: 'text', text: 'after the flood' }]);
      } finally {
        await late.client.close();
      }
      // A client that had confirmed its session before the flood was never the one evicted.
      const still = await early.client.callTool({ name: 'echo', arguments: { text: 'through the flood' } });
      assert.deepEqual(still.content, [{ type: 'text', text: 'through the flood' }]);
      assert.ok(host.sessionClientIds().includes(early.transport.clientId));
      assert.ok(most <= DEFAULT_MAX_MQTT_SESSIONS, `held ${most} sessions at most`);
      // Every session ended for a newcomer (or replaced by its own client id) also released its SDK server.
      await until(() => live.get('flooded-1') === host.sessionClientIds().length, 5000, 'evicted sessions to release their servers');
      assert.ok(live.get('flooded-1')! <= DEFAULT_MAX_MQTT_SESSIONS);
      assert.ok(host.sessionClientIds().includes('fake-same'), 'the last of the repeated initializes holds the one session of its client id');
    } finally {
      await early.client.close();
    }
  });

  test('unconfirmed sessions lapse after the handshake timeout; confirmed ones stay', async () => {
    const host = await startHost('flooded-2', { handshakeTimeoutMs: 300 });
    const real = await connect(broker, 'flooded-2');
    try {
      await flood(attacker, 'flooded-2', 20, (i) => `lapsing-${i}`);
      await until(() => host.sessionClientIds().length === 21, 5000, 'the fake sessions to open');
      await until(() => host.sessionClientIds().length === 1, 5000, 'the fake sessions to lapse');
      assert.deepEqual(host.sessionClientIds(), [real.transport.clientId]);
      const result = await real.client.callTool({ name: 'echo', arguments: { text: 'kept' } });
      assert.deepEqual(result.content, [{ type: 'text', text: 'kept' }]);
    } finally {
      await real.client.close();
    }
  });

  test('an idle session is ended, and its client told', async () => {
    const host = await startHost('flooded-3', { sessionIdleMs: 300 });
    const { client, transport } = await connect(broker, 'flooded-3');
    const closed = new Promise<void>((resolve) => (client.onclose = resolve));
    const [endedId, reason] = (await once(host, 'session-close')) as [string, string];
    assert.equal(endedId, transport.clientId);
    assert.equal(reason, 'idle for 300 ms');
    await closed;
  });

  test('at the cap the least recently active confirmed session makes room, never the newcomer', async () => {
    const host = await startHost('flooded-4', { maxSessions: 2 });
    const a = await connect(broker, 'flooded-4');
    const b = await connect(broker, 'flooded-4');
    await a.client.ping(); // b is now the least recently active
    const bClosed = new Promise<void>((resolve) => (b.client.onclose = resolve));
    const c = await connect(broker, 'flooded-4');
    try {
      await bClosed;
      assert.deepEqual(host.sessionClientIds().sort(), [a.transport.clientId, c.transport.clientId].sort());
      await a.client.ping();
      await c.client.ping();
    } finally {
      await Promise.all([a, b, c].map((x) => x.client.close()));
    }
  });
});
