import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { MqttClient } from 'mqtt';
import type { Logger } from '../../../core/log.js';
import { packageFile } from '../../../core/package.js';
import { openMqttSession } from './connect.js';
import { connectMcpMqtt, mcpPublishOptions } from './connection.js';
import { discoverServers } from './discovery.js';
import { echoServerFactory } from './echo-server.test-helper.js';
import { type RunningBroker, startMosquitto } from './mosquitto.test-helper.js';
import { MqttServerHost } from './server-host.js';
import { controlTopic, rpcTopic, serverPresenceTopic } from './topics.js';

/**
 * The shipped Mosquitto ACL (bench/mcp/mqtt/acl/mcp-over-mqtt.acl) on a real broker with a password file:
 * the protocol works for a server whose user name is its server-id and for any client, while another user
 * of the same broker can neither touch the server's presence nor see or forge anyone's session traffic.
 */

const ACL_FILE = packageFile('bench', 'mcp', 'mqtt', 'acl', 'mcp-over-mqtt.acl');
const NAME = 'iotmcp/test/echo';
const SERVER_USER = 'lab-echo';
const USERS = { [SERVER_USER]: 'server-password', bench: 'client-password', mallory: 'mallory-password' };
const PRESENCE = serverPresenceTopic(SERVER_USER, NAME);

describe('the mosquitto ACL for MCP over MQTT', () => {
  let broker: RunningBroker;
  let host: MqttServerHost;
  let mallory: MqttClient;
  const heard: string[] = [];
  const logLines: string[] = [];
  const log: Logger = (level, message) => void logLines.push(`${level} ${message}`);

  before(async () => {
    broker = await startMosquitto({ users: USERS, aclFile: ACL_FILE });
    host = new MqttServerHost({
      brokerUrl: broker.url,
      serverName: NAME,
      serverId: SERVER_USER,
      description: 'echo behind an ACL',
      factory: echoServerFactory(),
      username: SERVER_USER,
      password: USERS[SERVER_USER],
      log,
    });
    await host.start();
    mallory = await connectMcpMqtt({ brokerUrl: broker.url, clientId: 'mallory-1', componentType: 'mcp-client', username: 'mallory', password: USERS.mallory });
    mallory.on('message', (topic: string) => void heard.push(topic));
    // Mosquitto 2.0 grants these subscriptions and filters what it delivers: nothing private may arrive.
    await mallory.subscribeAsync({ '$mcp-rpc/#': { qos: 1 }, '$mcp-server/#': { qos: 1 }, '$mcp-client/#': { qos: 1 } });
  });
  after(async () => {
    await mallory?.endAsync();
    await host?.close();
    await broker?.stop();
  });

  const asBench = { username: 'bench', password: USERS.bench };

  test('a client with its own user opens a session and calls a tool', async () => {
    const { client } = await openMqttSession({ brokerUrl: broker.url, serverName: NAME, serverIds: [SERVER_USER], ...asBench });
    try {
      const result = await client.callTool({ name: 'echo', arguments: { text: 'allowed' } });
      assert.deepEqual(result.content, [{ type: 'text', text: 'allowed' }]);
    } finally {
      await client.close();
    }
  });

  test("another user can neither empty nor forge the server's presence", async () => {
    logLines.length = 0;
    await assert.rejects(mallory.publishAsync(PRESENCE, '', { qos: 1, retain: true }), /Not authorized/);
    const forged = JSON.stringify({ jsonrpc: '2.0', method: 'notifications/server/online', params: { server_name: NAME, description: 'forged', meta: {} } });
    await assert.rejects(mallory.publishAsync(PRESENCE, forged, { ...mcpPublishOptions('mcp-server', SERVER_USER), retain: true }), /Not authorized/);
    const found = await discoverServers({ brokerUrl: broker.url, filter: NAME, waitMs: 2000, expect: 1, ...asBench });
    assert.deepEqual(
      found.map((s) => [s.serverId, s.description]),
      [[SERVER_USER, 'echo behind an ACL']],
    );
    assert.ok(!logLines.some((l) => l.includes('emptied or overwrote')), 'the broker stopped it: the host had nothing to repair');
  });

  test("another user sees none of a session's traffic and cannot write into it, even with a client id holding '/'", async () => {
    const { client, transport } = await openMqttSession({ brokerUrl: broker.url, serverName: NAME, serverIds: [SERVER_USER], ...asBench });
    // A client id with "/" spreads over topic levels where the ACL puts %c: "<victim>/<server-id>".
    const spread = await connectMcpMqtt({
      brokerUrl: broker.url,
      clientId: `${transport.clientId}/${SERVER_USER}`,
      componentType: 'mcp-client',
      username: 'mallory',
      password: USERS.mallory,
    });
    const spreadHeard: string[] = [];
    spread.on('message', (topic: string) => void spreadHeard.push(topic));
    await spread.subscribeAsync({ '$mcp-rpc/#': { qos: 1 } });
    try {
      heard.length = 0;
      await client.callTool({ name: 'echo', arguments: { text: 'private' } });
      await client.listTools();
      const rpc = rpcTopic(transport.clientId, SERVER_USER, NAME);
      const forgedResult = JSON.stringify({ jsonrpc: '2.0', id: 99, result: { content: [{ type: 'text', text: 'forged' }] } });
      await assert.rejects(mallory.publishAsync(rpc, forgedResult, mcpPublishOptions('mcp-server', SERVER_USER)), /Not authorized/);
      await assert.rejects(spread.publishAsync(rpc, forgedResult, mcpPublishOptions('mcp-server', SERVER_USER)), /Not authorized/);
      // Blind confirmations of a made-up session are refused too: a flood cannot turn into confirmed sessions.
      const fakeRpc = rpcTopic('fake-1', SERVER_USER, NAME);
      await assert.rejects(
        mallory.publishAsync(fakeRpc, '{"jsonrpc":"2.0","method":"notifications/initialized"}', mcpPublishOptions('mcp-client', 'fake-1')),
        /Not authorized/,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      const leaked = heard.filter((topic) => topic.startsWith('$mcp-rpc/') || topic === controlTopic(SERVER_USER, NAME) || topic.startsWith('$mcp-client/'));
      assert.deepEqual(leaked, []);
      assert.deepEqual(spreadHeard, []);
    } finally {
      await spread.endAsync();
      await client.close();
    }
  });

  test('what the ACL leaves to the client: another user may announce an impostor under its own name, which the allow list ignores', async () => {
    const impostor = JSON.stringify({
      jsonrpc: '2.0',
      method: 'notifications/server/online',
      params: { server_name: NAME, description: 'impostor', meta: {} },
    });
    const impostorPresence = serverPresenceTopic('mallory', NAME);
    await mallory.publishAsync(impostorPresence, impostor, { ...mcpPublishOptions('mcp-server', 'mallory'), retain: true });
    try {
      const { server, client } = await openMqttSession({
        brokerUrl: broker.url,
        serverName: NAME,
        serverIds: [SERVER_USER],
        onWarning: () => undefined,
        ...asBench,
      });
      await client.close();
      assert.equal(server.serverId, SERVER_USER);
    } finally {
      await mallory.publishAsync(impostorPresence, '', { qos: 1, retain: true });
    }
  });
});
