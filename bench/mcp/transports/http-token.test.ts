import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { OpenToNetworkError } from '../../../core/security/off-loopback.js';
import { echoServerFactory } from '../mqtt/echo-server.test-helper.js';
import { type McpHttpServer, serveMcpOverHttp } from './http.js';

const TOKEN = 'mcp-http-secret-9';
const servers = [{ name: 'iotmcp/test/echo', description: 'echo', factory: echoServerFactory() }];

async function serve(t: TestContext, host: string, token: string | undefined): Promise<McpHttpServer> {
  const http = await serveMcpOverHttp({ servers, listen: { host, port: 0 }, ...(token !== undefined && { token }) });
  t.after(() => http.close());
  return http;
}

async function connect(t: TestContext, url: string, token: string | undefined): Promise<Client> {
  const requestInit = token === undefined ? undefined : { headers: { authorization: `Bearer ${token}` } };
  const client = new Client({ name: 'token-test', version: '0.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), requestInit === undefined ? undefined : { requestInit }));
  t.after(() => client.close());
  return client;
}

test('with a token, MCP over HTTP answers only callers that send it (bound everywhere, reached on loopback)', async (t) => {
  const http = await serve(t, '0.0.0.0', TOKEN);
  assert.equal(http.address().host, '0.0.0.0');
  const url = `http://127.0.0.1:${http.address().port}/mcp/echo`;

  const client = await connect(t, url, TOKEN);
  const result = await client.callTool({ name: 'echo', arguments: { text: 'hi' } });
  assert.deepEqual((result.structuredContent as { text: string }).text, 'hi');

  await assert.rejects(connect(t, url, undefined), /unauthorized: the MCP HTTP server requires a token/);
  await assert.rejects(connect(t, url, 'wrong'), /unauthorized: the MCP HTTP server refused the token/);

  const refused = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.equal(refused.status, 401);
  assert.equal(refused.headers.get('www-authenticate'), 'Bearer realm="the MCP HTTP server"');
  const body = (await refused.json()) as { jsonrpc: string; error: { code: number; message: string }; id: null };
  assert.equal(body.jsonrpc, '2.0');
  assert.equal(body.id, null);
  assert.match(body.error.message, /^unauthorized: the MCP HTTP server requires a token.*IOTMCP_TOKEN/);

  const listing = await fetch(`http://127.0.0.1:${http.address().port}/`);
  assert.equal(listing.status, 401, 'not even the list of servers without the token');
  assert.equal(http.sessionCount(), 1, 'refused callers never got a session');
});

test('a token is checked on loopback too when given', async (t) => {
  const http = await serve(t, '127.0.0.1', TOKEN);
  assert.equal((await fetch(http.url('/'))).status, 401);
  assert.equal((await fetch(http.url('/'), { headers: { authorization: `Bearer ${TOKEN}` } })).status, 200);
});

test('off loopback MCP over HTTP refuses to start without a token', async (t) => {
  await assert.rejects(
    serve(t, '0.0.0.0', undefined),
    (error: Error) =>
      error instanceof OpenToNetworkError &&
      /the MCP HTTP server on 0\.0\.0\.0:0/.test(error.message) &&
      /--token/.test(error.message) &&
      /IOTMCP_TOKEN/.test(error.message),
  );
});
