import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import type { Logger } from '../../core/log.js';
import type { DeviceSession, SessionEndpoint } from '../device-session.js';
import { DEFAULT_SERIAL_BAUD, SerialLine } from './serial-line.js';
import { MAX_AUTO_SERIAL_LINES, SerialScanner, type SerialScanOptions } from './serial-scan.js';

/** Serial lines the datapool watches for boards, besides its TCP listener. */
export interface SerialOptions {
  /** The lines' paths, or `auto`: the USB serial lines found now and every few seconds after. */
  paths: readonly string[] | 'auto';
  /** Default 115200, the original firmware's UART. USB CDC boards ignore it. */
  baudRate?: number;
  /** How often `auto` looks for lines again, ms. Default 3000. */
  rescanMs?: number;
  /** Where `auto` looks (tests point it at a directory of their own). */
  scan?: SerialScanOptions;
  /** Backoff of a lost line's reopening, ms. */
  retry?: { baseMs?: number; capMs?: number };
}

const DEFAULT_RESCAN_MS = 3_000;
/** Highest baud rate accepted: beyond any UART a board has. */
export const MAX_SERIAL_BAUD = 4_000_000;

/** A bad `SerialOptions`, said clearly; null when they are fine. */
export function checkSerialOptions(options: SerialOptions): string | null {
  const baud = options.baudRate ?? DEFAULT_SERIAL_BAUD;
  if (!Number.isSafeInteger(baud) || baud < 1 || baud > MAX_SERIAL_BAUD)
    return `the serial baud rate must be a whole number from 1 to ${MAX_SERIAL_BAUD}, got ${baud}`;
  if (options.paths === 'auto') return null;
  if (options.paths.length === 0) return 'name at least one serial line (a path such as /dev/ttyUSB0), or auto';
  if (options.paths.length > MAX_AUTO_SERIAL_LINES) return `at most ${MAX_AUTO_SERIAL_LINES} serial lines, got ${options.paths.length}`;
  for (const path of options.paths) if (typeof path !== 'string' || path.trim() === '') return 'a serial line path is empty';
  return null;
}

/**
 * The serial lines a datapool watches: the named ones, or with `auto` those a scan finds, scanned again every
 * few seconds so a board plugged in later is found, and a line gone from the scan while down is let go.
 */
export class SerialLines {
  private readonly lines = new Map<string, SerialLine>();
  private readonly scanner: SerialScanner | null;
  private rescanTimer: NodeJS.Timeout | null = null;
  private scanning = false;
  private stopped = false;

  constructor(
    private readonly options: SerialOptions,
    private readonly adopt: (stream: Duplex, endpoint: SessionEndpoint) => DeviceSession | null,
    private readonly log: Logger,
  ) {
    this.scanner = options.paths === 'auto' ? new SerialScanner(options.scan) : null;
  }

  /** Opens the named lines, or scans for them; throws on bad options. */
  async start(): Promise<void> {
    const problem = checkSerialOptions(this.options);
    if (problem !== null) throw new Error(problem);
    if (this.options.paths !== 'auto') {
      const paths = [...new Set(this.options.paths)];
      for (const path of paths) {
        const wrong = await notASerialDevice(path);
        if (wrong !== null) throw new Error(wrong);
      }
      for (const path of paths) this.watch(path);
      return;
    }
    await this.rescan();
    this.rescanTimer = setInterval(() => void this.rescan(), this.options.rescanMs ?? DEFAULT_RESCAN_MS);
    this.rescanTimer.unref();
  }

  /** The lines watched now: what the ready line says. */
  watched(): string[] {
    return [...this.lines.keys()];
  }

  /** Whether it scans for lines (`auto`) rather than watching named ones. */
  get auto(): boolean {
    return this.scanner !== null;
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.rescanTimer !== null) clearInterval(this.rescanTimer);
    this.rescanTimer = null;
    await Promise.all([...this.lines.values()].map((line) => line.stop()));
    this.lines.clear();
  }

  private watch(path: string): void {
    const line = new SerialLine({
      path,
      baudRate: this.options.baudRate ?? DEFAULT_SERIAL_BAUD,
      adopt: this.adopt,
      log: this.log,
      ...(this.options.retry !== undefined && { retry: this.options.retry }),
    });
    this.lines.set(path, line);
    line.start();
  }

  private async rescan(): Promise<void> {
    if (this.scanner === null || this.scanning || this.stopped) return;
    this.scanning = true;
    try {
      const found = new Set(await this.scanner.scan());
      if (this.stopped) return;
      for (const path of found) {
        if (this.lines.has(path)) continue;
        this.log('info', `serial line ${path} found; watching it for boards`, { path });
        this.watch(path);
      }
      // An adapter unplugged for good: its line is let go rather than reopened for ever; plugged back, it is found again.
      for (const [path, line] of this.lines) {
        if (found.has(path) || line.up) continue;
        this.lines.delete(path);
        void line.stop();
      }
    } finally {
      this.scanning = false;
    }
  }
}

/**
 * Why `path` cannot be a serial line (a regular file, a directory: a typo), or null. A path that does not exist
 * yet is fine: the board may be plugged in later, and the line is opened once it appears.
 */
async function notASerialDevice(path: string): Promise<string | null> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch {
    return null;
  }
  if (info.isCharacterDevice()) return null;
  const kind = info.isDirectory() ? 'a directory' : info.isFile() ? 'a regular file' : 'not a character device';
  return `serial line ${path} is ${kind}, not a serial device: name a tty such as /dev/ttyUSB0 (or use auto)`;
}
