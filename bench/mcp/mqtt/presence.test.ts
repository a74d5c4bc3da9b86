import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { MqttClientTransport } from './client-transport.js';
import { connectMqttClient } from './connect.js';
import { type DiscoveredServer, discoverServers, watchServers } from './discovery.js';
import { echoServerFactory } from './echo-server.test-helper.js';
import { type RunningBroker, startMosquitto } from './mosquitto.test-helper.js';
import { MqttServerHost } from './server-host.js';

const HOST_PROCESS = fileURLToPath(new URL('./host-process.test-helper.js', import.meta.url));

describe('server presence', () => {
  let broker: RunningBroker;
  before(async () => {
    broker = await startMosquitto();
  });
  after(async () => {
    await broker?.stop();
  });

  test('is retained on start (with its description) and cleared on a clean stop', async () => {
    const host = new MqttServerHost({
      brokerUrl: broker.url,
      serverName: 'iotmcp/test/presence',
      serverId: 'presence-1',
      description: 'a server that comes and goes',
      factory: echoServerFactory(),
      meta: { kind: 'test' },
    });
    await host.start();
    try {
      // A subscriber arriving after the fact still sees it: the presence is retained.
      const found = await discoverServers({ brokerUrl: broker.url, filter: 'iotmcp/test/#', waitMs: 2000, expect: 1 });
      assert.deepEqual(found, [
        { serverId: 'presence-1', serverName: 'iotmcp/test/presence', description: 'a server that comes and goes', meta: { kind: 'test' } },
      ]);
      const watcher = await watchServers({ brokerUrl: broker.url, filter: 'iotmcp/test/#' });
      try {
        if (watcher.servers().length === 0) await once(watcher, 'online');
        const offline = once(watcher, 'offline');
        await host.close();
        const [gone] = (await offline) as [DiscoveredServer];
        assert.equal(gone.serverId, 'presence-1');
        assert.deepEqual(watcher.servers(), []);
      } finally {
        await watcher.close();
      }
      assert.deepEqual(await discoverServers({ brokerUrl: broker.url, filter: 'iotmcp/test/#', waitMs: 150 }), []);
    } finally {
      await host.close();
    }
  });

  test('filters by server-name and sees several instances of one name', async () => {
    const make = (serverName: string, serverId: string): MqttServerHost =>
      new MqttServerHost({ brokerUrl: broker.url, serverName, serverId, description: serverName, factory: echoServerFactory() });
    const hosts = [make('iotmcp/sensors/a', 'a-1'), make('iotmcp/sensors/a', 'a-2'), make('iotmcp/devices/b', 'b-1'), make('other/c', 'c-1')];
    await Promise.all(hosts.map((h) => h.start()));
    try {
      const sensors = await discoverServers({ brokerUrl: broker.url, filter: 'iotmcp/sensors/#', waitMs: 2000, expect: 2 });
      assert.deepEqual(
        sensors.map((s) => s.serverId),
        ['a-1', 'a-2'],
      );
      const all = await discoverServers({ brokerUrl: broker.url, filter: '#', waitMs: 2000, expect: 4 });
      assert.deepEqual(
        all.map((s) => s.serverName),
        ['iotmcp/devices/b', 'iotmcp/sensors/a', 'iotmcp/sensors/a', 'other/c'],
      );
      const client = await connectMqttClient({ brokerUrl: broker.url, serverName: 'iotmcp/devices/b' });
      try {
        assert.equal((await client.listTools()).tools.length, 2);
      } finally {
        await client.close();
      }
      await assert.rejects(
        connectMqttClient({ brokerUrl: broker.url, serverName: 'iotmcp/devices/none', waitMs: 100 }),
        /no MCP server "iotmcp\/devices\/none" online/,
      );
    } finally {
      await Promise.all(hosts.map((h) => h.close()));
    }
  });

  test('is cleared by the will when the server process is killed, and a pending call fails instead of hanging', async () => {
    const serverName = 'iotmcp/test/killable';
    const serverId = 'killable-1';
    const child = spawn(process.execPath, [HOST_PROCESS, broker.url, serverName, serverId], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
        child.once('exit', (code) => reject(new Error(`host process exited early (${code})`)));
      });
      const watcher = await watchServers({ brokerUrl: broker.url, filter: serverName });
      const transport = new MqttClientTransport({ brokerUrl: broker.url, serverName, serverId });
      const client = new Client({ name: 'test', version: '1.0.0' });
      try {
        if (watcher.servers().length === 0) await once(watcher, 'online');
        await client.connect(transport);
        const pending = assert.rejects(client.callTool({ name: 'hang', arguments: {} }), /Connection closed/);
        // Make sure the call reached the server before it dies.
        await client.ping();
        const offline = once(watcher, 'offline');
        child.kill('SIGKILL');
        await offline;
        await pending;
      } finally {
        await client.close();
        await watcher.close();
      }
      // The will was retained as empty: a newcomer finds nothing.
      assert.deepEqual(await discoverServers({ brokerUrl: broker.url, filter: serverName, waitMs: 150 }), []);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
