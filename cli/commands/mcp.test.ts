import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { ActuatorToolOutput } from '../../bench/mcp/actuator-result.js';
import { verifyAuditLog } from '../../bench/mcp/safety/audit-verify.js';
import { CLI_PATH } from '../../core/package.js';

const run = promisify(execFile);

test('mcp serve --actuators refuses to start without --audit-log', async () => {
  await assert.rejects(run(process.execPath, [CLI_PATH, 'mcp', 'serve', '--actuators', '--transport', 'stdio']), (error: { stderr: string }) => {
    assert.match(error.stderr, /--actuators needs --audit-log/);
    return true;
  });
});

test('mcp serve --actuators --audit-log serves the actuator tools, emergency_stop and wait beside the 82, and records each call', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'iotmcp-mcp-actuators-'));
  const auditLog = join(dir, 'audit.jsonl');
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI_PATH, 'mcp', 'serve', '--transport', 'stdio', '--actuators', '--audit-log', auditLog],
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const client = new Client({ name: 'iotmcp-actuators-test', version: '0.0.0' });
  try {
    await client.connect(transport);
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    assert.equal(names.length, 82 + 20 + 2, names.join(' '));
    assert.ok(names.includes('emergency_stop') && names.includes('wait') && names.includes('main_valve_close') && names.includes('dht11_read_temperature'));
    const on = await client.callTool({ name: 'relay_fan_on', arguments: {} });
    assert.notEqual(on.isError, true, JSON.stringify(on.content));
    assert.equal((on.structuredContent as unknown as ActuatorToolOutput).state, 1);
    assert.match(stderr, /the actuator tools, emergency_stop and wait on stdio/);
  } finally {
    await client.close();
  }
  const verdict = await verifyAuditLog(auditLog);
  assert.equal(verdict.ok, true, JSON.stringify(verdict.problem));
  assert.equal(verdict.entries, 2, 'pending, then done');
  await rm(dir, { recursive: true, force: true });
});

/** Runs `mcp serve` with `args` and this environment on top of ours, expecting it to refuse to start; its stderr. */
async function refusal(args: string[], env: Record<string, string> = {}): Promise<string> {
  try {
    await run(process.execPath, [CLI_PATH, 'mcp', 'serve', ...args], { env: { ...process.env, ...env } });
  } catch (error) {
    return (error as { stderr: string }).stderr;
  }
  assert.fail(`mcp serve ${args.join(' ')} started`);
}

test('mcp serve --actuators off loopback refuses to start without an actuator token, or with the read token as one', async () => {
  const http = ['--transport', 'http', '--listen', '0.0.0.0:0', '--actuators', '--audit-log', join(tmpdir(), 'never-written.jsonl')];
  assert.match(
    await refusal(http, { IOTMCP_TOKEN: 'read-1' }),
    /refusing to serve the actuator tools on 0\.0\.0\.0:0 without an actuator token.*--actuator-token/s,
  );
  assert.match(await refusal(http, { IOTMCP_TOKEN: 'same-1', IOTMCP_ACTUATOR_TOKEN: 'same-1' }), /must differ from the read token/);
  assert.match(await refusal(['--transport', 'stdio', '--actuator-token', 'x']), /--actuator-token is for --actuators/);
  const mqtt = ['--transport', 'mqtt', '--broker', 'mqtt://broker.example:1883', '--mqtt-username', 'lab', '--actuators', '--audit-log', 'a.jsonl'];
  assert.match(await refusal(mqtt), /refusing to serve the actuator tools through the MQTT broker mqtt:\/\/broker\.example:1883.*--transport http/s);
  assert.match(
    await refusal([...mqtt.slice(0, 6), '--actuators', '--audit-log', 'a.jsonl', '--actuator-token', 'x']),
    /--actuator-token is for --transport http/,
  );
});

test('mcp serve over http with both tokens: the read token reads but is refused the actuators, the actuator token moves them', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'iotmcp-mcp-actuator-token-'));
  const child = spawn(
    process.execPath,
    [CLI_PATH, 'mcp', 'serve', '--transport', 'http', '--listen', '0.0.0.0:0', '--actuators', '--audit-log', join(dir, 'audit.jsonl')],
    {
      env: { ...process.env, IOTMCP_TOKEN: 'read-secret-3', IOTMCP_ACTUATOR_TOKEN: 'move-secret-4' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  t.after(async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(dir, { recursive: true, force: true });
  });
  const port = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const found = /mcp: serving .*http:\/\/0\.0\.0\.0:(\d+)\/mcp\//.exec(stderr);
      if (found) resolve(found[1]!);
    });
    child.once('exit', (code) => reject(new Error(`mcp serve exited (${code}): ${stderr}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const as = (token: string) => ({ requestInit: { headers: { authorization: `Bearer ${token}` } } });

  const listing = (await (await fetch(`${base}/`, as('read-secret-3').requestInit)).json()) as { servers: { path: string }[] };
  const paths = listing.servers.map((server) => server.path);
  assert.ok(paths.includes('/mcp/dht11') && !paths.includes('/mcp/relay-fan') && !paths.includes('/mcp/safety'), paths.join(' '));

  const reader = new Client({ name: 'reader', version: '0' });
  await assert.rejects(reader.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp/relay-fan`), as('read-secret-3'))), /forbidden/);
  const sensors = new Client({ name: 'reader', version: '0' });
  await sensors.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp/dht11`), as('read-secret-3')));
  t.after(() => sensors.close());
  assert.ok((await sensors.listTools()).tools.length > 0);

  const operator = new Client({ name: 'operator', version: '0' });
  await operator.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp/relay-fan`), as('move-secret-4')));
  t.after(() => operator.close());
  const on = await operator.callTool({ name: 'relay_fan_on', arguments: {} });
  assert.notEqual(on.isError, true, JSON.stringify(on.content));
  assert.equal((on.structuredContent as unknown as ActuatorToolOutput).state, 1);
});
