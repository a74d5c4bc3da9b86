import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { McpError } from '@modelcontextprotocol/sdk/types.js';
import { CLI_PATH } from '../../../core/package.js';
import type { SensorToolOutput } from '../tool-result.js';

test('mcp serve --sensor DHT11 --transport stdio serves the 3 DHT11 tools with live readings, and exits when stdin closes', async () => {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI_PATH, 'mcp', 'serve', '--sensor', 'dht-11', '--transport', 'stdio'],
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  // Anything on stdout that is not MCP would surface here as a parse error.
  const transportErrors: Error[] = [];
  const client = new Client({ name: 'iotmcp-stdio-test', version: '0.0.0' });
  await client.connect(transport);
  transport.onerror = (error) => transportErrors.push(error);
  try {
    assert.equal(client.getServerVersion()?.name, 'iotmcp/sensors/dht11');
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((tool) => tool.name).sort(), ['read_all', 'read_humidity', 'read_temperature']);
    for (const tool of tools) {
      const result = await client.callTool({ name: tool.name, arguments: {} });
      assert.notEqual(result.isError, true, JSON.stringify(result.content));
      const output = result.structuredContent as unknown as SensorToolOutput;
      assert.equal(output.sensor, 'DHT11');
      assert.equal(output.count, 1);
      assert.ok(Object.keys(output.readings[0]!.values).length > 0);
    }
    assert.match(stderr, /mcp: serving DHT11 \(3 tools\) on stdio; datapool: embedded, 6 emulated MCUs/);
    assert.deepEqual(transportErrors, []);
  } finally {
    const closing = performance.now();
    await client.close();
    // The client ends stdin and waits up to 2 s before resorting to SIGTERM; a clean exit is well within that.
    assert.ok(performance.now() - closing < 1800, 'the server exited on its own when stdin closed');
  }
});

test('an 11 MB tools/call on stdio is answered with -32600 for its id and skipped; the server answers the next call', async () => {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI_PATH, 'mcp', 'serve', '--sensor', 'dht-11', '--transport', 'stdio'],
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const client = new Client({ name: 'iotmcp-stdio-test', version: '0.0.0' });
  await client.connect(transport);
  let exited = false;
  transport.onclose = () => (exited = true);
  try {
    // The SDK client writes the id after the params, so the server finds it at the very end of the line.
    const oversized = client.callTool({ name: 'read_temperature', arguments: { place: 'x'.repeat(11 * 1024 * 1024) } }, undefined, { timeout: 20_000 });
    await assert.rejects(oversized, (error: McpError) => {
      assert.equal(error.code, -32600);
      assert.match(error.message, /over the 4194304-byte limit of a stdio message line; it was discarded/);
      return true;
    });
    const next = await client.callTool({ name: 'read_temperature', arguments: {} });
    assert.notEqual(next.isError, true, JSON.stringify(next.content));
    assert.equal((next.structuredContent as unknown as SensorToolOutput).sensor, 'DHT11');
    assert.equal(exited, false);
    assert.match(stderr, /mcp stdio: skipped a message line of 1153\d{4} bytes \(limit 4194304\); answered id 1 with an error/);
  } finally {
    await client.close();
  }
});
