import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { echoServerFactory } from '../bench/mcp/mqtt/echo-server.test-helper.js';
import { startMosquitto } from '../bench/mcp/mqtt/local-broker.js';
import { DEFAULT_MCP_HTTP, serveMcpOverHttp } from '../bench/mcp/transports/http.js';
import { startOpenAiServer } from '../bench/providers/wire-servers/openai-server.test-helper.js';
import { DEFAULT_MCP_LISTEN } from '../cli/commands/mcp.js';
import { DEFAULT_DEVICES, DEFAULT_HTTP, parseHostPort } from '../cli/options.js';
import { isLoopbackHost } from '../core/security/loopback.js';
import { startDatapoolServer } from '../datapool/server.js';
import { startCli } from './cli-service.test-helper.js';

/**
 * Every network listener binds 127.0.0.1 unless told otherwise: checked on the address each one really
 * bound, and by dialing it on this machine's other addresses, where nothing may answer.
 */

/** This machine's addresses other hosts could use (none on a machine without a network). */
const OUTSIDE = Object.values(networkInterfaces())
  .flat()
  .filter((info) => info !== undefined && !info.internal && !info.address.startsWith('fe80:'))
  .map((info) => info!.address);

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(1000, () => socket.destroy(new Error('timeout')));
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function assertLoopbackOnly(what: string, host: string, port: number): Promise<void> {
  assert.equal(host, '127.0.0.1', `${what} bound ${host}`);
  assert.equal(await answers('127.0.0.1', port), true, `${what} answers on loopback`);
  for (const address of OUTSIDE) assert.equal(await answers(address, port), false, `${what} must not answer on ${address}:${port}`);
}

async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'iotmcp-bind-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('every default listen address is loopback, and a bare port means 127.0.0.1', () => {
  for (const address of [DEFAULT_DEVICES, DEFAULT_HTTP, DEFAULT_MCP_LISTEN, '9000', ':8000']) {
    assert.equal(parseHostPort(address).host, '127.0.0.1', address);
  }
  assert.ok(isLoopbackHost(DEFAULT_MCP_HTTP.host));
});

test('the datapool, MCP over HTTP, the local broker and the provider wire servers bind 127.0.0.1 by default', async (t) => {
  const datapool = await startDatapoolServer({ dataDir: await tempDir(t), log: () => {}, devices: { port: 0 }, http: { port: 0 } });
  t.after(() => datapool.close());
  await assertLoopbackOnly('the device listener', datapool.devicesAddress.host, datapool.devicesAddress.port);
  await assertLoopbackOnly('the datapool HTTP API', datapool.httpAddress!.host, datapool.httpAddress!.port);

  const mcp = await serveMcpOverHttp({
    servers: [{ name: 'iotmcp/test/echo', description: 'echo', factory: echoServerFactory() }],
    listen: { ...DEFAULT_MCP_HTTP, port: 0 },
  });
  t.after(() => mcp.close());
  await assertLoopbackOnly('MCP over HTTP', mcp.address().host, mcp.address().port);

  const broker = await startMosquitto();
  t.after(() => broker.stop());
  await assertLoopbackOnly('the local Mosquitto', new URL(broker.url).hostname, broker.port);

  const wire = await startOpenAiServer();
  t.after(() => wire.close());
  await assertLoopbackOnly('the provider wire server', new URL(wire.baseUrl).hostname, wire.port);
});

test('the CLI services given only a port bind 127.0.0.1', async (t) => {
  const datapool = startCli(t, ['datapool', '--devices', '0', '--http', '0', '--data', await tempDir(t)]);
  const mcp = startCli(t, ['mcp', 'serve', '--transport', 'http', '--listen', '0']);
  const [, devicesHost, devicesPort, httpHost, httpPort] = await datapool.waitFor(/devices tcp:\/\/([^:]+):(\d+), host API http:\/\/([^:]+):(\d+)/);
  await assertLoopbackOnly('datapool --devices', devicesHost!, Number(devicesPort));
  await assertLoopbackOnly('datapool --http', httpHost!, Number(httpPort));
  const [, mcpHost, mcpPort] = await mcp.waitFor(/on http:\/\/([^:]+):(\d+)\/mcp\/<sensor>/);
  await assertLoopbackOnly('mcp serve --transport http', mcpHost!, Number(mcpPort));
});
