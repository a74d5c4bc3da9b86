/**
 * Test support: boards that speak the wire protocol over real loopback sockets, a log collector whose
 * lines can be awaited, and a datapool in a fresh temporary directory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { LogFields, Logger, LogLevel } from '../core/log.js';
import { LineSplitter } from '../core/wire/line-splitter.js';
import { Datapool, type DatapoolOptions } from './datapool.js';

export interface LogLine {
  level: LogLevel;
  message: string;
  fields: LogFields | undefined;
}

/** Collects log lines; `waitFor` resolves on the first (past or future) line matching a pattern. */
export class LogCollector {
  readonly lines: LogLine[] = [];
  private readonly waiters: { pattern: RegExp; resolve: (line: LogLine) => void }[] = [];

  readonly log: Logger = (level, message, fields) => {
    const line = { level, message, fields };
    this.lines.push(line);
    for (const waiter of [...this.waiters]) {
      if (waiter.pattern.test(message)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  };

  /** The first line matching `pattern` after the `skip` earlier ones that matched. */
  waitFor(pattern: RegExp, skip = 0): Promise<LogLine> {
    const seen = this.lines.filter((l) => pattern.test(l.message));
    if (seen.length > skip) return Promise.resolve(seen[skip]!);
    return new Promise((resolve) => {
      let remaining = skip - seen.length;
      const waiter = {
        pattern,
        resolve: (line: LogLine) => {
          if (remaining-- > 0) {
            this.waiters.push(waiter);
            return;
          }
          resolve(line);
        },
      };
      this.waiters.push(waiter);
    });
  }

  count(pattern: RegExp): number {
    return this.lines.filter((l) => pattern.test(l.message)).length;
  }
}

/** A board on a real socket. It records every line the datapool sends it. */
export class FakeBoard {
  readonly received: Record<string, unknown>[] = [];
  readonly rawReceived: string[] = [];
  readonly closed: Promise<void>;
  private readonly splitter = new LineSplitter();
  private readonly waiters: (() => void)[] = [];

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) =>
      this.splitter.push(chunk, (event) => {
        if (!event.ok) return;
        this.rawReceived.push(event.line);
        try {
          this.received.push(JSON.parse(event.line) as Record<string, unknown>);
        } catch {
          this.received.push({ raw: event.line });
        }
        for (const wake of this.waiters.splice(0)) wake();
      }),
    );
    socket.on('error', () => {});
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
  }

  /** Connects and sends `announce` (an object, or nothing when null). */
  static async connect(port: number, announce: Record<string, unknown> | null): Promise<FakeBoard> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
    const board = new FakeBoard(socket);
    if (announce !== null) board.send(announce);
    return board;
  }

  send(message: Record<string, unknown> | string): void {
    this.socket.write(typeof message === 'string' ? `${message}\n` : `${JSON.stringify(message)}\n`);
  }

  sendRaw(bytes: Buffer | string): void {
    this.socket.write(bytes);
  }

  /** The `n`-th line (0-based) the datapool sent, once it arrives. */
  async line(n: number): Promise<Record<string, unknown>> {
    while (this.received.length <= n) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.received[n]!;
  }

  /** The next command line after those already taken with `next`. */
  private taken = 0;
  next(): Promise<Record<string, unknown>> {
    return this.line(this.taken++);
  }

  /** Answers a command with one sample, the way the firmware does. */
  reply(command: Record<string, unknown>, fields: Record<string, unknown>, extra: Record<string, unknown> = {}): void {
    this.send({ ...fields, sensor: command['sensor'], id: command['id'], timestamp: 1234, peak_memory: 70_000, ...extra });
  }

  close(): void {
    this.socket.destroy();
  }
}

export interface TestPool {
  pool: Datapool;
  port: number;
  dir: string;
  logs: LogCollector;
  /** Connects a board and resolves once the datapool has it online. */
  board(announce: Record<string, unknown>): Promise<FakeBoard>;
}

/** Fast timeouts so tests never wait long. */
export const FAST = {
  handshakeTimeoutMs: 2000,
  heartbeatTimeoutMs: 2000,
};

/** A datapool in a new temporary directory, closed and removed after the test. */
export async function openTestPool(t: TestContext, options: Partial<DatapoolOptions> = {}, dir?: string): Promise<TestPool> {
  const dataDir = dir ?? (await mkdtemp(join(tmpdir(), 'datapool-test-')));
  const logs = new LogCollector();
  const pool = await Datapool.open({
    dataDir,
    log: logs.log,
    expirySweepMs: 20,
    ...options,
    devices: { port: 0, ...FAST, ...options.devices },
  });
  const boards: FakeBoard[] = [];
  t.after(async () => {
    for (const b of boards) b.close();
    await pool.close();
    if (dir === undefined) await rm(dataDir, { recursive: true, force: true });
  });
  const port = pool.devicesAddress()!.port;
  return {
    pool,
    port,
    dir: dataDir,
    logs,
    async board(announce) {
      const online = logs.waitFor(/ online$/, logs.count(/ online$/));
      const board = await FakeBoard.connect(port, announce);
      boards.push(board);
      await online;
      return board;
    },
  };
}

/** A DHT11 board with an id, announcing like this project's firmware. */
export function announceOf(mcu: string, sensors: string[] = ['DHT11'], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { available_sensors: sensors, mcu, model: 'ESP32-S3', firmware: 'test', memory_model: 'modeled', ...extra };
}
