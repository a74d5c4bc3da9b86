import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { MqttClientTransport } from './client-transport.js';
import { discoverServers } from './discovery.js';
import { echoServerFactory } from './echo-server.test-helper.js';
import { serveOverMqtt } from './serve.js';

/** A port nobody listens on: bound, then released. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('serving, connecting and discovering fail fast, naming the broker, when nothing listens there', async () => {
  const url = `mqtt://127.0.0.1:${await deadPort()}`;
  const where = new RegExp(`MQTT broker ${url.replace(/[.]/g, '\\.')}: connection as "[^"]+" failed`);
  const started = performance.now();
  await assert.rejects(
    serveOverMqtt({ brokerUrl: url, servers: [{ name: 'iotmcp/test/x', description: 'x', factory: echoServerFactory() }], log: () => undefined }),
    where,
  );
  const client = new Client({ name: 'test', version: '1.0.0' });
  await assert.rejects(client.connect(new MqttClientTransport({ brokerUrl: url, serverName: 'iotmcp/test/x', serverId: 'x-1' })), where);
  await assert.rejects(discoverServers({ brokerUrl: url }), where);
  assert.ok(performance.now() - started < 3000, 'no waiting for a timeout');
});

test('a silent broker (accepts TCP, never answers CONNECT) fails after connectTimeoutMs', async () => {
  const sockets: Socket[] = [];
  const silent = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as { port: number };
  try {
    const transport = new MqttClientTransport({ brokerUrl: `mqtt://127.0.0.1:${port}`, serverName: 'iotmcp/test/x', serverId: 'x-1', connectTimeoutMs: 200 });
    await assert.rejects(transport.start(), /connack timeout|no CONNACK within 200 ms|closed before CONNACK/);
  } finally {
    for (const socket of sockets) socket.destroy();
    silent.close();
  }
});
