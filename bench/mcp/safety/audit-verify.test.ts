import assert from 'node:assert/strict';
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { AUDIT_MAX_LINE_BYTES, type AuditEntry } from './audit-entry.js';
import { readLines, tempDir, writeAuditLog, writeLines } from './audit-fixtures.test-helper.js';
import { AUDIT_GENESIS, auditHash } from './audit-hash.js';
import { type AuditProblemKind, verifyAuditLog } from './audit-verify.js';

const KEY = 'a-test-key-0123456789abcdef';

/** A six-entry log, changed by `damage`; returns the verdict's problem as [line, kind] and the verdict. */
async function damaged(t: TestContext, damage: (lines: string[]) => string[], options: { key?: string; head?: string; count?: number } = {}) {
  const path = join(await tempDir(t), 'audit.jsonl');
  await writeAuditLog(path, 6, options.key);
  await writeLines(path, damage(await readLines(path)));
  const verdict = await verifyAuditLog(path, options);
  return { problem: verdict.problem === undefined ? null : ([verdict.problem.line, verdict.problem.kind] as [number, AuditProblemKind]), verdict };
}

const entryOf = (line: string) => JSON.parse(line) as AuditEntry;

test('an intact log verifies, and reports its head and length', async (t) => {
  const path = join(await tempDir(t), 'audit.jsonl');
  const head = await writeAuditLog(path, 6, KEY);
  assert.deepEqual(await verifyAuditLog(path, { key: KEY }), { ok: true, entries: 6, head });
  assert.deepEqual(await verifyAuditLog(path, { key: KEY, head, count: 6 }), { ok: true, entries: 6, head });
});

test('an empty log verifies, with the genesis value as its head', async (t) => {
  const path = join(await tempDir(t), 'audit.jsonl');
  await writeFile(path, '');
  assert.deepEqual(await verifyAuditLog(path, { head: AUDIT_GENESIS, count: 0 }), { ok: true, entries: 0, head: AUDIT_GENESIS });
});

test('a line not byte for byte as the log writes it is caught on its line, even where the parsed entry verifies', async (t) => {
  const NOT_AS_WRITTEN = 'the line is not byte for byte the text the log writes for its entry: a key was repeated or moved, or spacing or escapes were changed';
  const edits: [string, (line: string) => string, string][] = [
    // JSON.parse keeps the last of two keys; grep and other parsers see the first.
    ['a shadow decision before the real one', (line) => line.replace('"decision":', '"decision":{"allowed":true},"decision":'), NOT_AS_WRITTEN],
    ['top-level keys reordered', (line) => line.replace(/^\{("seq":\d+),("time":"[^"]+"),/, '{$2,$1,'), NOT_AS_WRITTEN],
    [
      'nested keys reordered',
      (line) => line.replace(/"decision":\{"allowed":false,("reason":"[^"]+"),("rule":"[^"]+")\}/, '"decision":{"allowed":false,$2,$1}'),
      NOT_AS_WRITTEN,
    ],
    ['an escape changed', (line) => line.replace('"trial-1"', '"trial\\u002d1"'), NOT_AS_WRITTEN],
    ['spacing added', (line) => line.replace('"caller":', '"caller": '), NOT_AS_WRITTEN],
    ['a CRLF ending', (line) => `${line}\r`, 'the line ends in a carriage return (a CRLF line ending): it is not the text the log wrote'],
  ];
  for (const [name, edit, message] of edits) {
    const path = join(await tempDir(t), 'audit.jsonl');
    const head = await writeAuditLog(path, 6, KEY);
    const lines = await readLines(path);
    const edited = edit(lines[3]!);
    assert.notEqual(edited, lines[3], `${name}: the edit applies`);
    assert.deepEqual(entryOf(edited), entryOf(lines[3]!), `${name}: the parsed entry is unchanged`);
    await writeLines(
      path,
      lines.map((line, i) => (i === 3 ? edited : line)),
    );
    const verdict = await verifyAuditLog(path, { key: KEY, head, count: 6 });
    assert.deepEqual(verdict.problem, { line: 4, kind: 'format', message }, name);
    assert.equal(verdict.entries, 3, name);
  }
  // A whole file with CRLF endings fails on its first line.
  const { problem } = await damaged(t, (lines) => lines.map((line) => `${line}\r`), { key: KEY });
  assert.deepEqual(problem, [1, 'format']);
});

test('a changed field is caught on its line', async (t) => {
  for (const key of [undefined, KEY]) {
    const options = key === undefined ? {} : { key };
    const args = await damaged(t, (lines) => lines.map((line, i) => (i === 2 ? line.replace('"speed_pct":2', '"speed_pct":100') : line)), options);
    assert.deepEqual(args.problem, [3, 'hash']);
    assert.match(args.verdict.problem!.message, /^a field was changed: the hash does not match$/);
    assert.equal(args.verdict.entries, 2);
    const decision = await damaged(t, (lines) => lines.map((line, i) => (i === 3 ? line.replace('"allowed":false', '"allowed":true') : line)), options);
    assert.deepEqual(decision.problem, [4, 'hash']);
    // A field added to a line counts as a change too.
    const added = await damaged(t, (lines) => lines.map((line, i) => (i === 4 ? line.replace('{"seq"', '{"approved":true,"seq"') : line)), options);
    assert.deepEqual(added.problem, [5, 'hash']);
  }
});

test('a change to the first line is told from a wrong key by the line after it', async (t) => {
  const { problem, verdict } = await damaged(t, (lines) => [lines[0]!.replace('"trial-1"', '"trial-2"'), ...lines.slice(1)], { key: KEY });
  assert.deepEqual(problem, [1, 'hash']);
  assert.equal(verdict.problem!.message, 'a field was changed: the hash does not match');
  assert.equal(verdict.head, AUDIT_GENESIS);
});

test('a deleted, swapped or inserted line is caught where the numbering breaks', async (t) => {
  assert.deepEqual((await damaged(t, (lines) => lines.filter((_, i) => i !== 2))).problem, [3, 'seq']);
  const swapped = await damaged(t, (lines) => [lines[0]!, lines[2]!, lines[1]!, ...lines.slice(3)]);
  assert.deepEqual(swapped.problem, [2, 'seq']);
  assert.match(swapped.verdict.problem!.message, /^seq is 3, expected 2: a line before it is missing, or lines are out of order$/);
  const inserted = await damaged(t, (lines) => [...lines.slice(0, 4), lines[1]!, ...lines.slice(4)]);
  assert.deepEqual(inserted.problem, [5, 'seq']);
  assert.match(inserted.verdict.problem!.message, /a line was inserted before it/);
  // The first line removed: the log now starts at seq 2.
  assert.deepEqual((await damaged(t, (lines) => lines.slice(1))).problem, [1, 'seq']);
});

test('a line removed with the numbering after it redone is caught by the chain', async (t) => {
  const renumbered = (lines: string[]) =>
    lines
      .filter((_, i) => i !== 2)
      .map((line, i) => {
        const entry = entryOf(line);
        return JSON.stringify({ ...entry, seq: i + 1 });
      });
  assert.deepEqual((await damaged(t, renumbered)).problem, [3, 'prev']);
});

test('without a key, a chain rewritten from a changed line on verifies; a key or a kept head catches it', async (t) => {
  // What someone who can write the file but holds no key can do: change line 3 and recompute every hash from it on.
  const rewrite = (key: string | undefined) => (lines: string[]) => {
    let prev = entryOf(lines[1]!).hash;
    return lines.map((line, i) => {
      if (i < 2) return line;
      const { hash: _, ...entry } = entryOf(line);
      const changed = { ...entry, prev, ...(i === 2 ? { args: { place: 'garage', speed_pct: 100 } } : {}) };
      prev = auditHash(changed, key);
      return JSON.stringify({ ...changed, hash: prev });
    });
  };
  assert.equal((await damaged(t, rewrite(undefined))).verdict.ok, true);
  assert.deepEqual((await damaged(t, rewrite('a guess'), { key: KEY })).problem, [3, 'hash']);
  const path = join(await tempDir(t), 'kept-head.jsonl');
  const head = await writeAuditLog(path, 6);
  await writeLines(path, rewrite(undefined)(await readLines(path)));
  const rewritten = await verifyAuditLog(path, { head });
  assert.deepEqual(rewritten.problem?.line, 7);
  assert.deepEqual(rewritten.problem?.kind, 'head');
  assert.match(rewritten.problem!.message, /the expected head is not in the log, which ends with [0-9a-f]{64} after 6 entries/);
});

test('a tail cut off verifies alone, and is caught with the head or the count kept elsewhere', async (t) => {
  const path = join(await tempDir(t), 'audit.jsonl');
  const head = await writeAuditLog(path, 6, KEY);
  const lines = await readLines(path);
  await writeLines(path, lines.slice(0, 4));
  assert.deepEqual(await verifyAuditLog(path, { key: KEY }), { ok: true, entries: 4, head: entryOf(lines[3]!).hash });
  const byHead = await verifyAuditLog(path, { key: KEY, head });
  assert.deepEqual(byHead.problem, {
    line: 5,
    kind: 'head',
    message: `the expected head is not in the log, which ends with ${entryOf(lines[3]!).hash} after 4 entries: its tail was cut off, or the log was replaced`,
  });
  const byCount = await verifyAuditLog(path, { key: KEY, count: 6 });
  assert.deepEqual(byCount.problem, { line: 5, kind: 'count', message: 'the log ends after 4 entries, 6 expected: its tail was cut off' });
  // A head from earlier in the log's life: the log has gone on since.
  await writeLines(path, lines);
  const earlier = await verifyAuditLog(path, { key: KEY, head: entryOf(lines[3]!).hash });
  assert.deepEqual(earlier.problem, { line: 5, kind: 'head', message: 'the log goes on after the expected head (line 4)' });
  assert.deepEqual((await verifyAuditLog(path, { key: KEY, count: 5 })).problem?.line, 6);
  // Cut in the middle of a line: the last line has no newline.
  await writeFile(path, `${lines.slice(0, 3).join('\n')}\n${lines[3]!.slice(0, 50)}`);
  const torn = await verifyAuditLog(path, { key: KEY });
  assert.deepEqual(torn.problem, { line: 4, kind: 'format', message: 'the line is cut short (no newline at its end): a write that did not finish' });
});

test('a wrong key, a missing key, or a key for an unkeyed log is caught on line 1', async (t) => {
  const keyed = join(await tempDir(t), 'keyed.jsonl');
  await writeAuditLog(keyed, 3, KEY);
  const wrong = await verifyAuditLog(keyed, { key: 'not-the-key' });
  assert.deepEqual(wrong.problem, { line: 1, kind: 'key', message: 'the key is not the one the log was written with: no line verifies with it' });
  assert.deepEqual((await verifyAuditLog(keyed)).problem, { line: 1, kind: 'key', message: 'the log is keyed (HMAC): no line verifies without its key' });
  const plain = join(await tempDir(t), 'plain.jsonl');
  await writeAuditLog(plain, 3);
  assert.deepEqual((await verifyAuditLog(plain, { key: KEY })).problem, {
    line: 1,
    kind: 'key',
    message: 'a key was given, but the log was written without one (its hashes are plain SHA-256)',
  });
  // One line cannot tell a wrong key from a changed line, and says so.
  const single = join(await tempDir(t), 'single.jsonl');
  await writeAuditLog(single, 1, KEY);
  assert.deepEqual((await verifyAuditLog(single, { key: 'not-the-key' })).problem, {
    line: 1,
    kind: 'hash',
    message: 'a field was changed, or the key is not the one the log was written with: the hash does not match',
  });
});

test('a line that is not an entry is caught on its line', async (t) => {
  assert.deepEqual((await damaged(t, (lines) => lines.map((line, i) => (i === 1 ? line.slice(0, -1) : line)))).problem, [2, 'format']);
  assert.deepEqual((await damaged(t, (lines) => [...lines.slice(0, 3), '', ...lines.slice(3)])).problem, [4, 'format']);
  assert.deepEqual((await damaged(t, (lines) => lines.map((line, i) => (i === 4 ? '[1,2]' : line)))).problem, [5, 'format']);
  const noHash = await damaged(t, (lines) => lines.map((line, i) => (i === 5 ? line.replace(/"hash":"[0-9a-f]+"/, '"hash":"XYZ"') : line)));
  assert.deepEqual(noHash.verdict.problem, { line: 6, kind: 'format', message: '"hash" is missing or not a hash' });
});

test('a line longer than the bound is reported without being held whole', async (t) => {
  const path = join(await tempDir(t), 'audit.jsonl');
  await writeAuditLog(path, 2);
  await appendFile(path, `${'x'.repeat(AUDIT_MAX_LINE_BYTES * 4)}\n`);
  assert.deepEqual((await verifyAuditLog(path)).problem, { line: 3, kind: 'format', message: `the line is longer than ${AUDIT_MAX_LINE_BYTES} bytes` });
  await writeFile(path, 'y'.repeat(AUDIT_MAX_LINE_BYTES * 4));
  assert.deepEqual((await verifyAuditLog(path)).problem?.line, 1);
});

test('a log larger than one read is streamed through and verifies', async (t) => {
  const path = join(await tempDir(t), 'audit.jsonl');
  const head = await writeAuditLog(path, 3000);
  assert.deepEqual(await verifyAuditLog(path, { count: 3000, head }), { ok: true, entries: 3000, head });
});

test('a file that cannot be read is an error, not a verdict', async (t) => {
  await assert.rejects(verifyAuditLog(join(await tempDir(t), 'missing.jsonl')), { code: 'ENOENT' });
});
