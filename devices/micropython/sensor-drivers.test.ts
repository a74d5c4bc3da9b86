import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { packageFile } from '../../core/package.js';
import { findSensor, SENSORS } from '../../core/sensors/catalogue.js';
import type { FieldValue, Reading, SensorSpec } from '../../core/sensors/types.js';
import type { PlaceEnvironment } from '../../core/world/types.js';
import { defaultWorldTime, SCENARIOS } from '../../core/world/world.js';
import { createWorldSource, type WorldSource } from '../mcu/world-source.js';
import { type PlannedEntry, planPins, planPinsByType } from './pin-plan.js';
import { createSensorBuses, type SensorBuses } from './sensor-buses.js';

/**
 * The MicroPython firmware's 22 sensor drivers, run in MicroPython itself (its WebAssembly port) over the
 * simulated buses, against the TypeScript firmware's readings: for every type and command, in several worlds,
 * places and times, the driver's fields must equal `spec.sample` for the same board, sensor, world and time
 * within the field's resolution (FIELD_TOLERANCE says by how much and why).
 */

const SHIMS = packageFile('devices', 'micropython', 'shims');
const FIRMWARE = packageFile('firmware', 'micropython', 'iotmcp');

/**
 * Largest difference allowed per field: one step of the resolution the TypeScript driver rounds to. The
 * driver decodes the bus signal (counts, register bytes, pulse width) with the same formula and rounding, so
 * in this port (IEEE doubles, like JavaScript) it is normally bit-exact; one step covers a libm last-bit
 * difference (log10, atan2) landing on a rounding edge, and an ESP32's single-precision floats. Integer
 * counts, pin levels, booleans, ROM codes and scratchpads must be exact (tolerance 0): they are the signal.
 */
const FIELD_TOLERANCE: Readonly<Record<string, number>> = {
  voltage: 0.001,
  celsius: 0.1,
  uvi: 0.1,
  field: 0.01,
  moisture: 0.1,
  level: 0.1,
  lux: 0.1,
  uv_index: 0.01,
  distance_cm: 0.1,
  'MPU6050.temperature': 0.01,
  accel: 0.001,
  gyro: 0.01,
  tilt: 0.1,
};

function tolerance(type: string, name: string): number {
  return FIELD_TOLERANCE[`${type}.${name}`] ?? (type === 'MPU6050' && name === 'temperature' ? 0.01 : (FIELD_TOLERANCE[name] ?? 0));
}

/** Where `actual` departs from `expected` by more than `tol` (numbers) or at all (anything else), as a path. */
function mismatch(expected: FieldValue | undefined, actual: unknown, tol: number, path: string): string | undefined {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return `${path}: expected ${expected}, got ${JSON.stringify(actual)}`;
    return Math.abs(actual - expected) <= tol + 1e-9 ? undefined : `${path}: expected ${expected}, got ${actual} (tolerance ${tol})`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
    for (let i = 0; i < expected.length; i++) {
      const m = mismatch(expected[i], actual[i], tol, `${path}[${i}]`);
      if (m) return m;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return `${path}: expected an object, got ${JSON.stringify(actual)}`;
    const a = actual as Record<string, unknown>;
    if (Object.keys(a).sort().join() !== Object.keys(expected).sort().join()) return `${path}: keys ${Object.keys(a)} instead of ${Object.keys(expected)}`;
    for (const [k, v] of Object.entries(expected)) {
      const m = mismatch(v, a[k], tol, `${path}.${k}`);
      if (m) return m;
    }
    return undefined;
  }
  return actual === expected ? undefined : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

interface MicroPython {
  FS: { mkdirTree(path: string): void; writeFile(path: string, data: string): void };
  registerJsModule(name: string, module: object): void;
  pyimport(name: string): unknown;
  runPython(code: string): unknown;
}
type LoadMicroPython = (options: { stdout?: (line: string) => void; stderr?: (line: string) => void }) => Promise<MicroPython>;

/** What the tests call in MicroPython: the firmware's own attach/sample_context/read, results as JSON text. */
const PROBE = `
import json
from iotmcp import sensors as S
BOARD = []
def setup(entries):
    global BOARD
    BOARD = [S.attach(e) for e in json.loads(entries)]
    return json.dumps([[s.name, s.type, list(s.aliases), dict((k, list(v)) for k, v in s.commands.items()), s.read_ms] for s in BOARD])
def read(world, offset):
    err = S.sample_context(None if world is None else json.loads(world), offset)
    if err is not None:
        return json.dumps({"error": err})
    out = {}
    for s in BOARD:
        try:
            out[s.name] = s.read()
        except Exception as e:
            out[s.name] = {"exception": repr(e)}
    return json.dumps(out)
def context(world, offset):
    return S.sample_context(world if world is None else json.loads(world), offset)
def attach_error(entry):
    try:
        S.attach(json.loads(entry))
    except ValueError as e:
        return str(e)
    return None
def raw_call(code):
    return json.dumps(eval(code))
`;

/** The parts of machine that B's link shim provides, stubbed: these tests need only the buses. */
const SIM_IO_STUB = `
class UART:
    pass
def unique_id():
    return b"\\x00\\x01\\x02\\x03\\x04\\x05"
def freq(hz=None):
    return 240000000
def reset():
    pass
`;

interface Probe {
  setup(entries: string): string;
  read(world: string | null, offset: number): string;
  context(world: string | null, offset: number): string | null;
  attach_error(entry: string): string | null;
  raw_call(code: string): string;
}

let mp: MicroPython;
let probe: Probe;
/** The buses of the board under test; the registered module forwards to whichever board is wired now. */
let active: SensorBuses | undefined;

function copyTree(from: string, to: string): void {
  mp.FS.mkdirTree(to);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) copyTree(join(from, entry.name), `${to}/${entry.name}`);
    else if (entry.name.endsWith('.py')) mp.FS.writeFile(`${to}/${entry.name}`, readFileSync(join(from, entry.name), 'utf8'));
  }
}

before(async () => {
  const pkg = '@micropython/micropython-webassembly-pyscript';
  const { loadMicroPython } = (await import(pkg)) as { loadMicroPython: LoadMicroPython };
  mp = await loadMicroPython({ stdout: () => {}, stderr: (line: string) => console.error(line) });
  mp.FS.mkdirTree('/lib/iotmcp');
  for (const shim of ['machine.py', '_sim_bus.py', 'dht.py', 'onewire.py', 'ds18x20.py']) {
    mp.FS.writeFile(`/lib/${shim}`, readFileSync(join(SHIMS, shim), 'utf8'));
  }
  mp.FS.writeFile('/lib/_sim_io.py', SIM_IO_STUB);
  const marker = join(FIRMWARE, '__init__.py');
  mp.FS.writeFile('/lib/iotmcp/__init__.py', existsSync(marker) ? readFileSync(marker, 'utf8') : '');
  mp.FS.writeFile('/lib/iotmcp/sensor_table.py', readFileSync(join(FIRMWARE, 'sensor_table.py'), 'utf8'));
  copyTree(join(FIRMWARE, 'sensors'), '/lib/iotmcp/sensors');
  mp.FS.writeFile('/lib/sensor_probe.py', PROBE);
  const forward: Record<string, (...args: unknown[]) => unknown> = {};
  const names = Object.keys(createSensorBuses({ mcuId: 'x', place: 'kitchen', sensors: [], worlds: WORLDS }).functions);
  for (const name of names) forward[name] = (...args: unknown[]) => (active ? active.functions[name]?.(...args) : null);
  mp.registerJsModule('iotmcp_sim', forward);
  probe = mp.pyimport('sensor_probe') as Probe;
});

after(() => {
  active = undefined;
});

const WORLDS: WorldSource = createWorldSource({ scenario: 'normal-day', seed: 7 });

interface Board {
  mcuId: string;
  place: string;
  entries: PlannedEntry[];
  buses: SensorBuses;
}

/** Wires these sensors to a fresh board (planned pins), attaches their drivers in MicroPython. */
function wire(mcuId: string, place: string, sensors: readonly { name: string; spec: SensorSpec }[], entries?: PlannedEntry[]): Board {
  let planned = entries;
  if (!planned) {
    const plan = planPins(sensors);
    assert.ok(plan.ok, plan.ok ? '' : plan.error);
    planned = plan.sensors;
  }
  const wired = planned.map((e) => {
    const spec = findSensor(e.type);
    assert.ok(spec);
    return { name: e.name, spec, pins: e.pins, ...(e.address !== undefined ? { address: e.address } : {}) };
  });
  const buses = createSensorBuses({ mcuId, place, sensors: wired, worlds: WORLDS });
  active = buses;
  probe.setup(JSON.stringify(planned));
  return { mcuId, place, entries: planned, buses };
}

interface Sample {
  context: string;
  expected: Record<string, Reading>;
  actual: Record<string, Record<string, unknown>>;
}

/** One read of every sensor on the board, in MicroPython and in TypeScript, for this world and offset. */
function sample(board: Board, scenario: string, seed: number, timeMs: number, offsetMs: number): Sample {
  active = board.buses;
  const world = { scenario, seed, timeMs };
  const actual = JSON.parse(probe.read(JSON.stringify(world), offsetMs)) as Record<string, Record<string, unknown>>;
  const found = WORLDS.commandWorld(scenario, seed, undefined);
  assert.ok(found.ok);
  const env = found.world.environment(board.place, timeMs + offsetMs);
  const expected: Record<string, Reading> = {};
  for (const entry of board.entries) {
    const spec = findSensor(entry.type);
    assert.ok(spec);
    expected[entry.name] = spec.sample({ env, world: found.world, instanceKey: `${board.mcuId}/${entry.name}` });
  }
  return { context: `${scenario}#${seed} ${board.place} t=${timeMs}+${offsetMs}`, expected, actual };
}

const PLACES = ['living-room', 'kitchen', 'bedroom', 'garden', 'garage', 'workshop'];
/** Offsets into each scenario: its start, a few minutes in (events unfold), an hour and more later. */
const TIMES_MS = [0, 7 * 60_000 + 123, 41 * 60_000 + 5, 3 * 3600_000];

/** Events of someone-moving a scenario start rarely meets: a pressed button, a blocked beam, a touch, a turning knob. */
const EVENTS: readonly ((env: PlaceEnvironment) => boolean)[] = [
  (env) => env.buttonPressed,
  (env) => env.beamBlocked,
  (env) => env.touched,
  (env) => env.joystick.pressed,
  (env) => env.encoder.pressed,
  (env) => env.encoder.position % 1 > 0.3 && env.encoder.position % 1 < 0.7,
  (env) => env.magneticFieldMt > 10,
  (env) => env.magneticFieldMt < -10,
];

/** The first world time each event happens in this place of someone-moving (searched in 250 ms steps). */
function eventTimes(place: string): number[] {
  const world = WORLDS.world('someone-moving', 11);
  assert.ok(world);
  const start = defaultWorldTime('someone-moving');
  const times: number[] = [];
  for (const event of EVENTS) {
    for (let t = start; t < start + 4 * 3600_000; t += 250) {
      if (event(world.environment(place, t))) {
        times.push(t);
        break;
      }
    }
  }
  return times;
}

/** Every sensor type on boards of at most 8 sensors (the ADC1 pins limit analog ones), in every place. */
function collect(): Sample[] {
  const samples: Sample[] = [];
  const groups: SensorSpec[][] = [];
  for (let i = 0; i < SENSORS.length; i += 8) groups.push(SENSORS.slice(i, i + 8));
  PLACES.forEach((place, p) => {
    groups.forEach((group, g) => {
      const board = wire(
        `mp-${p}-${g}`,
        place,
        group.map((spec) => ({ name: spec.name, spec })),
      );
      SCENARIOS.forEach((scenario, s) => {
        const start = defaultWorldTime(scenario.name);
        for (const [t, offset] of TIMES_MS.entries()) samples.push(sample(board, scenario.name, 11 + s, start + offset, t * 250));
      });
      for (const t of eventTimes(place)) samples.push(sample(board, 'someone-moving', 11, t, 0));
    });
  });
  return samples;
}

describe('MicroPython sensor drivers read what the TypeScript firmware reads', () => {
  let samples: Sample[] = [];
  before(() => {
    samples = collect();
  });

  test('in this port (IEEE doubles, as JavaScript) every number a driver returns is bit-exact', () => {
    const inexact: string[] = [];
    let numbers = 0;
    const walk = (e: unknown, a: unknown, path: string, context: string) => {
      if (typeof e === 'number') {
        numbers++;
        if (e !== a) inexact.push(`${path}: ${e} vs ${String(a)} in ${context}`);
      } else if (Array.isArray(e)) {
        for (const [i, v] of e.entries()) walk(v, (a as unknown[] | undefined)?.[i], `${path}[${i}]`, context);
      } else if (e !== null && typeof e === 'object') {
        for (const [k, v] of Object.entries(e)) walk(v, (a as Record<string, unknown> | undefined)?.[k], `${path}.${k}`, context);
      }
    };
    for (const s of samples) {
      for (const [name, reading] of Object.entries(s.expected)) {
        for (const [f, v] of Object.entries(reading)) walk(v, s.actual[name]?.[f], `${name}.${f}`, s.context);
      }
    }
    assert.ok(numbers > 10_000);
    assert.deepEqual(inexact.slice(0, 5), []);
  });

  test('every sample of every driver read without an error', () => {
    assert.ok(samples.length >= 6 * 3 * SCENARIOS.length * TIMES_MS.length);
    for (const s of samples) {
      for (const [name, fields] of Object.entries(s.actual)) assert.equal(fields.exception, undefined, `${name} in ${s.context}`);
    }
  });

  for (const spec of SENSORS) {
    describe(spec.name, () => {
      for (const [command, fields] of Object.entries(spec.commands)) {
        test(`${command} returns ${fields.join(', ')} as the TypeScript driver does`, () => {
          let compared = 0;
          for (const s of samples) {
            const expected = s.expected[spec.name];
            const actual = s.actual[spec.name];
            if (!expected || !actual) continue;
            for (const f of fields) {
              const m = mismatch(expected[f], actual[f], tolerance(spec.name, f), `${spec.name}.${f}`);
              assert.equal(m, undefined, `${m} in ${s.context}`);
              compared++;
            }
          }
          assert.ok(compared >= fields.length * 100, `${spec.name} ${command}: only ${compared} values compared`);
        });
      }
      test('reads varying values, not a constant', () => {
        for (const [f, fieldSpec] of Object.entries(spec.fields)) {
          // Only DS18B20's configs and ROM codes are constant by nature.
          if (spec.name === 'DS18B20' && (f === 'configs' || f === 'roms')) continue;
          void fieldSpec;
          const seen = new Set(samples.filter((s) => s.actual[spec.name]).map((s) => JSON.stringify(s.actual[spec.name]?.[f])));
          assert.ok(seen.size >= 2, `${spec.name}.${f} took only ${[...seen].join(', ')}`);
        }
      });
    });
  }
});

describe('attach and sample_context contracts', () => {
  test('attach gives the canonical type, the other names, the commands of the catalogue and the conversion time', () => {
    const plan = planPinsByType(['HC_SR04', 'ds18x20']);
    assert.ok(plan.ok);
    const entries = plan.sensors.map((e, i) => ({ ...e, type: i === 0 ? 'hc_sr04' : 'DS18X20', name: i === 0 ? 'ranger' : e.name }));
    active = createSensorBuses({ mcuId: 'mp-a', place: 'garage', sensors: [], worlds: WORLDS });
    const attached = JSON.parse(probe.setup(JSON.stringify(entries))) as [string, string, string[], Record<string, string[]>, number][];
    const [ranger, probes] = attached;
    assert.ok(ranger && probes);
    assert.deepEqual(ranger.slice(0, 2), ['ranger', 'HC-SR04']);
    assert.deepEqual(ranger[2], ['HC-SR04', 'HC_SR04', 'HCSR04', 'SR04']);
    assert.deepEqual(ranger[3], findSensor('HC-SR04')?.commands);
    assert.equal(ranger[4], 24);
    assert.deepEqual(probes.slice(0, 2), ['DS18B20', 'DS18B20']);
    assert.deepEqual(probes[2], ['DS18X20', 'DS18x20', 'DS-18B20', 'DS_18B20']);
    assert.equal(probes[4], 750);
  });

  test('an unknown type and a missing pin are clear ValueErrors', () => {
    assert.equal(probe.attach_error(JSON.stringify({ type: 'DHT22', pins: { pin: 4 } })), "unknown sensor type 'DHT22'");
    // MicroPython's dict keeps no order: the wiring may print either way round.
    assert.match(
      probe.attach_error(JSON.stringify({ type: 'KY-023', name: 'stick', pins: { x: 1, y: 2 } })) ?? '',
      /^sensor stick \(KY-023\) needs pin 'sw'; wiring gives \{'[xy]': [12], '[xy]': [12]\}$/,
    );
    assert.match(probe.attach_error(JSON.stringify({ type: 'MPU6050', pins: { sda: 17 } })) ?? '', /MPU6050 \(MPU6050\) needs pin 'scl'/);
    assert.match(probe.attach_error(JSON.stringify({ type: 'lm35', pins: { pin: -1 } })) ?? '', /needs pin 'pin'/);
  });

  test('sample_context refuses an unknown scenario and a malformed world, and takes None', () => {
    active = createSensorBuses({ mcuId: 'mp-a', place: 'garage', sensors: [], worlds: WORLDS });
    assert.equal(probe.context(JSON.stringify({ scenario: 'volcano', seed: 1, timeMs: 0 }), 0), "unknown scenario 'volcano'");
    assert.equal(probe.context(JSON.stringify({ scenario: 'fire', seed: 1 }), 0), 'expected {"scenario": string, "seed": number, "timeMs": number}');
    assert.match(probe.context(JSON.stringify({ scenario: 'fire', seed: 1, timeMs: 0, actuators: [{ actuator: 'X' }] }), 0) ?? '', /./);
    assert.equal(probe.context(JSON.stringify({ scenario: 'fire', seed: 1, timeMs: 0 }), 500), null);
    assert.equal(probe.context(null, 0), null);
  });

  test('without a command world a driver reads the default world at the default time', () => {
    const spec = findSensor('BH1750');
    assert.ok(spec);
    const board = wire('mp-default', 'garden', [{ name: 'light', spec }]);
    const before = WORLDS.defaultTimeMs();
    const out = JSON.parse(probe.read(null, 0)) as Record<string, Reading>;
    const afterMs = WORLDS.defaultTimeMs();
    const candidates = new Set<string>();
    for (let t = Math.floor(before); t <= Math.ceil(afterMs); t++) {
      const env = WORLDS.defaultWorld.environment(board.place, t);
      candidates.add(JSON.stringify(spec.sample({ env, world: WORLDS.defaultWorld, instanceKey: 'mp-default/light' })));
    }
    assert.ok(candidates.has(JSON.stringify(out.light)), `${JSON.stringify(out.light)} not among ${[...candidates].join(' ')}`);
  });
});

describe('simulated buses behave like the wired parts', () => {
  test('two MPU6050s and two BH1750s share one I2C bus at their two addresses and read as themselves', () => {
    const mpu = findSensor('MPU6050');
    const bh = findSensor('BH1750');
    const ltr = findSensor('LTR390');
    assert.ok(mpu && bh && ltr);
    const plan = planPins([
      { name: 'imu-a', spec: mpu },
      { name: 'imu-b', spec: mpu },
      { name: 'light-a', spec: bh },
      { name: 'light-b', spec: bh },
      { name: 'uv', spec: ltr },
    ]);
    assert.ok(plan.ok);
    assert.deepEqual(
      plan.sensors.map((e) => e.address),
      [0x68, 0x69, 0x23, 0x5c, 0x53],
    );
    const board = wire('mp-i2c', 'workshop', [], plan.sensors);
    mp.runPython('import machine\nSCAN = machine.I2C(0, scl=machine.Pin(18), sda=machine.Pin(17)).scan()');
    assert.equal(probe.raw_call('__import__("__main__").SCAN'), '[35, 83, 92, 104, 105]');
    const s = sample(board, 'shaken', 3, defaultWorldTime('shaken') + 60_000, 0);
    for (const name of ['imu-a', 'imu-b', 'light-a', 'light-b', 'uv']) {
      const exp = s.expected[name];
      assert.ok(exp);
      for (const [f, v] of Object.entries(exp))
        assert.equal(mismatch(v, s.actual[name]?.[f], tolerance(name.startsWith('imu') ? 'MPU6050' : 'x', f), `${name}.${f}`), undefined);
    }
    assert.notDeepEqual(s.actual['imu-a'], s.actual['imu-b'], 'two parts have their own calibration errors');
  });

  test('an I2C read at an address nobody answers raises ENODEV, as on the ESP32', () => {
    wire('mp-nack', 'kitchen', [{ name: 'BH1750', spec: findSensor('BH1750') as SensorSpec }]);
    mp.runPython(`
import machine
_b = machine.I2C(0, scl=machine.Pin(18), sda=machine.Pin(17))
SCAN = _b.scan()
try:
    _b.readfrom(0x40, 2)
    NACK = None
except OSError as e:
    NACK = e.errno
`);
    assert.equal(probe.raw_call('__import__("__main__").SCAN'), '[35]');
    assert.equal(probe.raw_call('__import__("__main__").NACK'), '19');
  });

  test('the ranger answers only after a trigger pulse, and the echo width is the distance at 58.2 us per cm', () => {
    const spec = findSensor('HC-SR04') as SensorSpec;
    const board = wire('mp-echo', 'garage', [{ name: 'sonar', spec }]);
    const { trig, echo } = board.entries[0]?.pins ?? {};
    assert.ok(trig !== undefined && echo !== undefined);
    assert.equal(probe.raw_call(`__import__("machine").time_pulse_us(__import__("machine").Pin(${echo}), 1, 30000)`), '-2');
    const s = sample(board, 'normal-day', 1, defaultWorldTime('normal-day'), 0);
    const cm = s.expected.sonar?.distance_cm as number;
    mp.runPython(`
import machine
_t = machine.Pin(${trig}, machine.Pin.OUT)
_t.value(1)
_t.value(0)
WIDTH = machine.time_pulse_us(machine.Pin(${echo}), 1, 30000)
`);
    assert.equal(Number(probe.raw_call('__import__("__main__").WIDTH')), Math.round((cm * 20000) / 343.4));
    assert.equal(board.buses.outputs().get(trig), 0);
  });

  test('pin levels and PWM duty and frequency written by firmware are recorded per pin', () => {
    const buses = createSensorBuses({ mcuId: 'mp-out', place: 'kitchen', sensors: [], worlds: WORLDS });
    active = buses;
    mp.runPython(`
import machine
_p = machine.Pin(21, machine.Pin.OUT, value=1)
_w = machine.PWM(machine.Pin(40), freq=50, duty_u16=4915)
_d = machine.PWM(machine.Pin(41), freq=1000)
_d.duty(512)
_q = machine.Pin(12, machine.Pin.OUT)
_q.on()
_q.off()
`);
    assert.deepEqual(
      [...buses.outputs().entries()].sort((a, b) => a[0] - b[0]),
      [
        [12, 0],
        [21, 1],
        [40, 4915],
        [41, 32800],
      ],
    );
    assert.deepEqual(
      [...buses.frequencies().entries()].sort((a, b) => a[0] - b[0]),
      [
        [40, 50],
        [41, 1000],
      ],
    );
  });

  test('a pin wired to two parts is refused when the buses are made', () => {
    const dht = findSensor('DHT11') as SensorSpec;
    const pir = findSensor('HC-SR501') as SensorSpec;
    assert.throws(
      () =>
        createSensorBuses({
          mcuId: 'x',
          place: 'kitchen',
          sensors: [
            { name: 'a', spec: dht, pins: { pin: 4 } },
            { name: 'b', spec: pir, pins: { pin: 4 } },
          ],
          worlds: WORLDS,
        }),
      /pin 4 is wired to both a \(DHT11\) and b \(HC-SR501\)/,
    );
  });
});
