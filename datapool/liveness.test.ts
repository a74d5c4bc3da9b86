import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { announceOf, openTestPool } from './fake-board.test-helper.js';

const HEARTBEAT = { handshakeTimeoutMs: 2000, heartbeatTimeoutMs: 300 };

describe('liveness', () => {
  test('a board silent past the heartbeat timeout is dropped and its MCU marked offline', async (t) => {
    const { pool, board, logs } = await openTestPool(t, { devices: HEARTBEAT });
    const esp = await board(announceOf('esp-1'));
    assert.equal((await pool.mcus())[0]?.online, true);
    const offline = await logs.waitFor(/"esp-1" offline/);
    assert.match(offline.message, /heartbeat timeout/);
    await esp.closed;
    const [info] = await pool.mcus();
    assert.equal(info?.online, false);
    assert.equal((await pool.health()).mcusOnline, 0);
  });

  test('PING lines keep a board alive', async (t) => {
    const { pool, board, logs } = await openTestPool(t, { devices: HEARTBEAT });
    const esp = await board(announceOf('esp-1'));
    await new Promise<void>((resolve) => {
      let pings = 0;
      const timer = setInterval(() => {
        esp.send('PING');
        if (++pings === 15) {
          clearInterval(timer);
          resolve();
        }
      }, 30);
    });
    assert.equal(logs.count(/offline/), 0);
    assert.equal((await pool.mcus())[0]?.online, true);
    assert.equal(esp.received.length, 0, 'no PONG unless asked for');
  });

  test('with answerPing the server answers PONG', async (t) => {
    const { board } = await openTestPool(t, { devices: { answerPing: true } });
    const esp = await board(announceOf('esp-1'));
    esp.send('PING');
    assert.deepEqual(await esp.next(), { raw: 'PONG' });
  });
});
