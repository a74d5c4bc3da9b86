import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { announceOf, openTestPool } from './fake-board.test-helper.js';

describe('which MCU a connection is', () => {
  test('original boards from one address get board-<ip>, then -2; a reconnect gets its id back', async (t) => {
    const { pool, board, logs } = await openTestPool(t);
    const first = await board({ available_sensors: ['DHT11'] });
    await board({ available_sensors: ['BH1750'] });
    assert.deepEqual(
      (await pool.mcus()).map((m) => [m.id, m.sensors[0]]),
      [
        ['board-127.0.0.1', 'DHT11'],
        ['board-127.0.0.1-2', 'BH1750'],
      ],
    );
    first.close();
    await logs.waitFor(/"board-127.0.0.1" offline/);
    await board({ available_sensors: ['DHT11'] });
    const mcus = await pool.mcus();
    assert.equal(mcus.length, 2, 'the reconnect reuses the entry');
    assert.equal(
      mcus.every((m) => m.online),
      true,
    );
  });

  test('a new connection that proves an online id takes over; unanswered commands move to it', async (t) => {
    const { pool, board } = await openTestPool(t, { devices: { deviceKeys: new Map([['esp-1', 'esp-1-key']]) } });
    const old = await board(announceOf('esp-1', ['DHT11'], { token: 'esp-1-key' }));
    const submitted = await pool.submit({ sensor: 'DHT11' });
    await old.next();
    const fresh = await board(announceOf('esp-1', ['DHT11'], { place: 'Hall', token: 'esp-1-key' }));
    await old.closed;
    const line = await fresh.next();
    assert.equal(line['id'], submitted.id);
    const waiting = pool.wait(submitted.id, { timeoutMs: 5000 });
    fresh.reply(line, { temperature: 18 });
    assert.equal((await waiting).state, 'done');
    const [info] = await pool.mcus();
    assert.equal(info?.online, true);
    assert.equal(info?.place, 'Hall');
  });

  test('finished commands beyond retainFinished are forgotten, oldest first', async (t) => {
    const { pool, board } = await openTestPool(t, { retainFinished: 2 });
    const esp = await board(announceOf('esp-1'));
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const submitted = await pool.submit({ sensor: 'DHT11' });
      esp.reply(await esp.next(), { temperature: i });
      await pool.wait(submitted.id, { timeoutMs: 5000 });
      ids.push(submitted.id);
    }
    await assert.rejects(pool.status(ids[0]!), { code: 'not-found' });
    assert.equal((await pool.status(ids[2]!)).state, 'done');
  });
});
