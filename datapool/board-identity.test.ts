import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Datapool } from './datapool.js';
import { announceOf, FakeBoard, LogCollector, openTestPool, type TestPool } from './fake-board.test-helper.js';
import { readStoredRecords } from './store/store.js';

const LIVING_ROOM_KEY = 'living-room-key-7f3a';
/** A regression here waits for a line or a log that never comes: fail, do not hang. */
const TEST_TIMEOUT_MS = 15_000;

/** Answers every command the board gets with `temperature`, until the test ends. */
function answerAll(board: FakeBoard, temperature: number): void {
  void (async () => {
    for (;;) {
      const command = await board.next();
      if (board.socket.destroyed) return;
      board.reply(command, { temperature });
    }
  })();
}

/** What the datapool says to a connection before it hangs up, or 'kept' when it is still open after `ms`. */
async function fate(board: FakeBoard, ms = 1000): Promise<Record<string, unknown> | 'closed' | 'kept'> {
  const said = board.line(0);
  const outcome = await Promise.race([board.closed.then(() => 'closed' as const), new Promise<'kept'>((resolve) => setTimeout(() => resolve('kept'), ms))]);
  if (outcome === 'kept') return 'kept';
  return board.received.length > 0 ? await said : 'closed';
}

async function reads(pool: Datapool, count: number, request: { mcu?: string; place?: string } = {}): Promise<unknown[]> {
  const values: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const status = await pool.run({ sensor: 'DHT11', command: 'read_temp', ...request }, { timeoutMs: 2000 });
    assert.equal(status.state, 'done', JSON.stringify(status.error));
    values.push(status.samples[0]?.data['temperature']);
  }
  return values;
}

describe('a board cannot be taken over by a connection that proves nothing', () => {
  test('a second connection claiming a live board is refused, however often it retries; the real board keeps its reads', {
    timeout: TEST_TIMEOUT_MS,
  }, async (t) => {
    // The default: loopback, no device token, so neither connection can prove anything.
    const { pool, port, board, logs } = await openTestPool(t);
    const real = await board(announceOf('esp32-living-room', ['DHT11'], { place: 'living room' }));
    answerAll(real, 21.5);

    for (let attempt = 0; attempt < 5; attempt++) {
      const hijacker = await FakeBoard.connect(port, announceOf('esp32-living-room', ['DHT11'], { place: 'living room' }));
      t.after(() => hijacker.close());
      const said = await fate(hijacker);
      assert.notEqual(said, 'kept', 'the hijacker was not hung up on');
      assert.match(String((said as Record<string, unknown>)['error']), /^refused: MCU "esp32-living-room" is already connected/);
    }

    assert.deepEqual(await reads(pool, 10), Array(10).fill(21.5));
    assert.deepEqual(await reads(pool, 3, { mcu: 'esp32-living-room' }), Array(3).fill(21.5));
    assert.equal(real.socket.destroyed, false, 'the real board was never dropped');
    const [info] = await pool.mcus();
    assert.equal(info?.online, true);
    assert.equal(info?.remote, `127.0.0.1:${real.socket.localPort}`);
    assert.equal(logs.count(/"esp32-living-room" offline/), 0);
    assert.equal(logs.count(/refused a second connection for MCU "esp32-living-room"/), 5);
  });

  test('an anonymous board in the same place takes no read from a board that proved itself, not even while that one is offline', {
    timeout: TEST_TIMEOUT_MS,
  }, async (t) => {
    const { pool, board, logs, dir } = await openTestPool(t, { devices: { deviceKeys: new Map([['esp32-living-room', LIVING_ROOM_KEY]]) } });
    const real = await board(announceOf('esp32-living-room', ['DHT11'], { place: 'living room', token: LIVING_ROOM_KEY }));
    answerAll(real, 21.5);
    // Sorts first by id, online, same place and sensor: what used to win every read that named no board.
    const squatter = await board(announceOf('aaa-living-room', ['DHT11'], { place: 'Living Room' }));
    answerAll(squatter, 99.9);

    assert.deepEqual(await reads(pool, 5), Array(5).fill(21.5));
    assert.deepEqual(await reads(pool, 5, { place: 'living_room' }), Array(5).fill(21.5));
    assert.deepEqual(await reads(pool, 1, { mcu: 'aaa-living-room' }), [99.9], 'a read that names it still reaches it');

    const mcus = await pool.mcus();
    assert.equal(mcus.find((m) => m.id === 'aaa-living-room')?.anonymous, true);
    assert.equal(mcus.find((m) => m.id === 'esp32-living-room')?.anonymous, undefined);
    const announced = (await readStoredRecords(dir)).filter((r) => r.kind === 'mcu');
    assert.deepEqual(
      announced.map((r) => [r.id, (r as { anonymous?: boolean }).anonymous]),
      [
        ['esp32-living-room', undefined],
        ['aaa-living-room', true],
      ],
    );

    real.close();
    await logs.waitFor(/"esp32-living-room" offline/);
    const waiting = await pool.submit({ sensor: 'DHT11', command: 'read_temp', ttlMs: 60_000 });
    assert.equal(waiting.mcu, 'esp32-living-room', 'it waits for the real board');
    assert.equal(waiting.state, 'queued');
  });

  test("a keyed board's id is refused without its key, online or not; with it, a reconnect replaces a connection that died silently", {
    timeout: TEST_TIMEOUT_MS,
  }, async (t) => {
    const { pool, port, board, logs } = await openTestPool(t, { devices: { deviceKeys: new Map([['esp-1', 'esp-1-key']]) } });
    const first = await board(announceOf('esp-1', ['DHT11'], { token: 'esp-1-key' }));

    const noKey = await FakeBoard.connect(port, announceOf('esp-1'));
    assert.match(String((await noKey.line(0))['error']), /^unauthorized: MCU "esp-1" has a device key on this datapool/);
    const wrongKey = await FakeBoard.connect(port, announceOf('esp-1', ['DHT11'], { token: 'guess' }));
    assert.deepEqual(await wrongKey.line(0), { error: 'unauthorized: wrong device key for MCU "esp-1"' });
    await Promise.all([noKey.closed, wrongKey.closed]);

    // As when the board's old connection died without a FIN reaching us: still open here, the board is back.
    const second = await board(announceOf('esp-1', ['DHT11'], { token: 'esp-1-key' }));
    await first.closed;
    assert.match((await logs.waitFor(/"esp-1" offline/)).message, /replaced by a new connection .*\(proved by its device-key\)/);
    answerAll(second, 18);
    assert.deepEqual(await reads(pool, 2), [18, 18]);

    second.close();
    await logs.waitFor(/"esp-1" offline/, 1);
    const whileAway = await FakeBoard.connect(port, announceOf('esp-1'));
    assert.match(String((await whileAway.line(0))['error']), /^unauthorized:/);
    assert.equal((await pool.mcus())[0]?.online, false);
  });

  test('an anonymous board back after its connection died silently gets its id once the old one passes the heartbeat timeout', {
    timeout: TEST_TIMEOUT_MS,
  }, async (t) => {
    const { pool, port, board, logs } = await openTestPool(t, { devices: { heartbeatTimeoutMs: 400 } });
    const dead = await board(announceOf('esp-quiet'));
    const tooSoon = await FakeBoard.connect(port, announceOf('esp-quiet'));
    assert.match(String((await tooSoon.line(0))['error']), /^refused:/);
    await logs.waitFor(/"esp-quiet" offline/);
    await dead.closed;
    const back = await board(announceOf('esp-quiet'));
    answerAll(back, 20);
    assert.deepEqual(await reads(pool, 1), [20]);
  });
});

describe('a board that proved itself stays proven across a restart', () => {
  test('a keyed board known only from the store keeps its reads from an anonymous board in its place', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'datapool-restart-identity-'));
    const devices = { deviceKeys: new Map([['esp-9', 'esp-9-key']]) };
    const first = await openTestPool(t, { devices }, dir);
    const real = await first.board(announceOf('esp-9', ['DHT11'], { place: 'kitchen', token: 'esp-9-key' }));
    real.close();
    await first.logs.waitFor(/"esp-9" offline/);
    await first.pool.close();

    const second = await openTestPool(t, { devices }, dir);
    t.after(() => rm(dir, { recursive: true, force: true }));
    const squatter = await second.board(announceOf('aaa', ['DHT11'], { place: 'kitchen' }));
    answerAll(squatter, 99.9);
    const waiting = await second.pool.submit({ sensor: 'DHT11', command: 'read_temp', place: 'kitchen', ttlMs: 60_000 });
    assert.equal(waiting.mcu, 'esp-9', 'it waits for the real board');
    assert.equal(waiting.state, 'queued');
    assert.deepEqual(
      (await second.pool.mcus()).map((m) => [m.id, m.online, m.anonymous === true]),
      [
        ['aaa', true, true],
        ['esp-9', false, false],
      ],
    );
  });

  test('under a device token a stored board not marked anonymous is proven; without one it is anonymous', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'datapool-restart-token-'));
    const first = await openTestPool(t, { devices: { token: 'shared-device-token' } }, dir);
    const esp = await first.board(announceOf('esp-t', ['DHT11'], { token: 'shared-device-token' }));
    esp.close();
    await first.logs.waitFor(/"esp-t" offline/);
    await first.pool.close();

    const withToken = await openTestPool(t, { devices: { token: 'shared-device-token' } }, dir);
    assert.deepEqual(
      (await withToken.pool.mcus()).map((m) => [m.id, m.anonymous === true]),
      [['esp-t', false]],
    );
    await withToken.pool.close();
    const withoutToken = await openTestPool(t, {}, dir);
    t.after(() => rm(dir, { recursive: true, force: true }));
    assert.deepEqual(
      (await withoutToken.pool.mcus()).map((m) => [m.id, m.anonymous === true]),
      [['esp-t', true]],
    );
  });
});

describe('an id made up for a board that names none', () => {
  test('is never one with a device key', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const { pool, board, logs } = await openTestPool(t, { devices: { deviceKeys: new Map([['board-127.0.0.1', 'ip-key']]) } });
    const real = await board({ available_sensors: ['DHT11'], mcu: 'board-127.0.0.1', token: 'ip-key' });
    real.close();
    await logs.waitFor(/"board-127.0.0.1" offline/);
    const nameless = await board({ available_sensors: ['DHT11'] });
    assert.deepEqual(
      (await pool.mcus()).map((m) => [m.id, m.online, m.anonymous === true]),
      [
        ['board-127.0.0.1', false, false],
        ['board-127.0.0.1-2', true, true],
      ],
    );
    const pinned = await pool.submit({ sensor: 'DHT11', command: 'read_temp', mcu: 'board-127.0.0.1', ttlMs: 60_000 });
    assert.equal(pinned.state, 'queued');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(nameless.received.length, 0, 'the nameless board got nothing meant for the keyed one');
  });
});

describe('boards gone for forgetAfterMs are forgotten', () => {
  async function goneBoard(t: Parameters<typeof openTestPool>[0], forgetAfterMs: number): Promise<TestPool> {
    const pool = await openTestPool(t, { devices: { forgetAfterMs } });
    const esp = await pool.board(announceOf('esp-gone'));
    esp.close();
    await pool.logs.waitFor(/"esp-gone" offline/);
    return pool;
  }

  test('its entry goes, and the commands still waiting for it fail at once, saying why', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const { pool, logs } = await goneBoard(t, 300);
    const waiting = await pool.submit({ sensor: 'DHT11', mcu: 'esp-gone', ttlMs: 60_000 });
    assert.equal(waiting.state, 'queued');
    const ended = await pool.wait(waiting.id, { timeoutMs: 5000 });
    assert.equal(ended.state, 'failed');
    assert.equal(ended.error?.code, 'device-offline');
    assert.match(ended.error?.message ?? '', /MCU "esp-gone" was offline for over 0\.3 s and is forgotten/);
    assert.deepEqual(await pool.mcus(), []);
    assert.equal((await pool.health()).mcusKnown, 0);
    assert.equal(logs.count(/forgot 1 MCU\(s\) offline for over 0\.3 s: esp-gone$/), 1);
    await assert.rejects(pool.submit({ sensor: 'DHT11', mcu: 'esp-gone' }), { code: 'unknown-mcu' });
  });

  test('a board back before then is kept, and known again once it reconnects after', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const { pool, board, logs } = await goneBoard(t, 400);
    const back = await board(announceOf('esp-gone'));
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.deepEqual(
      (await pool.mcus()).map((m) => [m.id, m.online]),
      [['esp-gone', true]],
    );
    back.close();
    await logs.waitFor(/forgot 1 MCU/);
    await board(announceOf('esp-gone'));
    assert.deepEqual(
      (await pool.mcus()).map((m) => [m.id, m.online]),
      [['esp-gone', true]],
    );
  });

  test('a board known only from the store is forgotten that long after a restart if it does not come back', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'datapool-forget-'));
    try {
      const first = await openTestPool(t, {}, dir);
      const esp = await first.board(announceOf('esp-stored'));
      esp.close();
      await first.pool.close();
      const logs = new LogCollector();
      const pool = await Datapool.open({ dataDir: dir, log: logs.log, devices: { port: 0, forgetAfterMs: 300 } });
      try {
        assert.deepEqual(
          (await pool.mcus()).map((m) => [m.id, m.online, m.anonymous]),
          [['esp-stored', false, true]],
        );
        await logs.waitFor(/forgot 1 MCU/);
        assert.deepEqual(await pool.mcus(), []);
      } finally {
        await pool.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('an error naming forgotten boards lists a few, however many went at once', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const { pool, port, logs } = await openTestPool(t, { devices: { forgetAfterMs: 300 } });
    const boards = await Promise.all(Array.from({ length: 30 }, (_, i) => FakeBoard.connect(port, announceOf(`esp-${String(i).padStart(2, '0')}`))));
    await pool.whenOnline(boards.map((_, i) => `esp-${String(i).padStart(2, '0')}`));
    for (const b of boards) b.close();
    const line = await logs.waitFor(/forgot \d+ MCU/);
    const forgotten = logs.lines.filter((l) => /forgot \d+ MCU/.test(l.message)).map((l) => l.message);
    for (const message of forgotten) assert.ok(message.length < 200, message);
    assert.match(line.message, /esp-\d\d(, esp-\d\d){0,4}( and \d+ more)?$/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(await pool.mcus(), []);
  });
});
