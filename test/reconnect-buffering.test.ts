import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { readStoredRecords } from '../datapool/store/store.js';
import { type EmbeddedSystem, startEmbeddedSystem } from '../system/embedded.js';

let system: EmbeddedSystem;
let dataDir: string;

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'iotmcp-reconnect-'));
  system = await startEmbeddedSystem({ devices: { host: '127.0.0.1', port: 0 }, http: false, dataDir });
});

after(async () => {
  await system?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await sleep(10);
  }
  assert.fail(`timed out waiting for ${what}`);
}

async function isOnline(id: string): Promise<boolean> {
  return (await system.server.datapool.mcus()).find((mcu) => mcu.id === id)?.online === true;
}

test('a command for a board that dropped its link is buffered and delivered when it reconnects', async () => {
  const { datapool } = system.server;
  const board = system.fleet.mcu('esp8266-garage')!;
  board.disconnect();
  await until(async () => !(await isOnline(board.id)), 'the datapool to see the board go');

  const accepted = await datapool.submit({ sensor: 'HC-SR04', command: 'read_distance' });
  assert.equal(accepted.state, 'queued');
  assert.equal(accepted.mcu, board.id);

  const status = await datapool.wait(accepted.id, { timeoutMs: 10_000 });
  assert.equal(status.state, 'done', JSON.stringify(status.error));
  assert.equal(status.samples.length, 1);
  assert.equal(typeof status.samples[0]!.data['distance_cm'], 'number');
  assert.ok(await isOnline(board.id));
});

test('a board lost in the middle of a series yields the samples received and a clear error', async () => {
  const { datapool } = system.server;
  const board = system.fleet.mcu('rp2040-workshop')!;
  const accepted = await datapool.submit({ sensor: 'SW420', command: 'read_shock', interval: 0.05, duration: 5 });
  let seen = 0;
  const { stop } = datapool.watch(accepted.id, (event) => {
    if (event.type === 'sample' && ++seen === 2) board.disconnect();
  });
  try {
    const status = await datapool.wait(accepted.id, { timeoutMs: 10_000 });
    assert.equal(status.state, 'failed');
    assert.equal(status.error?.code, 'device-offline');
    assert.match(status.error!.message, /rp2040-workshop/);
    assert.ok(status.samples.length >= 2 && status.samples.length < 100, `${status.samples.length} samples kept`);
  } finally {
    stop();
  }
  await datapool.whenOnline([board.id]);
  // The samples the board sent after the datapool gave up on the series are kept as orphan records, not lost.
  await until(async () => (await readStoredRecords(dataDir)).some((record) => record.kind === 'orphan'), 'orphans');
});
