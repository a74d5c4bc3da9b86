import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { OpenToNetworkError } from '../../../core/security/off-loopback.js';
import type { ServerEntry } from '../contracts.js';
import { echoServerFactory } from '../mqtt/echo-server.test-helper.js';
import { type McpHttpOptions, type McpHttpServer, serveMcpOverHttp } from './http.js';

const READ = 'mcp-read-secret-1';
const ACTUATE = 'mcp-actuate-secret-2';
const servers: ServerEntry[] = [
  { name: 'iotmcp/test/echo', description: 'reads', factory: echoServerFactory() },
  { name: 'iotmcp/actuators/echo-valve', description: 'moves', factory: echoServerFactory(), actuates: true },
];

async function serve(t: TestContext, options: Omit<McpHttpOptions, 'servers'>): Promise<McpHttpServer> {
  const http = await serveMcpOverHttp({ servers, ...options });
  t.after(() => http.close());
  return http;
}

async function connect(t: TestContext, url: string, token: string | undefined): Promise<Client> {
  const requestInit = token === undefined ? undefined : { headers: { authorization: `Bearer ${token}` } };
  const client = new Client({ name: 'actuator-token-test', version: '0.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), requestInit === undefined ? undefined : { requestInit }));
  t.after(() => client.close());
  return client;
}

async function echo(client: Client): Promise<string> {
  const result = await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
  return (result.structuredContent as { text: string }).text;
}

function bearer(token: string | undefined): Record<string, string> {
  return token === undefined ? {} : { authorization: `Bearer ${token}` };
}

test('off loopback, the read token reaches the sensors but not the actuators; the actuator token reaches both', async (t) => {
  const http = await serve(t, { listen: { host: '0.0.0.0', port: 0 }, token: READ, actuatorToken: ACTUATE });
  const base = `http://127.0.0.1:${http.address().port}`;

  assert.equal(await echo(await connect(t, `${base}/mcp/echo`, READ)), 'hi');
  assert.equal(await echo(await connect(t, `${base}/mcp/echo`, ACTUATE)), 'hi', 'the actuator token alone also reads');
  assert.equal(await echo(await connect(t, `${base}/mcp/echo-valve`, ACTUATE)), 'hi');
  const sessions = http.sessionCount();

  await assert.rejects(connect(t, `${base}/mcp/echo-valve`, READ), /forbidden: \/mcp\/echo-valve moves actuators, which the read token does not allow/);
  await assert.rejects(connect(t, `${base}/mcp/echo-valve`, undefined), /unauthorized/);
  await assert.rejects(connect(t, `${base}/mcp/echo-valve`, 'wrong'), /unauthorized/);
  const forbidden = await fetch(`${base}/mcp/echo-valve`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(READ) }, body: '{}' });
  assert.equal(forbidden.status, 403);
  assert.match(forbidden.headers.get('www-authenticate') ?? '', /error="insufficient_scope"/);
  assert.match(((await forbidden.json()) as { error: { message: string } }).error.message, /IOTMCP_ACTUATOR_TOKEN/);
  assert.equal(http.sessionCount(), sessions, 'refused callers never got a session');

  const listed = async (token: string | undefined) => {
    const response = await fetch(`${base}/`, { headers: bearer(token) });
    assert.equal(response.status, 200);
    return ((await response.json()) as { servers: { path: string }[] }).servers.map((server) => server.path);
  };
  assert.deepEqual(await listed(READ), ['/mcp/echo'], 'a reader is not shown the actuator paths');
  assert.deepEqual(await listed(ACTUATE), ['/mcp/echo', '/mcp/echo-valve']);
});

test('a reader cannot use an actuator session it learnt the id of: every request is checked, not only initialize', async (t) => {
  const http = await serve(t, { listen: { host: '127.0.0.1', port: 0 }, token: READ, actuatorToken: ACTUATE });
  const url = http.url('/mcp/echo-valve');
  const initialize = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...bearer(ACTUATE) },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'operator', version: '0' } },
    }),
  });
  assert.equal(initialize.status, 200);
  const session = initialize.headers.get('mcp-session-id');
  assert.ok(session);
  await initialize.body?.cancel();
  const hijack = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-session-id': session, ...bearer(READ) },
    body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'echo', arguments: { text: 'open' } } }),
  });
  assert.equal(hijack.status, 403);
});

test('on loopback without an actuator token, the read token reaches every server, as before', async (t) => {
  const http = await serve(t, { listen: { host: '127.0.0.1', port: 0 }, token: READ });
  assert.equal(await echo(await connect(t, http.url('/mcp/echo-valve'), READ)), 'hi');
  // An actuator token alone on loopback: reads stay open, moves need it.
  const moves = await serve(t, { listen: { host: '127.0.0.1', port: 0 }, actuatorToken: ACTUATE });
  assert.equal(await echo(await connect(t, moves.url('/mcp/echo'), undefined)), 'hi');
  await assert.rejects(connect(t, moves.url('/mcp/echo-valve'), undefined), /unauthorized: \/mcp\/echo-valve moves actuators/);
  assert.equal(await echo(await connect(t, moves.url('/mcp/echo-valve'), ACTUATE)), 'hi');
});

test('off loopback, servers that move actuators need an actuator token, distinct from the read token', async (t) => {
  await assert.rejects(
    serve(t, { listen: { host: '0.0.0.0', port: 0 }, token: READ }),
    (error: Error) =>
      error instanceof OpenToNetworkError &&
      /actuator tools on 0\.0\.0\.0:0 without an actuator token/.test(error.message) &&
      /--actuator-token/.test(error.message),
  );
  await assert.rejects(serve(t, { listen: { host: '127.0.0.1', port: 0 }, token: READ, actuatorToken: READ }), /must differ from the read token/);
  // Without such servers, the read token is enough anywhere.
  const reads = await serveMcpOverHttp({ servers: [servers[0]!], listen: { host: '0.0.0.0', port: 0 }, token: READ });
  await reads.close();
});
