import { createReadStream } from 'node:fs';
import { AUDIT_MAX_LINE_BYTES, type AuditEntry, auditLineMismatch, parseAuditLine } from './audit-entry.js';
import { AUDIT_GENESIS, type AuditKey, auditHash } from './audit-hash.js';

/**
 * Checks an audit log written by `AuditLog`: every line is an entry, numbered one after the other from 1, chained
 * to the line before it, hashed as written, and written byte for byte as the log writes it (another spelling of
 * the same JSON could show other readers something the hash does not cover). The first line that is not says
 * what happened to it.
 *
 * What the file alone cannot show: lines cut off its end leave a shorter log that is sound. A reader who kept
 * the head hash (the last entry's `hash`, which the writer reports) or the count elsewhere gives it as `head` or
 * `count`, and a cut tail shows. Without a key, anyone who can write the file can also rewrite the whole chain
 * from the changed line on; a key (HMAC) or a head kept elsewhere is what makes that show.
 */

export type AuditProblemKind =
  /** Not an entry, or not as the log writes it: bad JSON, a missing chain field, a line cut short or too long, a key repeated or moved, other spacing or escapes, a CRLF ending. */
  | 'format'
  /** A line deleted, inserted or moved. */
  | 'seq'
  /** A line before this one removed, inserted or replaced with its numbering kept. */
  | 'prev'
  /** A field changed after the line was written. */
  | 'hash'
  /** The key is not the one the log was written with (or one was given for an unkeyed log, or none for a keyed one). */
  | 'key'
  /** The log holds fewer or more entries than `count` says. */
  | 'count'
  /** The log does not end at the `head` hash. */
  | 'head';

export interface AuditProblem {
  /** 1-based line where it shows; for a tail cut off, the first line that is missing. */
  line: number;
  kind: AuditProblemKind;
  message: string;
}

export interface AuditVerdict {
  ok: boolean;
  /** Entries that verified: all of them when `ok`, those before the problem otherwise. */
  entries: number;
  /** The hash of the last entry that verified (the genesis value when none did): keep it to pass as `head` later. */
  head: string;
  problem?: AuditProblem;
}

export interface AuditVerifyOptions {
  /** The log's HMAC key, if it was written with one. */
  key?: AuditKey;
  /** The hash the log's last entry must have. */
  head?: string;
  /** How many entries the log must hold. */
  count?: number;
}

/** Verifies the log at `path`, reading it as a stream. Rejects only when the file cannot be read. */
export async function verifyAuditLog(path: string, options: AuditVerifyOptions = {}): Promise<AuditVerdict> {
  const { key } = options;
  let entries = 0;
  let prev = AUDIT_GENESIS;
  /** Entries up to the expected head, once it was met; -1 until then. */
  let headAt = options.head === AUDIT_GENESIS ? 0 : -1;
  const failed = (line: number, kind: AuditProblemKind, message: string): AuditVerdict => ({
    ok: false,
    entries,
    head: entries === 0 ? AUDIT_GENESIS : prev,
    problem: { line, kind, message },
  });
  // A first line whose hash does not match is a changed line or a wrong key; the line after it tells which.
  let suspect: AuditEntry | null = null;
  for await (const line of auditLines(path)) {
    const checked = checkLine(line, prev);
    if (suspect !== null) {
      const chainedToIt = 'entry' in checked;
      if (chainedToIt && !hashMatches(checked.entry, key)) return failed(1, 'key', keyMismatch(key));
      return failed(1, 'hash', `a field was changed${chainedToIt ? '' : ', or the key is not the one the log was written with'}: the hash does not match`);
    }
    if ('problem' in checked) return failed(line.number, checked.kind, checked.problem);
    const { entry } = checked;
    if (!hashMatches(entry, key)) {
      if (line.number > 1) return failed(line.number, 'hash', 'a field was changed: the hash does not match');
      if (key !== undefined && hashMatches(entry, undefined)) {
        return failed(1, 'key', 'a key was given, but the log was written without one (its hashes are plain SHA-256)');
      }
      suspect = entry;
      prev = entry.hash;
      continue;
    }
    // After the hash, so a changed or added field is told as such; any other edit of the text is caught here.
    const mismatch = auditLineMismatch(checked.text, entry);
    if (mismatch !== null) return failed(line.number, 'format', mismatch);
    entries += 1;
    prev = entry.hash;
    if (prev === options.head) headAt = entries;
  }
  if (suspect !== null) return failed(1, 'hash', 'a field was changed, or the key is not the one the log was written with: the hash does not match');
  if (options.count !== undefined && entries !== options.count) {
    return entries < options.count
      ? failed(entries + 1, 'count', `the log ends after ${entries} entries, ${options.count} expected: its tail was cut off`)
      : failed(options.count + 1, 'count', `the log goes on after the ${options.count} entries expected`);
  }
  if (options.head !== undefined && prev !== options.head) {
    return headAt >= 0
      ? failed(headAt + 1, 'head', `the log goes on after the expected head (${headAt === 0 ? 'an empty log' : `line ${headAt}`})`)
      : failed(
          entries + 1,
          'head',
          `the expected head is not in the log, which ends with ${prev} after ${entries} entries: its tail was cut off, or the log was replaced`,
        );
  }
  return { ok: true, entries, head: prev };
}

interface Line {
  /** 1-based. */
  number: number;
  /** null when the line is longer than `AUDIT_MAX_LINE_BYTES`. */
  text: string | null;
  /** Whether a newline ends it (the last line of a file may lack one). */
  ended: boolean;
}

type Checked = { entry: AuditEntry; text: string } | { kind: AuditProblemKind; problem: string };

/** Whether a line is an entry in its place in the chain: the right seq, and chained to the line before it. */
function checkLine(line: Line, prev: string): Checked {
  if (line.text === null) return { kind: 'format', problem: `the line is longer than ${AUDIT_MAX_LINE_BYTES} bytes` };
  if (!line.ended) return { kind: 'format', problem: 'the line is cut short (no newline at its end): a write that did not finish' };
  const parsed = parseAuditLine(line.text);
  if ('problem' in parsed) return { kind: 'format', problem: parsed.problem };
  const { entry } = parsed;
  if (entry.seq !== line.number) {
    const why = entry.seq > line.number ? 'a line before it is missing, or lines are out of order' : 'a line was inserted before it, or lines are out of order';
    return { kind: 'seq', problem: `seq is ${entry.seq}, expected ${line.number}: ${why}` };
  }
  if (entry.prev !== prev) {
    return { kind: 'prev', problem: `"prev" is not the hash of the line before it: a line before it was removed, inserted or replaced` };
  }
  return { entry, text: line.text };
}

function hashMatches(entry: AuditEntry, key: AuditKey | undefined): boolean {
  const { hash, ...rest } = entry;
  return auditHash(rest, key) === hash;
}

function keyMismatch(key: AuditKey | undefined): string {
  return key === undefined
    ? 'the log is keyed (HMAC): no line verifies without its key'
    : 'the key is not the one the log was written with: no line verifies with it';
}

/** The file's lines, read as a stream; a line too long to hold is reported (with no text) and ends the reading. */
async function* auditLines(path: string): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let held = 0;
  let number = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let end = chunk.indexOf(0x0a, start); end !== -1; end = chunk.indexOf(0x0a, start)) {
      number += 1;
      const piece = chunk.subarray(start, end);
      start = end + 1;
      if (held + piece.length + 1 > AUDIT_MAX_LINE_BYTES) {
        yield { number, text: null, ended: true };
        return;
      }
      const bytes = parts.length === 0 ? piece : Buffer.concat([...parts, piece]);
      parts = [];
      held = 0;
      yield { number, text: bytes.toString('utf8'), ended: true };
    }
    const rest = chunk.subarray(start);
    if (held + rest.length + 1 > AUDIT_MAX_LINE_BYTES) {
      yield { number: number + 1, text: null, ended: false };
      return;
    }
    if (rest.length > 0) {
      parts.push(rest);
      held += rest.length;
    }
  }
  if (held > 0) yield { number: number + 1, text: Buffer.concat(parts).toString('utf8'), ended: false };
}
