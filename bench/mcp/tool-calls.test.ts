import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { findSensor } from '../../core/sensors/catalogue.js';
import { WORLD_META_KEY } from '../../core/tool-meta.js';
import { HttpDatapoolClient } from '../../datapool/http-client.js';
import { reportingClient } from '../../datapool/reporting-client.test-helper.js';
import type { DatapoolClient } from '../../datapool/types.js';
import type { EmbeddedSystem } from '../../system/embedded.js';
import { startTestSystem } from '../../system/test-system.test-helper.js';
import { connectInMemory, textOf } from './mcp-system.test-helper.js';
import { createSensorServer } from './servers.js';
import type { SensorToolOutput } from './tool-result.js';

let system: EmbeddedSystem;
let closeSystem: () => Promise<void>;
const clients: Client[] = [];

before(async () => {
  ({ system, close: closeSystem } = await startTestSystem());
});

after(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await closeSystem?.();
});

async function sensorClient(sensor: string, datapool: DatapoolClient, graceMs?: number): Promise<Client> {
  const client = await connectInMemory(createSensorServer(findSensor(sensor)!, { datapool, ...(graceMs !== undefined && { graceMs }) }));
  clients.push(client);
  return client;
}

test('a series returns floor(duration / interval) readings in order', async () => {
  const client = await sensorClient('DHT11', system.server.datapool);
  const result = await client.callTool({ name: 'read_all', arguments: { duration: 1, interval: 0.25 } });
  assert.notEqual(result.isError, true, textOf(result));
  const output = result.structuredContent as unknown as SensorToolOutput;
  assert.equal(output.count, 4);
  assert.deepEqual(
    output.readings.map((reading) => reading.seq),
    [0, 1, 2, 3],
  );
  assert.equal(output.timing.samples.length, 4);
  // The model reads every sample with its time and units, and nothing computed from them.
  const text = textOf(result);
  assert.match(text, /^DHT11 on \S+ \([a-z-]+\), series of 4 samples$/m);
  const lines = text.split('\n').slice(1);
  assert.equal(lines.length, 4);
  lines.forEach((line, i) => {
    assert.match(line, new RegExp(`^t=${(i * 0.25).toFixed(2).replace('.', '\\.')} s: temperature \\d+ C, humidity \\d+ %RH$`), line);
  });
  assert.doesNotMatch(text, /\b(min|mean|max|average|true in)\b/);
});

test('a real-time window holds exactly the samples of its world-time window, whatever the board is doing', async () => {
  const ids: string[] = [];
  const datapool = system.server.datapool;
  const client = await sensorClient(
    'BH1750',
    reportingClient(datapool, (id) => ids.push(id)),
  );
  const world = { scenario: 'normal-day', seed: 1, timeMs: Date.parse('2026-06-21T12:00:00Z') };
  const call = () => client.callTool({ name: 'read_lux', arguments: { real_time: true, duration: 1, interval: 0.3 }, _meta: { [WORLD_META_KEY]: world } });
  // Three windows at once: the board runs a few commands at a time, so some wait for a timer.
  const results = await Promise.all([call(), call(), call()]);
  for (const result of results) {
    assert.notEqual(result.isError, true, textOf(result));
    const output = result.structuredContent as unknown as SensorToolOutput;
    assert.equal(output.real_time, true);
    assert.equal(output.window_s, 1);
    // floor(1 / 0.3) samples, at 0, 0.3 and 0.6 s of the window's world time.
    assert.deepEqual(
      output.readings.map((reading) => reading.seq),
      [0, 1, 2],
    );
    assert.equal(textOf(result), textOf(results[0]!), 'one world window reads the same every time');
  }
  assert.match(textOf(results[0]!), /^BH1750 on \S+ \([a-z-]+\), real-time window of 1 s, 3 samples\nt=0\.00 s: lux [\d.]+ lux\nt=0\.30 s: .+\nt=0\.60 s: .+$/);
  assert.equal(ids.length, 3);
  for (const id of ids) {
    const command = await datapool.status(id);
    assert.equal(command.request.duration, 1, 'a command as long as the window was asked for, not a stream');
    assert.equal(command.state, 'done');
  }
});

test('a board lost in the middle of a series gives an error result at once, not a hang', async () => {
  const datapool = system.server.datapool;
  const board = system.fleet.mcu('esp8266-garage')!;
  let watching: { stop: () => void } | undefined;
  const client = await sensorClient(
    'HC-SR04',
    reportingClient(datapool, (id) => {
      let seen = 0;
      watching = datapool.watch(id, (event) => {
        if (event.type === 'sample' && ++seen === 2) board.disconnect();
      });
    }),
  );
  const started = performance.now();
  try {
    const result = await client.callTool({ name: 'read_distance', arguments: { duration: 5, interval: 0.05 } });
    assert.equal(result.isError, true, textOf(result));
    assert.match(
      textOf(result),
      /^device offline: MCU "esp8266-garage" \(garage\) went offline after \d+ of 100 samples \(.+\); the \d+ received: \{"distance_cm":/,
    );
    assert.ok(performance.now() - started < 4000, 'answered long before the series would have ended');
  } finally {
    watching?.stop();
  }
  await board.whenOnline();
  await datapool.whenOnline([board.id]);
});

test('a board that is switched off times out after the grace period, and the command is cancelled', async () => {
  const ids: string[] = [];
  const datapool = system.server.datapool;
  const board = system.fleet.mcu('esp8266-garage')!;
  await board.stop();
  const client = await sensorClient(
    'HC-SR04',
    reportingClient(datapool, (id) => ids.push(id)),
    300,
  );

  const started = performance.now();
  const result = await client.callTool({ name: 'read_distance', arguments: { mcu: 'esp8266-garage' } });
  assert.equal(result.isError, true, textOf(result));
  assert.match(textOf(result), /esp8266-garage/);
  assert.match(textOf(result), /offline|timed out/);
  assert.ok(performance.now() - started < 3000);
  assert.equal((await datapool.status(ids[0]!)).state, 'failed', 'nothing is left waiting to fire later');

  const watch = await client.callTool({ name: 'read_distance', arguments: { mcu: 'esp8266-garage', real_time: true, duration: 0.3, interval: 0.1 } });
  assert.equal(watch.isError, true, textOf(watch));
  assert.match(textOf(watch), /timed out after 0\.6 s waiting for the real-time window of HC-SR04 on MCU "esp8266-garage" \(garage\), offline/);
  assert.equal((await datapool.status(ids[1]!)).state, 'failed', 'the queued window was cancelled');
});

test('a datapool that accepts the request but never answers still gives an error result', async () => {
  // A real HTTP server that reads requests and never responds: what a stuck remote datapool looks like.
  const stuck = createServer(() => {});
  await new Promise<void>((resolve) => stuck.listen(0, '127.0.0.1', resolve));
  const datapool = new HttpDatapoolClient(`http://127.0.0.1:${(stuck.address() as AddressInfo).port}`);
  try {
    const client = await sensorClient('DHT11', datapool, 100);
    const started = performance.now();
    const result = await client.callTool({ name: 'read_temperature', arguments: {} });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /^timed out reading DHT11: the datapool did not answer the command within 2\.1 s/);
    assert.ok(performance.now() - started < 5000);
  } finally {
    datapool.close();
    stuck.closeAllConnections();
    await new Promise<void>((resolve) => stuck.close(() => resolve()));
  }
});
