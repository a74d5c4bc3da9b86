import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { now } from '../core/clock.js';
import { type Logger, type LogLevel, RateLimitedLogger, type RateLimitOptions } from '../core/log.js';
import { encodeLine, type LineEvent, LineSplitter } from '../core/wire/line-splitter.js';
import { type AnnounceLine, jsonTooDeep, MAX_JSON_DEPTH, MAX_LINE_BYTES, PING, PONG, type ReplyLine } from '../core/wire/messages.js';
import { parseAnnounce } from './announce.js';
import type { DeviceTransport } from './types.js';

/** Limits that protect the server from one misbehaving board. */
export interface SessionLimits {
  /** Sustained lines per second a board may send; above it (past the burst) the connection is closed. */
  maxLinesPerSecond: number;
  /** Lines a board may send at once before the rate applies. */
  lineBurst: number;
  /** More bad lines (malformed JSON, too long, invalid UTF-8) than this within the window closes the connection. */
  malformedLimit: number;
  malformedWindowMs: number;
  /** Answer `PING` with `PONG` (the original does so only on serial). */
  answerPing: boolean;
  /** Log lines per connection. */
  logRate: RateLimitOptions;
}

/** Where a session's bytes come from, for logs, `GET /mcus` and the id of a board that names none. */
export interface SessionEndpoint {
  transport: DeviceTransport;
  /** `ip:port` for TCP, `serial:<path>` for a serial line; null when unknown. */
  remote: string | null;
  /** The board's IP address (TCP only). */
  remoteIp: string | null;
  /** The serial line's path (serial only). */
  serialPath?: string;
  /**
   * The board announced again on this connection: on a serial line that is the board restarting (the line
   * stays, the board does not), so the owner ends this session and starts the next with `line`. Absent (TCP):
   * a second announce is ignored, the board reconnects to re-announce.
   */
  reannounced?: (session: DeviceSession, line: string) => void;
}

/** The endpoint of a TCP connection. */
export function tcpEndpoint(socket: Socket): SessionEndpoint {
  const remoteIp = socket.remoteAddress === undefined ? null : socket.remoteAddress.replace(/^::ffff:/, '');
  return { transport: 'tcp', remoteIp, remote: remoteIp === null ? null : `${remoteIp}:${socket.remotePort ?? 0}` };
}

/** What a session reports to its owner. */
export interface SessionEvents {
  /**
   * The board's first line. The owner calls `session.accept(id)` to admit it (or `close`). A throw closes the
   * connection as an internal error.
   */
  announce(session: DeviceSession, announce: AnnounceLine): void;
  /**
   * A JSON object line after the announce. `line` is the raw text, kept for orphans. A throw is logged as an
   * internal error and passed to `session.onReplyFailure`; the connection goes on.
   */
  reply(session: DeviceSession, reply: ReplyLine, line: string, receivedAt: number): void;
  /** The connection is gone, for `reason`. Fires once. */
  closed(session: DeviceSession, reason: string): void;
  /**
   * `close` was called: the connection holds its descriptor until `closed`, but no longer counts as a place
   * taken, so a connection cap counts it out at once instead of closing another to make room.
   */
  closing?(session: DeviceSession): void;
  /** A heartbeat line (`PING`) arrived; counted for the heartbeat load a fleet puts on the server. */
  heartbeat?(session: DeviceSession): void;
}

/**
 * One board's connection (a TCP socket, or one session on a serial line): splits its bytes into lines, enforces
 * the handshake and the limits, and hands announce and reply lines to the owner. Liveness deadlines are checked by the server's single sweep, using
 * `openedAt` and `lastSeenAt`.
 */
export class DeviceSession {
  /** The MCU id once accepted; null during the handshake. */
  mcu: string | null = null;
  readonly openedAt = now();
  /** Last time any line (or part of one) arrived. */
  lastSeenAt = this.openedAt;
  readonly remote: string | null;
  readonly remoteIp: string | null;
  readonly transport: DeviceTransport;
  /** The serial line it came on (serial only). */
  readonly serialPath: string | undefined;
  readonly log: RateLimitedLogger;
  /**
   * Told when handling one of this board's replies threw: the owner ends what the reply concerned, which
   * would otherwise wait for an answer that came and was lost.
   */
  onReplyFailure: ((reply: ReplyLine, error: unknown) => void) | null = null;

  private readonly splitter = new LineSplitter(MAX_LINE_BYTES);
  private readonly logContext: Record<string, unknown>;
  private tokens: number;
  private tokensAt = performance.now();
  private malformedCount = 0;
  private malformedSince = 0;
  private closeReason: string | null = null;
  private closedEmitted = false;
  /** Writes are being gathered until the end of this tick. */
  private corked = false;

  constructor(
    /** A TCP socket, or the stream of one session on a serial line. */
    private readonly socket: Duplex,
    /** Unique per connection for the server's lifetime. */
    readonly connection: number,
    private readonly limits: SessionLimits,
    private readonly events: SessionEvents,
    log: Logger,
    private readonly endpoint: SessionEndpoint = socket instanceof Socket ? tcpEndpoint(socket) : { transport: 'tcp', remote: null, remoteIp: null },
  ) {
    this.remoteIp = endpoint.remoteIp;
    this.remote = endpoint.remote;
    this.transport = endpoint.transport;
    this.serialPath = endpoint.serialPath;
    this.logContext = { connection, remote: this.remote };
    this.log = new RateLimitedLogger(log, limits.logRate, this.logContext);
    this.tokens = limits.lineBurst;
    if (socket instanceof Socket) socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.lastSeenAt = now();
      this.splitter.push(chunk, this.onLine);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      this.closeReason ??= `socket error: ${error.code ?? error.message}`;
    });
    socket.on('close', () => this.emitClosed());
  }

  get closed(): boolean {
    return this.closeReason !== null || this.socket.destroyed;
  }

  /** Admits the board under this MCU id. */
  accept(mcu: string): void {
    this.mcu = mcu;
    this.logContext['mcu'] = mcu;
  }

  /** Writes one protocol line; false when the connection is already closing. */
  send(line: string): boolean {
    if (this.closed) return false;
    // Lines sent in the same tick leave in one write: a board whose timers all came free in one chunk of
    // replies gets its next commands in one system call, not one each.
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(this.uncork);
    }
    this.socket.write(line);
    return true;
  }

  private readonly uncork = (): void => {
    this.corked = false;
    this.socket.uncork();
  };

  /** Closes the connection, logging why. */
  close(reason: string, level: LogLevel = 'warn'): void {
    if (this.closeReason !== null) return;
    this.closeReason = reason;
    this.events.closing?.(this);
    this.log.write(level, `closing device connection: ${reason}`);
    // What was sent this tick still goes out first, as it would have without the gathering.
    if (this.corked) this.uncork();
    this.socket.destroy();
  }

  private emitClosed(): void {
    if (this.closedEmitted) return;
    this.closedEmitted = true;
    this.closeReason ??= 'connection closed by the board';
    this.log.flush();
    this.events.closed(this, this.closeReason);
  }

  private readonly onLine = (event: LineEvent): void => {
    if (this.closed) return;
    if (!this.takeToken()) {
      this.close(`flood: more than ${this.limits.maxLinesPerSecond} lines/s`);
      return;
    }
    if (!event.ok) {
      this.malformed(
        event.reason === 'too-long'
          ? `dropped a line of ${event.bytes} bytes (limit ${MAX_LINE_BYTES})`
          : `dropped a line that is not valid UTF-8 (${event.bytes} bytes)`,
      );
      return;
    }
    const line = event.line;
    if (line.trim() === PING) {
      this.events.heartbeat?.(this);
      // On a serial line the board waits for PONG before it announces: it is always answered there.
      if (this.limits.answerPing || this.transport === 'serial') this.send(`${PONG}\n`);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      this.malformed(`malformed JSON line dropped: ${preview(line)}`);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.malformed(`expected a JSON object, dropped: ${preview(line)}`);
      return;
    }
    if (jsonTooDeep(value)) {
      this.malformed(`a line nested deeper than ${MAX_JSON_DEPTH} levels dropped: ${preview(line)}`);
      return;
    }
    const object = value as Record<string, unknown>;
    if (this.mcu === null) {
      const result = parseAnnounce(object);
      if (!result.ok) {
        // A board that is only misconfigured (too many sensors, a long place) is told why it is turned away.
        this.send(encodeLine({ error: `refused: ${result.reason}` }));
        this.close(`expected the announce line first: ${result.reason}; got ${preview(line)}`);
        return;
      }
      for (const warning of result.warnings) this.log.write('warn', `announce: ${warning}`);
      try {
        this.events.announce(this, result.announce);
      } catch (error) {
        // Half an admission leaves the board's state unknown; a reconnect starts it afresh.
        this.close(`internal error handling the announce: ${describeError(error)}`, 'error');
      }
      return;
    }
    if ('available_sensors' in object) {
      if (this.endpoint.reannounced !== undefined) {
        this.close('the board announced again on the same line (it restarted)', 'info');
        this.endpoint.reannounced(this, line);
        return;
      }
      this.log.write('warn', 'ignored a second announce line on the same connection (reconnect to re-announce)');
      return;
    }
    const reply = object as ReplyLine;
    try {
      this.events.reply(this, reply, line, this.lastSeenAt);
    } catch (error) {
      // Our fault, not the board's: never reported as bad input, nor counted toward closing the connection.
      this.replyFailed(reply, error);
    }
  };

  private replyFailed(reply: ReplyLine, error: unknown): void {
    const about = typeof reply.id === 'string' ? `command ${preview(reply.id)}` : 'a line without an id';
    this.log.write('error', `internal error handling a reply for ${about}: ${describeError(error)}`, stackOf(error));
    try {
      this.onReplyFailure?.(reply, error);
    } catch (second) {
      this.log.write('error', `internal error ending ${about} after a failed reply: ${describeError(second)}`, stackOf(second));
    }
  }

  /** Token bucket: refills at the sustained rate, holds at most the burst. */
  private takeToken(): boolean {
    const t = performance.now();
    const { maxLinesPerSecond, lineBurst } = this.limits;
    this.tokens = Math.min(lineBurst, this.tokens + ((t - this.tokensAt) * maxLinesPerSecond) / 1000);
    this.tokensAt = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private malformed(message: string): void {
    const t = performance.now();
    if (t - this.malformedSince > this.limits.malformedWindowMs) {
      this.malformedSince = t;
      this.malformedCount = 0;
    }
    this.malformedCount++;
    this.log.write('warn', message);
    if (this.malformedCount > this.limits.malformedLimit) {
      this.close(`more than ${this.limits.malformedLimit} bad lines within ${this.limits.malformedWindowMs} ms`);
    }
  }
}

function preview(line: string): string {
  return JSON.stringify(line.length > 80 ? `${line.slice(0, 80)}...` : line);
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function stackOf(error: unknown): { stack: string } | undefined {
  return error instanceof Error && error.stack !== undefined ? { stack: error.stack } : undefined;
}
