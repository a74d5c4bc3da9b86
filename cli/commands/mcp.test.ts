import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
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

test('mcp serve --actuators --audit-log serves the actuator tools and emergency_stop beside the 82, and records each call', async () => {
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
    assert.equal(names.length, 82 + 20 + 1, names.join(' '));
    assert.ok(names.includes('emergency_stop') && names.includes('main_valve_close') && names.includes('dht11_read_temperature'));
    const on = await client.callTool({ name: 'relay_fan_on', arguments: {} });
    assert.notEqual(on.isError, true, JSON.stringify(on.content));
    assert.equal((on.structuredContent as unknown as ActuatorToolOutput).state, 1);
    assert.match(stderr, /the actuator tools and emergency_stop on stdio/);
  } finally {
    await client.close();
  }
  const verdict = await verifyAuditLog(auditLog);
  assert.equal(verdict.ok, true, JSON.stringify(verdict.problem));
  assert.equal(verdict.entries, 2, 'pending, then done');
  await rm(dir, { recursive: true, force: true });
});
