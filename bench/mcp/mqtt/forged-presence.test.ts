import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { MqttClient } from 'mqtt';
import type { Logger } from '../../../core/log.js';
import { openMqttSession } from './connect.js';
import { connectMcpMqtt, mcpPublishOptions } from './connection.js';
import { type DiscoveredServer, discoverServers, watchServers } from './discovery.js';
import { echoServerFactory } from './echo-server.test-helper.js';
import { type RunningBroker, startMosquitto } from './mosquitto.test-helper.js';
import { MqttServerHost } from './server-host.js';
import { serverPresenceTopic } from './topics.js';

/**
 * A stranger on a broker without ACLs publishes an empty retained message on our server's presence topic
 * (what a clean stop or a will looks like), or a forged presence. The server must stay discoverable and its
 * open sessions must survive.
 */

const NAME = 'iotmcp/test/victim';
const ID = 'victim-1';
const PRESENCE = serverPresenceTopic(ID, NAME);

describe('a forged presence from a stranger', () => {
  let broker: RunningBroker;
  let host: MqttServerHost;
  let stranger: MqttClient;
  const logLines: string[] = [];
  const log: Logger = (level, message) => void logLines.push(`${level} ${message}`);

  before(async () => {
    broker = await startMosquitto();
    host = new MqttServerHost({ brokerUrl: broker.url, serverName: NAME, serverId: ID, description: 'the real one', factory: echoServerFactory(), log });
    await host.start();
    stranger = await connectMcpMqtt({ brokerUrl: broker.url, clientId: 'stranger', componentType: 'mcp-client' });
  });
  after(async () => {
    await stranger?.endAsync();
    await host?.close();
    await broker?.stop();
  });

  const clear = (): Promise<unknown> => stranger.publishAsync(PRESENCE, '', { qos: 1, retain: true });

  test('an empty retained presence does not make the live server undiscoverable', async () => {
    logLines.length = 0;
    await clear();
    // A newcomer after the forgery: the server has announced itself again.
    const found = await discoverServers({ brokerUrl: broker.url, filter: NAME, waitMs: 2000, expect: 1 });
    assert.deepEqual(
      found.map((s) => [s.serverId, s.description]),
      [[ID, 'the real one']],
    );
    assert.ok(
      logLines.some((l) => l.startsWith('warn another client emptied or overwrote')),
      logLines.join('\n'),
    );
  });

  test('a forged "online" presence with other contents is replaced by the real one', async () => {
    const forged = JSON.stringify({ jsonrpc: '2.0', method: 'notifications/server/online', params: { server_name: NAME, description: 'forged', meta: {} } });
    await stranger.publishAsync(PRESENCE, forged, { ...mcpPublishOptions('mcp-server', ID), retain: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const found = await discoverServers({ brokerUrl: broker.url, filter: NAME, waitMs: 2000, expect: 1 });
    assert.deepEqual(
      found.map((s) => s.description),
      ['the real one'],
    );
  });

  test('a watcher keeps the server listed and an open session survives, through a burst of clears', async () => {
    const watcher = await watchServers({ brokerUrl: broker.url, filter: NAME });
    const offline: DiscoveredServer[] = [];
    watcher.on('offline', (server: DiscoveredServer) => offline.push(server));
    const { client } = await openMqttSession({ brokerUrl: broker.url, serverName: NAME, serverIds: [ID] });
    let closed = false;
    client.onclose = () => {
      closed = true;
    };
    // Counts how often the host announced itself during the burst: at most every 250 ms, not once per clear.
    const sniffer = await connectMcpMqtt({ brokerUrl: broker.url, clientId: 'sniffer', componentType: 'mcp-client' });
    let announcements = 0;
    sniffer.on('message', (_topic, payload: Buffer) => void (payload.length > 0 && announcements++));
    await sniffer.subscribeAsync(PRESENCE, { qos: 1, rh: 2 });
    try {
      const started = performance.now();
      for (let i = 0; i < 50; i++) {
        await clear();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const burstMs = performance.now() - started;
      // Past the watcher's and the transport's grace (1.5 s each).
      await new Promise((resolve) => setTimeout(resolve, 2000));
      assert.deepEqual(offline, [], 'no offline event for a server that is still there');
      assert.deepEqual(
        watcher.servers().map((s) => s.serverId),
        [ID],
      );
      assert.equal(closed, false, 'the session was not closed');
      const result = await client.callTool({ name: 'echo', arguments: { text: 'still served' } });
      assert.deepEqual(result.content, [{ type: 'text', text: 'still served' }]);
      assert.ok(announcements >= 1 && announcements <= Math.ceil(burstMs / 250) + 2, `${announcements} announcements in ${Math.round(burstMs)} ms`);
    } finally {
      await sniffer.endAsync();
      await client.close();
      await watcher.close();
    }
  });

  test('a server that really stops is still seen leaving, after the grace', async () => {
    const other = new MqttServerHost({
      brokerUrl: broker.url,
      serverName: 'iotmcp/test/leaving',
      serverId: 'leaving-1',
      description: 'x',
      factory: echoServerFactory(),
      log,
    });
    await other.start();
    const watcher = await watchServers({ brokerUrl: broker.url, filter: 'iotmcp/test/leaving', offlineGraceMs: 300 });
    try {
      if (watcher.servers().length === 0) await new Promise((resolve) => watcher.once('online', resolve));
      const gone = new Promise<DiscoveredServer>((resolve) => watcher.once('offline', resolve));
      const stoppedAt = performance.now();
      await other.close();
      assert.equal((await gone).serverId, 'leaving-1');
      assert.ok(performance.now() - stoppedAt >= 250, 'not before the grace');
      assert.deepEqual(watcher.servers(), []);
    } finally {
      await other.close();
      await watcher.close();
    }
  });
});
