import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { type TestContext, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { echoServerFactory } from '../mqtt/echo-server.test-helper.js';
import { type McpHttpOptions, type McpHttpServer, serveMcpOverHttp } from './http.js';

/** Echo servers that count how many were made and closed, and let the test see which are still in memory. */
function trackedEcho() {
  const echo = echoServerFactory();
  const made: WeakRef<McpServer>[] = [];
  let closed = 0;
  const factory = (): McpServer => {
    const server = echo();
    server.server.onclose = () => closed++;
    made.push(new WeakRef(server));
    return server;
  };
  return {
    entries: [{ name: 'iotmcp/test/echo', description: 'echo', factory }],
    made: () => made.length,
    closed: () => closed,
    alive: () => made.filter((ref) => ref.deref() !== undefined).length,
  };
}

async function serve(t: TestContext, echo: ReturnType<typeof trackedEcho>, options: Partial<McpHttpOptions> = {}): Promise<McpHttpServer> {
  const http = await serveMcpOverHttp({ servers: echo.entries, listen: { host: '127.0.0.1', port: 0 }, ...options });
  t.after(() => http.close());
  return http;
}

async function connect(t: TestContext, http: McpHttpServer): Promise<Client> {
  const client = new Client({ name: 'sessions-test', version: '0.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(http.url('/mcp/echo'))));
  t.after(() => client.close());
  return client;
}

async function echoes(client: Client, text: string): Promise<boolean> {
  const result = await client.callTool({ name: 'echo', arguments: { text } });
  return (result.structuredContent as { text: string }).text === text;
}

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'flood', version: '0' } },
});

function post(
  http: McpHttpServer,
  agent: Agent,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; sessionId: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(
      http.url('/mcp/echo'),
      { agent, method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, sessionId: res.headers['mcp-session-id'] as string | undefined }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * `count` initialize calls over `concurrency` keep-alive sockets from `localAddress`, as a script would send
 * them; with `followUp` each session also gets its `notifications/initialized`, as a real client's would.
 */
async function flood(http: McpHttpServer, count: number, { localAddress = '127.0.0.1', concurrency = 16, followUp = false } = {}) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency, localAddress });
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      next++;
      const { status, sessionId } = await post(http, agent, INITIALIZE);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (followUp && sessionId !== undefined) {
        const notified = await post(http, agent, JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }), {
          'mcp-session-id': sessionId,
          'mcp-protocol-version': '2025-06-18',
        });
        assert.equal(notified.status, 202);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return Object.fromEntries(statuses);
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

test('2,000 initialize calls neither lock out a new client nor pile up sessions: the least recently used idle ones are closed', async (t) => {
  const echo = trackedEcho();
  const http = await serve(t, echo);
  const early = await connect(t, http);
  assert.ok(await echoes(early, 'before'));

  const flooding = flood(http, 2000);
  await sleep(300);
  const during = await connect(t, http);
  assert.ok(await echoes(during, 'during'), 'a new client gets in during the flood');
  assert.deepEqual(await flooding, { 200: 2000 });
  assert.equal(http.sessionCount(), 32, 'the default cap per client address');

  const late = await connect(t, http);
  assert.ok(await echoes(late, 'after'), 'a new client gets in after the flood');
  assert.ok(await echoes(during, 'during, still'));
  assert.ok(await echoes(early, 'still'), 'a client that used its session outlives sessions that never went past initialize');

  await sleep(50);
  assert.equal(echo.made() - echo.closed(), http.sessionCount(), 'every evicted session closed its server and transport');
  // Closed sessions must also be collectable, or the cap would bound sessions but not memory.
  for (let i = 0; i < 3; i++) {
    await sleep(10);
    gc();
  }
  assert.ok(echo.alive() <= http.sessionCount() + 16, `${echo.alive()} of ${echo.made()} servers still in memory`);
});

test('caps are per client address: a flood from one address closes its own sessions, not those of another', async (t) => {
  const http = await serve(t, trackedEcho(), { maxSessionsPerClient: 4, maxSessions: 6 });
  const client = await connect(t, http);
  assert.ok(await echoes(client, 'a'));

  // Sessions that look as used as the client's own, so only the address can spare it.
  assert.deepEqual(await flood(http, 100, { localAddress: '127.0.0.2', concurrency: 1, followUp: true }), { 200: 100 });
  assert.equal(http.sessionCount(), 5);
  assert.ok(await echoes(client, 'b'));

  // At the overall cap the address holding the most gives way.
  assert.deepEqual(await flood(http, 100, { localAddress: '127.0.0.3', concurrency: 1, followUp: true }), { 200: 100 });
  assert.equal(http.sessionCount(), 6);
  assert.ok(await echoes(client, 'c'));
});

test('a session answering a call is never evicted: with all of them busy initialize gets 503, and gets in once one is free', async (t) => {
  const http = await serve(t, trackedEcho(), { maxSessionsPerClient: 2 });
  const [a, b] = [await connect(t, http), await connect(t, http)];
  const pending = [a, b].map((client) => client.callTool({ name: 'hang', arguments: {} }).catch((error: unknown) => error));
  await sleep(100);

  await assert.rejects(connect(t, http), /too many open sessions, all busy \(2 per client/);
  assert.equal(http.sessionCount(), 2);

  await a.close();
  await pending[0];
  const c = await connect(t, http);
  assert.ok(await echoes(c, 'in'));
  assert.equal(http.sessionCount(), 2);
  // b's call is still being answered, so a's idle session was the one closed.
  await b.close();
  await pending[1];
});

test('an idle session is closed after sessionIdleMs; one still answering a call is kept', async (t) => {
  const http = await serve(t, trackedEcho(), { sessionIdleMs: 300 });
  const idle = await connect(t, http);
  const busy = await connect(t, http);
  const call = busy.callTool({ name: 'hang', arguments: {} }, undefined, { timeout: 5000 }).catch((error: unknown) => error);
  assert.equal(http.sessionCount(), 2);
  await sleep(800);
  assert.equal(http.sessionCount(), 1);
  await assert.rejects(idle.callTool({ name: 'echo', arguments: { text: 'x' } }), /session not found/i);
  await busy.close();
  await call;
});

test('sessions that never went past initialize lapse after unconfirmedSessionMs; a client that followed up keeps its own', async (t) => {
  const http = await serve(t, trackedEcho(), { unconfirmedSessionMs: 200 });
  const client = await connect(t, http);
  assert.deepEqual(await flood(http, 20, { concurrency: 4 }), { 200: 20 });
  assert.equal(http.sessionCount(), 21);
  await sleep(600);
  assert.equal(http.sessionCount(), 1);
  assert.ok(await echoes(client, 'kept'));
});

test('at the overall cap sessions that never went past initialize go first, whichever address holds them', async (t) => {
  const http = await serve(t, trackedEcho(), { maxSessions: 8 });
  const [a, b] = [await connect(t, http), await connect(t, http)];
  assert.ok(await echoes(a, 'a'));
  assert.ok(await echoes(b, 'b'));

  // One bare initialize from each of many addresses: the address holding the most is the real client's.
  for (let i = 2; i < 42; i++) assert.deepEqual(await flood(http, 1, { localAddress: `127.0.0.${i}`, concurrency: 1 }), { 200: 1 });
  assert.equal(http.sessionCount(), 8);
  assert.ok(await echoes(a, 'a, still'), 'a session in use outlives sessions that never went past initialize');
  assert.ok(await echoes(b, 'b, still'));
});

test('with every session confirmed, the overall cap closes the least recently used idle one of the addresses holding the most', async (t) => {
  const http = await serve(t, trackedEcho(), { maxSessions: 4 });
  const client = await connect(t, http);
  for (const address of ['127.0.0.2', '127.0.0.3']) {
    assert.deepEqual(await flood(http, 1, { localAddress: address, concurrency: 1, followUp: true }), { 200: 1 });
  }
  // Used after the other two: of three addresses holding one session each, its session is not the least recently used.
  assert.ok(await echoes(client, 'a'));
  assert.deepEqual(await flood(http, 1, { localAddress: '127.0.0.4', concurrency: 1, followUp: true }), { 200: 1 });
  assert.equal(http.sessionCount(), 4);
  assert.deepEqual(await flood(http, 1, { localAddress: '127.0.0.5', concurrency: 1, followUp: true }), { 200: 1 });
  assert.equal(http.sessionCount(), 4);
  assert.ok(await echoes(client, 'b'), 'the address that used its session last keeps it');
});
