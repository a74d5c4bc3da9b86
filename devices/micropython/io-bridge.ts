import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import net from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import type { UartLine } from './uart-line.js';

/**
 * The real I/O of an emulated MicroPython board: the `io_*` functions of the `iotmcp_sim` JS module that the
 * `socket`, `network` and `machine.UART` shims call. Sockets are real Node TCP sockets and UARTs real serial
 * lines (a pty or an adapter), so a board's bytes cross the kernel like any other client's. Every call returns
 * at once: data waits in a small buffer here until the firmware polls for it, as it does on a board.
 *
 * Text crosses the bridge, not bytes: the protocol is JSON lines, and a JS string reaches MicroPython without
 * a copy per byte. Incoming bytes are decoded as UTF-8 (a sequence split across two chunks is kept whole).
 *
 * Events: 'online' (the board wrote its announce), 'offline' (Error | undefined: its link to the datapool
 * ended), 'error' (Error), 'reset' (the firmware called machine.reset()).
 */

export interface IoBridgeOptions {
  /** Board id: its `machine.unique_id()` is derived from it. */
  mcuId: string;
  /**
   * Serial lines by UART id (`machine.UART(1, ...)` opens `uarts[1]`), already open: the baud rate is the
   * line's, as a USB CDC board ignores the one its firmware sets.
   */
  uarts?: Readonly<Record<number, UartLine>>;
  /** A serial session counts as ended after this long without a byte from the datapool, ms. */
  serialSilentMs?: number;
  /** CPU frequency `machine.freq()` reports, Hz. */
  cpuHz?: number;
}

// biome-ignore lint/suspicious/noExplicitAny: functions called from MicroPython with loosely typed arguments
export type IoFunction = (...args: any[]) => unknown;

export interface IoBridge extends EventEmitter {
  /** The `io_*` functions for `iotmcp_sim`. */
  readonly functions: Record<string, IoFunction>;
  /** The board is announced on its link now. */
  readonly online: boolean;
  /** Closes every socket and serial line; later calls fail as a board with its radio off would. */
  close(): Promise<void>;
}

/** errno values as the ESP32 port reports them. */
const EAGAIN = 11;
const EBADF = 9;
const ENOTCONN = 128;
const ECONNRESET = 104;
const ECONNREFUSED = 111;
const EIO = 5;
/** Bytes a socket may hold unsent before writes would block. */
const SOCKET_WRITE_LIMIT = 64 * 1024;
/** Bytes a socket or UART buffers for the firmware before it stops reading (a board's receive window). */
const READ_BUFFER_LIMIT = 256 * 1024;
const ANNOUNCE_KEY = '"available_sensors"';

interface BridgedSocket {
  socket: net.Socket;
  state: 'connecting' | 'open' | 'closed';
  errno: number;
  decoder: StringDecoder;
  incoming: string;
  announced: boolean;
}

interface BridgedUart {
  line: UartLine;
  incoming: string;
  errno: number;
  lastHeard: number;
}

function errnoOf(err: NodeJS.ErrnoException): number {
  switch (err.code) {
    case 'ECONNREFUSED':
      return ECONNREFUSED;
    case 'ECONNRESET':
    case 'EPIPE':
      return ECONNRESET;
    default:
      return EIO;
  }
}

export function createIoBridge(options: IoBridgeOptions): IoBridge {
  const events = new EventEmitter() as IoBridge & { online: boolean };
  const sockets = new Map<number, BridgedSocket>();
  const uarts = new Map<number, BridgedUart>();
  let nextHandle = 1;
  let closed = false;
  let onlineVia: number | undefined;
  let silenceTimer: NodeJS.Timeout | undefined;
  (events as { online: boolean }).online = false;

  const report = (err: Error): void => {
    if (events.listenerCount('error') > 0) events.emit('error', err);
  };
  const setOnline = (handle: number): void => {
    onlineVia = handle;
    if (!events.online) {
      (events as { online: boolean }).online = true;
      events.emit('online');
    }
  };
  const setOffline = (handle: number, err?: Error): void => {
    if (onlineVia !== handle || !events.online) return;
    onlineVia = undefined;
    (events as { online: boolean }).online = false;
    events.emit('offline', err);
  };

  function take(buffered: { incoming: string }, max: number): string {
    if (buffered.incoming === '') return '';
    const n = max > 0 ? max : buffered.incoming.length;
    const out = buffered.incoming.slice(0, n);
    buffered.incoming = buffered.incoming.slice(out.length);
    return out;
  }

  const functions: Record<string, IoFunction> = {
    io_sock_open: () => {
      const handle = nextHandle++;
      const socket = new net.Socket();
      const entry: BridgedSocket = { socket, state: 'connecting', errno: 0, decoder: new StringDecoder('utf8'), incoming: '', announced: false };
      sockets.set(handle, entry);
      socket.setNoDelay(true);
      socket.on('data', (chunk: Buffer) => {
        entry.incoming += entry.decoder.write(chunk);
        if (entry.incoming.length > READ_BUFFER_LIMIT) socket.pause();
      });
      socket.on('error', (err: NodeJS.ErrnoException) => {
        entry.errno = errnoOf(err);
      });
      socket.on('close', () => {
        entry.state = 'closed';
        setOffline(handle, entry.errno ? new Error(`board link closed (errno ${entry.errno})`) : undefined);
      });
      socket.on('connect', () => {
        entry.state = 'open';
      });
      return handle;
    },
    io_sock_connect: (handle: number, host: string, port: number) => {
      const entry = sockets.get(handle);
      if (!entry || closed) return EBADF;
      entry.socket.connect({ host: String(host), port: Number(port) });
      return 0;
    },
    io_sock_read: (handle: number, max: number) => {
      const entry = sockets.get(handle);
      if (!entry) return null;
      const data = take(entry, max);
      if (data !== '') {
        if (entry.socket.isPaused() && entry.incoming.length < READ_BUFFER_LIMIT / 2) entry.socket.resume();
        return data;
      }
      // The end of the stream, once everything that came before it was read.
      return entry.state === 'closed' ? null : '';
    },
    io_sock_error: (handle: number) => {
      const entry = sockets.get(handle);
      if (!entry) return EBADF;
      return entry.errno;
    },
    io_sock_write: (handle: number, text: string) => {
      const entry = sockets.get(handle);
      if (!entry || closed) return -EBADF;
      if (entry.state === 'closed') return -(entry.errno || ENOTCONN);
      if (entry.state === 'connecting' || entry.socket.writableLength > SOCKET_WRITE_LIMIT) return -EAGAIN;
      const line = String(text);
      entry.socket.write(line);
      if (!entry.announced && line.includes(ANNOUNCE_KEY)) {
        entry.announced = true;
        setOnline(handle);
      }
      return Buffer.byteLength(line);
    },
    io_sock_close: (handle: number) => {
      const entry = sockets.get(handle);
      if (!entry) return 0;
      sockets.delete(handle);
      if (entry.state === 'open') entry.socket.end(() => entry.socket.destroy());
      else entry.socket.destroy();
      setOffline(handle);
      return 0;
    },
    io_uart_open: (id: number) => {
      const line = options.uarts?.[Number(id)];
      if (!line || closed) return -EIO;
      const handle = nextHandle++;
      const entry: BridgedUart = { line, incoming: '', errno: 0, lastHeard: Date.now() };
      uarts.set(handle, entry);
      line.listen(
        (text) => {
          entry.lastHeard = Date.now();
          entry.incoming += text;
          // A board's receive buffer is small; what the firmware does not take in time is lost, as on a UART.
          if (entry.incoming.length > READ_BUFFER_LIMIT) entry.incoming = entry.incoming.slice(-READ_BUFFER_LIMIT);
        },
        (message) => {
          entry.errno = EIO;
          report(new Error(message));
        },
      );
      return handle;
    },
    io_uart_any: (handle: number) => uarts.get(handle)?.incoming.length ?? 0,
    io_uart_read: (handle: number, max: number) => {
      const entry = uarts.get(handle);
      return entry ? take(entry, max) : '';
    },
    io_uart_readline: (handle: number) => {
      const entry = uarts.get(handle);
      if (!entry) return '';
      const nl = entry.incoming.indexOf('\n');
      return nl < 0 ? '' : take(entry, nl + 1);
    },
    io_uart_write: (handle: number, text: string) => {
      const entry = uarts.get(handle);
      if (!entry || closed) return -EBADF;
      if (entry.errno) return -entry.errno;
      const line = String(text);
      entry.line.write(line);
      if (line.includes(ANNOUNCE_KEY)) {
        entry.lastHeard = Date.now();
        setOnline(handle);
        watchSilence(handle, entry);
      }
      return Buffer.byteLength(line);
    },
    io_uart_close: (handle: number) => {
      const entry = uarts.get(handle);
      uarts.delete(handle);
      if (entry) void entry.line.close();
      setOffline(handle);
      return 0;
    },
    io_unique_id: () => createHash('sha256').update(options.mcuId).digest('hex').slice(0, 12),
    io_freq: () => options.cpuHz ?? 240_000_000,
    io_reset: () => {
      events.emit('reset');
      return 0;
    },
  };

  /** A serial session ends when the line stays silent (the firmware starts a new handshake then). */
  function watchSilence(handle: number, entry: BridgedUart): void {
    const silentMs = options.serialSilentMs ?? 10_000;
    if (silenceTimer) clearInterval(silenceTimer);
    silenceTimer = setInterval(
      () => {
        if (Date.now() - entry.lastHeard < silentMs) return;
        clearInterval(silenceTimer);
        silenceTimer = undefined;
        setOffline(handle);
      },
      Math.min(1000, silentMs / 4),
    );
    silenceTimer.unref();
  }

  Object.defineProperty(events, 'functions', { value: functions });
  events.close = async () => {
    closed = true;
    if (silenceTimer) clearInterval(silenceTimer);
    const waits: Promise<void>[] = [];
    for (const [handle, entry] of sockets) {
      sockets.delete(handle);
      if (entry.state !== 'closed') waits.push(new Promise((resolve) => entry.socket.once('close', () => resolve())));
      entry.socket.destroy();
    }
    for (const [handle, entry] of uarts) {
      uarts.delete(handle);
      waits.push(entry.line.close());
    }
    await Promise.all(waits);
    if (onlineVia !== undefined) setOffline(onlineVia);
  };
  return events;
}
