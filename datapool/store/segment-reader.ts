import { open } from 'node:fs/promises';
import { decodeRecord, type StoreRecord } from './records.js';

export interface SegmentScan {
  /** Bytes up to the end of the last intact line: what stays when a torn tail is cut off. */
  validBytes: number;
  /** File size as read. */
  bytes: number;
  /** Damaged lines before the last one (never a torn write of ours: a torn write can only be the last line). */
  corruptLines: number;
}

const CHUNK_BYTES = 1 << 20;

/**
 * Reads one segment a chunk at a time (no file is ever read whole, so there is no size ceiling), handing each
 * intact record to `onRecord` in file order. The last line is torn if it lacks its newline or is damaged (the
 * process died mid-write): it is left out of `validBytes` rather than counted as corrupt.
 */
export async function scanSegment(path: string, onRecord: (record: StoreRecord) => void): Promise<SegmentScan> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let carry: Buffer = Buffer.alloc(0);
    /** File offset of `carry[0]`. */
    let carryAt = 0;
    let position = 0;
    let validBytes = 0;
    let corruptLines = 0;
    /** A damaged line waits here until we know whether it was the last one. */
    let pendingBad: { at: number } | null = null;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const chunk = carry.length === 0 ? buffer.subarray(0, bytesRead) : Buffer.concat([carry, buffer.subarray(0, bytesRead)]);
      let start = 0;
      for (let end = chunk.indexOf(0x0a, start); end !== -1; end = chunk.indexOf(0x0a, start)) {
        const text = chunk.toString('utf8', start, end).trim();
        const lineAt = carryAt + start;
        start = end + 1;
        if (text === '') {
          if (pendingBad === null) validBytes = carryAt + start;
          continue;
        }
        if (pendingBad !== null) {
          corruptLines++;
          pendingBad = null;
        }
        const record = decodeRecord(text);
        if (record === null) {
          pendingBad = { at: lineAt };
          continue;
        }
        onRecord(record);
        validBytes = carryAt + start;
      }
      // Copy the unfinished line out: `buffer` is reused by the next read.
      carry = Buffer.from(chunk.subarray(start));
      carryAt += start;
    }
    if (pendingBad !== null) validBytes = pendingBad.at;
    return { validBytes, bytes: position, corruptLines };
  } finally {
    await handle.close();
  }
}
