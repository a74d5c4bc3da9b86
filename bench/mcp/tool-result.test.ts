import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { findSensor } from '../../core/sensors/catalogue.js';
import type { CommandStatus } from '../../datapool/types.js';
import { type EmbeddedSystem, startEmbeddedSystem } from '../../system/embedded.js';
import { type SensorToolOutput, successResult, toolOutputSchema } from './tool-result.js';

const spec = findSensor('DHT11')!;
let system: EmbeddedSystem;
let dataDir: string;

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'iotmcp-tool-result-'));
  system = await startEmbeddedSystem({ devices: { host: '127.0.0.1', port: 0 }, http: false, dataDir, speed: 20 });
});

after(async () => {
  await system?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function resultOf(status: CommandStatus): SensorToolOutput {
  const result = successResult({ spec, tool: 'read_all', status, mcpReceived: status.accepted, realTime: false, windowS: null });
  return result.structuredContent as unknown as SensorToolOutput;
}

test('each sample timing carries the device time, and the result matches its output schema', async () => {
  const status = await system.server.datapool.run({ sensor: 'DHT11', interval: 1, duration: 3 }, { timeoutMs: 5000 });
  assert.equal(status.state, 'done');
  const output = resultOf(status);
  assert.equal(output.timing.samples.length, 3);
  output.timing.samples.forEach((sample, i) => {
    assert.equal(sample.deviceElapsedMs, status.samples[i]!.device.elapsedMs);
    assert.equal(typeof sample.deviceElapsedMs, 'number');
    assert.ok(sample.deviceElapsedMs! >= 0);
  });
  // At speed 20 sample 2 waited two intervals of 1 s / 20 on the board.
  assert.ok(output.timing.samples[2]!.deviceElapsedMs! >= 100, `${output.timing.samples[2]!.deviceElapsedMs}`);
  assert.ok(!('elapsed_ms' in output.readings[0]!.values), 'elapsed_ms is not a reading');
  toolOutputSchema(spec, 'read_all').parse(output);
});

test('a sample stored without device time gives null; a result from an older server still validates', async () => {
  const status = await system.server.datapool.run({ sensor: 'DHT11' }, { timeoutMs: 5000 });
  const older = structuredClone(status);
  delete older.samples[0]!.device.elapsedMs;
  const output = resultOf(older);
  assert.equal(output.timing.samples[0]!.deviceElapsedMs, null);
  toolOutputSchema(spec, 'read_all').parse(output);

  const fromOldServer = structuredClone(output);
  delete fromOldServer.timing.samples[0]!.deviceElapsedMs;
  toolOutputSchema(spec, 'read_all').parse(fromOldServer);
  assert.throws(() =>
    toolOutputSchema(spec, 'read_all').parse({
      ...output,
      timing: { ...output.timing, samples: [{ ...output.timing.samples[0]!, deviceElapsedMs: 'fast' }] },
    }),
  );
});
