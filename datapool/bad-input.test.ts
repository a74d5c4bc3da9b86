import assert from 'node:assert/strict';
import { describe, type TestContext, test } from 'node:test';
import { announceOf, FakeBoard, openTestPool, type TestPool } from './fake-board.test-helper.js';
import { readStoredRecords } from './store/store.js';

const LIMITS = {
  handshakeTimeoutMs: 150,
  malformedLimit: 3,
  maxLinesPerSecond: 200,
  lineBurst: 100,
};

/** A datapool with one healthy board, and a check that the board is still served. */
async function poolWithHealthyBoard(t: TestContext, devices: object = {}): Promise<TestPool & { stillServed(): Promise<void> }> {
  const testPool = await openTestPool(t, { devices: { ...LIMITS, ...devices } });
  const good = await testPool.board(announceOf('good', ['DHT11', 'BH1750']));
  return {
    ...testPool,
    async stillServed() {
      const submitted = await testPool.pool.submit({ sensor: 'BH1750', mcu: 'good' });
      const line = await good.next();
      assert.equal(line['id'], submitted.id);
      const waiting = testPool.pool.wait(submitted.id, { timeoutMs: 5000 });
      good.reply(line, { lux: 100, raw: 120 });
      assert.equal((await waiting).state, 'done', 'the healthy board is still served');
    },
  };
}

describe('bad input from a board never hurts the server or other boards', () => {
  test('malformed JSON is logged and dropped; too many bad lines close the connection', async (t) => {
    const { board, logs, stillServed } = await poolWithHealthyBoard(t);
    const bad = await board(announceOf('bad'));
    bad.send('{"temperature": 21,');
    await logs.waitFor(/malformed JSON/);
    assert.equal(bad.socket.destroyed, false, 'one bad line is not fatal');
    await stillServed();
    for (let i = 0; i < 3; i++) bad.send('not json at all');
    await bad.closed;
    assert.ok(logs.count(/closing device connection: more than 3 bad lines/) === 1);
    await stillServed();
  });

  test('a line over 64 KiB is dropped with a log line and the board keeps working', async (t) => {
    const { pool, board, logs, stillServed } = await poolWithHealthyBoard(t);
    const big = await board(announceOf('big'));
    big.sendRaw(`{"pad":"${'x'.repeat(70 * 1024)}"}\n`);
    const dropped = await logs.waitFor(/dropped a line of \d+ bytes/);
    assert.match(dropped.message, /limit 65536/);
    const submitted = await pool.submit({ sensor: 'DHT11', mcu: 'big' });
    const line = await big.next();
    const waiting = pool.wait(submitted.id, { timeoutMs: 5000 });
    big.reply(line, { temperature: 20 });
    assert.equal((await waiting).state, 'done');
    await stillServed();
  });

  test('invalid UTF-8 is dropped with a log line', async (t) => {
    const { board, logs, stillServed } = await poolWithHealthyBoard(t);
    const bad = await board(announceOf('bad'));
    bad.sendRaw(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a]));
    await logs.waitFor(/not valid UTF-8/);
    await stillServed();
  });

  test('a flood of lines closes that connection only', async (t) => {
    const { pool, board, logs, stillServed } = await poolWithHealthyBoard(t);
    const flood = await board(announceOf('flood'));
    flood.sendRaw('PING\n'.repeat(2000));
    await flood.closed;
    assert.equal(logs.count(/closing device connection: flood: more than 200 lines\/s/), 1);
    assert.equal((await pool.mcus()).find((m) => m.id === 'flood')?.online, false);
    await stillServed();
  });

  test('a board that never announces is closed after the handshake timeout', async (t) => {
    const { port, logs, stillServed } = await poolWithHealthyBoard(t);
    const silent = await FakeBoard.connect(port, null);
    t.after(() => silent.close());
    await silent.closed;
    assert.equal(logs.count(/no announce line within 150 ms/), 1);
    await stillServed();
  });

  test('a first line that is not an announce closes the connection', async (t) => {
    const { port, logs, stillServed } = await poolWithHealthyBoard(t);
    const rude = await FakeBoard.connect(port, { temperature: 20 });
    t.after(() => rude.close());
    await rude.closed;
    assert.equal(logs.count(/expected the announce line first/), 1);
    await stillServed();
  });

  test('an unknown sensor in the announce is kept in unknownSensors and logged, not fatal', async (t) => {
    const { pool, board, logs, stillServed } = await poolWithHealthyBoard(t);
    await board(announceOf('odd', ['DHT11', 'FLUXCAP-9000']));
    const odd = (await pool.mcus()).find((m) => m.id === 'odd');
    assert.deepEqual(odd?.sensors, ['DHT11']);
    assert.deepEqual(odd?.unknownSensors, ['FLUXCAP-9000']);
    assert.equal(odd?.online, true);
    assert.equal(logs.count(/unknown sensor\(s\).*FLUXCAP-9000/), 1);
    await stillServed();
  });

  test('a reply to an unknown id is kept as an orphan record', async (t) => {
    const { board, logs, dir, stillServed } = await poolWithHealthyBoard(t);
    const stray = await board(announceOf('stray'));
    stray.send({ id: 'no-such-command', temperature: 20 });
    await logs.waitFor(/orphan/);
    await stillServed();
    const orphans = (await readStoredRecords(dir)).filter((r) => r.kind === 'orphan') as unknown as Record<string, unknown>[];
    assert.equal(orphans.length, 1);
    assert.equal(orphans[0]?.['mcu'], 'stray');
    assert.deepEqual(JSON.parse(orphans[0]?.['line'] as string), { id: 'no-such-command', temperature: 20 });
  });

  test('a noisy connection cannot flood the log', async (t) => {
    const { board, logs } = await poolWithHealthyBoard(t, {
      malformedLimit: 1000,
      logRate: { maxPerWindow: 5, windowMs: 60_000 },
    });
    const noisy = await board(announceOf('noisy'));
    for (let i = 0; i < 50; i++) noisy.send('nope');
    noisy.close();
    await logs.waitFor(/suppressed/);
    assert.equal(logs.count(/malformed JSON/), 5);
    assert.match(logs.lines.find((l) => /suppressed/.test(l.message))!.message, /^45 more log lines suppressed$/);
  });
});

describe('values nested without end are refused where they are parsed', () => {
  test('a board reply nested 6,000 deep is dropped and logged; the datapool keeps serving and stores nothing of it', async (t) => {
    const { pool, board, logs, stillServed } = await poolWithHealthyBoard(t);
    const deep = await board(announceOf('deep'));
    const submitted = await pool.submit({ sensor: 'DHT11', mcu: 'deep' });
    const line = await deep.next();
    deep.send(
      JSON.stringify({ id: line['id'], sensor: 'DHT11', temperature: 1, timestamp: 1 }).replace(
        '"temperature":1',
        `"temperature":${'['.repeat(6000)}1${']'.repeat(6000)}`,
      ),
    );
    await logs.waitFor(/nested deeper than 32 levels dropped/);
    await stillServed();
    const status = await pool.status(submitted.id);
    assert.equal(status.samples.length, 0, 'the deep reply was not stored');
    assert.ok((await pool.health()).ok);
  });
});
