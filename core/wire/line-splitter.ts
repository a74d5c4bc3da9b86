import { MAX_LINE_BYTES } from './messages.js';

export type LineEvent = { ok: true; line: string } | { ok: false; reason: 'too-long' | 'invalid-utf8'; bytes: number };

const NEWLINE = 0x0a;
const CR = 0x0d;

/**
 * Splits a byte stream into text lines without ever holding more than `maxLineBytes` of one line.
 * A line over the limit is dropped whole (bytes are skipped up to its newline) and reported once;
 * a line that is not valid UTF-8 is reported instead of being decoded into replacement characters.
 * Chunks are only copied when a line spans two of them.
 */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private skipping = false;
  private skippedBytes = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(private readonly maxLineBytes = MAX_LINE_BYTES) {}

  /** Feeds one chunk; calls `emit` for each complete line (or line error) in order. */
  push(chunk: Buffer, emit: (event: LineEvent) => void): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(NEWLINE, start);
      if (nl === -1) {
        this.keep(chunk.subarray(start));
        return;
      }
      const piece = chunk.subarray(start, nl);
      start = nl + 1;
      if (this.skipping) {
        const bytes = this.skippedBytes + piece.length;
        this.skipping = false;
        this.skippedBytes = 0;
        emit({ ok: false, reason: 'too-long', bytes });
        continue;
      }
      let bytes: Buffer = piece;
      if (this.pendingBytes > 0) {
        this.pending.push(piece);
        bytes = Buffer.concat(this.pending, this.pendingBytes + piece.length);
        this.pending = [];
        this.pendingBytes = 0;
      }
      if (bytes.length > this.maxLineBytes) {
        emit({ ok: false, reason: 'too-long', bytes: bytes.length });
        continue;
      }
      const end = bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.length - 1 : bytes.length;
      if (end === 0) continue;
      // Decode apart from the callback: an error thrown by whoever handles the line is theirs, not bad UTF-8.
      let line: string;
      try {
        line = this.decoder.decode(bytes.subarray(0, end));
      } catch {
        emit({ ok: false, reason: 'invalid-utf8', bytes: bytes.length });
        continue;
      }
      emit({ ok: true, line });
    }
  }

  private keep(rest: Buffer): void {
    if (rest.length === 0) return;
    if (this.skipping) {
      this.skippedBytes += rest.length;
      return;
    }
    if (this.pendingBytes + rest.length > this.maxLineBytes) {
      // Over the limit with no newline yet: stop buffering and skip to the next newline.
      this.skipping = true;
      this.skippedBytes = this.pendingBytes + rest.length;
      this.pending = [];
      this.pendingBytes = 0;
      return;
    }
    // The socket may reuse its buffer: copy the tail we keep.
    this.pending.push(Buffer.from(rest));
    this.pendingBytes += rest.length;
  }
}

/** Encodes one message as a protocol line. */
export function encodeLine(message: unknown): string {
  return `${JSON.stringify(message)}\n`;
}
