import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, type TestContext, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { announceOf, openTestPool } from './fake-board.test-helper.js';
import { segmentPath } from './store/segments.js';
import { readStoredRecords, SegmentedStore, storeDirectory } from './store/store.js';

async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'datapool-store-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('datapool restart', () => {
  test('finished commands stay answerable, an unsent one is re-queued, a sent unfinished one fails with datapool-restarted', async (t) => {
    const dir = await tempDir(t);
    let done: string, unsent: string, running: string;
    {
      const { pool, board, logs } = await openTestPool(t, {}, dir);
      const esp1 = await board(announceOf('esp-1'));
      const esp2 = await board(announceOf('esp-2', ['BH1750']));
      esp2.close();
      await logs.waitFor(/"esp-2" offline/);

      const a = await pool.submit({ sensor: 'DHT11' });
      const line = await esp1.next();
      esp1.reply(line, { temperature: 22 });
      await pool.wait(a.id, { timeoutMs: 5000 });
      done = a.id;
      unsent = (await pool.submit({ sensor: 'BH1750', ttlMs: 60_000 })).id;
      running = (await pool.submit({ sensor: 'DHT11' })).id;
      await esp1.next();
      await pool.close();
    }
    // A crash mid-write leaves half a line behind.
    await appendFile(segmentPath(storeDirectory(dir), 1), '0badc0de {"kind":"sample","id":"x"');

    const { pool, board } = await openTestPool(t, {}, dir);
    const finished = await pool.status(done);
    assert.equal(finished.state, 'done');
    assert.equal(finished.samples[0]?.data['temperature'], 22);

    const restarted = await pool.status(running);
    assert.equal(restarted.state, 'failed');
    assert.equal(restarted.error?.code, 'datapool-restarted');

    assert.equal((await pool.status(unsent)).state, 'queued');
    const esp2 = await board(announceOf('esp-2', ['BH1750']));
    const line = await esp2.next();
    assert.equal(line['id'], unsent);
    assert.equal(line['sensor'], 'BH1750');
    const waiting = pool.wait(unsent, { timeoutMs: 5000 });
    esp2.reply(line, { lux: 300, raw: 360 });
    assert.equal((await waiting).state, 'done');

    const text = await readFile(segmentPath(storeDirectory(dir), 1), 'utf8');
    assert.ok(!text.includes('"id":"x"'), 'the torn line is gone');
    assert.ok(text.endsWith('\n'));
    assert.ok((await readStoredRecords(dir)).some((record) => record.kind === 'end' && record.id === unsent));
  });

  test('boards known before a restart are known offline after it: a command for one waits for it instead of failing as unknown', async (t) => {
    const dir = await tempDir(t);
    {
      const { pool, board } = await openTestPool(t, {}, dir);
      await board(announceOf('esp-1'));
      await pool.close();
    }
    const { pool, board } = await openTestPool(t, {}, dir);
    const known = await pool.mcus();
    assert.deepEqual(
      known.map((m) => [m.id, m.online, m.sensors]),
      [['esp-1', false, ['DHT11']]],
    );
    const waiting = await pool.submit({ sensor: 'DHT11', mcu: 'esp-1', ttlMs: 60_000 });
    assert.equal(waiting.state, 'queued');
    const esp1 = await board(announceOf('esp-1'));
    const line = await esp1.next();
    assert.equal(line['id'], waiting.id);
    esp1.reply(line, { temperature: 21 });
    assert.equal((await pool.wait(waiting.id, { timeoutMs: 5000 })).state, 'done');
  });

  test('an unsent command whose TTL ran out while the datapool was down fails with expired', async (t) => {
    const dir = await tempDir(t);
    const { store } = await SegmentedStore.open(storeDirectory(dir));
    await store.append({
      kind: 'command',
      id: 'long-ago',
      at: Date.now() - 10_000,
      request: { sensor: 'DHT11', command: 'read_all', interval: 2, duration: 0 },
      mcu: 'esp-1',
      place: null,
      expected: 1,
      ttlMs: 1000,
    });
    await store.close();
    const { pool } = await openTestPool(t, {}, dir);
    const status = await pool.status('long-ago');
    assert.equal(status.state, 'failed');
    assert.equal(status.error?.code, 'expired');
    assert.match(status.error?.message ?? '', /restarted/);
  });
});

test('a board connected for longer than --forget-after when the datapool dies is still known after the restart, and its commands wait for it', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'datapool-presence-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const options = { devices: { forgetAfterMs: 800 } };
  {
    const { pool, board } = await openTestPool(t, options, dir);
    await board(announceOf('esp-1'));
    // Connected for well over forget-after; closing the datapool writes nothing about the board going away,
    // as a crash would not.
    await sleep(1500);
    await pool.close();
  }
  const { pool, board } = await openTestPool(t, options, dir);
  await sleep(450); // a sweep or more
  assert.deepEqual(
    (await pool.mcus()).map((mcu) => [mcu.id, mcu.online]),
    [['esp-1', false]],
  );
  const waiting = await pool.submit({ sensor: 'DHT11', mcu: 'esp-1', ttlMs: 10_000 });
  assert.equal(waiting.state, 'queued');
  const esp1 = await board(announceOf('esp-1'));
  const line = await esp1.next();
  esp1.reply(line, { temperature: 20 });
  assert.equal((await pool.wait(waiting.id, { timeoutMs: 5000 })).state, 'done');
});
