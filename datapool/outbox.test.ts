import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { announceOf, FakeBoard, openTestPool } from './fake-board.test-helper.js';

describe('commands for an MCU that is away wait in its outbox', () => {
  test('a command for an offline board is buffered and delivered when it reconnects', async (t) => {
    const { pool, board, logs } = await openTestPool(t);
    const first = await board(announceOf('esp-1'));
    first.close();
    await logs.waitFor(/"esp-1" offline/);

    const submitted = await pool.submit({ sensor: 'DHT11' });
    assert.equal(submitted.state, 'queued');
    assert.equal((await pool.mcus())[0]?.queued, 1);

    const back = await board(announceOf('esp-1'));
    const line = await back.next();
    assert.equal(line['id'], submitted.id);
    const waiting = pool.wait(submitted.id, { timeoutMs: 5000 });
    back.reply(line, { temperature: 19 });
    const done = await waiting;
    assert.equal(done.state, 'done');
    assert.equal(done.samples[0]?.data['temperature'], 19);
    assert.equal((await pool.mcus())[0]?.queued, 0);
  });

  test('a command still unanswered when its board drops goes back to the front and is sent again', async (t) => {
    const { pool, board, logs } = await openTestPool(t);
    const first = await board(announceOf('esp-1'));
    const a = await pool.submit({ sensor: 'DHT11' });
    await first.next();
    first.close();
    await logs.waitFor(/"esp-1" offline/);
    const b = await pool.submit({ sensor: 'DHT11' });
    assert.equal((await pool.status(a.id)).state, 'queued');

    const back = await board(announceOf('esp-1'));
    assert.equal((await back.next())['id'], a.id, 'the interrupted command goes first');
    assert.equal((await back.next())['id'], b.id);
  });

  test('a series cut off by the board dropping fails with device-offline and keeps its samples', async (t) => {
    const { pool, board } = await openTestPool(t);
    const esp = await board(announceOf('esp-1'));
    const submitted = await pool.submit({ sensor: 'DHT11', interval: 0.1, duration: 0.5 });
    const line = await esp.next();
    const stored = new Promise<void>((resolve) => pool.watch(submitted.id, () => resolve()));
    esp.reply(line, { temperature: 20 });
    await stored;
    const waiting = pool.wait(submitted.id, { timeoutMs: 5000 });
    esp.close();
    const failed = await waiting;
    assert.equal(failed.state, 'failed');
    assert.equal(failed.error?.code, 'device-offline');
    assert.equal(failed.samples.length, 1);
  });

  test('a command whose TTL runs out gives the waiter expired, naming the MCU and how long it was away', async (t) => {
    const { pool, board, logs } = await openTestPool(t);
    const esp = await board(announceOf('esp-1'));
    esp.close();
    await logs.waitFor(/"esp-1" offline/);
    const submitted = await pool.submit({ sensor: 'DHT11', ttlMs: 60 });
    const failed = await pool.wait(submitted.id, { timeoutMs: 5000 });
    assert.equal(failed.state, 'failed');
    assert.equal(failed.error?.code, 'expired');
    assert.match(failed.error?.message ?? '', /MCU "esp-1" was away for \d+\.\d s/);
    assert.equal((await pool.mcus())[0]?.queued, 0);
  });

  test('no more commands in flight than the board announced; the rest go as slots free', async (t) => {
    const { pool, board } = await openTestPool(t);
    const esp = await board(announceOf('esp-1', ['DHT11'], { max_concurrent: 2 }));
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await pool.submit({ sensor: 'DHT11' })).id);
    const first = await esp.next();
    await esp.next();
    assert.equal((await pool.status(ids[2]!)).state, 'queued');
    assert.equal(esp.received.length, 2);
    esp.reply(first, { temperature: 20 });
    assert.equal((await esp.next())['id'], ids[2]);
  });

  test('an original board gets at most 4 commands at once', async (t) => {
    const { pool, board } = await openTestPool(t);
    const esp = await board({ available_sensors: ['DHT11'] });
    for (let i = 0; i < 6; i++) await pool.submit({ sensor: 'DHT11' });
    const first = await esp.line(3);
    assert.equal((await pool.mcus())[0]?.queued, 2);
    esp.reply(first, { temperature: 20 });
    await esp.line(4);
    assert.equal((await pool.mcus())[0]?.queued, 1);
  });

  test('a full outbox refuses at submit with queue-full', async (t) => {
    const { pool, port, logs } = await openTestPool(t, { outboxCapacity: 2 });
    const esp = await FakeBoard.connect(port, announceOf('esp-1'));
    await logs.waitFor(/"esp-1" online/);
    esp.close();
    await logs.waitFor(/"esp-1" offline/);
    await pool.submit({ sensor: 'DHT11' });
    await pool.submit({ sensor: 'DHT11' });
    await assert.rejects(pool.submit({ sensor: 'DHT11' }), { code: 'queue-full', message: /esp-1.*offline/ });
  });

  test('cancelling a queued command fails it with cancelled and it is never sent', async (t) => {
    const { pool, board, logs } = await openTestPool(t);
    const esp = await board(announceOf('esp-1'));
    esp.close();
    await logs.waitFor(/"esp-1" offline/);
    const a = await pool.submit({ sensor: 'DHT11' });
    const b = await pool.submit({ sensor: 'DHT11' });
    const cancelled = await pool.cancel(a.id);
    assert.equal(cancelled.state, 'failed');
    assert.equal(cancelled.error?.code, 'cancelled');
    const back = await board(announceOf('esp-1'));
    assert.equal((await back.next())['id'], b.id);
  });
});
