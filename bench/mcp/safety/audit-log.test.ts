import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { appendFile, open, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { canonicalJson } from '../../../core/canonical-json.js';
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
    ['respelled', (path) => rewriteLast(path, (line) => line.replace('"caller":', '"caller": ')), /last line was edited \(the line is not byte for byte/],
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

test('an entry over the line bound is written with its arguments replaced by their size and hash, and the call refused', async (t) => {
  const path = join(await tempDir(t), 'audit.jsonl');
  const log = await AuditLog.open(path);
  const args = { note: 'x'.repeat(AUDIT_MAX_LINE_BYTES), speed_pct: 100 };
  await assert.rejects(
    log.append({ ...callRecord(0), args }),
    new RegExp(
      `^Error: audit entry for relay_fan_set_speed is \\d+ bytes, over the ${AUDIT_MAX_LINE_BYTES}-byte bound of a line: its arguments are too large; ` +
        'the attempt is recorded as seq 1 with the arguments replaced by their size and SHA-256, and the call must not be carried out$',
    ),
  );
  const recorded = JSON.parse((await readLines(path))[0]!) as AuditEntry;
  const argsJson = canonicalJson(args);
  assert.deepEqual(recorded.args, {});
  assert.deepEqual(recorded.argsOmitted, {
    bytes: Buffer.byteLength(argsJson),
    sha256: createHash('sha256').update(argsJson).digest('hex'),
    preview: argsJson.slice(0, 200),
  });
  assert.deepEqual([recorded.seq, recorded.caller, recorded.tool, recorded.decision], [1, 'trial-1', 'relay_fan_set_speed', { allowed: true }]);
  // An entry too long even without its arguments, or one that is not JSON, is refused whole and nothing is written.
  await assert.rejects(
    log.append({ ...callRecord(0), caller: 'c'.repeat(AUDIT_MAX_LINE_BYTES) }),
    /even without its arguments: refused whole, nothing was written/,
  );
  await assert.rejects(log.append({ ...callRecord(0), args: { n: 1n } }), /cannot be written as JSON/);
  // An entry just under the bound is written whole, and read back by the verifier.
  const fits = { ...callRecord(0), args: { note: 'x'.repeat(AUDIT_MAX_LINE_BYTES - 600) } };
  assert.equal((await log.append(fits)).seq, 2);
  await log.close();
  await assert.rejects(log.append(callRecord(1)), /is closed/);
  assert.equal((await readLines(path)).length, 2);
  assert.equal((await verifyAuditLog(path)).ok, true);
});

test('one writer per file: a second open is refused while the first holds the log, and may open once it closed', async (t) => {
  const path = join(await tempDir(t), 'audit.jsonl');
  const first = await AuditLog.open(path);
  await first.append(callRecord(0));
  assert.equal(await readFile(`${path}.lock`, 'utf8'), `${process.pid}\n`);
  await assert.rejects(
    AuditLog.open(path),
    /^Error: audit log .*audit\.jsonl is already open for writing by this process: one writer per file, or the chain forks \(the lock is .*audit\.jsonl\.lock;/,
  );
  await first.append(callRecord(1));
  await first.close();
  await assert.rejects(stat(`${path}.lock`), { code: 'ENOENT' });
  const second = await AuditLog.open(path);
  assert.equal((await second.append(callRecord(2))).seq, 3);
  await second.close();
  assert.deepEqual(await verifyAuditLog(path, { count: 3 }), { ok: true, entries: 3, head: second.head().hash });
});

test('a lock left by a process that is gone is taken over; one held by a running process, or by no process id, is not', async (t) => {
  const dir = await tempDir(t);
  const path = join(dir, 'audit.jsonl');
  const gone = spawnSync(process.execPath, ['-e', '']).pid!;
  await writeFile(`${path}.lock`, `${gone}\n`);
  const log = await AuditLog.open(path);
  assert.equal(await readFile(`${path}.lock`, 'utf8'), `${process.pid}\n`);
  await log.close();

  await writeFile(`${path}.lock`, `${process.ppid}\n`);
  await assert.rejects(
    AuditLog.open(path),
    new RegExp(`already open for writing by process ${process.ppid}: .*remove it only if process ${process.ppid} is not a writer`),
  );
  await writeFile(`${path}.lock`, '');
  await assert.rejects(AuditLog.open(path), /is locked by .*audit\.jsonl\.lock, which holds no process id/);
  assert.equal(await readFile(`${path}.lock`, 'utf8'), '', 'a lock that is not ours is left alone');
});

test('a log that refuses to open gives its lock back', async (t) => {
  const path = join(await tempDir(t), 'audit.jsonl');
  await writeAuditLog(path, 1);
  await appendFile(path, 'garbage\n');
  await assert.rejects(AuditLog.open(path), /last line is corrupt/);
  await assert.rejects(stat(`${path}.lock`), { code: 'ENOENT' });
});

async function rewriteLast(path: string, change: (line: string) => string): Promise<void> {
  const lines = await readLines(path);
  lines[lines.length - 1] = change(lines.at(-1)!);
  await writeLines(path, lines);
}
