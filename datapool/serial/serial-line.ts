import { stat } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import { SerialPort } from 'serialport';
import type { Logger } from '../../core/log.js';
import { MAX_LINE_BYTES } from '../../core/wire/messages.js';
import type { DeviceSession, SessionEndpoint } from '../device-session.js';
import { SessionStream } from './session-stream.js';

export const DEFAULT_SERIAL_BAUD = 115_200;
/** First and longest wait before a lost serial line is opened again, ms: a cable plugged back is found within seconds. */
const DEFAULT_RETRY_BASE_MS = 250;
const DEFAULT_RETRY_CAP_MS = 4_000;
/** Bytes held while one session closes and the next is not started yet: a restarted board's announce and a little more. */
const MAX_HELD_BYTES = 2 * MAX_LINE_BYTES;
/**
 * How often an open line's path is checked to still name the device it opened, ms. A port whose other end
 * vanished does not always fail a read (a pty whose peer closed between two polls stays quiet for ever), but
 * its device node goes (a USB adapter unplugged) or names another device (a new pty pair on the same link).
 */
const PRESENCE_CHECK_MS = 1_000;

export interface SerialLineOptions {
  path: string;
  baudRate: number;
  /** Starts a board session over `stream` with the device listener's admission; null when its cap turned it away. */
  adopt: (stream: Duplex, endpoint: SessionEndpoint) => DeviceSession | null;
  log: Logger;
  retry?: { baseMs?: number; capMs?: number };
}

/**
 * One serial line the datapool watches: the port stays open while sessions come and go on it. Any byte on a
 * line with no session starts one (a `PING`, answered `PONG`, or the announce), which the device listener
 * admits like a TCP connection; a session ends when the board goes silent or is refused, and the next byte
 * starts another. A board that announces again (it restarted) replaces its session. When the port fails
 * (a cable pulled, a USB adapter gone) it is opened again with backoff, said once per outage.
 */
export class SerialLine {
  private port: SerialPort | null = null;
  private stream: SessionStream | null = null;
  /** The current session's stream was destroyed and has not closed yet: bytes wait for the next session. */
  private held: Buffer[] = [];
  private heldBytes = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private presenceTimer: NodeJS.Timeout | null = null;
  /** Why the presence check closed the port. */
  private goneWhy: string | null = null;
  private attempts = 0;
  /** Why the line is down, once said; null while it is up (or was never down). */
  private outage: string | null = null;
  private stopped = false;
  private readonly endpoint: SessionEndpoint;

  constructor(private readonly options: SerialLineOptions) {
    this.endpoint = {
      transport: 'serial',
      remote: `serial:${options.path}`,
      remoteIp: null,
      serialPath: options.path,
      reannounced: (session, line) => this.reannounced(session, line),
    };
  }

  get path(): string {
    return this.options.path;
  }

  /** The port is open now. */
  get up(): boolean {
    return this.port?.isOpen === true;
  }

  start(): void {
    if (this.stopped || this.port !== null || this.retryTimer !== null) return;
    this.open();
  }

  /** Ends the session on it and closes the port; it is not opened again. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.stopPresenceCheck();
    this.stream?.destroy();
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private open(): void {
    const port = new SerialPort({ path: this.options.path, baudRate: this.options.baudRate, autoOpen: false });
    this.port = port;
    port.open((error) => {
      if (this.stopped) {
        if (error === null) port.close();
        return;
      }
      if (error !== null) {
        this.port = null;
        this.lost(error);
        return;
      }
      this.attempts = 0;
      if (this.outage !== null) this.options.log('info', `serial line ${this.options.path} is back`, { path: this.options.path });
      this.outage = null;
      port.on('data', (chunk: Buffer) => this.received(chunk));
      // A failed write or read: close the port, and the close below opens it again.
      port.on('error', () => {
        if (port.isOpen) port.close();
      });
      this.checkPresence(port);
      port.on('close', (closeError: Error | null) => {
        if (this.port !== port) return;
        this.port = null;
        this.stopPresenceCheck();
        this.stream?.destroy(new Error(`serial line ${this.options.path} lost${closeError ? ` (${closeError.message})` : ''}`));
        const why = closeError ?? new Error(this.goneWhy ?? 'the port closed');
        this.goneWhy = null;
        if (!this.stopped) this.lost(why);
      });
    });
  }

  /** Closes `port` (which opens it again) once its path no longer names the device it opened. */
  private checkPresence(port: SerialPort): void {
    this.stopPresenceCheck();
    let device: { dev: number; rdev: number; ino: number } | null = null;
    const check = async (): Promise<void> => {
      let now: { dev: number; rdev: number; ino: number } | null;
      try {
        now = await stat(this.options.path);
      } catch {
        now = null;
      }
      if (this.port !== port || !port.isOpen) return;
      if (device === null && now !== null) {
        device = now;
        return;
      }
      if (now === null || now.rdev !== device?.rdev || now.ino !== device.ino || now.dev !== device.dev) {
        this.goneWhy = now === null ? 'its device is gone' : 'its path names another device now';
        port.close();
      }
    };
    void check();
    this.presenceTimer = setInterval(() => void check(), PRESENCE_CHECK_MS);
    this.presenceTimer.unref();
  }

  private stopPresenceCheck(): void {
    if (this.presenceTimer !== null) clearInterval(this.presenceTimer);
    this.presenceTimer = null;
  }

  /** The port cannot be used: said once for the outage, then opened again after a backoff capped at a few seconds. */
  private lost(error: Error): void {
    if (this.outage === null) {
      this.outage = error.message;
      this.options.log('warn', `serial line ${this.options.path} is down (${error.message}); opening it again every few seconds until it is back`, {
        path: this.options.path,
      });
    }
    const base = this.options.retry?.baseMs ?? DEFAULT_RETRY_BASE_MS;
    const cap = this.options.retry?.capMs ?? DEFAULT_RETRY_CAP_MS;
    const delay = Math.min(cap, base * 2 ** Math.min(this.attempts, 20));
    this.attempts++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.open();
    }, delay);
    this.retryTimer.unref();
  }

  private received(chunk: Buffer): void {
    if (this.stream?.destroyed) {
      this.hold(chunk);
      return;
    }
    if (this.stream === null && !this.startSession()) return;
    this.stream!.push(chunk);
  }

  /** Starts the next session on the line; false when the device listener turned it away. */
  private startSession(): boolean {
    const stream = new SessionStream((chunk, done) => {
      const port = this.port;
      if (port === null || !port.isOpen) {
        done(new Error(`serial line ${this.options.path} is down`));
        return;
      }
      port.write(chunk, (error) => done(error ?? null));
    });
    const session = this.options.adopt(stream, this.endpoint);
    if (session === null) return false;
    this.stream = stream;
    stream.on('error', () => {
      // The session reads the error from its own listener; this one only keeps it from being thrown.
    });
    stream.on('close', () => {
      if (this.stream !== stream) return;
      this.stream = null;
      const held = this.held;
      this.held = [];
      this.heldBytes = 0;
      if (held.length > 0 && this.port !== null && !this.stopped && this.startSession()) for (const chunk of held) this.stream!.push(chunk);
    });
    return true;
  }

  /** A restarted board's announce on a session that already had one: it starts the next session. */
  private reannounced(session: DeviceSession, line: string): void {
    if (!session.closed) session.close('the board announced again on the same line (it restarted)', 'info');
    this.held.unshift(Buffer.from(`${line}\n`));
    this.heldBytes += line.length + 1;
  }

  private hold(chunk: Buffer): void {
    if (this.heldBytes + chunk.length > MAX_HELD_BYTES) return;
    this.held.push(chunk);
    this.heldBytes += chunk.length;
  }
}
