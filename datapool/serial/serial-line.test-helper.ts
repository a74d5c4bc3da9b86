/**
 * Test support for serial lines: a raw end of a pty pair that reads and writes lines by hand, the announce a
 * board sends on it, and an emulated DHT11 board on a serial line.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { SerialPort } from 'serialport';
import { findSensor } from '../../core/sensors/catalogue.js';
import { LineSplitter } from '../../core/wire/line-splitter.js';
import { SCENARIOS } from '../../core/world/world.js';
import { EmulatedMcu } from '../../devices/mcu/emulated-mcu.js';
import { ESP32_S3 } from '../../devices/mcu/profiles.js';
import { PtyPair } from '../../devices/mcu/serial-pty-pair.js';
import { createWorldSource } from '../../devices/mcu/world-source.js';

/** A temporary directory and a socat pty pair in it, both gone after the test. Fails (never skips) without socat. */
export async function ptyPair(t: TestContext): Promise<PtyPair> {
  const dir = await mkdtemp(join(tmpdir(), 'serial-test-'));
  const pair = await PtyPair.open(dir);
  t.after(async () => {
    await pair.close();
    await rm(dir, { recursive: true, force: true });
  });
  return pair;
}

/** The announce line of a DHT11 board `mcu` on a serial line; `extra` adds or overrides fields. */
export function announce(mcu: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { available_sensors: ['DHT11'], mcu, model: 'ESP32-S3', firmware: 'test', link: 'serial', ...extra };
}

/** One end of a serial line, driven by hand: every line received is kept, in order. */
export class RawLine {
  readonly lines: string[] = [];
  private readonly splitter = new LineSplitter();
  private readonly waiters: (() => void)[] = [];
  private taken = 0;

  private constructor(readonly port: SerialPort) {
    port.on('data', (chunk: Buffer) =>
      this.splitter.push(chunk, (event) => {
        if (!event.ok) return;
        this.lines.push(event.line);
        for (const wake of this.waiters.splice(0)) wake();
      }),
    );
    port.on('error', () => {});
  }

  static async open(t: TestContext, path: string): Promise<RawLine> {
    const port = new SerialPort({ path, baudRate: 115_200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error === null ? resolve() : reject(error))));
    const line = new RawLine(port);
    t.after(() => line.close());
    return line;
  }

  send(message: Record<string, unknown> | string): void {
    this.port.write(typeof message === 'string' ? `${message}\n` : `${JSON.stringify(message)}\n`);
  }

  /** The next line not taken yet, skipping those `skip` says; rejects after `timeoutMs`. */
  async next(skip: (line: string) => boolean = () => false, timeoutMs = 5000): Promise<string> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      while (this.taken < this.lines.length) {
        const line = this.lines[this.taken++]!;
        if (!skip(line)) return line;
      }
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`no line within ${timeoutMs} ms; got so far: ${JSON.stringify(this.lines.slice(-5))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The next JSON line, skipping `PING`/`PONG`. */
  async nextJson(timeoutMs = 5000): Promise<Record<string, unknown>> {
    return JSON.parse(await this.next((line) => line === 'PING' || line === 'PONG', timeoutMs)) as Record<string, unknown>;
  }

  close(): Promise<void> {
    const port = this.port;
    return port.isOpen ? new Promise((resolve) => port.close(() => resolve())) : Promise.resolve();
  }
}

/** An emulated DHT11 board on the serial line `path`, stopped after the test. */
export function serialBoard(t: TestContext, path: string, extra: { id?: string; token?: string; handshakeMs?: number } = {}): EmulatedMcu {
  const spec = findSensor('DHT11')!;
  const mcu = new EmulatedMcu({
    id: extra.id ?? 'esp32s3-serial',
    profile: ESP32_S3,
    place: 'bench',
    sensors: [{ name: spec.name, spec }],
    worlds: createWorldSource({ scenario: SCENARIOS[0]!.name, seed: 1 }),
    datapool: { host: '127.0.0.1', port: 1 },
    serial: { path, handshakeMs: extra.handshakeMs ?? 100 },
    heartbeatMs: 500,
    reconnect: { baseMs: 50, capMs: 300 },
    ...(extra.token !== undefined && { token: extra.token }),
  });
  mcu.on('error', () => {});
  t.after(() => mcu.stop());
  return mcu;
}
