import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startTestSystem } from '../../../system/test-system.test-helper.js';
import { textOf } from '../mcp-system.test-helper.js';
import { allServerEntries } from '../servers.js';
import type { SensorToolOutput } from '../tool-result.js';
import { type McpHttpServer, serveMcpOverHttp } from './http.js';

let http: McpHttpServer;
let closeSystem: () => Promise<void>;
const clients: Client[] = [];

before(async () => {
  const started = await startTestSystem();
  closeSystem = started.close;
  http = await serveMcpOverHttp({
    servers: allServerEntries({ datapool: started.system.server.datapool }),
    listen: { host: '127.0.0.1', port: 0 },
    maxBodyBytes: 64 * 1024,
  });
});

after(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await http?.close();
  await closeSystem?.();
});

async function connect(path: string): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const transport = new StreamableHTTPClientTransport(new URL(http.url(path)));
  const client = new Client({ name: 'iotmcp-http-test', version: '0.0.0' });
  await client.connect(transport);
  clients.push(client);
  return { client, transport };
}

/** A raw HTTP exchange, for what an SDK client would never send. */
function raw(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      http.url(path),
      { method, headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
});

test('GET / lists one path per sensor, /mcp/all and /mcp/fleet', async () => {
  const { status, body } = await raw('GET', '/');
  assert.equal(status, 200);
  const { servers } = JSON.parse(body) as { servers: { name: string; path: string }[] };
  assert.equal(servers.length, 24);
  assert.deepEqual(
    servers.filter((s) => ['/mcp/dht11', '/mcp/hc-sr04', '/mcp/all', '/mcp/fleet'].includes(s.path)).map((s) => s.name),
    ['iotmcp/sensors/dht11', 'iotmcp/sensors/hc-sr04', 'iotmcp/all', 'iotmcp/fleet'],
  );
  assert.equal(http.paths.length, 24);
});

test('/mcp/dht11 lists its 3 tools and reads the sensor', async () => {
  const { client } = await connect('/mcp/dht11');
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((tool) => tool.name).sort(), ['read_all', 'read_humidity', 'read_temperature']);
  const result = await client.callTool({ name: 'read_temperature', arguments: { place: 'bedroom' } });
  assert.notEqual(result.isError, true, textOf(result));
  assert.match(textOf(result), /^DHT11 on esp32c6-bedroom \(bedroom\), 1 sample\nt=0\.00 s: temperature \d+(\.\d+)? C/);
});

test('/mcp/all lists 82 tools and reads any sensor by its prefixed name', async () => {
  const { client } = await connect('/mcp/all');
  const { tools } = await client.listTools();
  assert.equal(tools.length, 82);
  const result = await client.callTool({ name: 'hc_sr04_read_distance', arguments: {} });
  assert.notEqual(result.isError, true, textOf(result));
  assert.equal(typeof (result.structuredContent as unknown as SensorToolOutput).readings[0]!.values['distance_cm'], 'number');
});

test('two clients at once get their own sessions, both work, and DELETE ends one', async () => {
  const before = http.sessionCount();
  const [a, b] = await Promise.all([connect('/mcp/dht11'), connect('/mcp/dht11')]);
  assert.ok(a.transport.sessionId && b.transport.sessionId);
  assert.notEqual(a.transport.sessionId, b.transport.sessionId);
  assert.equal(http.sessionCount(), before + 2);
  const [ra, rb] = await Promise.all([
    a.client.callTool({ name: 'read_humidity', arguments: { duration: 0.4, interval: 0.2 } }),
    b.client.callTool({ name: 'read_all', arguments: {} }),
  ]);
  assert.equal((ra.structuredContent as unknown as SensorToolOutput).count, 2, textOf(ra));
  assert.equal((rb.structuredContent as unknown as SensorToolOutput).count, 1, textOf(rb));

  await a.transport.terminateSession();
  assert.equal(http.sessionCount(), before + 1);
  const still = await b.client.callTool({ name: 'read_temperature', arguments: {} });
  assert.notEqual(still.isError, true, textOf(still));
});

test('a session id is only valid on the path that created it', async () => {
  const { transport } = await connect('/mcp/fleet');
  const { status, body } = await raw('POST', '/mcp/dht11', JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }), {
    'mcp-session-id': transport.sessionId!,
  });
  assert.equal(status, 404);
  assert.match(body, /session not found at \/mcp\/dht11/);
});

test('bad requests get clear HTTP errors and the server keeps serving', async () => {
  assert.equal((await raw('GET', '/mcp/nope')).status, 404);
  assert.match((await raw('GET', '/mcp/nope')).body, /no MCP server at \/mcp\/nope/);
  const notJson = await raw('POST', '/mcp/dht11', '{"jsonrpc": ');
  assert.equal(notJson.status, 400);
  assert.match(notJson.body, /-32700/);
  const noSession = await raw('POST', '/mcp/dht11', JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }));
  assert.equal(noSession.status, 400);
  assert.match(noSession.body, /no mcp-session-id/);
  assert.equal((await raw('POST', '/mcp/dht11', 'x'.repeat(100 * 1024))).status, 413);
  assert.equal((await raw('PUT', '/mcp/dht11', INITIALIZE)).status, 405);
  assert.equal((await raw('POST', '/mcp/dht11', INITIALIZE, { host: 'evil.example:80' })).status, 403);

  const before = http.sessionCount();
  const initialized = await raw('POST', '/mcp/dht11', INITIALIZE);
  assert.equal(initialized.status, 200);
  assert.equal(http.sessionCount(), before + 1);
});
