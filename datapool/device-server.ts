import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { requireDeviceToken } from '../cli/security/off-loopback.js';
import { DEVICE_TOKEN } from '../cli/security/secret-sources.js';
import { TokenCheck } from '../cli/security/token-check.js';
import { encodeLine } from '../devices/wire/line-splitter.js';
import { HEARTBEAT_TIMEOUT_MS } from '../devices/wire/messages.js';
import { takeToken } from './announce.js';
import { now } from './clock.js';
import { stderrLogger, type Logger, type RateLimitOptions } from './log.js';
import { DeviceSession, type SessionEvents, type SessionLimits } from './device-session.js';

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
}

export const DEFAULT_DEVICE_PORT = 9000;
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;

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
  private sweeper: NodeJS.Timeout | null = null;
  private nextConnection = 1;
  /** Heartbeat lines received from every board since the server was made. */
  heartbeatsReceived = 0;

  constructor(
    private readonly options: DeviceServerOptions,
    private readonly events: SessionEvents,
  ) {
    this.log = options.log ?? stderrLogger;
    this.handshakeTimeoutMs = options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
    this.heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? HEARTBEAT_TIMEOUT_MS;
    this.limits = {
      maxLinesPerSecond: options.maxLinesPerSecond ?? 5000,
      lineBurst: options.lineBurst ?? 10_000,
      malformedLimit: options.malformedLimit ?? 20,
      malformedWindowMs: options.malformedWindowMs ?? 10_000,
      answerPing: options.answerPing ?? false,
      logRate: options.logRate ?? { maxPerWindow: 20, windowMs: 10_000 },
    };
    this.server = createServer((socket) => this.admit(socket));
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
    } catch (error) {
      return Promise.reject(error);
    }
    if (openWarning !== null) this.log('warn', openWarning);
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        const period = Math.max(5, Math.min(this.handshakeTimeoutMs, this.heartbeatTimeoutMs) / 5);
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

  /** Stops accepting boards and closes every connection. */
  async close(): Promise<void> {
    if (this.sweeper !== null) clearInterval(this.sweeper);
    this.sweeper = null;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const session of this.sessions) session.close('datapool shutting down', 'debug');
    if (this.server.listening) await closed;
  }

  private admit(socket: Socket): void {
    const events: SessionEvents = {
      announce: (session, parsed) => {
        const { token, announce } = takeToken(parsed);
        if (this.tokenCheck !== null && !this.tokenCheck.matches(token)) return this.refuse(session, token === undefined, announce.mcu);
        this.events.announce(session, announce);
      },
      reply: (session, reply, line, receivedAt) => this.events.reply(session, reply, line, receivedAt),
      closed: (session, reason) => {
        this.sessions.delete(session);
        this.events.closed(session, reason);
      },
      heartbeat: () => {
        this.heartbeatsReceived++;
      },
    };
    const session = new DeviceSession(socket, this.nextConnection++, this.limits, events, this.log);
    this.sessions.add(session);
  }

  /** Tells the board why (it may be a misconfigured lab board) and drops it; the log names never the token. */
  private refuse(session: DeviceSession, missing: boolean, claimedId: string | undefined): void {
    const reason = missing
      ? `this datapool requires a device token: add "token": "<secret>" to the announce line (emulated boards: ${DEVICE_TOKEN.flag} or ${DEVICE_TOKEN.env})`
      : 'wrong device token';
    session.send(encodeLine({ error: `unauthorized: ${reason}` }));
    session.close(`unauthorized board${claimedId === undefined ? '' : ` "${claimedId}"`}: ${missing ? 'no device token' : reason}`);
  }

  private sweep(): void {
    const t = now();
    for (const session of this.sessions) {
      if (session.mcu === null) {
        if (t - session.openedAt > this.handshakeTimeoutMs) {
          session.close(`no announce line within ${this.handshakeTimeoutMs} ms`);
        }
      } else if (t - session.lastSeenAt > this.heartbeatTimeoutMs) {
        session.close(`silent for ${Math.round(t - session.lastSeenAt)} ms (heartbeat timeout ${this.heartbeatTimeoutMs} ms)`);
      }
    }
  }
}
