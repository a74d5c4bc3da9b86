import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findSensor, SENSORS } from '../../core/sensors/catalogue.js';
import type { ReplyLine } from '../../core/wire/messages.js';
import { SCENARIOS } from '../../core/world/world.js';
import type { FirmwareClock, Timer } from './clock.js';
import type { AttachedSensor, FirmwareOptions } from './firmware.js';
import { Firmware } from './firmware.js';
import type { McuProfile } from './profile.js';
import { ESP32_S3, ESP8266 } from './profiles.js';
import type { WorldSource } from './world-source.js';
import { createWorldSource } from './world-source.js';

/** A clock the test advances by hand: timers fire in due order, instantly. */
class ManualClock implements FirmwareClock {
  private time = 0;
  private seq = 0;
  private timers: { at: number; seq: number; fn: () => void; cancelled: boolean }[] = [];

  now(): number {
    return this.time;
  }

  setTimer(fn: () => void, delayMs: number): Timer {
    const timer = { at: this.time + Math.max(0, delayMs), seq: this.seq++, fn, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => (timer.cancelled = true) };
  }

  /** Runs every timer due within `ms`, in order, moving the clock to each one's due time. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      this.timers = this.timers.filter((t) => !t.cancelled);
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers.splice(this.timers.indexOf(due), 1);
      this.time = due.at;
      due.fn();
    }
    this.time = end;
  }
}

const scenario = SCENARIOS[0]!.name;

function attach(...names: string[]): AttachedSensor[] {
  return names.map((name) => {
    const spec = findSensor(name);
    assert.ok(spec, `catalogue has ${name}`);
    return { name: spec.name, spec };
  });
}

interface Rig {
  firmware: Firmware;
  clock: ManualClock;
  sent: ReplyLine[];
  worlds: WorldSource;
  /** Sends a command object as one line. */
  command(message: Record<string, unknown>): void;
}

function rig(options: Partial<FirmwareOptions> & { sensors?: AttachedSensor[]; profile?: McuProfile } = {}): Rig {
  const clock = new ManualClock();
  const sent: ReplyLine[] = [];
  const worlds = options.worlds ?? createWorldSource({ scenario, seed: 7, startTimeMs: Date.UTC(2025, 5, 1, 12), now: () => clock.now() });
  const firmware = new Firmware({
    id: options.id ?? 'esp32s3-test',
    profile: options.profile ?? ESP32_S3,
    place: options.place ?? 'kitchen',
    sensors: options.sensors ?? attach('DHT11'),
    worlds,
    clock,
    timing: options.timing,
    speed: options.speed,
    send: (reply) => sent.push(reply),
  });
  return { firmware, clock, sent, worlds, command: (m) => firmware.handle(JSON.stringify(m)) };
}

const PROTOCOL_FIELDS = ['elapsed_ms', 'id', 'peak_memory', 'sensor', 'timestamp'];

describe('firmware announces the board', () => {
  test('announce line names sensors, board, place, firmware and limits', () => {
    const { firmware } = rig({ sensors: attach('DHT11', 'BH1750') });
    assert.deepEqual(firmware.announce(), {
      available_sensors: ['DHT11', 'BH1750'],
      mcu: 'esp32s3-test',
      model: 'ESP32-S3',
      place: 'kitchen',
      firmware: 'iotmcp-bench-emulator/0.1.0',
      memory_model: 'modeled',
      max_concurrent: 4,
      pending_queue: 16,
      speed: 1,
    });
  });
});

describe('every command answers with exactly its fields', () => {
  test('each command of each catalogue sensor returns its fields plus id, sensor, timestamp, elapsed_ms, peak_memory', () => {
    const { command, clock, sent } = rig({ sensors: SENSORS.map((spec) => ({ name: spec.name, spec })) });
    let checked = 0;
    for (const spec of SENSORS) {
      for (const [name, fields] of Object.entries(spec.commands)) {
        sent.length = 0;
        command({ sensor: spec.name, command: name, id: `${spec.name}/${name}` });
        clock.advance(0);
        assert.equal(sent.length, 1, `${spec.name} ${name}: one reply`);
        const reply = sent[0]!;
        assert.equal(reply.error, undefined, `${spec.name} ${name}: ${String(reply.error)}`);
        assert.deepEqual(Object.keys(reply).sort(), [...fields, ...PROTOCOL_FIELDS].sort(), `${spec.name} ${name}`);
        for (const field of fields) assert.notEqual(reply[field], undefined, `${spec.name} ${name}: ${field}`);
        assert.equal(reply.id, `${spec.name}/${name}`);
        assert.equal(reply.sensor, spec.name);
        checked++;
      }
    }
    assert.ok(checked >= SENSORS.length, 'at least read_all of every sensor was checked');
  });
});

describe('duration and interval', () => {
  test('duration 0 gives one sample at once', () => {
    const { command, clock, sent } = rig();
    command({ sensor: 'DHT11', command: 'read_temp', interval: 1, duration: 0, id: 'one' });
    clock.advance(10_000);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.timestamp, 0);
    assert.equal(typeof sent[0]!.temperature, 'number');
  });

  test('interval 1 and duration 3 give 3 samples, 1 s apart, the first at once', () => {
    const { command, clock, sent, firmware } = rig();
    clock.advance(500);
    command({ sensor: 'DHT11', interval: 1.0, duration: 3.0, id: 'series' });
    clock.advance(10_000);
    assert.deepEqual(
      sent.map((r) => r.timestamp),
      [500, 1500, 2500],
    );
    assert.ok(sent.every((r) => r.id === 'series'));
    assert.equal(firmware.running, 0, 'the timer is free again');
  });

  test('a stream runs until exit names it; other streams go on', () => {
    const { command, clock, sent, firmware } = rig();
    command({ sensor: 'DHT11', interval: 0.1, duration: -1, id: 'a' });
    command({ sensor: 'DHT11', interval: 0.1, duration: -1, id: 'b' });
    clock.advance(450);
    assert.equal(sent.filter((r) => r.id === 'a').length, 5);
    command({ command: 'exit', target: 'a' });
    sent.length = 0;
    clock.advance(1000);
    assert.equal(sent.filter((r) => r.id === 'a').length, 0, 'stream a stopped');
    assert.equal(sent.filter((r) => r.id === 'b').length, 10, 'stream b still runs');
    assert.equal(firmware.running, 1);
  });

  test('exit without a target stops every stream but lets a timed series finish', () => {
    const { command, clock, sent, firmware } = rig();
    command({ sensor: 'DHT11', interval: 0.1, duration: -1, id: 's1' });
    command({ sensor: 'DHT11', interval: 0.1, duration: -1, id: 's2' });
    command({ sensor: 'DHT11', interval: 0.1, duration: 1, id: 'series' });
    clock.advance(250);
    command({ command: 'exit' });
    sent.length = 0;
    clock.advance(2000);
    assert.deepEqual(new Set(sent.map((r) => r.id)), new Set(['series']));
    assert.equal(sent.length, 7, 'samples 4..10 of the series');
    assert.equal(firmware.running, 0);
  });

  test('missing command means read_all, missing interval means 2 s', () => {
    const { command, clock, sent } = rig();
    command({ sensor: 'DHT11', duration: 4, id: 'defaults' });
    clock.advance(10_000);
    assert.equal(sent.length, 2);
    assert.deepEqual(
      sent.map((r) => r.timestamp),
      [0, 2000],
    );
    const readAll = findSensor('DHT11')!.commands.read_all!;
    for (const field of readAll) assert.ok(field in sent[0]!, field);
  });

  test('datasheet timing delays each sample by the conversion time', () => {
    const { command, clock, sent } = rig({ timing: 'datasheet' });
    const readMs = findSensor('DHT11')!.readTimeMs;
    command({ sensor: 'DHT11', id: 'slow' });
    clock.advance(readMs - 1);
    assert.equal(sent.length, 0);
    clock.advance(1);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.timestamp, readMs);
  });

  test('sensor names match ignoring case, "-" and "_"', () => {
    const { command, clock, sent } = rig({ sensors: attach('HC-SR04') });
    command({ sensor: 'hc_sr04', id: 'x' });
    clock.advance(0);
    assert.equal(sent[0]!.sensor, 'HC-SR04');
    assert.equal(sent[0]!.error, undefined);
  });
});

describe('errors are lines with the command id and sensor', () => {
  test('unknown sensor lists what is available', () => {
    const { command, sent } = rig({ sensors: attach('DHT11', 'BH1750') });
    command({ sensor: 'MPU6050', id: 'e1' });
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.id, 'e1');
    assert.equal(sent[0]!.sensor, 'MPU6050');
    assert.match(String(sent[0]!.error), /MPU6050.*not found.*DHT11, BH1750/);
  });

  test('unknown command lists the valid ones', () => {
    const { command, sent } = rig();
    command({ sensor: 'DHT11', command: 'read_lux', id: 'e2' });
    assert.match(String(sent[0]!.error), /Unknown command 'read_lux' for sensor DHT11.*read_temp, read_hum, read_all/);
    assert.equal(sent[0]!.id, 'e2');
  });

  test('interval <= 0 with a duration is refused; with duration 0 it is fine', () => {
    const { command, clock, sent } = rig();
    command({ sensor: 'DHT11', interval: 0, duration: 5, id: 'bad' });
    command({ sensor: 'DHT11', interval: -1, duration: -1, id: 'bad2' });
    command({ sensor: 'DHT11', interval: 0, duration: 0, id: 'ok' });
    clock.advance(0);
    assert.match(String(sent[0]!.error), /Invalid interval 0/);
    assert.match(String(sent[1]!.error), /Invalid interval -1/);
    assert.equal(sent[2]!.id, 'ok');
    assert.equal(sent[2]!.error, undefined);
  });

  test('non-numeric interval or duration is refused', () => {
    const { command, sent } = rig();
    command({ sensor: 'DHT11', interval: '1', duration: 2, id: 'x' });
    command({ sensor: 'DHT11', duration: 'forever', id: 'y' });
    assert.match(String(sent[0]!.error), /Invalid interval/);
    assert.match(String(sent[1]!.error), /Invalid duration/);
  });

  test('malformed JSON and non-objects get an error line; PONG is ignored', () => {
    const { firmware, sent } = rig();
    firmware.handle('PONG');
    firmware.handle('');
    assert.equal(sent.length, 0);
    firmware.handle('{"sensor": "DHT11",');
    firmware.handle('[1,2]');
    assert.equal(sent.length, 2);
    assert.match(String(sent[0]!.error), /Invalid JSON line/);
    assert.match(String(sent[1]!.error), /expected a JSON object/);
    assert.equal(sent[0]!.error_code, undefined, 'only a busy board sends a code');
  });

  test('beyond the timers and the pending queue a command is refused', () => {
    const { command, clock, sent, firmware } = rig();
    const capacity = ESP32_S3.maxConcurrentCommands + ESP32_S3.pendingQueueDepth;
    for (let i = 0; i < capacity; i++) command({ sensor: 'DHT11', interval: 1, duration: -1, id: `s${i}` });
    assert.equal(firmware.running, 4);
    assert.equal(firmware.pending, 16);
    command({ sensor: 'DHT11', interval: 1, duration: -1, id: 'one-too-many' });
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.id, 'one-too-many');
    assert.match(String(sent[0]!.error), /queue full: 4 running, 16 pending/);
    assert.equal(sent[0]!.error_code, 'busy', 'a busy board says so in a code, not only in its text');
    // A queued command runs once a timer frees up.
    command({ command: 'exit', target: 's0' });
    assert.equal(firmware.running, 4);
    assert.equal(firmware.pending, 15);
    sent.length = 0;
    clock.advance(0);
    assert.ok(
      sent.some((r) => r.id === 's4'),
      'the first pending command started',
    );
  });

  test('a tiny heap raises MicroPython MemoryError', () => {
    const sensors = attach('DHT11');
    const atRest = ESP8266.memory.firmwareBase + sensors[0]!.spec.driverMemoryBytes;
    const tiny: McuProfile = { ...ESP8266, heapBytes: atRest + ESP8266.memory.perCommand - 1 };
    const { command, sent } = rig({ profile: tiny, sensors });
    command({ sensor: 'DHT11', id: 'm' });
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.id, 'm');
    assert.equal(sent[0]!.error, `MemoryError: memory allocation failed, allocating ${ESP8266.memory.perCommand} bytes`);
  });

  test('a board whose drivers do not fit its heap cannot boot', () => {
    const tiny: McuProfile = { ...ESP8266, heapBytes: ESP8266.memory.firmwareBase };
    assert.throws(() => rig({ profile: tiny, sensors: attach('DHT11') }), /cannot boot: MemoryError/);
  });

  test('an unknown world scenario is refused', () => {
    const { command, sent } = rig();
    command({ sensor: 'DHT11', id: 'w', world: { scenario: 'no-such-world', seed: 1, timeMs: 0 } });
    assert.match(String(sent[0]!.error), /unknown scenario 'no-such-world'/);
  });
});

describe('peak_memory', () => {
  test('is above the firmware at rest, within the heap, and resets after replies', () => {
    const { command, clock, sent } = rig({ sensors: attach('DHT11', 'BH1750', 'MPU6050') });
    command({ sensor: 'DHT11', id: 'first' });
    clock.advance(0);
    const single = sent[0]!.peak_memory as number;
    assert.ok(single > ESP32_S3.memory.firmwareBase, `${single} > firmware base`);
    assert.ok(single <= ESP32_S3.heapBytes);
    assert.ok(single > 20_000 && single < 200_000, `tens of KB: ${single}`);

    // Twenty commands held at once raise the mark...
    for (let i = 0; i < 20; i++) command({ sensor: 'MPU6050', interval: 1, duration: -1, id: `load${i}` });
    clock.advance(0);
    const loaded = Math.max(...sent.slice(1).map((r) => r.peak_memory as number));
    assert.ok(loaded >= single + 19 * ESP32_S3.memory.perCommand, `${loaded} under load`);
    command({ command: 'exit' });

    // ...and once they are gone and a reply went out, the mark is back down.
    sent.length = 0;
    command({ sensor: 'DHT11', id: 'warm' });
    clock.advance(0);
    command({ sensor: 'DHT11', id: 'after' });
    clock.advance(0);
    const after = sent.find((r) => r.id === 'after')!.peak_memory as number;
    assert.ok(after < loaded, `${after} < ${loaded}`);
    assert.ok(Math.abs(after - single) < 500, `${after} close to ${single}`);
  });
});

describe('world context', () => {
  test('the same world and time give the same reading, sample i at timeMs + i * interval', () => {
    const a = rig({ sensors: attach('DHT11', 'BH1750') });
    const world = { scenario, seed: 99, timeMs: Date.UTC(2025, 0, 15, 8) };
    a.command({ sensor: 'BH1750', id: 'w1', interval: 60, duration: 180, world });
    a.clock.advance(200_000);
    a.command({ sensor: 'BH1750', id: 'w2', world: { ...world, timeMs: world.timeMs + 120_000 } });
    a.clock.advance(0);
    const strip = (r: ReplyLine) => ({ lux: r.lux, raw: r.raw });
    assert.equal(a.sent.length, 4);
    assert.deepEqual(strip(a.sent[3]!), strip(a.sent[2]!), 'sample 2 of the series = a single read at +120 s');

    // A second board with the same id (same noise key) in the same place reads the same thing.
    const b = rig({ sensors: attach('BH1750') });
    b.command({ sensor: 'BH1750', id: 'w1', interval: 60, duration: 180, world });
    b.clock.advance(200_000);
    assert.deepEqual(b.sent.map(strip), a.sent.slice(0, 3).map(strip));
  });

  test('without a world context the default world is sampled at the default clock', () => {
    const first = rig();
    const second = rig();
    first.command({ sensor: 'DHT11', id: 'd' });
    second.command({ sensor: 'DHT11', id: 'd' });
    first.clock.advance(0);
    second.clock.advance(0);
    assert.deepEqual({ t: first.sent[0]!.temperature, h: first.sent[0]!.humidity }, { t: second.sent[0]!.temperature, h: second.sent[0]!.humidity });
  });
});

describe('elapsed_ms: how long the board held the command', () => {
  test('a single instant read is sent the moment it is read: 0 ms', () => {
    const { command, clock, sent } = rig();
    clock.advance(123);
    command({ sensor: 'DHT11', id: 'now' });
    clock.advance(0);
    assert.equal(sent[0]!.elapsed_ms, 0);
  });

  test('sample k of a series was held k intervals; a datasheet read holds the conversion time', () => {
    const series = rig();
    series.command({ sensor: 'DHT11', interval: 0.25, duration: 1, id: 's' });
    series.clock.advance(5000);
    assert.deepEqual(
      series.sent.map((r) => r.elapsed_ms),
      [0, 250, 500, 750],
    );

    const slow = rig({ timing: 'datasheet' });
    const readMs = findSensor('DHT11')!.readTimeMs;
    slow.command({ sensor: 'DHT11', id: 'slow' });
    slow.clock.advance(10_000);
    assert.equal(slow.sent[0]!.elapsed_ms, readMs);
  });

  test('a command waiting for a timer counts its wait', () => {
    const { command, clock, sent } = rig();
    for (let i = 0; i < ESP32_S3.maxConcurrentCommands; i++) command({ sensor: 'DHT11', interval: 0.1, duration: 0.3, id: `busy${i}` });
    command({ sensor: 'DHT11', id: 'queued' });
    clock.advance(1000);
    // The busy commands' last samples go out at +200 ms; the queued read runs on the first timer freed.
    assert.equal(sent.find((r) => r.id === 'queued')!.elapsed_ms, 200);
  });

  test('it is sized into the reply buffer: peak_memory grows by the bytes the field takes', () => {
    const { command, clock, sent, firmware } = rig();
    const atRest = firmware.memory.inUse;
    command({ sensor: 'DHT11', command: 'read_temp', id: 'm' });
    clock.advance(0);
    const reply = sent[0]!;
    const { peak_memory, ...line } = reply;
    const peakFieldBytes = 24; // the firmware's allowance for `"peak_memory": N`, stamped after sizing
    const expected = atRest + ESP32_S3.memory.perCommand + JSON.stringify(line).length + peakFieldBytes + ESP32_S3.memory.perReplyOverhead;
    assert.ok('elapsed_ms' in line);
    assert.equal(peak_memory, expected);
  });
});

describe('speed: a board faster than real time', () => {
  const world = { scenario, seed: 5, timeMs: Date.UTC(2025, 2, 3, 9) };

  test('waits interval / speed of clock time, yet samples the same world at the same device times', () => {
    const real = rig({ sensors: attach('BH1750') });
    const fast = rig({ sensors: attach('BH1750'), speed: 20 });
    for (const board of [real, fast]) board.command({ sensor: 'BH1750', interval: 0.5, duration: 2, world, id: 'series' });

    fast.clock.advance(1500 / 20 - 1);
    assert.equal(fast.sent.length, 3, 'three samples within the first 74 ms');
    fast.clock.advance(1);
    assert.equal(fast.sent.length, 4, 'the fourth at 1.5 s / 20 = 75 ms');
    real.clock.advance(1499);
    assert.equal(real.sent.length, 3, 'the real-time board needs the full 1.5 s');
    real.clock.advance(1);

    const values = (r: ReplyLine) => ({ lux: r.lux, raw: r.raw });
    assert.deepEqual(fast.sent.map(values), real.sent.map(values), 'the same readings');
    assert.deepEqual(
      fast.sent.map((r) => r.timestamp),
      [0, 500, 1000, 1500],
      'timestamps are device uptime: a series stays interval apart',
    );
    assert.deepEqual(
      fast.sent.map((r) => r.timestamp),
      real.sent.map((r) => r.timestamp),
    );
    assert.deepEqual(
      fast.sent.map((r) => r.elapsed_ms),
      [0, 25, 50, 75],
      'elapsed_ms is clock time, not scaled',
    );
  });

  test('a datasheet conversion takes read time / speed', () => {
    const { command, clock, sent } = rig({ timing: 'datasheet', speed: 4 });
    const readMs = findSensor('DHT11')!.readTimeMs;
    command({ sensor: 'DHT11', id: 'slow' });
    clock.advance(readMs / 4 - 1);
    assert.equal(sent.length, 0);
    clock.advance(1);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.elapsed_ms, readMs / 4);
    assert.equal(sent[0]!.timestamp, readMs);
  });

  test('the announce says the speed; a speed below 1 or not a number is refused', () => {
    assert.equal(rig({ speed: 20 }).firmware.announce().speed, 20);
    assert.throws(() => rig({ speed: 0.5 }), /invalid device speed 0.5: expected a number >= 1/);
    assert.throws(() => rig({ speed: Number.NaN }), /invalid device speed NaN/);
    assert.throws(() => rig({ speed: Infinity }), /invalid device speed Infinity/);
  });

  test("a sped-up fleet's default world clock runs as fast", () => {
    let wall = 1000;
    const start = Date.UTC(2025, 5, 1, 12);
    const worlds = createWorldSource({ scenario, seed: 1, startTimeMs: start, speed: 10, now: () => wall });
    wall += 250;
    assert.equal(worlds.defaultTimeMs(), start + 2500);
  });
});

describe('ping: the idle round trip, answered without touching a sensor', () => {
  test('a ping is answered at once with pong, uptime, peak_memory and elapsed_ms; no timer, queue slot or sample', () => {
    const { command, clock, sent, firmware } = rig();
    clock.advance(1500);
    command({ command: 'ping', id: 'p1' });
    // Answered inside handle(): no timer had to fire.
    assert.equal(sent.length, 1);
    const pong = sent[0]!;
    assert.deepEqual(Object.keys(pong).sort(), ['elapsed_ms', 'id', 'peak_memory', 'pong', 'timestamp']);
    assert.equal(pong.id, 'p1');
    assert.equal(pong.pong, true);
    assert.equal(pong.timestamp, 1500);
    assert.equal(pong.elapsed_ms, 0);
    assert.ok((pong.peak_memory as number) > ESP32_S3.memory.firmwareBase);
    assert.equal(firmware.running, 0);
    assert.equal(firmware.pending, 0);
  });

  test('a ping is answered even when every timer and queue slot is taken', () => {
    const { command, sent, firmware } = rig();
    const capacity = ESP32_S3.maxConcurrentCommands + ESP32_S3.pendingQueueDepth;
    for (let i = 0; i < capacity; i++) command({ sensor: 'DHT11', interval: 1, duration: -1, id: `s${i}` });
    command({ command: 'ping', id: 'busy' });
    assert.deepEqual(
      sent.map((r) => [r.id, r.pong, r.error]),
      [['busy', true, undefined]],
    );
    assert.equal(firmware.running + firmware.pending, capacity);
  });

  test('a ping without an id still gets a pong; a ping naming a sensor is an ordinary (unknown) command', () => {
    const { command, sent } = rig();
    command({ command: 'ping' });
    command({ command: 'ping', sensor: 'DHT11', id: 'odd' });
    assert.equal(sent[0]!.pong, true);
    assert.equal(sent[0]!.id, undefined);
    assert.equal(sent[1]!.id, 'odd');
    assert.match(String(sent[1]!.error), /Unknown command 'ping' for sensor DHT11/);
  });
});
