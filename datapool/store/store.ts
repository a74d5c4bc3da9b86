import { type FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { now } from '../../core/clock.js';
import { type Logger, stderrLogger } from '../../core/log.js';
import { writeAll } from '../../core/write-all.js';
import type { StoreHealth } from '../types.js';
import { encodeRecord, type StoreRecord } from './records.js';
import { scanSegment } from './segment-reader.js';
import { COMPACTING_SUFFIX, isFile, leftoverCompactions, listSegments, segmentPath } from './segments.js';

/** A segment is sealed and a new one begun once it holds this many bytes. */
export const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;

/** Name of the single-file store written before the store was segmented; moved into the directory on open. */
/** Compaction writes its output in pieces of about this many characters. */
const COMPACTION_CHUNK = 1 << 20;

export const LEGACY_STORE_FILE = 'datapool.jsonl';

export interface StoreOptions {
  /**
   * Also fsync each batch. Without it a record survives a crash or SIGKILL of this process (it reached the
   * kernel); with it, a power loss too, at the cost of a disk flush per batch.
   */
  fsync?: boolean;
  /** Bytes after which the segment being written is sealed. Default 64 MiB. */
  segmentBytes?: number;
  /** A store written before segments, moved in as the oldest segment when the directory has none. */
  legacyFile?: string;
  /**
   * Opens a segment for appending. Only fault tests change it (a handle whose writes run out of space);
   * everything else gets the real file.
   */
  openSegment?: (path: string) => Promise<FileHandle>;
  log?: Logger;
}

export interface RecoveredStore {
  store: SegmentedStore;
  /** Every intact record in file order, for replay. */
  records: StoreRecord[];
  /** Bytes cut from the end of the newest segment (a torn last line). */
  truncatedBytes: number;
  /** Damaged lines skipped in the middle of the store. */
  corruptLines: number;
}

/** Decides, during compaction, whether a record in a sealed segment is still needed. */
export type KeepRecord = (record: StoreRecord) => boolean;

interface Pending {
  record: StoreRecord;
  /** Told the instant the record was stored, or null and why not; absent when nobody waits (`write`). */
  done?: (storedAt: number | null, error?: unknown) => void;
}

interface Segment {
  seq: number;
  bytes: number;
}

/**
 * Durable, append-only store of JSON-lines segments with group commit: records appended while a write is in
 * progress are written together by the next one, so a segment sees one write (and at most one fsync) per batch,
 * not per record, and the event loop never blocks on the disk.
 *
 * Bounded: when the segment being written reaches `segmentBytes` it is sealed, and sealed segments are
 * compacted into one that keeps only what the owner's `KeepRecord` still needs, so the store (and a restart,
 * which reads it) grows with what is live, not with history.
 *
 * Truthful: a record is reported stored only once its batch was written whole (and synced, with fsync). A
 * failed write (the disk is full) is cut back off the file so no half line stays, fails the batch's waiters
 * and marks the store unwritable until a later write succeeds.
 *
 * A sample's `hops.stored` in the file is the instant its batch was handed to the kernel (a line cannot
 * contain the time its own write finished); `append` resolves with the instant the write completed, which
 * is what the datapool reports live.
 */
export class SegmentedStore {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private compacting: Promise<void> | null = null;
  private closed = false;
  private appended = 0;
  private failure: string | null = null;
  private keep: KeepRecord | null = null;
  private compactions = 0;
  /** Sealed segments, oldest first; `compactedSeq` is the one the last compaction wrote, if any. */
  private readonly sealed: Segment[];
  private compactedSeq = -1;

  private constructor(
    private readonly dir: string,
    private handle: FileHandle,
    private active: Segment,
    sealed: Segment[],
    private readonly options: Required<Pick<StoreOptions, 'fsync' | 'segmentBytes' | 'openSegment'>>,
    private readonly log: Logger,
  ) {
    this.sealed = sealed;
  }

  /** Opens (creating if needed) the store directory, repairs a torn tail and returns the records it holds. */
  static async open(dir: string, options: StoreOptions = {}): Promise<RecoveredStore> {
    const log = options.log ?? stderrLogger;
    await mkdir(dir, { recursive: true });
    for (const leftover of await leftoverCompactions(dir)) {
      await rm(leftover, { force: true });
      log('info', 'store: removed the output of a compaction a crash cut short (its inputs are intact)', { path: leftover });
    }
    let seqs = await listSegments(dir);
    if (seqs.length === 0 && options.legacyFile !== undefined && (await isFile(options.legacyFile))) {
      await rename(options.legacyFile, segmentPath(dir, 0));
      seqs = [0];
    }
    const records: StoreRecord[] = [];
    const segments: Segment[] = [];
    let corruptLines = 0;
    let truncatedBytes = 0;
    for (const [index, seq] of seqs.entries()) {
      const path = segmentPath(dir, seq);
      const scan = await scanSegment(path, (record) => records.push(record));
      const isNewest = index === seqs.length - 1;
      if (!isNewest || scan.validBytes === scan.bytes) {
        // A bad last line of a sealed segment is damage, not a torn write: sealing happens after a whole batch.
        corruptLines += scan.corruptLines + (isNewest || scan.validBytes === scan.bytes ? 0 : 1);
        segments.push({ seq, bytes: scan.bytes });
        continue;
      }
      corruptLines += scan.corruptLines;
      truncatedBytes = scan.bytes - scan.validBytes;
      const handle = await open(path, 'r+');
      try {
        await handle.truncate(scan.validBytes);
      } finally {
        await handle.close();
      }
      segments.push({ seq, bytes: scan.validBytes });
      log('warn', `store: truncated a torn last line (${truncatedBytes} bytes)`, { path });
    }
    if (corruptLines > 0) log('warn', `store: skipped ${corruptLines} damaged line(s)`, { dir });

    const segmentBytes = options.segmentBytes ?? DEFAULT_SEGMENT_BYTES;
    const openSegment = options.openSegment ?? ((path: string) => open(path, 'a'));
    const last = segments.at(-1);
    const active = last !== undefined && last.bytes < segmentBytes ? segments.pop()! : { seq: (last?.seq ?? 0) + 1, bytes: 0 };
    const handle = await openSegment(segmentPath(dir, active.seq));
    const store = new SegmentedStore(dir, handle, active, segments, { fsync: options.fsync ?? false, segmentBytes, openSegment }, log);
    return { store, records, truncatedBytes, corruptLines };
  }

  /** Every intact record of the store in `dir`, in order, without opening it for writing (for checks and tests). */
  static async read(dir: string): Promise<StoreRecord[]> {
    const records: StoreRecord[] = [];
    for (const seq of await listSegments(dir)) await scanSegment(segmentPath(dir, seq), (record) => records.push(record));
    return records;
  }

  /** Records appended since open. */
  get recordsAppended(): number {
    return this.appended;
  }

  /** True unless the last write failed. */
  get writable(): boolean {
    return this.failure === null;
  }

  health(): StoreHealth {
    let bytes = this.active.bytes;
    for (const segment of this.sealed) bytes += segment.bytes;
    return {
      writable: this.failure === null,
      ...(this.failure !== null ? { error: this.failure } : {}),
      bytes,
      segments: this.sealed.length + 1,
      compactions: this.compactions,
    };
  }

  /** Turns compaction on: from now on, sealed segments are rewritten with only the records `keep` accepts. */
  compactWith(keep: KeepRecord): void {
    this.keep = keep;
  }

  /** Queues one record; resolves with the instant it reached the kernel (or disk, with fsync). */
  append(record: StoreRecord): Promise<number> {
    if (this.closed) return Promise.reject(new Error('store is closed'));
    return new Promise((resolve, reject) => {
      this.enqueue({ record, done: (storedAt, error) => (storedAt === null ? reject(error) : resolve(storedAt)) });
    });
  }

  /**
   * As `append`, but resolves with null when the record could not be stored (the store has logged why,
   * or is closed) instead of rejecting: for callers that carry on either way, without a second promise.
   */
  appendOrNull(record: StoreRecord): Promise<number | null> {
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => this.enqueue({ record, done: resolve }));
  }

  /** Queues a record nobody waits for (no promise made); a failed write is logged all the same. */
  write(record: StoreRecord): void {
    if (!this.closed) this.enqueue({ record });
  }

  private enqueue(pending: Pending): void {
    this.queue.push(pending);
    // Start on a microtask so records appended in the same tick share one write.
    if (this.flushing === null) this.flushing = Promise.resolve().then(() => this.flush());
  }

  /** Resolves when no compaction is under way (the queue of sealed segments has been worked off). */
  async whenCompacted(): Promise<void> {
    while (this.compacting !== null) await this.compacting;
  }

  /** Writes what is queued, waits for a compaction under way, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.flushing !== null) await this.flushing;
    if (this.compacting !== null) await this.compacting;
    await this.handle.close();
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      const issuedAt = now();
      let text = '';
      for (const pending of batch) {
        if (pending.record.kind === 'sample') pending.record.hops.stored = issuedAt;
        text += encodeRecord(pending.record);
      }
      const buffer = Buffer.from(text, 'utf8');
      try {
        await writeAll(this.handle, buffer);
        if (this.options.fsync) await this.handle.datasync();
      } catch (error) {
        await this.failBatch(batch, error);
        continue;
      }
      this.active.bytes += buffer.length;
      if (this.failure !== null) {
        this.log('info', 'store: writable again', { dir: this.dir });
        this.failure = null;
      }
      const storedAt = now();
      this.appended += batch.length;
      for (const pending of batch) pending.done?.(storedAt);
      if (this.active.bytes >= this.options.segmentBytes) await this.seal();
    }
    this.flushing = null;
  }

  /**
   * A write failed part-way (no space, an I/O error): cut the file back to where the batch began, so no half
   * line is left for the next write to follow, and fail every record of the batch.
   */
  private async failBatch(batch: Pending[], error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    try {
      await this.handle.truncate(this.active.bytes);
    } catch (truncateError) {
      this.log('error', 'store: could not cut a failed write back off the file', { error: String(truncateError) });
    }
    if (this.failure === null) {
      this.log('error', `store: write failed, the store is unavailable until a write succeeds`, { error: message, dir: this.dir });
    }
    this.failure = message;
    for (const pending of batch) pending.done?.(null, error);
  }

  /** Seals the segment being written, opens the next, and starts a compaction of the sealed ones. */
  private async seal(): Promise<void> {
    const next = { seq: this.active.seq + 1, bytes: 0 };
    let handle: FileHandle;
    try {
      handle = await this.options.openSegment(segmentPath(this.dir, next.seq));
    } catch (error) {
      // Keep writing to the current segment; sealing is tried again after the next batch.
      this.log('error', 'store: could not open a new segment', { error: String(error) });
      return;
    }
    await this.handle.close();
    this.sealed.push(this.active);
    this.active = next;
    this.handle = handle;
    if (this.keep !== null && this.compacting === null) {
      const keep = this.keep;
      // Segments sealed while a compaction runs are taken by the next round, until none is left.
      this.compacting = (async () => {
        while (!this.closed && this.needsCompaction()) if (!(await this.compact(keep))) break;
      })().finally(() => (this.compacting = null));
    }
  }

  /**
   * Rewrites every sealed segment into one holding only the records `keep` still wants (and, of a board's
   * announces, only the last), written beside the inputs, synced, then renamed over the newest input: at every
   * instant the directory holds either the inputs or the output (the older inputs, if a crash leaves them, only
   * repeat records the output has, which replay takes once).
   */
  private needsCompaction(): boolean {
    return this.sealed.length > 1 || (this.sealed.length === 1 && this.sealed[0]!.seq !== this.compactedSeq);
  }

  /** One round; false when it failed (and was logged). */
  private async compact(keep: KeepRecord): Promise<boolean> {
    const inputs = this.sealed.slice();
    const newest = inputs.at(-1)!;
    const target = segmentPath(this.dir, newest.seq);
    const temporary = `${target}${COMPACTING_SUFFIX}`;
    try {
      const records: StoreRecord[] = [];
      for (const segment of inputs) await scanSegment(segmentPath(this.dir, segment.seq), (record) => records.push(record));
      const lastAnnounce = new Map<string, number>();
      records.forEach((record, index) => {
        if (record.kind === 'mcu') lastAnnounce.set(record.id, index);
      });
      const handle = await open(temporary, 'w');
      let bytes = 0;
      try {
        let text = '';
        for (const [index, record] of records.entries()) {
          if (record.kind === 'mcu' && lastAnnounce.get(record.id) !== index) continue;
          if (!keep(record)) continue;
          text += encodeRecord(record);
          if (text.length >= COMPACTION_CHUNK) {
            bytes += await writeText(handle, text);
            text = '';
          }
        }
        bytes += await writeText(handle, text);
        await handle.datasync();
      } finally {
        await handle.close();
      }
      await rename(temporary, target);
      for (const segment of inputs.slice(0, -1)) await rm(segmentPath(this.dir, segment.seq), { force: true });
      this.sealed.splice(0, inputs.length, { seq: newest.seq, bytes });
      this.compactedSeq = newest.seq;
      this.compactions++;
      return true;
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => {});
      this.log('error', 'store: compaction failed, the sealed segments are kept as they are', { error: String(error) });
      return false;
    }
  }
}

async function writeText(handle: FileHandle, text: string): Promise<number> {
  const buffer = Buffer.from(text, 'utf8');
  await writeAll(handle, buffer);
  return buffer.length;
}

/** Where a datapool keeps its store inside its data directory. */
export function storeDirectory(dataDir: string): string {
  return join(dataDir, 'store');
}

/** Every intact record a datapool with this data directory has stored, in order (for checks and tests). */
export function readStoredRecords(dataDir: string): Promise<StoreRecord[]> {
  return SegmentedStore.read(storeDirectory(dataDir));
}
