import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { now } from '../../core/clock.js';
import { ERROR_META_KEY } from '../../core/tool-meta.js';
import type { EmbeddedSystem } from '../../system/embedded.js';
import { startTestSystem } from '../../system/test-system.test-helper.js';
import { latencyOf } from '../scoring/latency.js';
import { PING_TOOL_NAME, type PingToolOutput } from './fleet-server.js';
import { connectInMemory, textOf } from './mcp-system.test-helper.js';
import { createAllSensorsServer, createFleetServer } from './servers.js';

let system: EmbeddedSystem;
let closeSystem: (() => Promise<void>) | undefined;
let client: Client;

before(async () => {
  ({ system, close: closeSystem } = await startTestSystem());
  client = await connectInMemory(createFleetServer({ datapool: system.server.datapool }));
});

after(async () => {
  await client?.close();
  await closeSystem?.();
});

function codeOf(result: CallToolResult): unknown {
  return (result._meta?.[ERROR_META_KEY] as { code?: unknown } | undefined)?.code;
}

test('ping_device answers with the round trip and timing that latencyOf splits like a sensor call', async () => {
  const sent = now();
  const result = (await client.callTool({ name: PING_TOOL_NAME, arguments: { mcu: 'esp32-living-room' } })) as CallToolResult;
  const received = now();
  assert.notEqual(result.isError, true, textOf(result));
  assert.match(textOf(result), /^esp32-living-room answered a ping \(pong\) in \d+\.\d{3} ms; the board held it [\d.]+ ms$/);
  const output = result.structuredContent as unknown as PingToolOutput;
  assert.equal(output.mcu, 'esp32-living-room');
  assert.equal(output.answeredBy, 'pong');
  assert.equal(typeof output.deviceElapsedMs, 'number');
  const { timing } = output;
  assert.ok(timing.mcpReceived <= timing.dispatched && timing.dispatched <= timing.lastReceived && timing.lastReceived <= timing.mcpReturned);
  assert.ok(Math.abs(output.roundTripMs - (timing.lastReceived - timing.dispatched)) < 1e-6);

  const parts = latencyOf({ sent, received, structured: output as unknown as Record<string, unknown> });
  for (const part of ['mcpMs', 'datapoolMs', 'networkMs', 'deviceMs'] as const) {
    assert.equal(typeof parts[part], 'number', part);
    assert.ok(parts[part]! >= 0, `${part} ${parts[part]}`);
  }
  const sum = parts.mcpMs! + parts.datapoolMs! + parts.networkMs! + parts.deviceMs! + parts.samplingMs!;
  assert.ok(Math.abs(sum - parts.totalMs) < 1e-6, `${sum} = ${parts.totalMs}`);
  assert.equal(parts.samplingMs, 0, 'one answer: no sampling span');
});

test('ping_device by place pings the online board there; bad or missing arguments are clear errors with codes', async () => {
  const byPlace = (await client.callTool({ name: PING_TOOL_NAME, arguments: { place: 'Garden' } })) as CallToolResult;
  assert.notEqual(byPlace.isError, true, textOf(byPlace));
  assert.equal((byPlace.structuredContent as unknown as PingToolOutput).mcu, 'esp32c3-garden');

  const nowhere = (await client.callTool({ name: PING_TOOL_NAME, arguments: { place: 'attic' } })) as CallToolResult;
  assert.equal(nowhere.isError, true);
  assert.equal(codeOf(nowhere), 'unknown-place');
  assert.match(textOf(nowhere), /no MCU in place "attic"; places: bedroom, garage/);

  const nobody = (await client.callTool({ name: PING_TOOL_NAME, arguments: { mcu: 'esp-nobody' } })) as CallToolResult;
  assert.equal(nobody.isError, true);
  assert.equal(codeOf(nobody), 'unknown-mcu');

  const neither = (await client.callTool({ name: PING_TOOL_NAME, arguments: {} })) as CallToolResult;
  assert.equal(neither.isError, true);
  assert.match(textOf(neither), /give mcu or place/);
});

test("the combined all-sensors server does not carry ping_device (its 82 tools stay the task suite's)", async () => {
  const all = await connectInMemory(createAllSensorsServer({ datapool: system.server.datapool }));
  try {
    const { tools } = await all.listTools();
    assert.equal(tools.length, 82);
    assert.ok(!tools.some((tool) => tool.name === PING_TOOL_NAME));
  } finally {
    await all.close();
  }
});

test('a board switched off fails the ping with device-offline, not a hang', async () => {
  // Last in this file: the garage board stays off.
  const board = system.fleet.mcu('esp8266-garage')!;
  await board.stop();
  // Whether or not the datapool has noticed yet, the answer is device-offline: at once, or when the socket closes.
  const result = (await client.callTool({ name: PING_TOOL_NAME, arguments: { mcu: 'esp8266-garage' } })) as CallToolResult;
  assert.equal(result.isError, true, textOf(result));
  assert.equal(codeOf(result), 'device-offline');
  assert.match(textOf(result), /^could not ping esp8266-garage: MCU "esp8266-garage" (is offline|went offline)/);
});
