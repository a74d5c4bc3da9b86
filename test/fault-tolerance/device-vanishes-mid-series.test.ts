import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { JsonSchemaType } from '@modelcontextprotocol/sdk/validation/types.js';
import { connectToolHost, openServerLinks, toolHostOver } from '../../bench/host/connect.js';
import type { ServerLinks } from '../../bench/host/server-link.js';
import type { HostCallResult, ToolHost } from '../../bench/host/tool-host.js';
import { DEFAULT_GRACE_MS } from '../../bench/mcp/tool-call.js';
import type { SensorToolOutput } from '../../bench/mcp/tool-result.js';
import type { CommandEvent } from '../../datapool/datapool.js';
import { startTestSystem, type TestSystem, watchingClient } from './fault-tolerance.test-helper.js';

/**
 * A board that disappears in the middle of a series (or of a real-time window) costs the caller nothing it
 * already had: the call comes back at once, as an error result that names the board, says after how many
 * of how many samples it went, and carries those samples in its text and its structured result.
 */

/** The boards sample 20 times faster than real time: a 10 s series takes half a second. */
const SPEED = 20;
const SERIES = { duration: 10, interval: 1 } as const;
/** The call's own limit: the series' duration plus the grace time. Vanishing must be answered far sooner. */
const CALL_LIMIT_MS = SERIES.duration * 1000 + DEFAULT_GRACE_MS;

let system: TestSystem;
let memoryHost: ToolHost;
let memoryLinks: ServerLinks;
let httpHost: ToolHost;
/** Called with every sample the datapool stores for a command the MCP servers submitted. */
let onSample: ((id: string, count: number) => void) | null = null;
const counts = new Map<string, number>();

before(async () => {
  system = await startTestSystem({ speed: SPEED });
  const datapool = watchingClient(system.system.server.datapool, (id: string, event: CommandEvent) => {
    if (event.type !== 'sample') return;
    const count = (counts.get(id) ?? 0) + 1;
    counts.set(id, count);
    onSample?.(id, count);
  });
  // Hosts skip checking results against output schemas (compiling 80 validators is slow); the tests check
  // the few results they get, as an SDK client would (`assertMatchesOutputSchema`).
  memoryLinks = await openServerLinks({ transport: 'memory', architecture: 'gateway', datapool, validateResults: false });
  [memoryHost, httpHost] = await Promise.all([
    toolHostOver(memoryLinks, { transport: 'memory', architecture: 'gateway' }),
    connectToolHost({ transport: 'http', architecture: 'gateway', datapool, validateResults: false }),
  ]);
});

after(async () => {
  await Promise.all([memoryHost?.close(), httpHost?.close()]);
  await system?.close();
});

/** Makes `vanish` run once the command has 3 stored samples; returns the command's id once it did. */
function vanishAfterThirdSample(vanish: () => void): Promise<string> {
  return new Promise((resolve) => {
    onSample = (id, count) => {
      if (count !== 3) return;
      onSample = null;
      vanish();
      resolve(id);
    };
  });
}

/** Checks `structured` against the output schema `server` declares for `tool`, with the SDK's own validator. */
async function assertMatchesOutputSchema(server: string, tool: string, structured: unknown): Promise<void> {
  const link = memoryLinks.links.find((l) => l.server === server)!;
  const listed = (await link.client.listTools()).tools.find((t) => t.name === tool)!;
  const check = new AjvJsonSchemaValidator().getValidator(listed.outputSchema as JsonSchemaType)(structured);
  assert.ok(check.valid, `${server} ${tool}: ${check.errorMessage}`);
}

/** What every vanished-board result must hold; returns its structured output. */
async function assertPartialResult(result: HostCallResult, started: number, board: string, id: string, expected: number): Promise<SensorToolOutput> {
  const elapsed = performance.now() - started;
  assert.equal(result.isError, true, result.text);
  assert.equal(result.transportError, undefined, result.text);
  assert.equal(result.errorCode, 'device-offline', result.text);
  assert.ok(elapsed < CALL_LIMIT_MS / 10, `answered in ${elapsed.toFixed(0)} ms; the call's limit is ${CALL_LIMIT_MS} ms`);

  // The datapool failed the command, keeping every sample it had stored.
  const status = await system.system.server.datapool.status(id);
  assert.equal(status.state, 'failed');
  assert.equal(status.error?.code, 'device-offline');
  const n = status.samples.length;
  assert.ok(n >= 3 && n < expected, `${n} samples kept`);

  // The structured result carries those samples, and the error.
  assert.ok(result.structured !== null, 'an error result with samples has a structured part');
  const output = result.structured as unknown as SensorToolOutput;
  assert.equal(output.id, id);
  assert.equal(output.mcu, board);
  assert.equal(output.count, n);
  assert.deepEqual(
    output.readings.map((reading) => reading.seq),
    [...Array(n).keys()],
  );
  assert.deepEqual(
    output.readings.map((reading) => reading.values),
    status.samples.map((sample) => sample.data),
  );
  assert.equal(output.timing.samples.length, n);
  assert.equal(output.error?.code, 'device-offline');
  assert.equal(output.error?.message, result.text);

  // The text names the board, says after how many of how many samples it went, and quotes them.
  assert.match(result.text, new RegExp(`^device offline: MCU "${board}" \\(\\w+\\) went offline after ${n} of ${expected} samples? \\(`));
  assert.ok(result.text.includes(JSON.stringify(status.samples[0]!.data)), result.text);
  assert.ok(result.text.includes(JSON.stringify(status.samples[n - 1]!.data)), result.text);
  return output;
}

test('a board switched off after 3 samples of a 10-sample series: the samples and a clear error, at once (memory)', async () => {
  const board = system.system.fleet.mcu('esp8266-garage')!;
  const vanished = vanishAfterThirdSample(() => void board.stop());
  const started = performance.now();
  const result = await memoryHost.call('hc_sr04_read_distance', { ...SERIES, mcu: board.id }, { timeoutMs: CALL_LIMIT_MS * 2 });
  const output = await assertPartialResult(result, started, board.id, await vanished, 10);
  await assertMatchesOutputSchema('iotmcp/sensors/hc-sr04', 'read_distance', result.structured);
  assert.equal(output.real_time, false);
  assert.equal(typeof output.readings[0]!.values['distance_cm'], 'number');
});

test('a board whose connection drops without a goodbye after 3 samples: the same, over Streamable HTTP', async () => {
  const board = system.system.fleet.mcu('esp32c6-bedroom')!;
  const vanished = vanishAfterThirdSample(() => board.disconnect());
  const started = performance.now();
  const result = await httpHost.call('dht11_read_temperature', { ...SERIES, mcu: board.id }, { timeoutMs: CALL_LIMIT_MS * 2 });
  await assertPartialResult(result, started, board.id, await vanished, 10);

  // The board redials; once it is back, the same call reads it in full.
  await system.system.server.datapool.whenOnline([board.id], 5000);
  const again = await httpHost.call('dht11_read_temperature', { ...SERIES, mcu: board.id }, { timeoutMs: CALL_LIMIT_MS * 2 });
  assert.equal(again.isError, false, again.text);
  assert.equal((again.structured as unknown as SensorToolOutput).count, 10);
});

test('a board that vanishes inside a real-time window: the samples of the window so far and a clear error, at once', async () => {
  const board = system.system.fleet.mcu('esp32c3-garden')!;
  const vanished = vanishAfterThirdSample(() => void board.stop());
  const started = performance.now();
  const result = await memoryHost.call('bh1750_read_lux', { real_time: true, ...SERIES, mcu: board.id }, { timeoutMs: CALL_LIMIT_MS * 2 });
  // The window is a command as long as the window, so the text can say how many of its samples came.
  const output = await assertPartialResult(result, started, board.id, await vanished, 10);
  await assertMatchesOutputSchema('iotmcp/sensors/bh1750', 'read_lux', result.structured);
  assert.equal(output.real_time, true);
  assert.equal(output.window_s, 10);
  assert.equal(typeof output.readings[0]!.values['lux'], 'number');

  // Nothing is left running for nobody: the window ended with its board.
  const status = await system.system.server.datapool.status(output.id);
  assert.equal(status.request.duration, 10);
  assert.equal(status.state, 'failed');
});
