import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { httpUrl } from '../core/net/host-port.js';
import { CLI_PATH } from '../core/package.js';
import { type EmbeddedSystem, startEmbeddedSystem } from '../system/embedded.js';

const run = promisify(execFile);

let system: EmbeddedSystem;
let dataDir: string;
let url: string;

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'iotmcp-cli-'));
  system = await startEmbeddedSystem({
    devices: { host: '127.0.0.1', port: 0 },
    http: { host: '127.0.0.1', port: 0 },
    dataDir,
  });
  url = httpUrl(system.server.httpAddress!);
});

after(async () => {
  await system?.close();
  await rm(dataDir, { recursive: true, force: true });
});

test('fleet --json lists 6 MCUs and 22 sensor types, all online', async () => {
  const { stdout } = await run(process.execPath, [CLI_PATH, 'fleet', '--json', '--datapool', url]);
  const { mcus, sensors } = JSON.parse(stdout) as { mcus: { online: boolean }[]; sensors: { online: number }[] };
  assert.equal(mcus.length, 6);
  assert.ok(mcus.every((mcu) => mcu.online));
  assert.equal(sensors.length, 22);
  assert.ok(sensors.every((sensor) => sensor.online > 0));
});

test('read DHT11 read_temp --json prints a record with a UUID, temperature, timestamp and peak_memory', async () => {
  const { stdout } = await run(process.execPath, [CLI_PATH, 'read', 'DHT11', 'read_temp', '--json', '--datapool', url]);
  const lines = stdout.trim().split('\n');
  assert.equal(lines.length, 1);
  const record = JSON.parse(lines[0]!) as Record<string, unknown>;
  assert.match(String(record['id']), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(typeof record['temperature'], 'number');
  assert.equal(typeof record['timestamp'], 'number');
  assert.equal(typeof record['peak_memory'], 'number');
});

test('read finds a sensor however it is spelled (hc_sr04) and prints a table', async () => {
  const { stdout } = await run(process.execPath, [CLI_PATH, 'read', 'hc_sr04', 'read_distance', '--datapool', url]);
  assert.match(stdout, /distance_cm/);
  assert.match(stdout, /HC-SR04 read_distance on /);
});

test('read of an unknown sensor fails with a message naming the valid ones', async () => {
  await assert.rejects(run(process.execPath, [CLI_PATH, 'read', 'DHT22', '--datapool', url]), (error: { stderr: string; code: number }) => {
    assert.equal(error.code, 1);
    assert.match(error.stderr, /DHT22/);
    assert.match(error.stderr, /DHT11/);
    return true;
  });
});

test('fleet against a datapool that is not running says so', async () => {
  await assert.rejects(run(process.execPath, [CLI_PATH, 'fleet', '--datapool', 'http://127.0.0.1:1']), (error: { stderr: string }) => {
    assert.match(error.stderr, /no datapool|unavailable|ECONNREFUSED/i);
    return true;
  });
});

test('devices refuses the --datapool of the other commands (an HTTP URL) and names its own flag', async () => {
  await assert.rejects(
    run(process.execPath, [CLI_PATH, 'devices', '--datapool', 'http://127.0.0.1:8000'], { timeout: 10_000 }),
    (error: { stderr: string; code: number }) => {
      assert.match(error.stderr, /--device-listener HOST:PORT \(default 127\.0\.0\.1:9000\), not --datapool/);
      assert.notEqual(error.code, 0);
      return true;
    },
  );
});

test('--help shows host:port defaults as host:port', async () => {
  const { stdout } = await run(process.execPath, [CLI_PATH, 'up', '--help']);
  assert.match(stdout, /--devices <host:port>\s+device-side TCP listener \(default: 127\.0\.0\.1:9000\)/);
  assert.doesNotMatch(stdout, /\{"host"|\[object Object\]/);
});

test('read of an MCU the datapool does not know says so at once, naming the ones it knows', async () => {
  const started = performance.now();
  await assert.rejects(
    run(process.execPath, [CLI_PATH, 'read', 'DHT11', '--mcu', 'esp32-attic', '--datapool', url]),
    (error: { stderr: string; code: number }) => {
      assert.match(error.stderr, /knows no MCU "esp32-attic"; it knows .*esp32-living-room \(online\)/);
      assert.equal(error.code, 2);
      return true;
    },
  );
  assert.ok(performance.now() - started < 5000, 'no 10 s wait for nobody');
});
