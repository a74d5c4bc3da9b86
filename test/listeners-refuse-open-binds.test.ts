import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli } from './run-command.test-helper.js';

/**
 * A service asked to listen where others can reach it, without the secret that would keep them out,
 * refuses to start: a non-zero exit, and a message naming the flag and the environment variable to use.
 * Clients refuse an anonymous broker that is not on this machine the same way.
 */

/** The secrets of the caller's environment must not make a refusal test pass by accident. */
const NO_SECRETS = { IOTMCP_TOKEN: '', IOTMCP_DEVICE_TOKEN: '', IOTMCP_DATAPOOL_TOKEN: '', IOTMCP_MQTT_USERNAME: '', IOTMCP_MQTT_PASSWORD: '' };
const REMOTE_BROKER = 'mqtt://192.0.2.77:1883';

async function refused(args: string[], ...needles: RegExp[]): Promise<void> {
  const result = await cli(args, { env: NO_SECRETS, timeoutMs: 30_000 });
  assert.notEqual(result.code, 0, `${args.join(' ')} must not start:\n${result.stdout}`);
  for (const needle of needles) assert.match(result.stderr, needle, args.join(' '));
}

test('the datapool and up refuse an HTTP API off loopback without --token / IOTMCP_TOKEN, creating nothing', async (t) => {
  const data = await mkdtemp(join(tmpdir(), 'iotmcp-refuse-'));
  t.after(() => rm(data, { recursive: true, force: true }));
  await refused(
    ['datapool', '--http', '0.0.0.0:0', '--devices', '0', '--data', join(data, 'pool')],
    /refusing to start the datapool HTTP API on 0\.0\.0\.0:0 without a token/,
    /--token <secret>/,
    /IOTMCP_TOKEN/,
  );
  await refused(
    ['up', '--http', '0.0.0.0:0', '--devices', '0', '--data', join(data, 'up')],
    /the datapool HTTP API on 0\.0\.0\.0:0 without a token/,
    /IOTMCP_TOKEN/,
  );
  const badToken = await cli(['datapool', '--http', '0', '--devices', '0', '--data', join(data, 'bad')], {
    env: { ...NO_SECRETS, IOTMCP_TOKEN: 'two words' },
    timeoutMs: 30_000,
  });
  assert.notEqual(badToken.code, 0);
  assert.match(badToken.stderr, /the token may contain only visible ASCII characters/);
  assert.deepEqual(await readdir(data), [], 'no store was created by a refused start');
});

test('the datapool and up refuse a device listener off loopback without --device-token, unless anonymous boards are allowed', async (t) => {
  const data = await mkdtemp(join(tmpdir(), 'iotmcp-refuse-'));
  t.after(() => rm(data, { recursive: true, force: true }));
  await refused(
    ['datapool', '--devices', '0.0.0.0:0', '--http', '0', '--data', data],
    /refusing to accept boards on 0\.0\.0\.0:0 without a device token/,
    /--device-token/,
    /IOTMCP_DEVICE_TOKEN/,
    /--allow-anonymous-devices/,
  );
  await refused(['up', '--devices', '0.0.0.0:0', '--http', '0', '--data', data], /without a device token/, /IOTMCP_DEVICE_TOKEN/);
});

test('mcp serve refuses Streamable HTTP off loopback without a token, before starting anything', async () => {
  await refused(
    ['mcp', 'serve', '--transport', 'http', '--listen', '0.0.0.0:0'],
    /refusing to start the MCP HTTP server on 0\.0\.0\.0:0 without a token/,
    /--token/,
    /IOTMCP_TOKEN/,
  );
});

test('MQTT clients refuse an anonymous broker that is not on this machine', async () => {
  const broker = [
    /refusing to connect to the MQTT broker mqtt:\/\/192\.0\.2\.77:1883 without credentials/,
    /--mqtt-username/,
    /IOTMCP_MQTT_PASSWORD/,
    /--allow-anonymous-mqtt/,
  ];
  await refused(['mcp', 'serve', '--transport', 'mqtt', '--broker', REMOTE_BROKER], ...broker);
  await refused(['devices', '--native', '--broker', REMOTE_BROKER, '--device-listener', '127.0.0.1:1'], ...broker);
  await refused(['run', '--mcp', 'mqtt', '--broker', REMOTE_BROKER, '--limit', '1', '--no-progress'], ...broker);
  await refused(['run', '--mcp', 'mqtt', '--broker', REMOTE_BROKER, '--mqtt-password', 'x'], /an MQTT password was given .* without a user name/);
});
