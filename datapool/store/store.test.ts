import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, type TestContext, test } from 'node:test';
import { LogCollector } from '../fake-board.test-helper.js';
import { FillingDisk } from './filling-disk.test-helper.js';
import type { StoreRecord } from './records.js';
import { encodeRecord } from './records.js';
import { segmentPath } from './segments.js';
import { SegmentedStore } from './store.js';

async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'datapool-store-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const orphan = (n: number): StoreRecord => ({ kind: 'orphan', mcu: 'esp-1', at: n, line: `{"n":${n}}` });
const line = (n: number): string => encodeRecord(orphan(n));

describe('the store', () => {
  test('records survive close and reopen, in order', async (t) => {
    const dir = await tempDir(t);
    const first = await SegmentedStore.open(dir);
    for (let n = 0; n < 5; n++) await first.store.append(orphan(n));
    await first.store.close();
    const second = await SegmentedStore.open(dir);
    t.after(() => second.store.close());
    assert.deepEqual(second.records, [0, 1, 2, 3, 4].map(orphan));
    assert.equal(second.truncatedBytes, 0);
  });

  test('records appended together go out in one write (group commit), each line with its checksum', async (t) => {
    const dir = await tempDir(t);
    const { store } = await SegmentedStore.open(dir, { fsync: true });
    t.after(() => store.close());
    const times = await Promise.all(Array.from({ length: 500 }, (_, n) => store.append(orphan(n))));
    assert.equal(new Set(times).size, 1, 'one batch, one completion time');
    assert.equal(store.recordsAppended, 500);
    const lines = (await readFile(segmentPath(dir, 1), 'utf8')).split('\n');
    assert.equal(lines.length, 501);
    assert.match(lines[499]!, /^[0-9a-f]{8} \{/);
    assert.deepEqual(JSON.parse(lines[499]!.slice(9)), orphan(499));
  });

  test('a torn last line is cut off and costs nothing before it', async (t) => {
    const dir = await tempDir(t);
    const good = line(1) + line(2);
    await writeFile(segmentPath(dir, 1), good + line(3).slice(0, 30));
    const logs = new LogCollector();
    const { store, records, truncatedBytes } = await SegmentedStore.open(dir, { log: logs.log });
    assert.deepEqual(records, [orphan(1), orphan(2)]);
    assert.ok(truncatedBytes > 0);
    assert.equal(logs.count(/torn/), 1);
    await store.append(orphan(4));
    await store.close();
    assert.equal(await readFile(segmentPath(dir, 1), 'utf8'), good + line(4));
  });

  test('a damaged line in the middle is skipped and counted, whether its JSON breaks or only a value changes', async (t) => {
    const dir = await tempDir(t);
    // A flipped digit leaves valid JSON of the right shape: only the checksum can tell.
    const flipped = line(2).replace('"at":2', '"at":7');
    await writeFile(segmentPath(dir, 1), `${line(1)}garbage\n${flipped}${line(3)}${line(4).slice(0, 12)}\n`);
    const logs = new LogCollector();
    const { store, records, corruptLines, truncatedBytes } = await SegmentedStore.open(dir, { log: logs.log });
    await store.close();
    assert.deepEqual(records, [orphan(1), orphan(3)]);
    assert.equal(corruptLines, 2);
    assert.equal(truncatedBytes, line(4).slice(0, 12).length + 1, 'a damaged last line is a torn write');
    assert.equal(logs.count(/damaged/), 1);
  });

  test('a segment larger than one read is read whole, records that straddle reads included', async (t) => {
    const dir = await tempDir(t);
    const { store } = await SegmentedStore.open(dir);
    // Lines of uneven length, about 3.5 MiB in all: several land across the reader's 1 MiB chunk edges.
    const big = (n: number): StoreRecord => ({ kind: 'orphan', mcu: 'esp-1', at: n, line: 'x'.repeat(500 + ((n * 7919) % 3000)) });
    const written = Array.from({ length: 2000 }, (_, n) => big(n));
    for (const record of written) store.write(record);
    await store.close();
    assert.ok(store.health().bytes > 3 * 1024 * 1024);
    const reopened = await SegmentedStore.open(dir);
    await reopened.store.close();
    assert.equal(reopened.corruptLines, 0);
    assert.equal(reopened.truncatedBytes, 0);
    assert.deepEqual(reopened.records, written);
  });

  test('segment numbers past eight digits, directories named like segments and odd board records do not lose data or stop the store', async (t) => {
    const dir = await tempDir(t);
    await writeFile(segmentPath(dir, 99_999_999), line(1));
    await mkdir(join(dir, '00000005.jsonl'));
    const badAnnounce = encodeRecord({ kind: 'mcu', id: 'x', at: 1, announce: { available_sensors: [1, null] } } as unknown as StoreRecord);
    await writeFile(segmentPath(dir, 100_000_000), badAnnounce + line(2));
    const first = await SegmentedStore.open(dir, { segmentBytes: 64 });
    assert.deepEqual(first.records, [orphan(1), orphan(2)]);
    assert.equal(first.corruptLines, 1, 'the board record with non-string sensors is skipped as damaged');
    for (let n = 3; n < 8; n++) await first.store.append(orphan(n));
    await first.store.close();
    assert.deepEqual(await SegmentedStore.read(dir), [1, 2, 3, 4, 5, 6, 7].map(orphan));
  });

  test('a store written before segments and checksums is moved in and read', async (t) => {
    const dir = await tempDir(t);
    const legacy = join(dir, 'datapool.jsonl');
    await writeFile(legacy, [1, 2].map((n) => `${JSON.stringify(orphan(n))}\n`).join(''));
    const { store, records } = await SegmentedStore.open(join(dir, 'store'), { legacyFile: legacy });
    await store.append(orphan(3));
    await store.close();
    assert.deepEqual(records, [orphan(1), orphan(2)]);
    assert.deepEqual(await SegmentedStore.read(join(dir, 'store')), [1, 2, 3].map(orphan));
    assert.deepEqual((await readdir(dir)).sort(), ['store']);
  });

  test('segments are sealed at their size, and compaction keeps only what is still needed', async (t) => {
    const dir = await tempDir(t);
    const { store } = await SegmentedStore.open(dir, { segmentBytes: 4096 });
    // Keep only even records: the owner's notion of what is still live.
    store.compactWith((record) => record.kind === 'orphan' && record.at % 2 === 0);
    for (let n = 0; n < 2000; n++) await store.append(orphan(n));
    await store.whenCompacted();
    await store.close();
    const health = store.health();
    assert.ok(health.compactions >= 2, `compacted ${health.compactions} times`);
    const kept = await SegmentedStore.read(dir);
    const sealedOdd = kept.filter((r) => r.kind === 'orphan' && r.at % 2 === 1);
    // Odd records remain only in the segment still being written.
    assert.ok(sealedOdd.length < 100, `${sealedOdd.length} odd records left`);
    assert.deepEqual(
      kept.filter((r) => r.kind === 'orphan' && r.at % 2 === 0),
      Array.from({ length: 1000 }, (_, n) => orphan(2 * n)),
      'every kept record once, in order',
    );
    const files = await readdir(dir);
    assert.ok(files.length <= 4, `segments on disk: ${files.join(', ')}`);
  });

  test('a compaction cut short by a crash leaves its inputs: reopening reads each record once more at most, loses none', async (t) => {
    const dir = await tempDir(t);
    await writeFile(segmentPath(dir, 1), line(1) + line(2));
    // The output of a compaction of segment 1 into 2, renamed, but segment 1 not yet removed.
    await writeFile(segmentPath(dir, 2), line(2));
    await writeFile(`${segmentPath(dir, 2)}.compacting`, 'half of something');
    const { store, records } = await SegmentedStore.open(dir);
    await store.close();
    assert.deepEqual(records, [orphan(1), orphan(2), orphan(2)]);
    assert.deepEqual((await readdir(dir)).sort(), ['00000001.jsonl', '00000002.jsonl'], 'the half-written output is removed, not left to pile up');
  });

  test('a write that fails part-way (the disk is full) leaves no half line, fails its waiters, and the store recovers when space returns', async (t) => {
    const dir = await tempDir(t);
    const disk = new FillingDisk();
    const logs = new LogCollector();
    const { store } = await SegmentedStore.open(dir, { openSegment: disk.open, log: logs.log });
    t.after(() => store.close());
    await store.append(orphan(1));
    disk.freeBytes = 40; // less than one line: the next write lands half a line, then ENOSPC
    await assert.rejects(store.append(orphan(2)), /ENOSPC/);
    assert.equal(store.writable, false);
    assert.match(store.health().error ?? '', /ENOSPC/);
    assert.equal(await store.appendOrNull(orphan(3)), null);
    assert.equal(logs.count(/write failed/), 1, 'said once, not per record');
    disk.freeBytes = Infinity;
    await store.append(orphan(4));
    assert.equal(store.writable, true);
    assert.equal(logs.count(/writable again/), 1);
    assert.equal(await readFile(segmentPath(dir, 1), 'utf8'), line(1) + line(4));
  });
});
