import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CLI_PATH } from '../core/package.js';
import type { McuInfo } from '../datapool/types.js';
import { startCli } from './cli-service.test-helper.js';
import { cli } from './run-command.test-helper.js';

/**
 * A lab's datapool on every interface (reached here on loopback): it starts only with its secrets, and then
 * requires them of every client: HTTP callers (raw, `fleet`, an `mcp serve --datapool` child) and boards.
 */

const TOKEN = 'lab-http-token-1';
const DEVICE_TOKEN = 'lab-device-token-2';
const NO_SECRETS = { IOTMCP_TOKEN: '', IOTMCP_DEVICE_TOKEN: '' };

async function mcus(url: string): Promise<McuInfo[]> {
  const res = await fetch(`${url}/mcus`, { headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(res.status, 200);
  return (await res.json()) as McuInfo[];
}

test('a datapool on 0.0.0.0 with its tokens admits only clients and boards that present them', { timeout: 60_000 }, async (t) => {
  const data = await mkdtemp(join(tmpdir(), 'iotmcp-open-datapool-'));
  t.after(() => rm(data, { recursive: true, force: true }));
  const datapool = startCli(t, ['datapool', '--devices', '0.0.0.0:0', '--http', '0.0.0.0:0', '--data', data], {
    IOTMCP_TOKEN: TOKEN,
    IOTMCP_DEVICE_TOKEN: DEVICE_TOKEN,
  });
  const [, devicesPort, httpPort] = await datapool.waitFor(
    /devices tcp:\/\/0\.0\.0\.0:(\d+) \(device token required\), host API http:\/\/0\.0\.0\.0:(\d+) \(token required\)/,
  );
  const url = `http://127.0.0.1:${httpPort}`;

  // HTTP: nothing without the token, everything with it.
  assert.equal((await fetch(`${url}/health`)).status, 401);
  assert.equal((await fetch(`${url}/health`, { headers: { authorization: 'Bearer wrong' } })).status, 401);
  assert.equal((await fetch(`${url}/health`, { headers: { authorization: `Bearer ${TOKEN}` } })).status, 200);
  const anonymous = await cli(['fleet', '--datapool', url], { env: NO_SECRETS, timeoutMs: 20_000 });
  assert.equal(anonymous.code, 1);
  assert.match(anonymous.stderr, /refused the request: the datapool HTTP API requires a token.*IOTMCP_TOKEN/);

  // Boards: a fleet with the wrong device token is told so and never comes online.
  const impostors = startCli(t, ['devices', '--device-listener', `127.0.0.1:${devicesPort}`], { IOTMCP_DEVICE_TOKEN: 'impostor-token-x' });
  await impostors.waitFor(/refused this board: unauthorized: wrong device token/);
  impostors.child.kill('SIGTERM');
  await datapool.waitFor(/unauthorized board "[^"]+": wrong device token/);
  assert.deepEqual(await mcus(url), []);
  assert.doesNotMatch(datapool.output(), /impostor-token-x|lab-device-token-2|lab-http-token-1/, 'the datapool never logs a token');

  // With the right one the fleet comes online, and `fleet` lists it when given the HTTP token.
  const boards = startCli(t, ['devices', '--device-listener', `127.0.0.1:${devicesPort}`], { IOTMCP_DEVICE_TOKEN: DEVICE_TOKEN });
  await datapool.waitFor(/MCU "esp32s3-kitchen" online/);
  await datapool.waitFor(/MCU "esp32-living-room" online/);
  const listed = await cli(['fleet', '--datapool', url, '--json'], { env: { ...NO_SECRETS, IOTMCP_TOKEN: TOKEN }, timeoutMs: 20_000 });
  assert.equal(listed.code, 0, listed.stderr);
  assert.ok((JSON.parse(listed.stdout) as { mcus: McuInfo[] }).mcus.some((mcu) => mcu.id === 'esp32s3-kitchen' && mcu.online));
  assert.doesNotMatch(listed.stdout, new RegExp(DEVICE_TOKEN), 'GET /mcus never shows the device token');

  // An `mcp serve --datapool` child (as the host launches it over stdio) takes the token from its environment.
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI_PATH, 'mcp', 'serve', '--transport', 'stdio', '--sensor', 'DHT11', '--datapool', url],
    env: { ...getDefaultEnvironment(), IOTMCP_TOKEN: TOKEN },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'secrets-test', version: '0.0.0' });
  await client.connect(transport);
  t.after(() => client.close());
  const result = await client.callTool({ name: 'read_temperature', arguments: { place: 'living-room' } });
  assert.equal(result.isError ?? false, false, JSON.stringify(result.content));
  assert.equal((result.structuredContent as { mcu: string }).mcu, 'esp32-living-room');
  boards.child.kill('SIGTERM');
});
