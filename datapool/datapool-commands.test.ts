import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CommandEvent } from './datapool.js';
import { announceOf, openTestPool } from './fake-board.test-helper.js';
import { readStoredRecords } from './store/store.js';
import type { SampleRecord } from './types.js';

async function storedRecords(dir: string): Promise<Record<string, unknown>[]> {
  return (await readStoredRecords(dir)) as unknown as Record<string, unknown>[];
}

describe('a command reaches its board and its samples come back', () => {
  test('one sample: the board gets the line with the id, the waiter gets the data with all four hops in order, the file keeps it', async (t) => {
    const { pool, board, dir } = await openTestPool(t);
    const esp = await board(announceOf('esp-1'));
    const submitted = await pool.submit({ sensor: 'dht-11', command: 'read_temp' });
    assert.equal(submitted.mcu, 'esp-1');
    assert.equal(submitted.expected, 1);
    assert.equal(submitted.request.sensor, 'DHT11');

    const line = await esp.next();
    assert.deepEqual(line, { sensor: 'DHT11', command: 'read_temp', interval: 2, duration: 0, id: submitted.id });

    const waiting = pool.wait(submitted.id, { timeoutMs: 5000 });
    esp.reply(line, { temperature: 21.5 });
    const done = await waiting;
    assert.equal(done.state, 'done');
    assert.equal(done.samples.length, 1);
    const sample = done.samples[0]!;
    assert.deepEqual(sample.data, { temperature: 21.5 });
    assert.deepEqual(sample.device, { timestamp: 1234, peakMemory: 70_000, memorySource: 'modeled', elapsedMs: null });
    assert.equal(sample.final, true);
    assert.equal(sample.seq, 0);
    const { accepted, dispatched, received, stored } = sample.hops;
    assert.ok(accepted <= dispatched && dispatched <= received && received <= stored, JSON.stringify(sample.hops));
    assert.ok(accepted > Date.now() - 60_000, 'hops are wall-clock epoch ms');

    const records = await storedRecords(dir);
    const kinds = records.filter((r) => r['id'] === submitted.id).map((r) => r['kind']);
    assert.deepEqual(kinds, ['command', 'dispatch', 'sample', 'end']);
    assert.equal(records.find((r) => r['kind'] === 'end' && r['id'] === submitted.id)?.['samples'], 1, 'the end says how many samples it yielded');
    const onFile = records.find((r) => r['kind'] === 'sample') as unknown as SampleRecord;
    assert.deepEqual(onFile.data, { temperature: 21.5 });
    assert.ok(onFile.hops.stored >= onFile.hops.received);
  });

  test('a series yields floor(duration / interval) samples and only the last is final', async (t) => {
    const { pool, board } = await openTestPool(t);
    const esp = await board(announceOf('esp-1'));
    const submitted = await pool.submit({ sensor: 'DHT11', interval: 0.5, duration: 1.5 });
    assert.equal(submitted.expected, 3);
    const line = await esp.next();
    const waiting = pool.wait(submitted.id, { timeoutMs: 5000 });
    for (let i = 0; i < 3; i++) esp.reply(line, { temperature: 20 + i, humidity: 40 });
    const done = await waiting;
    assert.equal(done.state, 'done');
    assert.deepEqual(
      done.samples.map((s) => [s.seq, s.final, s.data['temperature']]),
      [
        [0, false, 20],
        [1, false, 21],
        [2, true, 22],
      ],
    );
  });

  test('a stream runs until cancelled; the board gets exit with the target and its own id', async (t) => {
    const { pool, board } = await openTestPool(t);
    const esp = await board(announceOf('esp-1'));
    const submitted = await pool.submit({ sensor: 'DHT11', interval: 0.1, duration: -1 });
    assert.equal(submitted.expected, null);
    const line = await esp.next();

    const samples: SampleRecord[] = [];
    let twoStored!: () => void;
    const stored = new Promise<void>((resolve) => (twoStored = resolve));
    pool.watch(submitted.id, (event: CommandEvent) => {
      if (event.type === 'sample') samples.push(event.sample);
      if (samples.length === 2) twoStored();
    });
    esp.reply(line, { temperature: 20 });
    esp.reply(line, { temperature: 21 });
    await stored;
    assert.equal((await pool.status(submitted.id)).state, 'dispatched');
    assert.equal(
      samples.every((s) => !s.final),
      true,
    );

    const cancelled = await pool.cancel(submitted.id);
    assert.equal(cancelled.state, 'done');
    assert.equal(cancelled.samples.length, 2);
    assert.equal(cancelled.error, undefined);
    const exit = await esp.next();
    assert.equal(exit['command'], 'exit');
    assert.equal(exit['target'], submitted.id);
    assert.equal(typeof exit['id'], 'string');
    assert.notEqual(exit['id'], submitted.id);
  });

  test('a board with the original firmware (only available_sensors, DS18X20 spelling) gets its own spelling and works', async (t) => {
    const { pool, board } = await openTestPool(t);
    const original = await board({ available_sensors: ['DS18X20', 'HC_SR04'] });
    const [info] = await pool.mcus();
    assert.equal(info?.id, 'board-127.0.0.1');
    assert.deepEqual(info?.sensors, ['DS18B20', 'HC-SR04']);
    assert.equal(info?.model, null);
    assert.equal(info?.memorySource, 'unknown');

    const submitted = await pool.submit({ sensor: 'DS18B20', command: 'read_temp' });
    const line = await original.next();
    assert.equal(line['sensor'], 'DS18X20');
    assert.equal(line['id'], submitted.id);
    const waiting = pool.wait(submitted.id, { timeoutMs: 5000 });
    original.reply(line, { temperatures: [21.25] });
    const done = await waiting;
    assert.equal(done.state, 'done');
    assert.equal(done.samples[0]?.sensor, 'DS18B20');
    assert.deepEqual(done.samples[0]?.data, { temperatures: [21.25] });
    assert.equal(done.samples[0]?.device.memorySource, 'measured');
    assert.equal((await pool.mcus())[0]?.memorySource, 'measured');

    const ranger = await pool.submit({ sensor: 'hc-sr04', command: 'read_distance' });
    assert.equal((await original.next())['sensor'], 'HC_SR04');
    assert.equal(ranger.mcu, 'board-127.0.0.1');
  });

  test('an error line fails the command with device-error and keeps the samples so far', async (t) => {
    const { pool, board } = await openTestPool(t);
    const esp = await board(announceOf('esp-1'));
    const submitted = await pool.submit({ sensor: 'DHT11', interval: 0.1, duration: 0.3 });
    const line = await esp.next();
    const waiting = pool.wait(submitted.id, { timeoutMs: 5000 });
    esp.reply(line, { temperature: 20 });
    esp.send({ id: line['id'], error: 'DHT11 checksum error' });
    const failed = await waiting;
    assert.equal(failed.state, 'failed');
    assert.equal(failed.error?.code, 'device-error');
    assert.match(failed.error?.message ?? '', /checksum/);
    assert.equal(failed.samples.length, 1);
  });

  test('a board that says it is busy in a code fails the command with queue-full; the same text without the code is a device-error', async (t) => {
    const { pool, board } = await openTestPool(t);
    const esp = await board(announceOf('esp-1'));
    const busy = 'Command queue full: 4 running, 16 pending';
    const refused = async (reply: Record<string, unknown>): Promise<string | undefined> => {
      const submitted = await pool.submit({ sensor: 'DHT11' });
      const line = await esp.next();
      const waiting = pool.wait(submitted.id, { timeoutMs: 5000 });
      esp.send({ id: line['id'], ...reply });
      const failed = await waiting;
      assert.equal(failed.state, 'failed');
      assert.match(failed.error?.message ?? '', /queue full/);
      return failed.error?.code;
    };
    assert.equal(await refused({ error: busy, error_code: 'busy' }), 'queue-full');
    assert.equal(await refused({ error: busy }), 'device-error', 'the original firmware sends no code: its text is not read');
    assert.equal(await refused({ error: busy, error_code: 'on-fire' }), 'device-error', 'a code the datapool does not know');
  });

  test('wait returns the status so far when its time runs out', async (t) => {
    const { pool, board } = await openTestPool(t);
    await board(announceOf('esp-1'));
    const submitted = await pool.submit({ sensor: 'DHT11' });
    const status = await pool.wait(submitted.id, { timeoutMs: 30, until: 'window' });
    assert.equal(status.state, 'dispatched');
    assert.equal(status.samples.length, 0);
    await assert.rejects(pool.wait('no-such-id', { timeoutMs: 10 }), { code: 'not-found' });
  });
});
