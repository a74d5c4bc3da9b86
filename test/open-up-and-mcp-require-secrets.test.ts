import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startCli } from './cli-service.test-helper.js';
import { cli } from './run-command.test-helper.js';

/** `up` and `mcp serve --transport http` on 0.0.0.0 (reached here on loopback) start with a token and require it. */

const TOKEN = 'up-and-mcp-token-3';
const NO_SECRETS = { IOTMCP_TOKEN: '', IOTMCP_DEVICE_TOKEN: '' };

test('up on 0.0.0.0 with its tokens: its own fleet comes online, and read works only with the token', { timeout: 60_000 }, async (t) => {
  const data = await mkdtemp(join(tmpdir(), 'iotmcp-open-up-'));
  t.after(() => rm(data, { recursive: true, force: true }));
  const up = startCli(t, ['up', '--devices', '0.0.0.0:0', '--http', '0.0.0.0:0', '--data', data, '--device-token', 'up-device-token-4'], {
    IOTMCP_TOKEN: TOKEN,
  });
  await up.waitFor(/6 MCUs online carrying 22 sensor types/);
  const [, port] = await up.waitFor(/host API http:\/\/0\.0\.0\.0:(\d+) \(token required/);
  const url = `http://127.0.0.1:${port}`;

  const anonymous = await cli(['read', 'DHT11', 'read_temp', '--datapool', url], { env: NO_SECRETS, timeoutMs: 20_000 });
  assert.equal(anonymous.code, 1);
  assert.match(anonymous.stderr, /requires a token/);
  const read = await cli(['read', 'DHT11', 'read_temp', '--json', '--datapool', url], { env: { ...NO_SECRETS, IOTMCP_TOKEN: TOKEN }, timeoutMs: 20_000 });
  assert.equal(read.code, 0, read.stderr);
  assert.equal(typeof (JSON.parse(read.stdout) as { temperature: unknown }).temperature, 'number');
});

test('mcp serve over HTTP on 0.0.0.0 with a token: 401 without it, tools with it', { timeout: 60_000 }, async (t) => {
  const mcp = startCli(t, ['mcp', 'serve', '--transport', 'http', '--listen', '0.0.0.0:0'], { IOTMCP_TOKEN: TOKEN });
  const [, port] = await mcp.waitFor(/on http:\/\/0\.0\.0\.0:(\d+)\/mcp\/<sensor>/);
  const base = `http://127.0.0.1:${port}`;

  const listing = await fetch(`${base}/`);
  assert.equal(listing.status, 401);
  assert.match(listing.headers.get('www-authenticate') ?? '', /^Bearer /);
  assert.equal((await fetch(`${base}/`, { headers: { authorization: `Bearer ${TOKEN}` } })).status, 200);

  const client = new Client({ name: 'secrets-test', version: '0.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp/dht11`), { requestInit: { headers: { authorization: `Bearer ${TOKEN}` } } }));
  t.after(() => client.close());
  const { tools } = await client.listTools();
  assert.ok(tools.some((tool) => tool.name === 'read_temperature'));
});
