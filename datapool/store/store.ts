import { open, readFile, type FileHandle } from 'node:fs/promises';
import { now } from './clock.js';
import { stderrLogger, type Logger } from './log.js';
import type { AnnounceLine } from '../devices/wire/messages.js';
import type { CommandError, NormalizedCommand, SampleRecord } from './types.js';

/** A command as accepted. `expected` is null for a stream. */
export interface CommandRecord {
  kind: 'command';
  id: string;
  at: number;
  request: NormalizedCommand;
  mcu: string | null;
  place: string | null;
  expected: number | null;
  ttlMs: number;
}

/** The command line was written to the MCU's socket (again, after a reconnect). */
export interface DispatchRecord {
  kind: 'dispatch';
  id: string;
  mcu: string;
  at: number;
}

/** How a command ended, when its final sample does not already say so. */
export interface EndRecord {
  kind: 'end';
  id: string;
  at: number;
  state: 'done' | 'failed';
  error?: CommandError;
}

/** A reply line for no command we know (or one already finished): kept verbatim, never dropped. */
export interface OrphanRecord {
  kind: 'orphan';
  mcu: string;
  at: number;
  line: string;
}

/**
 * A board announced itself (without any token). Replayed after a restart, so the datapool knows its boards
 * before they reconnect: commands for them wait in the outbox instead of failing as unknown.
 */
export interface McuRecord {
  kind: 'mcu';
  id: string;
  at: number;
  announce: AnnounceLine;
}

export type StoreRecord = CommandRecord | DispatchRecord | SampleRecord | EndRecord | OrphanRecord | McuRecord;

const RECORD_KINDS = new Set(['command', 'dispatch', 'sample', 'end', 'orphan', 'mcu']);

export interface StoreOptions {
  /**
   * Also fsync each batch. Without it a record survives a crash or SIGKILL of this process (it reached the
   * kernel); with it, a power loss too, at the cost of a disk flush per batch.
   */
  fsync?: boolean;
  log?: Logger;
}

export interface RecoveredStore {
  store: JsonlStore;
  /** Every intact record in file order, for replay. */
  records: StoreRecord[];
  /** Bytes cut from the end of the file (a torn last line). */
  truncatedBytes: number;
  /** Unreadable lines skipped in the middle of the file. */
  corruptLines: number;
}

interface Pending {
  record: StoreRecord;
  /** Told the instant the record was stored, or null and why not; absent when nobody waits (`write`). */
  done?: (storedAt: number | null, error?: unknown) => void;
}

/**
 * Durable, append-only JSON-lines file with group commit: records appended while a write is in progress
 * are written together by the next one, so the file sees one write (and at most one fsync) per batch, not
 * per record, and the event loop never blocks on the disk.
 *
 * A sample's `hops.stored` in the file is the instant its batch was handed to the kernel (a line cannot
 * contain the time its own write finished); `append` resolves with the instant the write completed, which
 * is what the datapool reports live.
 */
export class JsonlStore {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private closed = false;
  private appended = 0;

  private constructor(
    private readonly handle: FileHandle,
    private readonly fsync: boolean,
    private readonly log: Logger,
  ) {}

  /** Opens (creating if needed) the file, repairs a torn tail and returns the records it holds. */
  static async open(path: string, options: StoreOptions = {}): Promise<RecoveredStore> {
    const log = options.log ?? stderrLogger;
    const content = await readExisting(path);
    const { records, validBytes, corruptLines } = parseRecords(content);
    if (corruptLines > 0) {
      log('warn', `store: skipped ${corruptLines} corrupt line(s) in the middle of the file`, { path });
    }
    const truncatedBytes = content.length - validBytes;
    const handle = await open(path, 'a');
    if (truncatedBytes > 0) {
      try {
        await handle.truncate(validBytes);
      } catch (error) {
        await handle.close();
        throw error;
      }
      log('warn', `store: truncated a torn last line (${truncatedBytes} bytes)`, { path });
    }
    return { store: new JsonlStore(handle, options.fsync ?? false, log), records, truncatedBytes, corruptLines };
  }

  /** Records appended since open. */
  get recordsAppended(): number {
    return this.appended;
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

  /** Writes what is queued, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.flushing !== null) await this.flushing;
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
        text += JSON.stringify(pending.record) + '\n';
      }
      try {
        await writeAll(this.handle, Buffer.from(text, 'utf8'));
        if (this.fsync) await this.handle.datasync();
        const storedAt = now();
        this.appended += batch.length;
        for (const pending of batch) pending.done?.(storedAt);
      } catch (error) {
        this.log('error', `store: write failed, ${batch.length} record(s) not stored`, { error: String(error) });
        for (const pending of batch) pending.done?.(null, error);
      }
    }
    this.flushing = null;
  }
}

async function writeAll(handle: FileHandle, buffer: Buffer): Promise<void> {
  let offset = 0;
  while (offset < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset);
    offset += bytesWritten;
  }
}

async function readExisting(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  }
}

/**
 * Splits the file into records. The last line is torn if it lacks its newline or does not parse (the
 * process died mid-write): it is cut off, costing nothing before it. A bad line elsewhere cannot come from
 * a torn write of ours; it is skipped and counted.
 */
export function parseRecords(content: Buffer): { records: StoreRecord[]; validBytes: number; corruptLines: number } {
  const records: StoreRecord[] = [];
  let corruptLines = 0;
  let validBytes = content.lastIndexOf(0x0a) + 1;
  let start = 0;
  while (start < validBytes) {
    const end = content.indexOf(0x0a, start);
    const text = content.toString('utf8', start, end).trim();
    const isLast = end + 1 === validBytes;
    if (text !== '') {
      const record = parseRecord(text);
      if (record !== null) records.push(record);
      else if (isLast) validBytes = start;
      else corruptLines++;
    }
    start = end + 1;
  }
  return { records, validBytes, corruptLines };
}

function parseRecord(text: string): StoreRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(value)) return null;
  return hasRecordShape(value) ? (value as unknown as StoreRecord) : null;
}

/** Enough of each kind's shape that replay can rely on it (the file may have been edited by hand). */
function hasRecordShape(r: Record<string, unknown>): boolean {
  const { kind } = r;
  if (typeof kind !== 'string' || !RECORD_KINDS.has(kind)) return false;
  if (kind === 'orphan') return typeof r['mcu'] === 'string' && typeof r['at'] === 'number' && typeof r['line'] === 'string';
  if (typeof r['id'] !== 'string') return false;
  switch (kind) {
    case 'command':
      return (
        typeof r['at'] === 'number' &&
        isObject(r['request']) &&
        typeof r['request']['sensor'] === 'string' &&
        typeof r['ttlMs'] === 'number'
      );
    case 'dispatch':
      return typeof r['at'] === 'number' && typeof r['mcu'] === 'string';
    case 'mcu':
      return typeof r['at'] === 'number' && isObject(r['announce']) && Array.isArray(r['announce']['available_sensors']);
    case 'sample':
      return typeof r['seq'] === 'number' && typeof r['final'] === 'boolean' && isObject(r['hops']) && isObject(r['data']);
    default:
      return typeof r['at'] === 'number' && (r['state'] === 'done' || r['state'] === 'failed');
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
