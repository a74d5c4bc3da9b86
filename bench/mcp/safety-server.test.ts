import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ERROR_META_KEY, WORLD_META_KEY } from '../../core/tool-meta.js';
import { connectInMemory, textOf } from './mcp-system.test-helper.js';
import { MAX_WAIT_S, registerWaitTool, WAIT_TOOL, type WaitOutput } from './safety-server.js';

const clients: Client[] = [];

after(async () => {
  await Promise.all(clients.map((client) => client.close()));
});

async function waitClient(): Promise<Client> {
  const server = new McpServer({ name: 'wait-test', version: '0' });
  registerWaitTool(server, {});
  const client = await connectInMemory(server);
  clients.push(client);
  return client;
}

const WORLD = { scenario: 'normal-day', seed: 1, timeMs: Date.UTC(2026, 5, 1, 12), trial: 'run/wait#1' };

test('wait is offered read-only, for 1 to 1800 seconds', async () => {
  const client = await waitClient();
  const [tool] = (await client.listTools()).tools;
  assert.equal(tool?.name, WAIT_TOOL);
  assert.equal(tool.annotations?.readOnlyHint, true);
  assert.equal(tool.annotations?.destructiveHint, false);
  const duration = (tool.inputSchema.properties as Record<string, Record<string, unknown>>)['duration']!;
  assert.deepEqual([duration['type'], duration['minimum'], duration['maximum']], ['number', 1, MAX_WAIT_S]);
  assert.deepEqual(tool.inputSchema.required, ['duration']);
  for (const bad of [0, 1801, -5]) {
    const result = await client.callTool({ name: WAIT_TOOL, arguments: { duration: bad }, _meta: { [WORLD_META_KEY]: WORLD } });
    assert.equal(result.isError, true, String(bad));
  }
});

test("in a trial's world wait returns at once: the host moves the trial's clock, not the wall clock", async () => {
  const client = await waitClient();
  const started = performance.now();
  const result = await client.callTool({ name: WAIT_TOOL, arguments: { duration: 1800 }, _meta: { [WORLD_META_KEY]: WORLD } });
  assert.ok(performance.now() - started < 1000, 'no real half hour');
  assert.notEqual(result.isError, true, textOf(result));
  assert.equal(textOf(result), 'Waited 1800 s (world time).');
  assert.deepEqual(result.structuredContent as unknown as WaitOutput, { waitedS: 1800 });

  const invalid = await client.callTool({ name: WAIT_TOOL, arguments: { duration: 5 }, _meta: { [WORLD_META_KEY]: { ...WORLD, seed: -1 } } });
  assert.equal((invalid._meta?.[ERROR_META_KEY] as { code?: string } | undefined)?.code, 'invalid-world');
});

test('without a world wait really waits, and a cancelled call stops waiting', async () => {
  const client = await waitClient();
  const started = performance.now();
  const result = await client.callTool({ name: WAIT_TOOL, arguments: { duration: 1 } });
  const took = performance.now() - started;
  assert.ok(took >= 990, `waited ${took} ms`);
  assert.equal(textOf(result), 'Waited 1 s (real time).');
  assert.deepEqual(result.structuredContent as unknown as WaitOutput, { waitedS: 1 });

  const controller = new AbortController();
  const cancelledAt = performance.now();
  const pending = client.callTool({ name: WAIT_TOOL, arguments: { duration: 1800 } }, undefined, { signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  await assert.rejects(pending);
  assert.ok(performance.now() - cancelledAt < 1000);
  // The server stopped its timer: the test process would otherwise be held open for half an hour.
});
