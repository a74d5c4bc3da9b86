import { createHash } from 'node:crypto';
import { type FileHandle, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { canonicalJson } from '../../../core/canonical-json.js';
import { writeAll } from '../../../core/write-all.js';
import {
  AUDIT_MAX_LINE_BYTES,
  type AuditArgsOmitted,
  type AuditBody,
  type AuditEntry,
  type AuditRecord,
  auditBodyText,
  auditLineMismatch,
  auditLineText,
  parseAuditLine,
} from './audit-entry.js';
import { AUDIT_GENESIS, type AuditKey, auditHash } from './audit-hash.js';
import { lockAuditLog, unlockAuditLog } from './audit-lock.js';

export interface AuditLogOptions {
  /** HMAC key: without it the chain is plain SHA-256, which anyone who can write the file can recompute. */
  key?: AuditKey;
  /**
   * Also fsync each write before acknowledging it. Without it an entry survives a crash of this process (it
   * reached the kernel); with it, a power loss too, at the cost of a disk flush per write.
   */
  fsync?: boolean;
  /** Opens the file for appending. Only fault tests change it (a handle whose writes fail); everything else gets the file. */
  openFile?: (path: string) => Promise<FileHandle>;
  /** Milliseconds since the epoch, for each entry's `time`. */
  clock?: () => number;
}

/** The last entry in the log: seq 0 and the genesis hash while it is empty. */
export interface AuditHead {
  seq: number;
  hash: string;
}

interface Pending {
  /** The entry without its place in the chain, snapshotted as JSON when it was handed in. */
  body: AuditBody;
  /** `auditBodyText(body)`, made once. */
  bodyText: string;
  /** Set when the arguments were too large for a line: the entry is written without them, then refused with this. */
  refusal?: (seq: number) => Error;
  resolve: (entry: AuditEntry) => void;
  reject: (error: Error) => void;
}

/** Entries written in one go at most: a bound on one write's size (each line is at most `AUDIT_MAX_LINE_BYTES`). */
const MAX_BATCH = 256;

/** What the chain adds to the body's text at most: the braces, `"seq":N,`, the two hashes and the newline. */
const CHAIN_BYTES = Buffer.byteLength(`{"seq":${Number.MAX_SAFE_INTEGER},,"prev":"${AUDIT_GENESIS}","hash":"${AUDIT_GENESIS}"}\n`);

/** Characters of oversized arguments kept in `argsOmitted.preview`. */
const PREVIEW_CHARS = 200;

/**
 * The append-only, hash-chained log of actuator calls: one JSON line per call, each carrying the hash of the
 * line before it (`audit-entry.ts` says what a line holds; `audit-verify.ts` checks a log).
 *
 * Ordered: entries are written in the order `append` was called, and a line's seq is one more than the line
 * before it. Calls that arrive while a write is under way are written together by the next one (one write and
 * at most one fsync for all of them), never interleaved.
 *
 * Truthful: `append` resolves only once its line was written whole (and synced, with `fsync`). A failed write
 * rejects every entry of that write, and is cut back off the file, so no half line stays and the next entry
 * takes the seq the failed one would have had: the log never shows a gap. If the cut itself fails, the log
 * refuses every later entry rather than write after a broken line.
 *
 * One writer per file: two logs open on the same file would fork its chain, so `open` takes the file's lock
 * (`audit-lock.ts`) and refuses a log another writer holds.
 */
export class AuditLog {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private closed = false;
  /** Why the log can no longer be written, once a failed write could not be cut back off the file. */
  private broken: string | null = null;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    /** The lock file this writer holds, given back on close. */
    private readonly lock: string,
    /** Bytes in the file up to the end of the last whole entry: where a failed write is cut back to. */
    private bytes: number,
    private last: AuditHead,
    private readonly options: AuditLogOptions,
  ) {}

  /**
   * Opens the log at `path` (creating it and its directory if needed) and continues its chain from the last
   * line. A last line that is cut short, not an entry, or whose hash does not match (a different key, or the
   * line was changed) is refused with an error: continuing after it would fork the chain. So is a log that
   * another writer holds open.
   */
  static async open(path: string, options: AuditLogOptions = {}): Promise<AuditLog> {
    await mkdir(dirname(path), { recursive: true });
    const lock = await lockAuditLog(path);
    let handle: FileHandle | undefined;
    try {
      handle = await (options.openFile ?? ((file: string) => open(file, 'a')))(path);
      const bytes = (await handle.stat()).size;
      const last = bytes === 0 ? { seq: 0, hash: AUDIT_GENESIS } : await readHead(path, bytes, options.key);
      return new AuditLog(path, handle, lock, bytes, last, options);
    } catch (error) {
      await handle?.close();
      await unlockAuditLog(lock);
      throw error;
    }
  }

  /** The last entry written. */
  head(): AuditHead {
    return { ...this.last };
  }

  /**
   * Queues one entry; resolves with it as written once it is in the file. Rejects when the entry cannot be
   * JSON or the write fails (and nothing is written), or when its arguments are too large for a line (and the
   * entry is written with them replaced by `argsOmitted`, so the attempt is on record): the caller must then
   * not carry out the call it describes. An entry too long even without its arguments is refused whole.
   */
  append(record: AuditRecord): Promise<AuditEntry> {
    if (this.closed) return Promise.reject(new Error(`audit log ${this.path} is closed`));
    if (this.broken !== null) return Promise.reject(new Error(this.broken));
    const time = new Date((this.options.clock ?? Date.now)()).toISOString();
    const { caller, scope, tool, actuator, args, decision, outcome } = record;
    let body: AuditBody;
    try {
      body = JSON.parse(JSON.stringify({ time, caller, scope, tool, actuator, args, decision, outcome })) as AuditBody;
    } catch (error) {
      return Promise.reject(new Error(`audit entry for ${tool} cannot be written as JSON: ${messageOf(error)}`));
    }
    let bodyText = auditBodyText(body);
    const lineBytes = Buffer.byteLength(bodyText, 'utf8') + CHAIN_BYTES;
    let refusal: Pending['refusal'];
    if (lineBytes > AUDIT_MAX_LINE_BYTES) {
      body = { ...body, args: {}, argsOmitted: argsOmitted(body.args) };
      bodyText = auditBodyText(body);
      if (Buffer.byteLength(bodyText, 'utf8') + CHAIN_BYTES > AUDIT_MAX_LINE_BYTES) {
        return Promise.reject(
          new Error(
            `audit entry for ${tool} is ${lineBytes} bytes, over the ${AUDIT_MAX_LINE_BYTES}-byte bound of a line even without its arguments: refused whole, nothing was written`,
          ),
        );
      }
      refusal = (seq) =>
        new Error(
          `audit entry for ${tool} is ${lineBytes} bytes, over the ${AUDIT_MAX_LINE_BYTES}-byte bound of a line: its arguments are too large; ` +
            `the attempt is recorded as seq ${seq} with the arguments replaced by their size and SHA-256, and the call must not be carried out`,
        );
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ body, bodyText, ...(refusal === undefined ? {} : { refusal }), resolve, reject });
      // Start on a microtask so entries appended in the same tick share one write.
      this.flushing ??= Promise.resolve().then(() => this.flush());
    });
  }

  /** Writes what is queued, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.flushing !== null) await this.flushing;
    try {
      await this.handle.close();
    } finally {
      await unlockAuditLog(this.lock);
    }
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      if (this.broken !== null) {
        for (const pending of batch) pending.reject(new Error(this.broken));
        continue;
      }
      let { seq, hash } = this.last;
      let text = '';
      const entries: AuditEntry[] = [];
      for (const { body, bodyText } of batch) {
        seq += 1;
        const chained = { seq, ...body, prev: hash };
        hash = auditHash(chained, this.options.key);
        const entry = { ...chained, hash };
        entries.push(entry);
        text += `${auditLineText(entry, bodyText)}\n`;
      }
      const buffer = Buffer.from(text, 'utf8');
      try {
        await writeAll(this.handle, buffer);
        if (this.options.fsync === true) await this.handle.datasync();
      } catch (error) {
        await this.cutBack();
        const failure = new Error(`audit log ${this.path}: the entry could not be written (${messageOf(error)}); the call is not recorded`, { cause: error });
        for (const pending of batch) pending.reject(failure);
        continue;
      }
      this.bytes += buffer.length;
      this.last = { seq, hash };
      for (const [i, pending] of batch.entries()) {
        const entry = entries[i]!;
        if (pending.refusal === undefined) pending.resolve(entry);
        else pending.reject(pending.refusal(entry.seq));
      }
    }
    this.flushing = null;
  }

  /** Cuts a failed write's part off the file, so no half line stays for the next entry to follow. */
  private async cutBack(): Promise<void> {
    try {
      await this.handle.truncate(this.bytes);
    } catch (error) {
      this.broken = `audit log ${this.path} cannot be written: a failed write could not be cut back off the file (${messageOf(error)})`;
    }
  }
}

/** The seq and hash of the log's last line, read from the end of the file (never the whole of it). */
async function readHead(path: string, size: number, key: AuditKey | undefined): Promise<AuditHead> {
  const refuse = (why: string) =>
    new Error(`audit log ${path}: ${why}; refusing to continue a chain whose end cannot be trusted (check it with \`iotmcp-bench audit verify\`)`);
  // A whole line is at most AUDIT_MAX_LINE_BYTES with its newline; one byte more shows the newline before it.
  const length = Math.min(size, AUDIT_MAX_LINE_BYTES + 1);
  const tail = Buffer.alloc(length);
  const reader = await open(path, 'r');
  try {
    let read = 0;
    while (read < length) {
      const { bytesRead } = await reader.read(tail, read, length - read, size - length + read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    if (read < length) throw refuse('the file shrank while it was being opened');
  } finally {
    await reader.close();
  }
  if (tail[length - 1] !== 0x0a) throw refuse('its last line is cut short (no newline at the end)');
  const before = tail.lastIndexOf(0x0a, length - 2);
  if (before === -1 && length < size) throw refuse(`its last line is longer than ${AUDIT_MAX_LINE_BYTES} bytes`);
  const text = tail.subarray(before + 1, length - 1).toString('utf8');
  const parsed = parseAuditLine(text);
  if ('problem' in parsed) throw refuse(`its last line is corrupt (${parsed.problem})`);
  const { hash, ...rest } = parsed.entry;
  if (auditHash(rest, key) !== hash) {
    throw refuse(`its last line's hash does not match: the key is not the one the log was written with, or the line was changed`);
  }
  const mismatch = auditLineMismatch(text, parsed.entry);
  if (mismatch !== null) throw refuse(`its last line was edited (${mismatch})`);
  return { seq: parsed.entry.seq, hash };
}

/** What stands in a line for arguments too large for it. */
function argsOmitted(args: unknown): AuditArgsOmitted {
  const json = canonicalJson(args) ?? 'null';
  let preview = json.slice(0, PREVIEW_CHARS);
  // Never half a surrogate pair.
  if (/[\ud800-\udbff]$/.test(preview)) preview = preview.slice(0, -1);
  return { bytes: Buffer.byteLength(json, 'utf8'), sha256: createHash('sha256').update(json, 'utf8').digest('hex'), preview };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
