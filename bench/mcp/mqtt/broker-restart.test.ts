import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { MqttClientTransport } from './client-transport.js';
import { discoverServers } from './discovery.js';
import { echoServerFactory } from './echo-server.test-helper.js';
import { startMosquitto } from './mosquitto.test-helper.js';
import { MqttServerHost } from './server-host.js';

test('a broker restart ends the sessions on both sides, and the server comes back online by itself', async () => {
  let broker = await startMosquitto();
  const host = new MqttServerHost({
    brokerUrl: broker.url,
    serverName: 'iotmcp/test/restart',
    serverId: 'restart-1',
    description: 'survives its broker',
    factory: echoServerFactory(),
    reconnectPeriodMs: 50,
    log: () => undefined,
  });
  try {
    await host.start();
    const transport = new MqttClientTransport({ brokerUrl: broker.url, serverName: host.serverName, serverId: host.serverId });
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(transport);
    const clientClosed = new Promise<void>((resolve) => (client.onclose = resolve));
    const sessionClosed = once(host, 'session-close');

    // Killed, not stopped: a stopping Mosquitto sends its clients' wills, which would end the session first.
    await broker.kill();
    await clientClosed;
    const [, reason] = (await sessionClosed) as [string, string];
    assert.equal(reason, 'lost the broker');

    // Same address, empty broker (no persistence): only a fresh registration can bring the presence back.
    broker = await startMosquitto({ port: broker.port });
    const found = await discoverServers({ brokerUrl: broker.url, filter: 'iotmcp/test/#', waitMs: 3000, expect: 1 });
    assert.deepEqual(
      found.map((s) => s.serverId),
      ['restart-1'],
    );

    const again = new Client({ name: 'test', version: '1.0.0' });
    await again.connect(new MqttClientTransport({ brokerUrl: broker.url, serverName: host.serverName, serverId: host.serverId }));
    try {
      const result = await again.callTool({ name: 'echo', arguments: { text: 'back' } });
      assert.deepEqual(result.content, [{ type: 'text', text: 'back' }]);
    } finally {
      await again.close();
    }
  } finally {
    await host.close();
    await broker.stop();
  }
});
