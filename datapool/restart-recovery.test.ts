import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { announceOf, LogCollector, openTestPool } from './fake-board.test-helper.js';
import { JsonlStore, type StoreRecord } from './store.js';

async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'datapool-store-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const orphan = (n: number): StoreRecord => ({ kind: 'orphan', mcu: 'esp-1', at: n, line: `{"n":${n}}` });

describe('the store', () => {
  test('records survive close and reopen, in order', async (t) => {
    const path = join(await tempDir(t), 'pool.jsonl');
    const first = await JsonlStore.open(path);
    for (let n = 0; n < 5; n++) await first.store.append(orphan(n));
    await first.store.close();
    const second = await JsonlStore.open(path);
    t.after(() => second.store.close());
    assert.deepEqual(second.records, [0, 1, 2, 3, 4].map(orphan));
    assert.equal(second.truncatedBytes, 0);
  });

  test('records appended together go out in one write (group commit)', async (t) => {
    const path = join(await tempDir(t), 'pool.jsonl');
    const { store } = await JsonlStore.open(path, { fsync: true });
    t.after(() => store.close());
    const times = await Promise.all(Array.from({ length: 500 }, (_, n) => store.append(orphan(n))));
    assert.equal(new Set(times).size, 1, 'one batch, one completion time');
    assert.equal(store.recordsAppended, 500);
    const lines = (await readFile(path, 'utf8')).split('\n');
    assert.equal(lines.length, 501);
    assert.deepEqual(JSON.parse(lines[499]!), orphan(499));
  });

  test('a torn last line is cut off and costs nothing before it', async (t) => {
    const path = join(await tempDir(t), 'pool.jsonl');
    const good = [orphan(1), orphan(2)].map((r) => JSON.stringify(r) + '\n').join('');
    await writeFile(path, good + '{"kind":"orphan","mcu":"esp-1","at":3,"li');
    const logs = new LogCollector();
    const { store, records, truncatedBytes } = await JsonlStore.open(path, { log: logs.log });
    assert.deepEqual(records, [orphan(1), orphan(2)]);
    assert.ok(truncatedBytes > 0);
    assert.equal(logs.count(/torn/), 1);
    await store.append(orphan(4));
    await store.close();
    assert.equal(await readFile(path, 'utf8'), good + JSON.stringify(orphan(4)) + '\n');
  });

  test('an unparseable complete last line is also torn; a bad middle line is skipped and counted', async (t) => {
    const path = join(await tempDir(t), 'pool.jsonl');
    const line = (n: number): string => JSON.stringify(orphan(n)) + '\n';
    await writeFile(path, line(1) + 'garbage\n' + line(2) + '{"kind":"orphan",\n');
    const logs = new LogCollector();
    const { store, records, corruptLines, truncatedBytes } = await JsonlStore.open(path, { log: logs.log });
    await store.close();
    assert.deepEqual(records, [orphan(1), orphan(2)]);
    assert.equal(corruptLines, 1);
    assert.equal(truncatedBytes, '{"kind":"orphan",\n'.length);
    assert.equal(logs.count(/corrupt/), 1);
  });
});

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
    await appendFile(join(dir, 'datapool.jsonl'), '{"kind":"sample","id":"x"');

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

    const text = await readFile(join(dir, 'datapool.jsonl'), 'utf8');
    assert.ok(!text.includes('"id":"x"'), 'the torn line is gone');
    assert.ok(text.endsWith('\n'));
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
    assert.deepEqual(known.map((m) => [m.id, m.online, m.sensors]), [['esp-1', false, ['DHT11']]]);
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
    const { store } = await JsonlStore.open(join(dir, 'datapool.jsonl'));
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
