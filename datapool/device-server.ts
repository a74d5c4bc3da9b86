import { readFileSync } from 'node:fs';
import { type AddressInfo, createServer, type Server } from 'node:net';
import type { Duplex } from 'node:stream';
import { now } from '../core/clock.js';
import { type Logger, RateLimitedLogger, type RateLimitOptions, redactingLogger, stderrLogger } from '../core/log.js';
import { requireDeviceToken } from '../core/security/off-loopback.js';
import { DEVICE_TOKEN } from '../core/security/secret-sources.js';
import { TokenCheck } from '../core/security/token-check.js';
import { encodeLine } from '../core/wire/line-splitter.js';
import { HEARTBEAT_TIMEOUT_MS } from '../core/wire/messages.js';
import { takeToken } from './announce.js';
import { DeviceSession, type SessionEndpoint, type SessionEvents, type SessionLimits, tcpEndpoint } from './device-session.js';
import { DEFAULT_MAX_ANONYMOUS_MCUS } from './registry.js';

export interface DeviceServerOptions {
  /** 127.0.0.1 unless told otherwise: boards on other hosts need an explicit address. */
  host?: string;
  /** 9000 as in the original; 0 picks a free port. */
  port?: number;
  /** A board must announce itself within this long after connecting, ms. */
  handshakeTimeoutMs?: number;
  /** A board silent for longer than this is dropped and its MCU marked offline, ms. */
  heartbeatTimeoutMs?: number;
  answerPing?: boolean;
  maxLinesPerSecond?: number;
  lineBurst?: number;
  malformedLimit?: number;
  malformedWindowMs?: number;
  logRate?: RateLimitOptions;
  log?: Logger;
  /**
   * A shared secret every board must present as `"token"` in its announce line; a board without it (or with
   * a wrong one) gets `{"error": "unauthorized: ..."}` and is disconnected before it is registered.
   * Required when `host` is not loopback, unless `allowAnonymous`.
   */
  token?: string;
  /**
   * Accept boards without a token on a non-loopback address (boards running the original firmware cannot
   * send one): for a lab's isolated network only. Logged as a warning at start.
   */
  allowAnonymous?: boolean;
  /**
   * Per-board secrets, by MCU id: a board announcing one of these ids must send its own key as `"token"`
   * (the shared `token` does not do for it), or it is refused like a board without the device token. A board
   * that proved itself so, or with the shared token, may replace its own live connection and is preferred
   * in routing to anonymous boards.
   */
  deviceKeys?: ReadonlyMap<string, string>;
  /**
   * Device connections held at once, announced or not. At the cap a new connection takes the place of the
   * oldest one that has not announced yet; a board that proves itself takes the place of the oldest anonymous
   * one. A few connections past the cap may be in their handshake at once, with a short deadline, so a
   * proven board can still announce when every place is held. Default: below the process's open-file limit
   * (see `defaultMaxDeviceConnections`).
   */
  maxConnections?: number;
  /** Anonymous boards known at once, online or not; past it the longest offline are forgotten. Default 1024. */
  maxAnonymousMcus?: number;
  /** A board offline for this long is forgotten (its waiting commands fail), ms. Default 6 h. */
  forgetAfterMs?: number;
}

/** How a connection proved which board it is; a connection absent from `proofOf` proved nothing. */
export type DeviceProof = 'device-key' | 'device-token';

/** What the server reports besides each connection's own events. */
export interface DeviceServerEvents extends SessionEvents {
  /** Called from the server's periodic liveness sweep, with the time of the sweep. */
  sweep?(t: number): void;
}

export const DEFAULT_DEVICE_PORT = 9000;
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;
export const DEFAULT_FORGET_AFTER_MS = 6 * 60 * 60 * 1000;
/** Device connections when the open-file limit cannot be read. */
export const FALLBACK_MAX_DEVICE_CONNECTIONS = 4096;
/** At most one line per this long says how many connections the cap turned away. */
const CAP_LOG_INTERVAL_MS = 60_000;
/** Serial lines whose log limits are kept at once. */
const MAX_LINE_LOGS = 256;
/** Longest a connection may take to announce while the server is near its cap. */
const NEAR_CAP_HANDSHAKE_MS = 2_000;

/**
 * Connections that may be in their handshake past the cap: enough for proven boards to announce while every
 * place is held, few enough to stay within the descriptors the default cap keeps free (64 or more).
 */
export function handshakesPastCap(maxConnections: number): number {
  return Math.max(1, Math.min(16, Math.floor(maxConnections / 16)));
}

/**
 * Device connections that leave room under the open-file limit for what else the process opens: the HTTP
 * API's clients, the store's segments, Node's own descriptors. A quarter of the limit is kept free (64 to
 * 4096 descriptors). Past the limit every accept fails, the HTTP API's included, and nothing says why.
 */
export function defaultMaxDeviceConnections(openFiles: number | null = openFileLimit()): number {
  if (openFiles === null) return FALLBACK_MAX_DEVICE_CONNECTIONS;
  const spare = Math.min(4096, Math.max(64, Math.ceil(openFiles / 4)));
  return Math.max(1, openFiles - spare);
}

/** The soft limit on open files (`ulimit -n`), from /proc on Linux; null elsewhere or when unlimited. */
export function openFileLimit(): number | null {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const value = Number(line?.slice('Max open files'.length).trim().split(/\s+/)[0]);
    return Number.isSafeInteger(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

/**
 * The TCP listener boards connect to. It owns the connections and their deadlines: one sweep timer for the
 * whole server closes boards that never announced or went silent; everything a board says goes to `events`.
 */
export class DeviceServer {
  private readonly server: Server;
  private readonly sessions = new Set<DeviceSession>();
  private readonly limits: SessionLimits;
  private readonly log: Logger;
  private readonly handshakeTimeoutMs: number;
  private readonly heartbeatTimeoutMs: number;
  /** Set by `listen` (a malformed token fails there, where the datapool cleans up after a failed start). */
  private tokenCheck: TokenCheck | null = null;
  /** Per-board keys by MCU id, set by `listen` like `tokenCheck`. */
  private keyChecks = new Map<string, TokenCheck>();
  /** Connections that proved which board they are, and how. */
  private readonly proofs = new WeakMap<DeviceSession, DeviceProof>();
  /**
   * Open connections not closing, by the order they came: those still in their handshake, and those that
   * announced without proof. At the cap the oldest of each gives way first.
   */
  private readonly open = new Set<DeviceSession>();
  private readonly handshaking = new Set<DeviceSession>();
  /** Rate-limited logs of the serial lines, by path (as many as the lines the datapool watches). */
  private readonly lineLogs = new Map<string, Logger>();
  private readonly anonymous = new Set<DeviceSession>();
  private sweeper: NodeJS.Timeout | null = null;
  private nextConnection = 1;
  /** What the cap did since the last line that said so. */
  private refusedAtCap = 0;
  private evictedHandshakes = 0;
  private evictedAnonymous = 0;
  private capLoggedAt = Number.NEGATIVE_INFINITY;
  /** Heartbeat lines received from every board since the server was made. */
  heartbeatsReceived = 0;
  readonly maxConnections: number;
  readonly forgetAfterMs: number;
  readonly maxAnonymousMcus: number;

  constructor(
    private readonly options: DeviceServerOptions,
    private readonly events: DeviceServerEvents,
  ) {
    // A board that sends its key where a line is logged (a malformed announce) must not put it in the log.
    this.log = redactingLogger(options.log ?? stderrLogger, [...(options.deviceKeys?.values() ?? [])]);
    this.handshakeTimeoutMs = options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
    this.heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? HEARTBEAT_TIMEOUT_MS;
    this.maxConnections = options.maxConnections ?? defaultMaxDeviceConnections();
    this.forgetAfterMs = options.forgetAfterMs ?? DEFAULT_FORGET_AFTER_MS;
    this.maxAnonymousMcus = options.maxAnonymousMcus ?? DEFAULT_MAX_ANONYMOUS_MCUS;
    this.limits = {
      maxLinesPerSecond: options.maxLinesPerSecond ?? 5000,
      lineBurst: options.lineBurst ?? 10_000,
      malformedLimit: options.malformedLimit ?? 20,
      malformedWindowMs: options.malformedWindowMs ?? 10_000,
      answerPing: options.answerPing ?? false,
      logRate: options.logRate ?? { maxPerWindow: 20, windowMs: 10_000 },
    };
    this.server = createServer((socket) => this.admit(socket, tcpEndpoint(socket)));
    this.server.on('error', (error) => this.log('error', `device server error: ${error.message}`));
  }

  /** Starts listening; resolves with the bound address. Refuses a non-loopback address without a device token. */
  listen(): Promise<AddressInfo> {
    const host = this.options.host ?? '127.0.0.1';
    const port = this.options.port ?? DEFAULT_DEVICE_PORT;
    let openWarning: string | null;
    try {
      openWarning = requireDeviceToken({ host, port }, this.options.token, this.options.allowAnonymous ?? false);
      this.tokenCheck = this.options.token === undefined ? null : new TokenCheck(this.options.token, 'device token');
      if (!Number.isSafeInteger(this.maxConnections) || this.maxConnections < 1) {
        throw new Error(`the device connection limit must be a whole number of at least 1, got ${this.maxConnections}`);
      }
      if (!(this.forgetAfterMs > 0)) throw new Error(`the time after which an offline board is forgotten must be above 0, got ${this.forgetAfterMs} ms`);
      if (!Number.isSafeInteger(this.maxAnonymousMcus) || this.maxAnonymousMcus < 0) {
        throw new Error(`the number of anonymous boards known must be a whole number of at least 0, got ${this.maxAnonymousMcus}`);
      }
      const keys = new Map<string, TokenCheck>();
      for (const [mcu, key] of this.options.deviceKeys ?? []) keys.set(mcu, new TokenCheck(key, `device key of "${mcu}"`));
      this.keyChecks = keys;
    } catch (error) {
      return Promise.reject(error);
    }
    if (openWarning !== null) this.log('warn', openWarning);
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        const period = Math.max(5, Math.min(this.handshakeTimeoutMs, this.heartbeatTimeoutMs, NEAR_CAP_HANDSHAKE_MS) / 5);
        this.sweeper = setInterval(() => this.sweep(), period);
        this.sweeper.unref();
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  address(): AddressInfo | null {
    const address = this.server.address();
    return address !== null && typeof address === 'object' ? address : null;
  }

  /** Live connections, announced or not. */
  connections(): ReadonlySet<DeviceSession> {
    return this.sessions;
  }

  /** `id` has a per-board key here: only a connection naming it with that key may hold it. */
  hasDeviceKey(id: string): boolean {
    return this.options.deviceKeys?.has(id) ?? false;
  }

  /**
   * Whether a board known only from a record stored before a restart counts as anonymous. A keyed id is
   * proven: nobody without its key can take it now. A record not marked anonymous counts as proven only
   * while a device token is configured: under a token every board presents it or a key. Which settings wrote
   * a record is not stored, so the settings now decide, for records from before the mark existed too; with
   * no token, an unmarked record may be any local process's and must not outrank the boards that connect.
   */
  restoredAnonymous(id: string, storedAnonymous: boolean): boolean {
    if (this.hasDeviceKey(id)) return false;
    return storedAnonymous || this.options.token === undefined;
  }

  /** How this connection proved which board it is; undefined when it proved nothing (an anonymous board). */
  proofOf(session: DeviceSession): DeviceProof | undefined {
    return this.proofs.get(session);
  }

  /** Silent past the heartbeat timeout at `t`: the sweep is about to close it, the board behind it is gone. */
  isSilent(session: DeviceSession, t: number): boolean {
    return t - session.lastSeenAt > this.heartbeatTimeoutMs;
  }

  /** Tells a board why it is turned away (a board may be misconfigured rather than hostile), then hangs up. */
  turnAway(session: DeviceSession, error: string, reason: string): void {
    session.send(encodeLine({ error }));
    session.close(reason);
  }

  /** Stops accepting boards and closes every connection. */
  async close(): Promise<void> {
    if (this.sweeper !== null) clearInterval(this.sweeper);
    this.sweeper = null;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const session of this.sessions) session.close('datapool shutting down', 'debug');
    if (this.server.listening) await closed;
  }

  /**
   * Takes in a connection that did not come through the TCP listener (a session on a serial line): the same
   * cap, handshake, tokens, keys and deadlines as a TCP board. Null when the cap turned it away (destroyed).
   */
  adopt(stream: Duplex, endpoint: SessionEndpoint): DeviceSession | null {
    return this.admit(stream, endpoint);
  }

  private admit(socket: Duplex, endpoint: SessionEndpoint): DeviceSession | null {
    // Node's own `server.maxConnections` would close the newcomer, so whoever holds the places first (idle
    // sockets that reconnect after each handshake deadline) would keep every board out, keyed ones included.
    if (this.open.size >= this.maxConnections) {
      const oldest = first(this.handshaking);
      if (oldest !== undefined) {
        this.evictedHandshakes++;
        // Per connection at debug: under a flood the one rate-limited line below says how many.
        oldest.close('it had not announced, and the device connection cap needed its place for a new connection', 'debug');
        this.capReached();
      } else if (this.open.size >= this.maxConnections + handshakesPastCap(this.maxConnections)) {
        socket.on('error', () => {});
        socket.destroy();
        this.refusedAtCap++;
        this.capReached();
        return null;
      }
    }
    const events: SessionEvents = {
      announce: (session, parsed) => {
        const { token, announce } = takeToken(parsed);
        const key = announce.mcu === undefined ? undefined : this.keyChecks.get(announce.mcu);
        if (key !== undefined) {
          // Its own key, not the shared token: a board holding the shared token may not pose as a keyed one.
          if (!key.matches(token)) return this.refuseKey(session, token === undefined, announce.mcu!);
          this.proofs.set(session, 'device-key');
        } else if (this.tokenCheck !== null) {
          if (!this.tokenCheck.matches(token)) return this.refuse(session, token === undefined, announce.mcu);
          this.proofs.set(session, 'device-token');
        }
        if (!this.makeRoomFor(session, announce.mcu)) return;
        this.events.announce(session, announce);
        if (session.closed || session.mcu === null) return;
        this.handshaking.delete(session);
        if (!this.proofs.has(session)) this.anonymous.add(session);
      },
      reply: (session, reply, line, receivedAt) => this.events.reply(session, reply, line, receivedAt),
      closing: (session) => this.countOut(session),
      closed: (session, reason) => {
        this.countOut(session);
        this.sessions.delete(session);
        this.events.closed(session, reason);
      },
      heartbeat: () => {
        this.heartbeatsReceived++;
      },
    };
    const log = endpoint.serialPath === undefined ? this.log : this.lineLog(endpoint.serialPath);
    const session = new DeviceSession(socket, this.nextConnection++, this.limits, events, log, endpoint);
    this.sessions.add(session);
    this.open.add(session);
    this.handshaking.add(session);
    return session;
  }

  /**
   * The log of one serial line, across its sessions: a line that prints garbage (a board at the wrong baud rate, a
   * console) ends a session every few bad lines, and a limit per session would start over with each. A TCP
   * connection is its own session, so it needs none.
   */
  private lineLog(path: string): Logger {
    let log = this.lineLogs.get(path);
    if (log === undefined) {
      // Lines found by `--serial auto` come and go under new names; the map never holds more than a few hundred.
      if (this.lineLogs.size >= MAX_LINE_LOGS) this.lineLogs.clear();
      const limited = new RateLimitedLogger(this.log, this.limits.logRate, { serialPath: path });
      log = (level, message, fields) => limited.write(level, message, fields);
      this.lineLogs.set(path, log);
    }
    return log;
  }

  private countOut(session: DeviceSession): void {
    this.open.delete(session);
    this.handshaking.delete(session);
    this.anonymous.delete(session);
  }

  /**
   * A connection past the cap that announced: it stays if the oldest connection still in its handshake, or
   * (when it proved itself) the oldest anonymous board, gives way; otherwise it is turned away. False then.
   */
  private makeRoomFor(session: DeviceSession, mcu: string | undefined): boolean {
    if (this.open.size <= this.maxConnections) return true;
    const proven = this.proofs.has(session);
    // A proven board replaces its own live connection, which frees the place.
    if (proven && mcu !== undefined) for (const other of this.open) if (other.mcu === mcu) return true;
    const handshake = first(this.handshaking, session);
    if (handshake !== undefined) {
      this.evictedHandshakes++;
      handshake.close('it had not announced, and the device connection cap needed its place for a board that did', 'debug');
      this.capReached();
      return true;
    }
    const anonymous = proven ? first(this.anonymous) : undefined;
    if (anonymous !== undefined) {
      this.evictedAnonymous++;
      this.turnAway(
        anonymous,
        'closed: device connections are at their limit and a board that proved itself needed the place of an anonymous one',
        'an anonymous board gave its place under the device connection cap to a board that proved itself',
      );
      this.capReached();
      return true;
    }
    this.refusedAtCap++;
    session.send(
      encodeLine({
        error: `refused: device connections are at their limit of ${this.maxConnections}${proven ? ', all held by boards that proved themselves' : '; a board with a device key or the device token may still get in'}`,
      }),
    );
    session.close('refused a board past the device connection cap', 'debug');
    this.capReached();
    return false;
  }

  /** Tells the board why (it may be a misconfigured lab board) and drops it; the log names never the token. */
  private refuse(session: DeviceSession, missing: boolean, claimedId: string | undefined): void {
    const reason = missing
      ? `this datapool requires a device token: add "token": "<secret>" to the announce line (emulated boards: ${DEVICE_TOKEN.flag} or ${DEVICE_TOKEN.env})`
      : 'wrong device token';
    this.turnAway(
      session,
      `unauthorized: ${reason}`,
      `unauthorized board${claimedId === undefined ? '' : ` "${claimedId}"`}: ${missing ? 'no device token' : reason}`,
    );
  }

  private refuseKey(session: DeviceSession, missing: boolean, mcu: string): void {
    const reason = missing
      ? `MCU "${mcu}" has a device key on this datapool: add "token": "<its key>" to the announce line`
      : `wrong device key for MCU "${mcu}"`;
    this.turnAway(session, `unauthorized: ${reason}`, `unauthorized board "${mcu}": ${missing ? 'no device key' : 'wrong device key'}`);
  }

  /** Says the cap was reached once, then at most once a minute what it did since. */
  private capReached(): void {
    const t = performance.now();
    if (t - this.capLoggedAt < CAP_LOG_INTERVAL_MS) return;
    const isFirst = this.capLoggedAt === Number.NEGATIVE_INFINITY;
    const done: string[] = [];
    if (this.refusedAtCap > 0) done.push(`refused ${this.refusedAtCap} new connection(s)`);
    if (this.evictedHandshakes > 0) done.push(`closed ${this.evictedHandshakes} that had not announced`);
    if (this.evictedAnonymous > 0) done.push(`closed ${this.evictedAnonymous} anonymous board(s) for boards that proved themselves`);
    this.log(
      'warn',
      `device connections at the limit of ${this.maxConnections}: ${done.join(', ')}` +
        `${isFirst ? '' : ` in the last ${Math.round((t - this.capLoggedAt) / 1000)} s`} (raise it with --max-device-conns, under the open-file limit)`,
      { limit: this.maxConnections, refused: this.refusedAtCap, closedUnannounced: this.evictedHandshakes, closedAnonymous: this.evictedAnonymous },
    );
    this.capLoggedAt = t;
    this.refusedAtCap = 0;
    this.evictedHandshakes = 0;
    this.evictedAnonymous = 0;
  }

  private sweep(): void {
    const t = now();
    this.events.sweep?.(t);
    // Near the cap a connection that does not announce soon is holding a place a board may need.
    const handshakeMs = this.open.size * 4 >= this.maxConnections * 3 ? Math.min(this.handshakeTimeoutMs, NEAR_CAP_HANDSHAKE_MS) : this.handshakeTimeoutMs;
    for (const session of this.sessions) {
      if (session.mcu === null) {
        if (t - session.openedAt > handshakeMs) {
          // A board on a serial line does not see the line close: one that stayed up while the datapool restarted
          // sends its heartbeat, is answered PONG, and would never announce again unless told to.
          if (session.transport === 'serial') session.send(encodeLine({ error: `refused: no announce line within ${handshakeMs} ms; announce again` }));
          session.close(`no announce line within ${handshakeMs} ms${handshakeMs < this.handshakeTimeoutMs ? ' (device connections near their limit)' : ''}`);
        }
      } else if (t - session.lastSeenAt > this.heartbeatTimeoutMs) {
        session.close(`silent for ${Math.round(t - session.lastSeenAt)} ms (heartbeat timeout ${this.heartbeatTimeoutMs} ms)`);
      }
    }
  }
}

/** The oldest member of an insertion-ordered set, other than `except`. */
function first(set: ReadonlySet<DeviceSession>, except?: DeviceSession): DeviceSession | undefined {
  for (const member of set) if (member !== except) return member;
  return undefined;
}
