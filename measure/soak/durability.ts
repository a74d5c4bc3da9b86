import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { scanSegment } from '../../datapool/store/segment-reader.js';
import { listSegments, segmentPath } from '../../datapool/store/segments.js';
import type { Durability } from './soak-types.js';

const MISSING_IDS_KEPT = 10;
/** A compaction may remove a segment while it is read; the check then reads the store again. */
const READ_ATTEMPTS = 5;

interface StoreScan {
  /** Samples stored per command id asked about. */
  samples: Map<string, number>;
  bytes: number;
  records: number;
  unreadableLines: number;
}

/**
 * The durability check of a soak: the datapool answers a command only once its samples are in its store, so
 * every answered call's command id, with as many samples as the host received, must be there, whatever
 * crashes happened in between. The store keeps finished commands only for its retention, so a long soak checks
 * as it goes: each `check` looks up the calls answered since the previous one (well within the retention),
 * and the store's size at each check shows it stays bounded. Segments are streamed, never read whole.
 */
export class DurabilityCheck {
  private checked = 0;
  private missing = 0;
  private readonly missingIds: string[] = [];
  private peakBytes = 0;
  private last: StoreScan = { samples: new Map(), bytes: 0, records: 0, unreadableLines: 0 };
  private checks = 0;

  constructor(private readonly storeDir: string) {}

  /** `acknowledged`: command id -> samples the host received. */
  async check(acknowledged: ReadonlyMap<string, number>): Promise<void> {
    let scan: StoreScan;
    try {
      scan = await readStore(this.storeDir, acknowledged);
    } catch {
      // Calls that could not be looked up cannot be shown durable.
      scan = { ...this.last, samples: new Map() };
    }
    this.checks++;
    this.last = scan;
    this.peakBytes = Math.max(this.peakBytes, scan.bytes);
    for (const [id, count] of acknowledged) {
      this.checked++;
      if ((scan.samples.get(id) ?? 0) >= count) continue;
      this.missing++;
      if (this.missingIds.length < MISSING_IDS_KEPT) this.missingIds.push(id);
    }
  }

  /** `withoutId`: answered calls that named no command at all (they cannot be shown durable: missing). */
  result(withoutId = 0): Durability {
    return {
      checked: this.checked + withoutId,
      acknowledgedMissing: this.missing + withoutId,
      missingIds: this.missingIds.slice(),
      storeBytes: this.last.bytes,
      storePeakBytes: this.peakBytes,
      storeRecords: this.last.records,
      unreadableLines: this.last.unreadableLines,
      checks: this.checks,
    };
  }
}

/** One check, for a store that is no longer written to. */
export async function checkDurability(storeDir: string, acknowledged: ReadonlyMap<string, number>, withoutId = 0): Promise<Durability> {
  const check = new DurabilityCheck(storeDir);
  await check.check(acknowledged);
  return check.result(withoutId);
}

async function readStore(dir: string, wanted: ReadonlyMap<string, number>): Promise<StoreScan> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await readStoreOnce(dir, wanted);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= READ_ATTEMPTS) throw error;
    }
  }
}

async function readStoreOnce(dir: string, wanted: ReadonlyMap<string, number>): Promise<StoreScan> {
  const samples = new Map<string, number>();
  let records = 0;
  let unreadableLines = 0;
  for (const seq of await listSegments(dir)) {
    const path = segmentPath(dir, seq);
    const scan = await scanSegment(path, (record) => {
      records++;
      if (record.kind !== 'sample' || !wanted.has(record.id)) return;
      samples.set(record.id, (samples.get(record.id) ?? 0) + 1);
    });
    // A torn or half-written last line (the datapool is writing, or was killed mid-write) is not damage.
    unreadableLines += scan.corruptLines;
  }
  return { samples, bytes: await directoryBytes(dir), records, unreadableLines };
}

/** Every file in the store's directory, segments or not: the disk the store takes is what its bound is about. */
async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    total += (await stat(join(dir, name)).catch(() => ({ size: 0 }))).size;
  }
  return total;
}
