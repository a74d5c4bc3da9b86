import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { describe, test } from 'node:test';
import { findSensor } from '../../core/sensors/catalogue.js';
import { SCENARIOS } from '../../core/world/world.js';
import { type DatapoolServer, startDatapoolServer } from '../../datapool/server.js';
import type { CommandRequest, CommandStatus } from '../../datapool/types.js';
import type { SampleTiming } from '../mcu/firmware.js';
import { parseFleet } from './fleet-file.js';
import { type RunningFleet, startFleet } from './start-fleet.js';

/**
 * End to end over real sockets: an emulated board at some speed, a datapool in a temp dir, commands in.
 * Checks that speed shortens sampling but not readings, and that elapsed_ms reaches the stored samples.
 */

const scenario = SCENARIOS[0]!.name;
const fleet = parseFleet({
  name: 'speed',
  world: { scenario, seed: 11 },
  mcus: [{ id: 'esp32s3-garden', model: 'ESP32-S3', place: 'garden', sensors: ['DHT11', 'BH1750', 'DS18B20'] }],
});
const world = { scenario, seed: 11, timeMs: Date.UTC(2025, 6, 4, 15) };

async function startBoard(t: TestContext, options: { speed?: number; timing?: SampleTiming }): Promise<{ server: DatapoolServer; fleet: RunningFleet }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'device-speed-'));
  const server = await startDatapoolServer({ devices: { host: '127.0.0.1', port: 0 }, http: false, dataDir, log: () => {} });
  const running = await startFleet({ fleet, datapool: server.devicesAddress, ...options });
  t.after(async () => {
    await running.stop();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  await server.datapool.whenOnline(running.mcus.map((m) => m.id));
  return { server, fleet: running };
}

async function timedRun(server: DatapoolServer, request: CommandRequest): Promise<{ status: CommandStatus; wallMs: number }> {
  const started = performance.now();
  const status = await server.datapool.run(request, { timeoutMs: 5000 });
  const wallMs = performance.now() - started;
  assert.equal(status.state, 'done', JSON.stringify(status.error));
  return { status, wallMs };
}

describe('device speed-up', () => {
  test('a 2 s series at speed 20 takes well under 1 s and reads what a real-time board reads', async (t) => {
    const [real, fast] = await Promise.all([startBoard(t, {}), startBoard(t, { speed: 20 })]);
    const series: CommandRequest = { sensor: 'BH1750', interval: 0.5, duration: 2, world };
    const [slow, quick] = await Promise.all([timedRun(real.server, series), timedRun(fast.server, series)]);

    assert.equal(quick.status.samples.length, 4);
    assert.ok(quick.wallMs < 1000, `speed 20: ${quick.wallMs.toFixed(0)} ms of wall time`);
    assert.ok(slow.wallMs >= 1400, `speed 1 still takes its 1.5 s: ${slow.wallMs.toFixed(0)} ms`);
    assert.deepEqual(
      quick.status.samples.map((s) => s.data),
      slow.status.samples.map((s) => s.data),
      'the same readings at both speeds',
    );
  });

  test('the datapool knows a board is sped up: McuInfo.speed, 1 for a real-time board', async (t) => {
    const [real, fast] = await Promise.all([startBoard(t, {}), startBoard(t, { speed: 20 })]);
    assert.deepEqual(
      (await fast.server.datapool.mcus()).map((m) => [m.id, m.speed]),
      [['esp32s3-garden', 20]],
    );
    assert.deepEqual(
      (await real.server.datapool.mcus()).map((m) => m.speed),
      [1],
    );
    assert.equal(fast.fleet.speed, 20);
  });

  test('a speed below 1 is refused before anything connects', async () => {
    await assert.rejects(startFleet({ fleet, datapool: { host: '127.0.0.1', port: 9 }, speed: 0 }), /invalid device speed 0/);
  });
});

describe('elapsed_ms reaches the samples as device.elapsedMs', () => {
  test('instant timing: small and non-negative on every sample, never part of the data', async (t) => {
    const { server } = await startBoard(t, {});
    const { status } = await timedRun(server, { sensor: 'DHT11', interval: 0.05, duration: 0.15, world });
    assert.equal(status.samples.length, 3);
    for (const sample of status.samples) {
      const elapsed = sample.device.elapsedMs;
      assert.equal(typeof elapsed, 'number');
      assert.ok(elapsed! >= 0, `${elapsed}`);
      assert.ok(!('elapsed_ms' in sample.data), 'elapsed_ms is not a sensor field');
    }
    const first = status.samples[0]!.device.elapsedMs!;
    assert.ok(first < 50, `an instant read is held briefly: ${first} ms`);
    const last = status.samples[2]!.device.elapsedMs!;
    assert.ok(last >= 100, `the third sample of a 50 ms series was held two intervals: ${last} ms`);
  });

  test('datasheet timing: at least the read time / speed, and within the network round trip', async (t) => {
    const speed = 5;
    const { server } = await startBoard(t, { speed, timing: 'datasheet' });
    const readMs = findSensor('DS18B20')!.readTimeMs;
    const { status } = await timedRun(server, { sensor: 'DS18B20', world });
    const sample = status.samples[0]!;
    const elapsed = sample.device.elapsedMs!;
    assert.ok(elapsed >= readMs / speed, `${elapsed} ms >= ${readMs / speed} ms`);
    assert.ok(elapsed < readMs, `sped up: ${elapsed} ms < ${readMs} ms`);
    assert.ok(elapsed <= sample.hops.received - sample.hops.dispatched + 1, 'device time fits inside dispatch -> receive');
  });
});
