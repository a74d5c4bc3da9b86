import { EventEmitter } from 'node:events';
import net from 'node:net';
import { formatHostPort } from '../../core/net/host-port.js';
import { encodeLine, LineSplitter } from '../../core/wire/line-splitter.js';
import type { AnnounceLine, ReplyLine } from '../../core/wire/messages.js';
import { HEARTBEAT_INTERVAL_MS, PING } from '../../core/wire/messages.js';
import { DelayLine } from '../network/delay-line.js';
import type { NetworkConditions, NetworkFaults, NetworkProfileName } from '../network/profiles.js';
import { createNetworkConditions } from '../network/profiles.js';
import { SeededRandom } from '../network/random.js';

/**
 * The socket side of an emulated board: it dials the datapool, announces itself, sends a heartbeat,
 * passes command lines in and reply lines out through the modelled network, and redials with
 * exponential backoff whenever the connection fails or drops.
 *
 * Replies produced while the link is down or the socket is backed up wait in the board's output queue
 * (bounded by its profile); lines beyond it are dropped and the next line sent says how many.
 * Failures are reported as 'error' events and never thrown out of a socket callback.
 *
 * Events: 'online' (connected and announced), 'offline' (Error | undefined), 'error' (Error).
 */

export interface ReconnectOptions {
  /** First retry delay, ms. */
  baseMs?: number;
  /** Longest retry delay, ms. */
  capMs?: number;
}

export interface LinkNetworkOptions {
  profile: NetworkProfileName;
  wifi: { meanMs: number; jitterMs: number };
  faults?: NetworkFaults | undefined;
}

export interface McuLinkOptions {
  host: string;
  port: number;
  /** The first line of every connection. */
  announce: () => AnnounceLine;
  /** A command line from the server (after the downlink delay). */
  onLine: (line: string) => void;
  /** A line that could not be read (too long or not UTF-8), described for an error reply. */
  onBadLine?: (problem: string) => void;
  /** Lines that may wait for the link; more are dropped. */
  outputQueueDepth: number;
  /** The modelled network; `ideal` when absent. */
  network?: LinkNetworkOptions;
  /** Seeds network draws and backoff jitter. */
  seed?: number | string;
  heartbeatMs?: number | undefined;
  reconnect?: ReconnectOptions | undefined;
  /** Give up one connection attempt after this long, ms. */
  connectTimeoutMs?: number | undefined;
  /** The datapool's device token, sent as `"token"` in the announce line (a datapool may require it). */
  token?: string;
}

/** The datapool turned the board away (a missing or wrong device token); it keeps retrying, slowly. */
export class BoardRefusedError extends Error {
  override readonly name = 'BoardRefusedError';
}

interface Outgoing {
  line: string;
  heartbeat: boolean;
}

const DEFAULT_BACKOFF_BASE_MS = 100;
const DEFAULT_BACKOFF_CAP_MS = 5_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/** Doublings of the backoff base beyond which the cap always applies. */
const MAX_BACKOFF_DOUBLINGS = 30;

export class McuLink extends EventEmitter {
  private socket: net.Socket | undefined;
  private connected = false;
  /** Socket buffer full: wait for 'drain' before writing more. */
  private blocked = false;
  /** A line was written in this event-loop turn: more lines in it are gathered. */
  private wroteThisTurn = false;
  /** The socket corked while lines are gathered, until the next turn. */
  private gathered: net.Socket | undefined;
  private stopped = false;
  private started = false;
  private attempts = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private droppedLines = 0;
  private readonly backlog: Outgoing[] = [];
  private uplink: NetworkConditions;
  private downlink: NetworkConditions;
  /** The conditions the link was built with, restored when an injected fault ends. */
  private readonly ownConditions: { uplink: NetworkConditions; downlink: NetworkConditions };
  private faultEpoch = 0;
  private readonly outbound: DelayLine<Outgoing>;
  private readonly inbound: DelayLine<string>;
  private readonly jitter: SeededRandom;
  private closed: Promise<void> = Promise.resolve();

  constructor(private readonly options: McuLinkOptions) {
    super();
    const seed = options.seed ?? 0;
    const network = options.network ?? { profile: 'ideal', wifi: { meanMs: 0, jitterMs: 0 } };
    this.uplink = createNetworkConditions({ ...network, seed: `${seed}/uplink` });
    this.downlink = createNetworkConditions({ ...network, seed: `${seed}/downlink` });
    this.ownConditions = { uplink: this.uplink, downlink: this.downlink };
    this.jitter = new SeededRandom(`${seed}/backoff`);
    this.outbound = new DelayLine((item) => this.transmit(item));
    this.inbound = new DelayLine((line) => {
      try {
        this.options.onLine(line);
      } catch (err) {
        this.report(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  /** Connected and announced. */
  get online(): boolean {
    return this.connected;
  }

  /** Lines waiting for the link (delayed, backed up or offline). */
  get queued(): number {
    return this.outbound.size + this.backlog.length;
  }

  /** Starts dialing; reconnects on its own until `stop()`. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.connect();
  }

  /** Sends one reply line (or error line) from the firmware. */
  send(reply: ReplyLine): void {
    if (this.uplink.dropReply()) return;
    this.enqueue({ line: encodeLine(reply), heartbeat: false });
  }

  /** Fault injection: drops the connection as a WiFi outage would; the link redials. */
  disconnect(): void {
    // Lines already written this turn were on the wire before the outage, as they would be without gathering.
    this.flushGathered();
    this.socket?.destroy();
  }

  /**
   * Fault injection at run time (a latency spike): messages from now on see these faults instead of the
   * link's own; `undefined` restores the link's own conditions. Lines already delayed keep their delay.
   */
  setFaults(faults: NetworkFaults | undefined): void {
    if (faults === undefined) {
      ({ uplink: this.uplink, downlink: this.downlink } = this.ownConditions);
      return;
    }
    const network = { ...(this.options.network ?? { profile: 'ideal' as const, wifi: { meanMs: 0, jitterMs: 0 } }), faults };
    const seed = `${this.options.seed ?? 0}/faults-${++this.faultEpoch}`;
    this.uplink = createNetworkConditions({ ...network, seed: `${seed}/uplink` });
    this.downlink = createNetworkConditions({ ...network, seed: `${seed}/downlink` });
  }

  /**
   * Fault injection: writes these bytes to the datapool as they are, past the modelled network (the garbage
   * a broken firmware might send). End them with a newline so the board's own lines stay whole. False when
   * the link is not connected.
   */
  injectRaw(bytes: Uint8Array | string): boolean {
    const socket = this.socket;
    if (!this.connected || socket === undefined || socket.destroyed) return false;
    socket.write(bytes);
    return true;
  }

  /** Closes the link for good; resolves once the socket is closed. */
  stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.stopHeartbeat();
    this.inbound.clear();
    this.outbound.clear();
    this.backlog.length = 0;
    const socket = this.socket;
    if (socket && !socket.destroyed) {
      // Let what is already written leave, then close.
      if (this.connected) socket.end(() => socket.destroy());
      else socket.destroy();
    }
    return this.closed;
  }

  private connect(): void {
    if (this.stopped) return;
    const socket = net.connect({ host: this.options.host, port: this.options.port });
    this.socket = socket;
    let resolveClosed: () => void = () => {};
    this.closed = new Promise((resolve) => (resolveClosed = resolve));
    const splitter = new LineSplitter();
    let failure: Error | undefined;
    socket.setNoDelay(true);
    socket.setTimeout(this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, () => {
      if (!this.connected) socket.destroy(new Error(`connect to ${formatHostPort(this.options)} timed out`));
    });

    socket.once('connect', () => {
      socket.setTimeout(0);
      if (this.stopped) {
        socket.destroy();
        return;
      }
      this.attempts = 0;
      const announce = this.options.announce();
      const token = this.options.token;
      this.blocked = !socket.write(encodeLine(token === undefined ? announce : { ...announce, token }));
      this.connected = true;
      this.startHeartbeat();
      this.flushBacklog();
      this.emit('online');
    });
    socket.on('data', (chunk: Buffer) => {
      splitter.push(chunk, (event) => {
        if (event.ok && this.refusedBy(event.line)) return;
        if (event.ok) this.inbound.push(event.line, this.downlink.delayMs());
        else
          this.options.onBadLine?.(
            event.reason === 'too-long' ? `Line too long: ${event.bytes} bytes dropped` : `Invalid line: not UTF-8 (${event.bytes} bytes dropped)`,
          );
      });
    });
    socket.on('drain', () => {
      this.blocked = false;
      this.flushBacklog();
    });
    socket.on('error', (err) => {
      failure = err;
      this.report(err);
    });
    socket.on('close', () => {
      const wasOnline = this.connected;
      this.connected = false;
      this.blocked = false;
      this.stopHeartbeat();
      // Commands still on the wire died with the connection.
      this.inbound.clear();
      if (this.socket === socket) this.socket = undefined;
      if (wasOnline) this.emit('offline', failure);
      resolveClosed();
      if (!this.stopped) this.scheduleReconnect();
    });
  }

  /**
   * The datapool sends a board nothing but commands, except when it refuses it (`{"error": "unauthorized:
   * ..."}`, then it hangs up): report that clearly instead of handing it to the firmware, and retry only
   * at the longest backoff, since the datapool will not change its mind soon.
   */
  private refusedBy(line: string): boolean {
    if (!line.startsWith('{"error"')) return false;
    let error: unknown;
    try {
      error = (JSON.parse(line) as { error?: unknown }).error;
    } catch {
      return false;
    }
    if (typeof error !== 'string') return false;
    this.attempts = MAX_BACKOFF_DOUBLINGS;
    this.report(new BoardRefusedError(`the datapool at ${formatHostPort(this.options)} refused this board: ${error}`));
    return true;
  }

  private scheduleReconnect(): void {
    const base = this.options.reconnect?.baseMs ?? DEFAULT_BACKOFF_BASE_MS;
    const cap = this.options.reconnect?.capMs ?? DEFAULT_BACKOFF_CAP_MS;
    const ceiling = Math.min(cap, base * 2 ** Math.min(this.attempts, MAX_BACKOFF_DOUBLINGS));
    this.attempts++;
    // Half fixed, half random: boards that lost the same access point do not all redial at once.
    const delay = ceiling / 2 + (ceiling / 2) * this.jitter.next();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connect();
    }, delay);
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    const every = this.options.heartbeatMs ?? HEARTBEAT_INTERVAL_MS;
    this.heartbeatTimer = setInterval(() => this.enqueue({ line: `${PING}\n`, heartbeat: true }), every);
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  private enqueue(item: Outgoing): void {
    if (this.stopped) return;
    if (this.queued >= this.options.outputQueueDepth) {
      if (!item.heartbeat) this.droppedLines++;
      return;
    }
    if (this.droppedLines > 0 && !item.heartbeat && this.queued + 1 < this.options.outputQueueDepth) {
      const dropped = this.droppedLines;
      this.droppedLines = 0;
      const report: ReplyLine = { error: `Output queue full: ${dropped} reply lines dropped`, dropped };
      this.outbound.push({ line: encodeLine(report), heartbeat: false }, this.uplink.delayMs());
    }
    this.outbound.push(item, this.uplink.delayMs());
  }

  /** A line leaves the modelled network: onto the socket, or into the backlog while it cannot be written. */
  private transmit(item: Outgoing): void {
    if (this.connected && !this.blocked && this.backlog.length === 0) {
      this.write(item);
      return;
    }
    // A heartbeat that cannot go now is stale by the time it could.
    if (item.heartbeat && !this.connected) return;
    this.backlog.push(item);
  }

  private flushBacklog(): void {
    while (this.connected && !this.blocked) {
      const next = this.backlog.shift();
      if (!next) return;
      this.write(next);
    }
  }

  private write(item: Outgoing): void {
    const socket = this.socket;
    if (!socket || socket.destroyed) {
      this.backlog.unshift(item);
      return;
    }
    // The first line of an event-loop turn leaves at once. Lines after it in the same turn (replies of
    // timers that fired together) are gathered and leave in one write as the next turn begins: one system
    // call for the lot, and no delay for a line on its own.
    if (!this.wroteThisTurn) {
      this.wroteThisTurn = true;
      setImmediate(this.endTurn);
    } else if (this.gathered === undefined) {
      this.gathered = socket;
      socket.cork();
    }
    if (!socket.write(item.line)) this.blocked = true;
  }

  private readonly endTurn = (): void => {
    this.wroteThisTurn = false;
    this.flushGathered();
  };

  private flushGathered(): void {
    const socket = this.gathered;
    this.gathered = undefined;
    if (socket !== undefined && !socket.destroyed) socket.uncork();
  }

  private report(err: Error): void {
    if (this.listenerCount('error') > 0) this.emit('error', err);
  }
}
