import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, type TestContext, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Datapool } from './datapool.js';
import { announceOf, type FakeBoard, openTestPool } from './fake-board.test-helper.js';
import { statusFor } from './http-api.js';
import { FillingDisk } from './store/filling-disk.test-helper.js';
import { listSegments, segmentPath } from './store/segments.js';
import { readStoredRecords, storeDirectory } from './store/store.js';
import type { CommandStatus, DatapoolError, Health } from './types.js';

async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'datapool-bounds-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** One read, answered by the fake board as soon as its line arrives. */
/**
 * The datapool's health once compaction has brought the store under `bound`, or after 15 s: compaction works
 * off sealed segments behind the writes, and on a loaded machine the last rounds end well after the last write.
 */
async function storeWithin(pool: Datapool, bound: number): Promise<Health> {
  let health = await pool.health();
  for (const deadline = Date.now() + 15_000; (health.store!.compactions === 0 || health.store!.bytes >= bound) && Date.now() < deadline; ) {
    await sleep(20);
    health = await pool.health();
  }
  return health;
}

async function read(pool: Datapool, board: FakeBoard, value: number): Promise<CommandStatus> {
  const waiting = pool.run({ sensor: 'DHT11', mcu: 'esp-1' }, { timeoutMs: 5000 });
  const line = await board.next();
  board.reply(line, { temperature: value });
  return waiting;
}

/** A series of `n` samples, all answered at once (the fake board keeps no time). */
async function series(pool: Datapool, board: FakeBoard, n: number): Promise<CommandStatus> {
  const waiting = pool.run({ sensor: 'DHT11', mcu: 'esp-1', interval: 0.5, duration: n * 0.5 }, { timeoutMs: 5000 });
  const line = await board.next();
  for (let k = 0; k < n; k++) board.reply(line, { temperature: 20 + k });
  return waiting;
}

describe('the store stays bounded', () => {
  test('finished commands beyond the retention are forgotten and compacted away; a restart reads only what is kept', async (t) => {
    const dir = await tempDir(t);
    const ids: string[] = [];
    {
      const { pool, board } = await openTestPool(t, { segmentBytes: 16 * 1024, retainFinished: 50 }, dir);
      const esp1 = await board(announceOf('esp-1'));
      for (let n = 0; n < 600; n++) ids.push((await read(pool, esp1, n)).id);
      // 50 retained reads of about 1.5 KB each, plus up to three 16 KB segments; without compaction, 600 reads hold ~900 KB.
      // Compaction runs behind the writes: on a loaded machine it may still be working off the last segments.
      const bound = 50 * 1600 + 3 * 16 * 1024;
      const health = await storeWithin(pool, bound);
      assert.ok(health.store!.compactions > 0, 'compaction ran');
      assert.ok(health.store!.bytes < bound, `store holds ${health.store!.bytes} bytes after 600 reads`);
      await assert.rejects(pool.status(ids[0]!), (error: DatapoolError) => error.code === 'not-found');
      assert.equal((await pool.status(ids.at(-1)!)).state, 'done');
      await pool.close();
    }
    const records = await readStoredRecords(dir);
    const commands = records.filter((record) => record.kind === 'command').length;
    assert.ok(commands < 200, `${commands} of 600 commands still in the store`);
    assert.equal(records.filter((record) => record.kind === 'mcu').length <= 2, true, "a board's announces are kept once");
    const { pool } = await openTestPool(t, { segmentBytes: 16 * 1024, retainFinished: 50 }, dir);
    for (const id of ids.slice(-50)) assert.equal((await pool.status(id)).state, 'done');
  });

  test('finished commands are also kept by bytes: a few long series push out older ones', async (t) => {
    const { pool, board } = await openTestPool(t, { retainFinishedBytes: 200 * 1024 });
    const esp1 = await board(announceOf('esp-1'));
    const first = await series(pool, esp1, 200);
    assert.equal(first.samples.length, 200);
    for (let n = 0; n < 4; n++) await series(pool, esp1, 200);
    await assert.rejects(pool.status(first.id), (error: DatapoolError) => error.code === 'not-found');
  });
});

describe('orphan lines', () => {
  test('a board sending nothing but unexpected lines cannot grow the store past the orphan budget; the newest are kept', async (t) => {
    const dir = await tempDir(t);
    const { pool, board } = await openTestPool(t, { segmentBytes: 16 * 1024, retainOrphanBytes: 32 * 1024 }, dir);
    const rogue = await board(announceOf('esp-1'));
    for (let n = 0; n < 600; n++) rogue.send({ id: `not-a-command-${n}`, temperature: 20, pad: 'x'.repeat(900) });
    // Then a real read, so the last orphans are surely stored, and a wait for the compactions they set off.
    assert.equal((await read(pool, rogue, 21)).state, 'done');
    // Compaction works off the sealed segments after the flood, round by round: on a loaded machine the first
    // round ends long before the last, so wait for the bound itself, not for the first compaction.
    const bound = 32 * 1024 + 3 * 16 * 1024 + 8 * 1024;
    const health = await storeWithin(pool, bound);
    assert.ok(health.store!.compactions > 0);
    assert.ok(health.store!.bytes < bound, `store holds ${health.store!.bytes} bytes after 600 KB of orphans`);
    const orphans = (await readStoredRecords(dir)).flatMap((record) => (record.kind === 'orphan' ? [record] : []));
    assert.ok(orphans.length > 0 && orphans.length < 100, `${orphans.length} orphans kept`);
    assert.match(orphans.at(-1)!.line, /not-a-command-599/, 'the newest orphan is kept');
  });
});

describe('a full disk', () => {
  test('nothing unstored is reported done; /health says why; space coming back heals it with no half line left', async (t) => {
    const dir = await tempDir(t);
    const disk = new FillingDisk();
    let done: CommandStatus;
    {
      const { pool, board, logs } = await openTestPool(t, { openSegment: disk.open }, dir);
      const esp1 = await board(announceOf('esp-1'));
      done = await read(pool, esp1, 21);
      assert.equal(done.state, 'done');

      // The command's own record cannot be written: the caller is told, and the board, which got the line
      // while the record was being written, is told to stop.
      disk.freeBytes = 50;
      await assert.rejects(pool.run({ sensor: 'DHT11', mcu: 'esp-1' }, { timeoutMs: 2000 }), (error: DatapoolError) => {
        assert.equal(error.code, 'store-unavailable');
        assert.match(error.message, /ENOSPC/);
        return true;
      });
      const refused = await esp1.next();
      assert.deepEqual((({ command, target }) => ({ command, target }))(await esp1.next()), { command: 'exit', target: refused['id'] });
      const health = await pool.health();
      assert.equal(health.ok, false);
      assert.equal(statusFor('store-unavailable'), 503, 'over HTTP: the server is the one in trouble, and it clears by itself');
      assert.equal(health.store!.writable, false);
      assert.match(health.store!.error ?? '', /ENOSPC/);
      // While the store is failing, a new command waits for its own record before it is sent: still refused.
      await assert.rejects(pool.run({ sensor: 'DHT11', mcu: 'esp-1' }, { timeoutMs: 2000 }), /store-unavailable|could not store/);

      // Space for the command's record but not for its sample: the read fails, it is never `done`.
      disk.freeBytes = Infinity;
      const waiting = pool.run({ sensor: 'DHT11', mcu: 'esp-1' }, { timeoutMs: 5000 });
      const line = await esp1.next();
      disk.freeBytes = 0;
      esp1.reply(line, { temperature: 99 });
      const failed = await waiting;
      assert.equal(failed.state, 'failed');
      assert.equal(failed.error?.code, 'store-unavailable');
      assert.equal(failed.samples.length, 0, 'an unstored sample is never handed out');
      assert.equal((await esp1.next())['target'], line['id'], 'and the board is told to stop');

      disk.freeBytes = Infinity;
      const healed = await read(pool, esp1, 22);
      assert.equal(healed.state, 'done');
      assert.equal((await pool.health()).ok, true);
      assert.ok(logs.count(/write failed/) >= 1);
      await pool.close();
    }
    const text = await readFile(segmentPath(storeDirectory(dir), 1), 'utf8');
    for (const line of text.split('\n').slice(0, -1)) assert.match(line, /^[0-9a-f]{8} \{.*\}$/, 'every line whole');
    const { pool } = await openTestPool(t, {}, dir);
    assert.equal((await pool.status(done.id)).state, 'done');
    const samples = (await readStoredRecords(dir)).filter((record) => record.kind === 'sample');
    assert.deepEqual(
      samples.map((s) => s.data['temperature']),
      [21, 22],
      'exactly the stored results, nothing half-written',
    );
  });
});

describe('damage in the middle of the store', () => {
  test('a lost sample line does not reopen a finished command, a lost command line does not lose it, a repeated line adds nothing', async (t) => {
    const dir = await tempDir(t);
    let lostOne: CommandStatus;
    let repeated: CommandStatus;
    let commandLost: CommandStatus;
    {
      const { pool, board } = await openTestPool(t, {}, dir);
      const esp1 = await board(announceOf('esp-1'));
      lostOne = await series(pool, esp1, 3);
      repeated = await read(pool, esp1, 30);
      commandLost = await read(pool, esp1, 31);
      await pool.close();
    }
    const storeDir = storeDirectory(dir);
    const [seq] = await listSegments(storeDir);
    const path = segmentPath(storeDir, seq!);
    const lines = (await readFile(path, 'utf8')).split('\n');
    const isSample = (id: string, final: boolean) => (line: string) => line.includes(`"kind":"sample","id":"${id}"`) && line.includes(`"final":${final}`);
    const finalOfSeries = lines.findIndex(isSample(lostOne.id, true));
    const sampleOfRead = lines.find(isSample(repeated.id, true))!;
    const commandLine = lines.findIndex((line) => line.includes(`"kind":"command","id":"${commandLost.id}"`));
    assert.ok(commandLine >= 0);
    const damaged = lines.filter((_, index) => index !== finalOfSeries && index !== commandLine);
    damaged.splice(damaged.length - 1, 0, sampleOfRead);
    await writeFile(path, damaged.join('\n'));

    const { pool } = await openTestPool(t, {}, dir);
    const afterLostCommandLine = await pool.status(commandLost.id);
    assert.equal(afterLostCommandLine.state, 'done', 'a finished command whose own line is lost comes back from its end');
    assert.deepEqual(
      afterLostCommandLine.samples.map((sample) => sample.data['temperature']),
      [31],
    );
    assert.deepEqual(afterLostCommandLine.request, commandLost.request);
    const afterLoss = await pool.status(lostOne.id);
    assert.equal(afterLoss.state, 'done', 'still done');
    assert.equal(afterLoss.samples.length, 2);
    assert.equal(afterLoss.lostSamples, 1, 'and says one sample was lost');
    const afterRepeat = await pool.status(repeated.id);
    assert.equal(afterRepeat.state, 'done');
    assert.equal(afterRepeat.samples.length, 1);
    assert.equal(afterRepeat.lostSamples, undefined);
  });
});

describe('commands a board never finishes', () => {
  test('a command the board took and then went quiet about fails after its sampling time and ttl, and the board is told to stop', async (t) => {
    const { pool, board } = await openTestPool(t);
    const esp1 = await board(announceOf('esp-1'));
    const started = Date.now();
    const waiting = pool.run({ sensor: 'DHT11', mcu: 'esp-1', interval: 0.01, ttlMs: 300 }, { timeoutMs: 5000 });
    const line = await esp1.next();
    const status = await waiting;
    assert.equal(status.state, 'failed');
    assert.equal(status.error?.code, 'expired');
    assert.match(status.error?.message ?? '', /sent nothing for this command/);
    assert.ok(Date.now() - started >= 300, 'not before its ttl');
    assert.deepEqual((({ command, target }) => ({ command, target }))(await esp1.next()), { command: 'exit', target: line['id'] });
  });

  test('a stream ends as done at its sample limit, and the board is told to stop', async (t) => {
    const { pool, board } = await openTestPool(t, { maxStreamSamples: 50 });
    const esp1 = await board(announceOf('esp-1'));
    const submitted = await pool.submit({ sensor: 'DHT11', mcu: 'esp-1', interval: 0.01, duration: -1 });
    const line = await esp1.next();
    for (let n = 0; n < 80; n++) esp1.reply(line, { temperature: n });
    const status = await pool.wait(submitted.id, { timeoutMs: 5000 });
    assert.equal(status.state, 'done');
    assert.equal(status.samples.length, 50);
    assert.equal((await esp1.next())['target'], line['id']);
  });
});
