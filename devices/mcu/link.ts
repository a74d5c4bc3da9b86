import { EventEmitter } from 'node:events';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { SerialPort } from 'serialport';
import { formatHostPort } from '../../core/net/host-port.js';
import { encodeLine, LineSplitter } from '../../core/wire/line-splitter.js';
import type { AnnounceLine, BoardLink, ReplyLine } from '../../core/wire/messages.js';
import { HEARTBEAT_INTERVAL_MS, PING, PONG } from '../../core/wire/messages.js';
import { DelayLine } from '../network/delay-line.js';
import type { NetworkConditions, NetworkFaults, NetworkProfileName } from '../network/profiles.js';
import { createNetworkConditions } from '../network/profiles.js';
import { SeededRandom } from '../network/random.js';

/**
 * The link side of an emulated board: it dials the datapool over TCP (or opens its serial line and sends
 * `PING` until it reads `PONG`, as the original firmware does on its UART), announces itself, sends a
 * heartbeat, passes command lines in and reply lines out through the modelled network, and redials (or
 * reopens the line) with exponential backoff whenever the connection fails or drops.
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

/** A board on a serial line instead of TCP. */
export interface SerialLinkOptions {
  path: string;
  /** Default 115200, the original firmware's UART. */
  baudRate?: number;
  /** How often `PING` is repeated until the datapool answers `PONG`, ms. Default 5000, as the original. */
  handshakeMs?: number;
}

export interface McuLinkOptions {
  host: string;
  port: number;
  /** Open this serial line instead of dialing `host:port`. */
  serial?: SerialLinkOptions | undefined;
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
const DEFAULT_SERIAL_BAUD = 115_200;
const DEFAULT_SERIAL_HANDSHAKE_MS = 5_000;
/** Doublings of the backoff base beyond which the cap always applies. */
const MAX_BACKOFF_DOUBLINGS = 30;

export class McuLink extends EventEmitter {
  /** The TCP socket or the serial port. */
  private socket: Duplex | undefined;
  private connected = false;
  /** Socket buffer full: wait for 'drain' before writing more. */
  private blocked = false;
  /** A line was written in this event-loop turn: more lines in it are gathered. */
  private wroteThisTurn = false;
  /** The socket corked while lines are gathered, until the next turn. */
  private gathered: Duplex | undefined;
  /** Repeats `PING` on a serial line until the datapool answers. */
  private handshakeTimer: NodeJS.Timeout | undefined;
  /** Last time a serial line brought anything: the datapool answers every heartbeat, so a line quiet for two is dead. */
  private heardAt = 0;
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

  /** How the board reaches the datapool, as its announce says. */
  get kind(): BoardLink {
    return this.options.serial === undefined ? 'tcp' : 'serial';
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
    if (this.socket !== undefined) hangUp(this.socket);
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
    this.stopHandshake();
    this.inbound.clear();
    this.outbound.clear();
    this.backlog.length = 0;
    const socket = this.socket;
    if (socket && !socket.destroyed) {
      // Let what is already written leave, then close.
      if (this.connected) socket.end(() => hangUp(socket));
      else hangUp(socket);
    }
    return this.closed;
  }

  private connect(): void {
    if (this.stopped) return;
    let resolveClosed: () => void = () => {};
    this.closed = new Promise((resolve) => (resolveClosed = resolve));
    const splitter = new LineSplitter();
    let failure: Error | undefined;
    const serial = this.options.serial;
    let socket: Duplex;
    if (serial === undefined) {
      const tcp = net.connect({ host: this.options.host, port: this.options.port });
      tcp.setNoDelay(true);
      tcp.setTimeout(this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, () => {
        if (!this.connected) tcp.destroy(new Error(`connect to ${formatHostPort(this.options)} timed out`));
      });
      tcp.once('connect', () => {
        tcp.setTimeout(0);
        this.opened(tcp);
      });
      socket = tcp;
    } else {
      const port = new SerialPort({ path: serial.path, baudRate: serial.baudRate ?? DEFAULT_SERIAL_BAUD, autoOpen: false });
      port.open((error) => {
        if (error === null) {
          this.opened(port);
          return;
        }
        // A line that cannot be opened (the adapter unplugged) never opened, so no 'close' follows: retry here.
        this.report(error);
        if (this.socket === port) this.socket = undefined;
        resolveClosed();
        if (!this.stopped) this.scheduleReconnect();
      });
      socket = port;
    }
    this.socket = socket;

    socket.on('data', (chunk: Buffer) => {
      this.heardAt = performance.now();
      splitter.push(chunk, (event) => {
        if (event.ok && serial !== undefined && event.line.trim() === PONG) {
          // The datapool's answer to a heartbeat, or the end of the handshake: the board announces now.
          if (!this.connected && this.handshakeTimer !== undefined) this.announced(socket);
          return;
        }
        // Before its announce a serial board listens for PONG only.
        if (!this.connected) return;
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
      this.stopHandshake();
      // Commands still on the wire died with the connection.
      this.inbound.clear();
      if (this.socket === socket) this.socket = undefined;
      if (wasOnline) this.emit('offline', failure);
      resolveClosed();
      if (!this.stopped) this.scheduleReconnect();
    });
  }

  /** The connection is up: a TCP board announces at once; a serial board first sends `PING` until it reads `PONG`. */
  private opened(socket: Duplex): void {
    if (this.stopped) {
      hangUp(socket);
      return;
    }
    this.attempts = 0;
    const serial = this.options.serial;
    if (serial === undefined) {
      this.announced(socket);
      return;
    }
    const ping = (): void => {
      if (!socket.destroyed) socket.write(`${PING}\n`);
    };
    ping();
    this.handshakeTimer = setInterval(ping, serial.handshakeMs ?? DEFAULT_SERIAL_HANDSHAKE_MS);
  }

  private announced(socket: Duplex): void {
    this.stopHandshake();
    const announce: AnnounceLine = { link: this.kind, ...this.options.announce() };
    const token = this.options.token;
    this.blocked = !socket.write(encodeLine(token === undefined ? announce : { ...announce, token }));
    this.connected = true;
    this.startHeartbeat();
    this.flushBacklog();
    this.emit('online');
  }

  private stopHandshake(): void {
    if (this.handshakeTimer) clearInterval(this.handshakeTimer);
    this.handshakeTimer = undefined;
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
    const where = this.options.serial === undefined ? `at ${formatHostPort(this.options)}` : `on ${this.options.serial.path}`;
    this.report(new BoardRefusedError(`the datapool ${where} refused this board: ${error}`));
    // A serial line is not hung up by the datapool: the board closes it and tries again after the backoff.
    if (this.options.serial !== undefined && this.socket !== undefined) hangUp(this.socket);
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
    this.heardAt = performance.now();
    this.heartbeatTimer = setInterval(() => {
      // A serial line whose other end went away does not always fail a read: two heartbeats unanswered end it.
      if (this.options.serial !== undefined && performance.now() - this.heardAt > 2 * every) {
        this.report(new Error(`no answer on ${this.options.serial.path} for ${Math.round(performance.now() - this.heardAt)} ms; opening it again`));
        if (this.socket !== undefined) hangUp(this.socket);
        return;
      }
      this.enqueue({ line: `${PING}\n`, heartbeat: true });
    }, every);
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

/**
 * Ends a connection. A serial port's destroy() ends the stream but leaves its descriptor open and locked, so
 * the line could never be opened again (`Cannot lock port`): an open port is closed instead, which emits 'close'.
 */
function hangUp(socket: Duplex): void {
  if (socket instanceof SerialPort && socket.isOpen) socket.close();
  else socket.destroy();
}
