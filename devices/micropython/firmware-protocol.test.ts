import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, type TestContext, test } from 'node:test';
import { SerialPort } from 'serialport';
import { findActuator } from '../../core/actuators/catalogue.js';
import { PtyPair } from '../mcu/serial-pty-pair.js';
import { boardOnSocket, dht11BoardOptions } from './board-on-socket.test-helper.js';
import { MicroPythonMcu, type MicroPythonMcuOptions } from './micropython-mcu.js';

/**
 * The MicroPython firmware's wire protocol, line by line, against a stand-in datapool that holds the other
 * end of a real socket (or pty): what the board announces, how it refuses what it cannot do, its limits, exit,
 * ping, the heartbeat, and the serial handshake.
 */

type Line = Record<string, unknown>;

/** The server end of one board's connection: lines in order, and a way to send. */
class Peer {
  private buffer = '';
  private readonly lines: string[] = [];
  private waiting: (() => void) | undefined;

  constructor(private readonly write: (text: string) => void) {}

  push(chunk: string): void {
    this.buffer += chunk;
    for (let nl = this.buffer.indexOf('\n'); nl >= 0; nl = this.buffer.indexOf('\n')) {
      this.lines.push(this.buffer.slice(0, nl));
      this.buffer = this.buffer.slice(nl + 1);
    }
    this.waiting?.();
  }

  send(line: Line | string): void {
    this.write(`${typeof line === 'string' ? line : JSON.stringify(line)}\n`);
  }

  /** The next line that is not a heartbeat (or is one, with `raw`). */
  async next(timeoutMs = 5000, raw = false): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.lines.shift();
      if (line !== undefined && (raw || line !== 'PING')) return line;
      if (line !== undefined) continue;
      if (Date.now() > deadline) throw new Error(`no line within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  async json(timeoutMs = 5000): Promise<Line> {
    return JSON.parse(await this.next(timeoutMs)) as Line;
  }

  /** Replies until one matches. */
  async until(match: (line: Line) => boolean, timeoutMs = 5000): Promise<Line> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = await this.json(Math.max(1, deadline - Date.now()));
      if (match(line)) return line;
    }
  }
}

/** A board on a socket this test serves, and the peer reading the server end of its first connection. */
async function boardWithPeer(t: TestContext, extra: Partial<MicroPythonMcuOptions> = {}): Promise<Peer> {
  const { socket } = await boardOnSocket(t, 'mpy-wire', extra);
  const peer = new Peer((text) => socket.write(text));
  socket.on('data', (chunk: string) => peer.push(chunk));
  return peer;
}

describe('the MicroPython firmware on the wire', () => {
  test('announces who it is, its limits, its link and measured memory, with the token', async (t) => {
    const peer = await boardWithPeer(t, { token: 'lab-secret', memorySamplingMs: 5 });
    const announce = await peer.json(30_000);
    assert.deepEqual(announce, {
      available_sensors: ['DHT11'],
      mcu: 'mpy-wire',
      model: 'ESP32-S3',
      place: 'lab',
      firmware: 'iotmcp-micropython/0.2.0',
      memory_model: 'measured',
      memory_sampling_ms: 5,
      max_concurrent: 4,
      pending_queue: 16,
      link: 'tcp',
      token: 'lab-secret',
    });
  });

  test('refuses bad lines with the reference texts, and answers ping at once', async (t) => {
    const peer = await boardWithPeer(t);
    await peer.json(30_000);
    peer.send('{not json');
    assert.match(String((await peer.json()).error), /^Invalid JSON line: /);
    peer.send('[1, 2]');
    assert.deepEqual(await peer.json(), { error: 'Invalid command: expected a JSON object' });
    peer.send({ sensor: 'BMP280', id: 'a' });
    assert.deepEqual(await peer.json(), { error: "Sensor 'BMP280' not found. Available sensors: DHT11", id: 'a', sensor: 'BMP280' });
    peer.send({ sensor: 'dht-11', command: 'read_wind', id: 'b' });
    const unknown = await peer.json();
    assert.equal(unknown.id, 'b');
    assert.match(String(unknown.error), /^Unknown command 'read_wind' for sensor DHT11\. Valid commands: (read_\w+(, )?){3}$/);
    peer.send({ sensor: 'DHT11', interval: 0, duration: 5, id: 'c' });
    assert.deepEqual(await peer.json(), { error: 'Invalid interval 0: must be > 0 when duration is not 0', id: 'c', sensor: 'DHT11' });
    peer.send({ sensor: 'DHT11', interval: 'soon', id: 'd' });
    assert.deepEqual(await peer.json(), { error: 'Invalid interval "soon": expected a number of seconds', id: 'd', sensor: 'DHT11' });
    peer.send({ sensor: 'DHT11', world: { scenario: 'no-such-world', seed: 1, timeMs: 0 }, id: 'e' });
    const world = await peer.json();
    assert.equal(world.id, 'e');
    assert.match(String(world.error), /^Invalid world: unknown scenario 'no-such-world'/);
    peer.send({ actuator: 'FAN', command: 'on', id: 'f' });
    assert.deepEqual(await peer.json(), {
      error: 'Actuator "FAN" not found. Available actuators: none',
      error_code: 'unknown-actuator',
      id: 'f',
      actuator: 'FAN',
    });
    peer.send({ command: 'ping', id: 'p' });
    const pong = await peer.json();
    assert.equal(pong.pong, true);
    assert.equal(pong.id, 'p');
    assert.equal(typeof pong.elapsed_ms, 'number');
    assert.ok((pong.peak_memory as number) > 0);
    assert.ok(Number.isInteger(pong.timestamp));
  });

  test('reads a command with the defaults (read_all, once), takes a series, and stamps each sample', async (t) => {
    const peer = await boardWithPeer(t);
    await peer.json(30_000);
    peer.send({ sensor: 'DHT11', id: 'one' });
    const one = await peer.json();
    assert.deepEqual(Object.keys(one).sort(), ['elapsed_ms', 'humidity', 'id', 'peak_memory', 'sensor', 'temperature', 'timestamp']);
    peer.send({ sensor: 'DHT11', command: 'read_temp', interval: 0.05, duration: 0.2, id: 'series' });
    const series = [await peer.json(), await peer.json(), await peer.json(), await peer.json()];
    assert.ok(series.every((s) => s.id === 'series' && typeof s.temperature === 'number' && !('humidity' in s)));
    const stamps = series.map((s) => s.timestamp as number);
    for (let i = 1; i < stamps.length; i++) assert.ok(stamps[i]! - stamps[i - 1]! >= 40, `stamps ${stamps.join(', ')}`);
    peer.send({ command: 'ping', id: 'after' });
    assert.equal((await peer.json()).id, 'after', 'a duration of 0.2 s at 0.05 s is exactly 4 samples');
  });

  test('holds 4 commands on its timers and 16 in its queue, refuses the next as busy, and exit frees them', async (t) => {
    const peer = await boardWithPeer(t);
    await peer.json(30_000);
    for (let i = 0; i < 4; i++) peer.send({ sensor: 'DHT11', interval: 60, duration: -1, id: `s${i}` });
    for (let i = 0; i < 16; i++) peer.send({ sensor: 'DHT11', interval: 60, duration: 60, id: `q${i}` });
    peer.send({ sensor: 'DHT11', id: 'late' });
    const busy = await peer.until((l) => l.id === 'late');
    assert.deepEqual(busy, { error: 'Command queue full: 4 running, 16 pending', error_code: 'busy', id: 'late', sensor: 'DHT11' });
    // exit without a target stops the 4 streams; 4 queued series take the timers and sample at once.
    peer.send({ command: 'exit' });
    const started = new Set<string>();
    while (started.size < 4) started.add(String((await peer.until((l) => String(l.id).startsWith('q'))).id));
    assert.deepEqual([...started].sort(), ['q0', 'q1', 'q2', 'q3']);
    // exit with a target stops that one command (running or queued): q4 takes q0's timer.
    peer.send({ command: 'exit', target: 'q0' });
    assert.equal((await peer.until((l) => String(l.id).startsWith('q'))).id, 'q4');
  });

  test("drives its actuators at once, announcing them, with the actuator drivers' codes for refusals", async (t) => {
    const peer = await boardWithPeer(t, { actuators: [{ name: 'RELAY-FAN', spec: findActuator('RELAY-FAN')! }] });
    const announce = await peer.json(30_000);
    assert.deepEqual(announce.available_actuators, ['RELAY-FAN']);
    peer.send({ actuator: 'fan', command: 'on', id: 'a1' });
    const on = await peer.json();
    assert.equal(on.id, 'a1');
    assert.equal(on.actuator, 'RELAY-FAN');
    assert.equal(on.on, 1);
    assert.equal(typeof on.elapsed_ms, 'number');
    assert.ok((on.peak_memory as number) > 0);
    peer.send({ actuator: 'RELAY-FAN', command: 'on', id: 'a2' });
    const limited = await peer.json();
    assert.equal(limited.error_code, 'rate-limited');
    // A move to the safe state is never rate-limited.
    peer.send({ actuator: 'RELAY-FAN', command: 'off', id: 'a3' });
    assert.equal((await peer.json()).on, 0);
    peer.send({ actuator: 'RELAY-FAN', command: 'spin', id: 'a4' });
    assert.equal((await peer.json()).error_code, 'unknown-command');
    peer.send({ actuator: 'RELAY-FAN', sensor: 'DHT11', command: 'on', id: 'a5' });
    assert.equal((await peer.json()).error_code, 'invalid-command');
  });

  test('sends a PING heartbeat on its own', async (t) => {
    const peer = await boardWithPeer(t, { heartbeatMs: 100 });
    await peer.json(30_000);
    assert.equal(await peer.next(2000, true), 'PING');
  });
});

describe('the MicroPython firmware on a serial line', () => {
  test('sends PING until it reads PONG, then its announce; a silent line starts a new handshake', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'mpy-uart-'));
    const pair = await PtyPair.open(dir);
    const board = new MicroPythonMcu(dht11BoardOptions('mpy-uart', 0, { serial: { path: pair.a }, heartbeatMs: 100, serialSilentMs: 600 }));
    const port = new SerialPort({ path: pair.b, baudRate: 115_200 });
    t.after(async () => {
      await board.stop();
      if (port.isOpen) await new Promise((resolve) => port.close(resolve));
      await pair.close();
      await rm(dir, { recursive: true, force: true });
    });
    await once(port, 'open');
    const peer = new Peer((text) => port.write(text));
    port.setEncoding('utf8');
    port.on('data', (chunk: string) => peer.push(chunk));
    board.start();
    // Unanswered, the board keeps asking.
    assert.equal(await peer.next(30_000, true), 'PING');
    assert.equal(await peer.next(2000, true), 'PING');
    peer.send('PONG');
    let line = await peer.next(2000, true);
    while (line === 'PING') line = await peer.next(2000, true);
    const announce = JSON.parse(line) as Line;
    assert.equal(announce.mcu, 'mpy-uart');
    assert.equal(announce.link, 'serial');
    assert.equal(announce.memory_model, 'measured');
    peer.send({ sensor: 'DHT11', command: 'read_hum', id: 'h' });
    const reply = await peer.until((l) => l.id === 'h');
    assert.equal(typeof reply.humidity, 'number');
    // Nothing answers its heartbeats now: after the silence it starts over with PING until PONG.
    await board.whenOnline();
    await new Promise((resolve) => setTimeout(resolve, 900));
    peer.send('PONG');
    line = await peer.next(3000, true);
    while (line === 'PING') line = await peer.next(3000, true);
    assert.equal((JSON.parse(line) as Line).mcu, 'mpy-uart', 'a new session announces again');
  });
});
