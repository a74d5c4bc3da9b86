import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Logger } from '../../../core/log.js';
import { MqttClientTransport } from './client-transport.js';
import { connectMcpMqtt, mcpPublishOptions } from './connection.js';
import { echoServerFactory } from './echo-server.test-helper.js';
import { type RunningBroker, startMosquitto } from './mosquitto.test-helper.js';
import { MqttServerHost } from './server-host.js';
import { controlTopic, rpcTopic } from './topics.js';

const SERVER_NAME = 'iotmcp/test/echo';
const SERVER_ID = 'test-echo-1';

describe('an SDK Client over MqttClientTransport', () => {
  let broker: RunningBroker;
  let host: MqttServerHost;
  const logLines: string[] = [];
  const log: Logger = (level, message) => void logLines.push(`${level} ${message}`);
  const factory = echoServerFactory();

  before(async () => {
    broker = await startMosquitto();
    host = new MqttServerHost({ brokerUrl: broker.url, serverName: SERVER_NAME, serverId: SERVER_ID, description: 'echo', factory, log });
    await host.start();
  });
  after(async () => {
    await host?.close();
    await broker?.stop();
  });

  async function connect(): Promise<{ client: Client; transport: MqttClientTransport }> {
    const transport = new MqttClientTransport({ brokerUrl: broker.url, serverName: SERVER_NAME, serverId: SERVER_ID });
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(transport);
    return { client, transport };
  }

  test('initializes, lists tools and calls one; sessionId is set only once initialize succeeded', async () => {
    const transport = new MqttClientTransport({ brokerUrl: broker.url, serverName: SERVER_NAME, serverId: SERVER_ID });
    assert.equal(transport.sessionId, undefined);
    const client = new Client({ name: 'test', version: '1.0.0' });
    try {
      await client.connect(transport);
      assert.equal(transport.sessionId, transport.clientId);
      assert.equal(client.getServerVersion()?.name, 'echo');
      const { tools } = await client.listTools();
      assert.deepEqual(tools.map((t) => t.name).sort(), ['echo', 'hang']);
      const result = await client.callTool({ name: 'echo', arguments: { text: 'hello over mqtt' } });
      assert.deepEqual(result.content, [{ type: 'text', text: 'hello over mqtt' }]);
      assert.ok(host.sessionClientIds().includes(transport.clientId));
    } finally {
      await client.close();
    }
  });

  test('every initialization uses a fresh client id', () => {
    const a = new MqttClientTransport({ brokerUrl: broker.url, serverName: SERVER_NAME, serverId: SERVER_ID });
    const b = new MqttClientTransport({ brokerUrl: broker.url, serverName: SERVER_NAME, serverId: SERVER_ID });
    assert.notEqual(a.clientId, b.clientId);
  });

  test('two clients get separate sessions; closing one leaves the other working', async () => {
    const first = await connect();
    const second = await connect();
    try {
      assert.notEqual(first.transport.clientId, second.transport.clientId);
      const [a, b] = await Promise.all([
        first.client.callTool({ name: 'echo', arguments: { text: 'a' } }),
        second.client.callTool({ name: 'echo', arguments: { text: 'b' } }),
      ]);
      const instanceA = (a.structuredContent as { instance: number }).instance;
      const instanceB = (b.structuredContent as { instance: number }).instance;
      assert.notEqual(instanceA, instanceB, 'each session has its own server instance');

      const ended = once(host, 'session-close');
      await first.client.close();
      const [endedId, reason] = (await ended) as [string, string];
      assert.equal(endedId, first.transport.clientId);
      assert.equal(reason, 'client ended the session');
      assert.ok(!host.sessionClientIds().includes(first.transport.clientId));

      const again = await second.client.callTool({ name: 'echo', arguments: { text: 'still here' } });
      assert.deepEqual(again.content, [{ type: 'text', text: 'still here' }]);
    } finally {
      await first.client.close();
      await second.client.close();
    }
  });

  test('transports can share one MQTT connection, one per server instance', async () => {
    const other = new MqttServerHost({ brokerUrl: broker.url, serverName: 'iotmcp/test/other', serverId: 'other-1', description: 'other', factory, log });
    await other.start();
    const shared = await connectMcpMqtt({ brokerUrl: broker.url, clientId: 'shared-client', componentType: 'mcp-client' });
    const a = new Client({ name: 'a', version: '1.0.0' });
    const b = new Client({ name: 'b', version: '1.0.0' });
    try {
      await a.connect(new MqttClientTransport({ client: shared, serverName: SERVER_NAME, serverId: SERVER_ID }));
      await b.connect(new MqttClientTransport({ client: shared, serverName: 'iotmcp/test/other', serverId: 'other-1' }));
      assert.deepEqual(
        host.sessionClientIds().filter((id) => id === 'shared-client'),
        ['shared-client'],
      );
      assert.deepEqual(other.sessionClientIds(), ['shared-client']);
      const ended = once(host, 'session-close');
      await a.close();
      await ended;
      assert.ok(shared.connected, 'closing a transport leaves a shared connection open');
      const result = await b.callTool({ name: 'echo', arguments: { text: 'via shared' } });
      assert.deepEqual(result.content, [{ type: 'text', text: 'via shared' }]);
    } finally {
      await a.close();
      await b.close();
      await shared.endAsync();
      await other.close();
    }
  });

  test('a client whose connection dies (its will) loses its server session', async () => {
    const { client, transport } = await connect();
    const closed = new Promise<void>((resolve) => (client.onclose = resolve));
    const ended = once(host, 'session-close');
    // Kill the socket under mqtt.js: no DISCONNECT, so the broker publishes the client's will.
    const mqtt = (transport as unknown as { mqtt: { stream: { destroy(): void } } }).mqtt;
    mqtt.stream.destroy();
    const [endedId, reason] = (await ended) as [string, string];
    assert.equal(endedId, transport.clientId);
    assert.equal(reason, 'client disconnected');
    await closed; // the transport noticed too and closed the SDK client
  });

  test('the server ending a session closes the client', async () => {
    const { client, transport } = await connect();
    const closed = new Promise<void>((resolve) => (client.onclose = resolve));
    await host.close();
    await closed;
    assert.equal(host.sessionClientIds().length, 0);
    // Start a fresh host under the same id for the tests after this one.
    host = new MqttServerHost({ brokerUrl: broker.url, serverName: SERVER_NAME, serverId: SERVER_ID, description: 'echo', factory, log });
    await host.start();
    assert.ok(transport.clientId);
  });

  test('garbage on the control and RPC topics is logged and ignored; the server keeps serving', async () => {
    const { client, transport } = await connect();
    const clientErrors: Error[] = [];
    client.onerror = (error) => void clientErrors.push(error);
    const intruder = await connectMcpMqtt({ brokerUrl: broker.url, clientId: 'intruder', componentType: 'mcp-client' });
    try {
      const options = mcpPublishOptions('mcp-client', 'intruder');
      logLines.length = 0;
      await intruder.publishAsync(controlTopic(SERVER_ID, SERVER_NAME), 'not json', options);
      await intruder.publishAsync(controlTopic(SERVER_ID, SERVER_NAME), '{"jsonrpc":"2.0","method":"tools/list","id":1}', options);
      await intruder.publishAsync(controlTopic(SERVER_ID, SERVER_NAME), '{"jsonrpc":"2.0","method":"initialize","id":1,"params":{}}', {
        qos: 1,
      });
      await intruder.publishAsync(rpcTopic(transport.clientId, SERVER_ID, SERVER_NAME), '{"half":', options);
      await intruder.publishAsync(rpcTopic(transport.clientId, SERVER_ID, SERVER_NAME), Buffer.from([0xff, 0xfe, 0x00]), options);
      const result = await client.callTool({ name: 'echo', arguments: { text: 'unbothered' } });
      assert.deepEqual(result.content, [{ type: 'text', text: 'unbothered' }]);
      assert.ok(
        logLines.some((l) => l.includes('not JSON')),
        logLines.join('\n'),
      );
      assert.ok(
        logLines.some((l) => l.includes('only initialize requests')),
        logLines.join('\n'),
      );
      assert.ok(
        logLines.some((l) => l.includes('no MCP-MQTT-CLIENT-ID')),
        logLines.join('\n'),
      );
      assert.equal(logLines.filter((l) => l.includes('ignored a message from MCP client')).length, 2, logLines.join('\n'));
      // The client shares the RPC topic, so it saw the garbage too: reported, not fatal.
      assert.equal(clientErrors.filter((e) => /ignored a message on \$mcp-rpc\//.test(e.message)).length, 2);
    } finally {
      await intruder.endAsync();
      await client.close();
    }
  });
});
