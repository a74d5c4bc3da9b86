import assert from 'node:assert/strict';
import { describe, type TestContext, test } from 'node:test';
import { findSensor } from '../../core/sensors/catalogue.js';
import type { ReplyLine } from '../../core/wire/messages.js';
import { SCENARIOS } from '../../core/world/world.js';
import { openTestPool } from '../../datapool/fake-board.test-helper.js';
import { ptyPair } from '../../datapool/serial/serial-line.test-helper.js';
import { Firmware } from '../mcu/firmware.js';
import { ESP32_S3 } from '../mcu/profiles.js';
import { createWorldSource } from '../mcu/world-source.js';
import { boardOnSocket, dht11BoardOptions } from './board-on-socket.test-helper.js';
import { MicroPythonMcu } from './micropython-mcu.js';

/**
 * Lines a datapool (or whatever holds the other end) may send that no rule of the protocol foresaw: the
 * MicroPython firmware must answer each with an error line carrying its id, never stop answering, and refuse
 * what the TypeScript firmware refuses with the same words.
 */

type Line = Record<string, unknown>;
const BOOT_MS = 30_000;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

class Peer {
  private buffer = '';
  readonly lines: string[] = [];
  private taken = 0;

  constructor(private readonly write: (text: string) => void) {}

  push(chunk: string): void {
    this.buffer += chunk;
    for (let nl = this.buffer.indexOf('\n'); nl >= 0; nl = this.buffer.indexOf('\n')) {
      this.lines.push(this.buffer.slice(0, nl));
      this.buffer = this.buffer.slice(nl + 1);
    }
  }

  send(line: Line | string): void {
    this.write(`${typeof line === 'string' ? line : JSON.stringify(line)}\n`);
  }

  /** The next JSON line (heartbeats skipped) that matches; rejects after `timeoutMs`. */
  async until(match: (line: Line) => boolean, timeoutMs = 5000): Promise<Line> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.taken < this.lines.length) {
        const text = this.lines[this.taken++]!;
        if (text === 'PING') continue;
        const line = JSON.parse(text) as Line;
        if (match(line)) return line;
      }
      if (Date.now() > deadline) throw new Error(`no matching line within ${timeoutMs} ms; last: ${JSON.stringify(this.lines.slice(-3))}`);
      await sleep(20);
    }
  }

  byId(id: string, timeoutMs = 5000): Promise<Line> {
    return this.until((l) => l.id === id, timeoutMs);
  }
}

/** A board on a socket this test serves, booted: its announce is read. */
async function bootedBoard(t: TestContext): Promise<Peer> {
  const { socket } = await boardOnSocket(t, 'mpy-attack');
  const peer = new Peer((text) => socket.write(text));
  socket.on('data', (chunk: string) => peer.push(chunk));
  await peer.until((l) => 'available_sensors' in l, BOOT_MS);
  return peer;
}

/** The TypeScript firmware's answer to one line: the first line it sends. */
function reference(line: string): ReplyLine {
  const sent: ReplyLine[] = [];
  const firmware = new Firmware({
    id: 'ts-ref',
    profile: ESP32_S3,
    place: 'lab',
    sensors: [{ name: 'DHT11', spec: findSensor('DHT11')! }],
    worlds: createWorldSource({ scenario: SCENARIOS[0]!.name, seed: 3 }),
    send: (reply) => sent.push(reply),
  });
  firmware.handle(line);
  firmware.stop();
  return sent[0] ?? {};
}

describe('the MicroPython firmware against lines no rule foresaw', () => {
  test('refuses bad commands with the words, ids and codes of the TypeScript firmware', async (t) => {
    const peer = await bootedBoard(t);
    const lines: Line[] = [
      { sensor: 5, id: 'a1' },
      { sensor: 'DHT11', interval: 'x', id: 'a2' },
      { sensor: 'DHT11', duration: -1, interval: 0, id: 'a3' },
      { sensor: 'DHT11', command: 7, id: 'a4' },
      { sensor: 'DHT11', world: { scenario: 'no-such-world', seed: 1, timeMs: 0 }, id: 'a5' },
      { sensor: 'DHT11', world: { scenario: SCENARIOS[0]!.name, seed: '1', timeMs: 0 }, id: 'a6' },
      { actuator: 'FAN', command: 'set', value: 'NaN', id: 'a7' },
      { actuator: 'FAN', sensor: 'DHT11', command: 'on', id: 'a8' },
    ];
    for (const line of lines) {
      peer.send(line);
      const got = await peer.byId(String(line.id));
      const want = reference(JSON.stringify(line)) as Line;
      for (const key of ['error', 'error_code', 'id', 'sensor', 'actuator']) assert.equal(got[key], want[key], `${key} for ${JSON.stringify(line)}`);
    }
  });

  test('a single read with an interval too large to multiply is answered, and frees its timer', async (t) => {
    const peer = await bootedBoard(t);
    for (let i = 0; i < 5; i++) peer.send({ sensor: 'DHT11', interval: 1e308, id: `huge-${i}` });
    for (let i = 0; i < 5; i++) assert.equal(typeof (await peer.byId(`huge-${i}`)).temperature, 'number', `huge-${i}`);
  });

  test('a series whose sample count overflows gets an error line with its id, and the board keeps answering', async (t) => {
    const peer = await bootedBoard(t);
    peer.send({ sensor: 'DHT11', interval: 1e-320, duration: 1, id: 'overflow' });
    assert.equal(typeof (await peer.byId('overflow')).error, 'string');
    peer.send({ command: 'ping', id: 'still-there' });
    assert.equal((await peer.byId('still-there')).pong, true);
  });

  test('a stream faster than the board can sample still lets it read exit and answer ping', async (t) => {
    const peer = await bootedBoard(t);
    peer.send({ sensor: 'DHT11', interval: 0.000_01, duration: -1, id: 'flood' });
    await peer.byId('flood');
    peer.send({ command: 'exit', target: 'flood' });
    await sleep(300);
    peer.send({ command: 'ping', id: 'after-flood' });
    assert.equal((await peer.byId('after-flood', 5000)).pong, true);
  });

  test('streams whose next sample lies beyond the tick counter end with an error line and free their timers', async (t) => {
    const peer = await bootedBoard(t);
    // 7 days: further than ticks_add reaches (2^29 ms, about 6.2 days).
    for (let i = 0; i < 4; i++) peer.send({ sensor: 'DHT11', interval: 604_800, duration: -1, id: `week-${i}` });
    for (let i = 0; i < 4; i++) await peer.byId(`week-${i}`);
    peer.send({ sensor: 'DHT11', id: 'next' });
    assert.equal(typeof (await peer.byId('next', 3000)).temperature, 'number', 'a timer is free for the next command');
  });

  test('a 10,000-deep JSON line and a 100 KB line get error lines; the board keeps answering', async (t) => {
    const peer = await bootedBoard(t);
    peer.send(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`);
    peer.send(JSON.stringify({ sensor: 'DHT11', id: 'big', pad: 'x'.repeat(100_000) }));
    peer.send({ command: 'ping', id: 'alive' });
    assert.equal((await peer.byId('alive', 10_000)).pong, true);
    const errors = peer.lines.filter((l) => l.startsWith('{') && 'error' in (JSON.parse(l) as Line));
    assert.ok(errors.length >= 2, JSON.stringify(errors));
  });

  test('200 commands in one burst: 4 run, 16 wait, every other one is answered busy with its id', async (t) => {
    const peer = await bootedBoard(t);
    const burst: string[] = [];
    for (let i = 0; i < 200; i++) burst.push(JSON.stringify({ sensor: 'DHT11', interval: 60, duration: -1, id: `b${i}` }));
    peer.send(burst.join('\n'));
    for (let i = 20; i < 200; i++) assert.equal((await peer.byId(`b${i}`)).error_code, 'busy', `b${i}`);
  });

  test('a stream left running for a few seconds reports a peak_memory that does not climb', async (t) => {
    const peer = await bootedBoard(t);
    peer.send({ sensor: 'DHT11', interval: 0.01, duration: -1, id: 'long' });
    const peaks: number[] = [];
    while (peaks.length < 250) peaks.push((await peer.byId('long')).peak_memory as number);
    peer.send({ command: 'exit', target: 'long' });
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const early = mean(peaks.slice(10, 60));
    const late = mean(peaks.slice(-50));
    assert.ok(late < early * 1.5, `peak_memory climbs: ${Math.round(early)} -> ${Math.round(late)}`);
  });
});

describe('the MicroPython firmware refused on a serial line', () => {
  test('a board with a wrong token says it was refused and does not answer the refusal with an error line storm', async (t) => {
    const pair = await ptyPair(t);
    const { logs } = await openTestPool(t, { serial: { paths: [pair.a] }, devices: { token: 'right-token' } });
    const board = new MicroPythonMcu(dht11BoardOptions('mpy-wrong-token', 0, { serial: { path: pair.b }, token: 'wrong-token' }));
    const said: string[] = [];
    board.on('console', (line: string) => said.push(line));
    board.on('error', () => {});
    t.after(() => board.stop());
    board.start();
    await logs.waitFor(/unauthorized board "mpy-wrong-token"/);
    await sleep(3000);
    const closings = logs.count(/closing device connection/);
    assert.ok(closings <= 5, `${closings} sessions closed in 3 s: ${JSON.stringify(logs.lines.slice(-3).map((l) => l.message))}`);
    assert.ok(
      said.some((l) => /refused/.test(l)),
      `the board says it was refused: ${JSON.stringify(said.slice(-3))}`,
    );
  });

  test('a board that stayed up comes back online when the datapool restarts on its line', async (t) => {
    const pair = await ptyPair(t);
    const first = await openTestPool(t, { serial: { paths: [pair.a] } });
    const board = new MicroPythonMcu(dht11BoardOptions('mpy-stays', 0, { serial: { path: pair.b }, heartbeatMs: 500, reconnect: { baseMs: 50, capMs: 300 } }));
    board.on('error', () => {});
    t.after(() => board.stop());
    board.start();
    await first.pool.whenOnline(['mpy-stays'], BOOT_MS);
    await first.pool.close();
    const second = await openTestPool(t, { serial: { paths: [pair.a] } });
    await second.pool.whenOnline(['mpy-stays'], 15_000);
  });
});
