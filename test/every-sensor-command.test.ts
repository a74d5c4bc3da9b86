import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SENSORS } from '../core/sensors/catalogue.js';
import { type EmbeddedSystem, startEmbeddedSystem } from '../system/embedded.js';

let system: EmbeddedSystem;
let dataDir: string;

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'iotmcp-every-'));
  system = await startEmbeddedSystem({ devices: { host: '127.0.0.1', port: 0 }, http: false, dataDir });
});

after(async () => {
  await system?.close();
  await rm(dataDir, { recursive: true, force: true });
});

test('the default fleet carries all 22 sensor types and is online', async () => {
  const mcus = await system.server.datapool.mcus();
  assert.equal(mcus.length, 6);
  assert.ok(mcus.every((mcu) => mcu.online));
  assert.equal(new Set(mcus.map((mcu) => mcu.model)).size, 6);
  const carried = new Set(mcus.flatMap((mcu) => mcu.sensors));
  assert.deepEqual([...carried].sort(), SENSORS.map((s) => s.name).sort());
});

test('every command of every sensor type answers through the datapool with exactly its fields', async () => {
  const datapool = system.server.datapool;
  const jobs = SENSORS.flatMap((sensor) =>
    Object.entries(sensor.commands).map(async ([command, fields]) => {
      const status = await datapool.run({ sensor: sensor.name, command }, { timeoutMs: 5_000 });
      const where = `${sensor.name} ${command}`;
      assert.equal(status.state, 'done', `${where}: ${JSON.stringify(status.error)}`);
      assert.equal(status.samples.length, 1, where);
      const sample = status.samples[0]!;
      assert.match(sample.id, /^[0-9a-f-]{36}$/, where);
      assert.deepEqual(Object.keys(sample.data).sort(), [...fields].sort(), where);
      assert.equal(typeof sample.device.timestamp, 'number', where);
      assert.ok((sample.device.peakMemory ?? 0) > 0, where);
      assert.equal(sample.device.memorySource, 'modeled', where);
      const { accepted, dispatched, received, stored } = sample.hops;
      assert.ok(accepted <= dispatched && dispatched <= received && received <= stored, `${where}: hops out of order`);
    }),
  );
  await Promise.all(jobs);
  assert.equal(
    jobs.length,
    SENSORS.reduce((n, s) => n + Object.keys(s.commands).length, 0),
  );
});

test('a timed series yields floor(duration / interval) samples, spaced by the interval', async () => {
  const status = await system.server.datapool.run({ sensor: 'HC-SR04', command: 'read_distance', interval: 0.1, duration: 0.35 }, { timeoutMs: 5_000 });
  assert.equal(status.state, 'done');
  assert.equal(status.expected, 3);
  assert.equal(status.samples.length, 3);
  assert.ok(status.samples[2]!.final);
  const times = status.samples.map((s) => s.device.timestamp!);
  for (let i = 1; i < times.length; i++) {
    const gap = times[i]! - times[i - 1]!;
    assert.ok(gap >= 90 && gap < 400, `device timestamps ${gap} ms apart, expected ~100`);
  }
});

test('a world context on the command makes readings repeatable', async () => {
  const world = { scenario: 'fire', seed: 7, timeMs: Date.UTC(2026, 5, 21, 12) };
  const datapool = system.server.datapool;
  const first = await datapool.run({ sensor: 'KY-026', command: 'read_all', world }, { timeoutMs: 5_000 });
  const second = await datapool.run({ sensor: 'KY-026', command: 'read_all', world }, { timeoutMs: 5_000 });
  assert.equal(first.state, 'done');
  assert.deepEqual(first.samples[0]!.data, second.samples[0]!.data);
  assert.equal(first.samples[0]!.data['detected'], true, 'a fire trips the flame sensor');
});
