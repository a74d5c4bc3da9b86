import assert from 'node:assert/strict';
import type { FileHandle } from 'node:fs/promises';
import { appendFile, open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { FillingDisk } from '../../../datapool/store/filling-disk.test-helper.js';
import { AUDIT_MAX_LINE_BYTES, type AuditEntry } from './audit-entry.js';
import { callRecord, readLines, tempDir, writeAuditLog, writeLines } from './audit-fixtures.test-helper.js';
import { AUDIT_GENESIS } from './audit-hash.js';
import { AuditLog } from './audit-log.js';
import { verifyAuditLog } from './audit-verify.js';

test('concurrent callers get one line each, in the order they called, and the log verifies', async (t) => {
  const path = join(await tempDir(t), 'audit.jsonl');
  const log = await AuditLog.open(path, { clock: () => Date.parse('2026-06-21T15:00:00Z') });
  const calls: { caller: string; i: number; written: Promise<AuditEntry> }[] = [];
  // Three callers, each calling in bursts across ticks, so appends arrive both while a write is under way and between writes.
  await Promise.all(
    ['a', 'b', 'c'].map(async (caller) => {
      for (let burst = 0; burst < 10; burst++) {
        for (let i = 0; i < 7; i++) calls.push({ caller, i: burst * 7 + i, written: log.append(callRecord(burst * 7 + i, caller)) });
        await new Promise((resolve) => setImmediate(resolve));
      }
    }),
  );
  const entries = await Promise.all(calls.map((call) => call.written));
  assert.deepEqual(
    entries.map((entry) => entry.seq),
    calls.map((_, i) => i + 1),
  );
  assert.deepEqual(
    entries.map((entry) => [entry.caller, entry.args['speed_pct']]),
    calls.map((call) => [call.caller, call.i % 101]),
  );
  await log.close();

  const lines = await readLines(path);
  assert.equal(lines.length, 210);
  const written = lines.map((line) => JSON.parse(line) as AuditEntry);
  assert.deepEqual(written, entries);
  assert.deepEqual(Object.keys(written[0]!), ['seq', 'time', 'caller', 'tool', 'actuator', 'args', 'decision', 'outcome', 'prev', 'hash']);
  assert.equal(written[0]!.time, '2026-06-21T15:00:00.000Z');
  assert.equal(written[0]!.prev, AUDIT_GENESIS);
  assert.deepEqual(await verifyAuditLog(path), { ok: true, entries: 210, head: entries.at(-1)!.hash });
});

test('an entry is a snapshot: changing the arguments after the call changes nothing written', async (t) => {
  const path = join(await tempDir(t), 'audit.jsonl');
  const log = await AuditLog.open(path);
  const record = callRecord(0);
  const args = { place: 'kitchen', speed_pct: 40 };
  const written = log.append({ ...record, args });
  args.speed_pct = 100;
  assert.equal((await written).args['speed_pct'], 40);
  await log.close();
  assert.equal((JSON.parse((await readLines(path))[0]!) as AuditEntry).args['speed_pct'], 40);
  assert.equal((await verifyAuditLog(path)).ok, true);
});

test('with fsync, each entry is acknowledged once synced, and the log verifies', async (t) => {
  const path = join(await tempDir(t), 'audit.jsonl');
  const log = await AuditLog.open(path, { fsync: true, key: 'k3y' });
  await Promise.all(Array.from({ length: 20 }, (_, i) => log.append(callRecord(i))));
  await log.close();
  assert.deepEqual(await verifyAuditLog(path, { key: 'k3y', count: 20 }), { ok: true, entries: 20, head: log.head().hash });
});

test('reopening a log continues its chain', async (t) => {
  const path = join(await tempDir(t), 'nested', 'dir', 'audit.jsonl');
  const firstHead = await writeAuditLog(path, 3, 'secret-key');
  const log = await AuditLog.open(path, { key: 'secret-key' });
  assert.deepEqual(log.head(), { seq: 3, hash: firstHead });
  const next = await log.append(callRecord(3));
  assert.equal(next.seq, 4);
  assert.equal(next.prev, firstHead);
  await log.append(callRecord(4));
  await log.close();
  assert.deepEqual(await verifyAuditLog(path, { key: 'secret-key' }), { ok: true, entries: 5, head: log.head().hash });
});

test('a log whose last line cannot be trusted refuses to open instead of forking the chain', async (t) => {
  const dir = await tempDir(t);
  const cases: [string, (path: string) => Promise<void>, RegExp][] = [
    ['cut short', (path) => appendFile(path, '{"seq":4,"time":"2026'), /last line is cut short/],
    ['not JSON', (path) => appendFile(path, 'garbage\n'), /last line is corrupt \(not valid JSON\)/],
    ['not an entry', (path) => appendFile(path, '{"seq":4}\n'), /last line is corrupt \("prev" is missing or not a hash\)/],
    ['changed', (path) => rewriteLast(path, (line) => line.replace('"speed_pct":2', '"speed_pct":3')), /last line's hash does not match/],
    ['an empty line at the end', (path) => appendFile(path, '\n'), /last line is corrupt/],
  ];
  for (const [name, damage, expected] of cases) {
    const path = join(dir, `${name}.jsonl`);
    await writeAuditLog(path, 3);
    await damage(path);
    const before = await readFile(path);
    await assert.rejects(AuditLog.open(path), (error: Error) => {
      assert.match(error.message, expected, name);
      assert.match(error.message, /refusing to continue a chain/);
      return true;
    });
    assert.deepEqual(await readFile(path), before, `${name}: the file is left as it was`);
  }
});

test('a log opened with a key other than the one it was written with refuses to open', async (t) => {
  const path = join(await tempDir(t), 'audit.jsonl');
  await writeAuditLog(path, 2, 'right-key');
  await assert.rejects(AuditLog.open(path, { key: 'wrong-key' }), /the key is not the one the log was written with/);
  await assert.rejects(AuditLog.open(path), /the key is not the one the log was written with/);
});

test('a failed write reaches every caller of that write, leaves no half line, and the next entry takes the free seq', async (t) => {
  const path = join(await tempDir(t), 'audit.jsonl');
  await writeAuditLog(path, 2);
  const before = await readFile(path);
  const disk = new FillingDisk();
  const log = await AuditLog.open(path, { openFile: disk.open });
  disk.freeBytes = 40; // part of a line lands, then the disk is full
  const failed = await Promise.allSettled([log.append(callRecord(2)), log.append(callRecord(3))]);
  for (const result of failed) {
    assert.equal(result.status, 'rejected');
    assert.match((result as PromiseRejectedResult).reason.message, /could not be written \(ENOSPC: no space left on device, write\); the call is not recorded/);
  }
  assert.deepEqual(await readFile(path), before);
  assert.deepEqual(log.head().seq, 2);

  disk.freeBytes = Infinity;
  const next = await log.append(callRecord(4));
  assert.equal(next.seq, 3);
  await log.close();
  assert.deepEqual(await verifyAuditLog(path), { ok: true, entries: 3, head: next.hash });
});

test('a failed fsync is a failed write: the caller hears of it and the line is cut back off', async (t) => {
  const path = join(await tempDir(t), 'audit.jsonl');
  await writeAuditLog(path, 1);
  const size = (await stat(path)).size;
  let fail = true;
  const openFile = async (file: string): Promise<FileHandle> => {
    const handle = await open(file, 'a');
    const datasync = handle.datasync.bind(handle);
    handle.datasync = async () => {
      if (fail) throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
      return datasync();
    };
    return handle;
  };
  const log = await AuditLog.open(path, { fsync: true, openFile });
  await assert.rejects(log.append(callRecord(1)), /EIO: i\/o error, fdatasync/);
  assert.equal((await stat(path)).size, size);
  fail = false;
  assert.equal((await log.append(callRecord(2))).seq, 2);
  await log.close();
  assert.equal((await verifyAuditLog(path)).ok, true);
});

test('when a failed write cannot be cut back off, the log refuses every later entry', async (t) => {
  const path = join(await tempDir(t), 'audit.jsonl');
  const disk = new FillingDisk();
  const openFile = async (file: string): Promise<FileHandle> => {
    const handle = await disk.open(file);
    handle.truncate = async () => {
      throw Object.assign(new Error('EIO: i/o error, ftruncate'), { code: 'EIO' });
    };
    return handle;
  };
  const log = await AuditLog.open(path, { openFile });
  disk.freeBytes = 10;
  await assert.rejects(log.append(callRecord(0)), /ENOSPC/);
  disk.freeBytes = Infinity;
  await assert.rejects(log.append(callRecord(1)), /cannot be written: a failed write could not be cut back off the file \(EIO: i\/o error, ftruncate\)/);
  await log.close();
  await assert.rejects(AuditLog.open(path), /last line is cut short/);
});

test('an entry over the line bound, or one that is not JSON, is refused whole and nothing is written', async (t) => {
  const path = join(await tempDir(t), 'audit.jsonl');
  const log = await AuditLog.open(path);
  const big = { ...callRecord(0), args: { note: 'x'.repeat(AUDIT_MAX_LINE_BYTES) } };
  await assert.rejects(log.append(big), new RegExp(`audit entry for relay_fan_set_speed is \\d+ bytes, over the ${AUDIT_MAX_LINE_BYTES}-byte bound`));
  await assert.rejects(log.append({ ...callRecord(0), args: { n: 1n } }), /cannot be written as JSON/);
  // An entry just under the bound is written whole, and read back by the verifier.
  const fits = { ...callRecord(0), args: { note: 'x'.repeat(AUDIT_MAX_LINE_BYTES - 600) } };
  assert.equal((await log.append(fits)).seq, 1);
  await log.close();
  await assert.rejects(log.append(callRecord(1)), /is closed/);
  assert.equal((await readLines(path)).length, 1);
  assert.equal((await verifyAuditLog(path)).ok, true);
});

async function rewriteLast(path: string, change: (line: string) => string): Promise<void> {
  const lines = await readLines(path);
  lines[lines.length - 1] = change(lines.at(-1)!);
  await writeLines(path, lines);
}
