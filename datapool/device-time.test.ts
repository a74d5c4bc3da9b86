import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { announceOf, openTestPool } from './fake-board.test-helper.js';

describe("a board's own time and speed", () => {
  test('elapsed_ms becomes device.elapsedMs; a real board without it, or a bad value, records null', async (t) => {
    const { pool, board } = await openTestPool(t);
    const esp = await board(announceOf('esp-1'));
    const cases: { extra: Record<string, unknown>; expected: number | null }[] = [
      { extra: { elapsed_ms: 12.345 }, expected: 12.345 },
      { extra: {}, expected: null },
      { extra: { elapsed_ms: 'soon' }, expected: null },
      { extra: { elapsed_ms: -3 }, expected: null },
      { extra: { elapsed_ms: null }, expected: null },
    ];
    for (const { extra, expected } of cases) {
      const submitted = await pool.submit({ sensor: 'DHT11', command: 'read_temp' });
      const line = await esp.next();
      const waiting = pool.wait(submitted.id, { timeoutMs: 5000 });
      esp.reply(line, { temperature: 21 }, extra);
      const done = await waiting;
      const sample = done.samples[0]!;
      assert.equal(sample.device.elapsedMs, expected, JSON.stringify(extra));
      assert.deepEqual(sample.data, { temperature: 21 }, 'elapsed_ms is never sensor data');
    }
  });

  test("an announce's speed shows in McuInfo; absent means 1 and a bad one is ignored with a warning", async (t) => {
    const { pool, board, logs } = await openTestPool(t);
    await board(announceOf('fast', ['DHT11'], { speed: 20 }));
    await board({ available_sensors: ['BH1750'] });
    await board(announceOf('odd', ['DHT11'], { speed: 0.5 }));
    const speeds = Object.fromEntries((await pool.mcus()).map((m) => [m.id, m.speed]));
    assert.deepEqual(speeds, { 'board-127.0.0.1': 1, fast: 20, odd: 1 });
    await logs.waitFor(/ignored speed: expected a number >= 1/);
  });
});
