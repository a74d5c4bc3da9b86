import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { ACTUATORS, findActuator } from '../../core/actuators/catalogue.js';
import { packageFile } from '../../core/package.js';
import { ActuatorDrivers, type AttachedActuator } from '../../devices/mcu/actuator-driver.js';
import { createWorldSource } from '../../devices/mcu/world-source.js';
import { planPinsByType } from '../../devices/micropython/pin-plan.js';
import { type BusFunction, createSensorBuses, type SensorBuses } from '../../devices/micropython/sensor-buses.js';

/**
 * The MicroPython firmware's actuator commands, run in MicroPython itself (its WebAssembly port), against the
 * emulated board's TypeScript drivers on a board clock: the same lines at the same ticks must give the same
 * outcome (the state, or the error code and text), and the pins must show that state.
 */

const FIRMWARE = packageFile('firmware', 'micropython', 'iotmcp');
/** MicroPython's tick counter wraps at 2^30 ms; the board's clock in these tests starts just before the wrap. */
const TICKS_PERIOD = 2 ** 30;

/**
 * `machine` for these tests: the emulated board's pins and buses (the sim bus shim, which records what is written
 * to each output pin in the JS bus). The serial and reset half of the board's `machine` is not needed here.
 */
const MACHINE = 'from _sim_bus import ADC, I2C, PWM, Pin, SoftI2C, sample_context, time_pulse_us\n';
const SHIMS = packageFile('devices', 'micropython', 'shims');

/** What the test calls in MicroPython: a board built from config entries, and its command lines. */
const PROBE = `
import json
from iotmcp import actuators as A
board = A.Actuators()
def setup(entries, now):
    global board
    board = A.Actuators(A.attach(e, now) for e in json.loads(entries))
    return board.names()
def attach_error(entry):
    try:
        A.attach(json.loads(entry))
    except ValueError as e:
        return str(e)
def run(line, now):
    m = json.loads(line)
    return board.run(m.get("actuator"), m.get("command"), m.get("value"), now)
def update(now):
    board.update(now)
`;

type Outcome = readonly [boolean, string | null, string, number | string];

interface Entry {
  type: string;
  name?: string;
  pins: Record<string, number>;
  [option: string]: unknown;
}

/** The part of the WebAssembly port's API these tests use (the package ships no type declarations). */
interface MicroPython {
  FS: { mkdirTree(path: string): void; writeFile(path: string, text: string): void };
  pyimport(name: string): unknown;
  registerJsModule(name: string, module: object): void;
  runPython(code: string): unknown;
  globals: { get(name: string): unknown };
  PyProxy: { toJs(value: unknown): unknown };
}
type LoadMicroPython = (options: { stdout?: (line: string) => void; stderr?: (line: string) => void }) => Promise<MicroPython>;

let mp: MicroPython;
let probe: Record<string, (...args: unknown[]) => unknown>;
let memory: ReturnType<typeof measureHeap>;
const sim: Record<string, BusFunction> = {};
let buses: SensorBuses;

function attachedOf(entries: readonly Entry[]): AttachedActuator[] {
  return entries.map((entry) => {
    const spec = findActuator(entry.type);
    assert.ok(spec, entry.type);
    return { name: entry.name ?? spec.name, spec };
  });
}

/** Wires the simulated buses for this board's actuators, as the emulated board's runtime does. */
function wireBuses(entries: readonly Entry[], attached: readonly AttachedActuator[]): void {
  buses = createSensorBuses({
    mcuId: 'esp32-actuators',
    place: 'living-room',
    sensors: [],
    actuators: attached.map((a, i) => ({ ...a, pins: entries[i]!.pins })),
    worlds: createWorldSource({ scenario: 'normal-day', seed: 1 }),
  });
  Object.assign(sim, buses.functions);
}
const toJs = (value: unknown) => mp.PyProxy.toJs(value);

function writeTree(from: string, to: string): void {
  mp.FS.mkdirTree(to);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) writeTree(join(from, entry.name), `${to}/${entry.name}`);
    else if (entry.name.endsWith('.py')) mp.FS.writeFile(`${to}/${entry.name}`, readFileSync(join(from, entry.name), 'utf8'));
  }
}

/**
 * Heap taken by each part, measured before anything else imports the firmware (so its names are new to the
 * string pool too). Each step is its own runPython: this port's collector frees only what no running Python
 * frame can still reach.
 */
function measureHeap() {
  wireBuses(ALL, attachedOf(ALL));
  const step = () => mp.runPython('gc.collect()\nSTEP.append(gc.mem_alloc())');
  mp.runPython('import gc, json, machine\nSTEP = []');
  step();
  mp.runPython('import iotmcp.actuator_table');
  step();
  mp.runPython('from iotmcp import actuators as A');
  step();
  mp.runPython(`for t in ("relay_fan", "window_servo", "main_valve", "irrigation_pump", "dimmable_light", "buzzer"):\n    __import__("iotmcp.actuators." + t)`);
  step();
  mp.runPython(`BOARD = A.Actuators(A.attach(e, 0) for e in json.loads(${JSON.stringify(JSON.stringify(ALL))}))`);
  step();
  mp.runPython(`for i in range(2000):
    BOARD.run("window", "set_opening", (i * 7) % 100, i * 600)
    BOARD.run("lamp", "status", None, i * 600)
    BOARD.update(i * 600 + 300)`);
  step();
  const at = toJs(mp.globals.get('STEP')) as number[];
  mp.runPython('del BOARD, STEP');
  return { table: at[1]! - at[0]!, actuators: at[2]! - at[1]!, drivers: at[3]! - at[2]!, attached: at[4]! - at[3]!, afterRuns: at[5]! - at[4]! };
}

before(async () => {
  // A module name held in a variable: the package has no declarations for the compiler to resolve.
  const pkg = '@micropython/micropython-webassembly-pyscript';
  const { loadMicroPython } = (await import(pkg)) as { loadMicroPython: LoadMicroPython };
  mp = await loadMicroPython({ stdout: () => {}, stderr: (line: string) => console.error(line) });
  mp.FS.mkdirTree('/lib/iotmcp');
  // Only this task's part of the firmware: the package marker, the table and the drivers.
  const marker = join(FIRMWARE, '__init__.py');
  mp.FS.writeFile('/lib/iotmcp/__init__.py', existsSync(marker) ? readFileSync(marker, 'utf8') : '');
  mp.FS.writeFile('/lib/iotmcp/actuator_table.py', readFileSync(join(FIRMWARE, 'actuator_table.py'), 'utf8'));
  writeTree(join(FIRMWARE, 'actuators'), '/lib/iotmcp/actuators');
  mp.FS.writeFile('/lib/_sim_bus.py', readFileSync(join(SHIMS, '_sim_bus.py'), 'utf8'));
  mp.FS.writeFile('/lib/machine.py', MACHINE);
  // One registered module whose functions are swapped for each board's buses: the shim looks them up per call.
  mp.registerJsModule('iotmcp_sim', sim);
  mp.FS.writeFile('/lib/actuator_probe.py', PROBE);
  memory = measureHeap();
  probe = mp.pyimport('actuator_probe') as typeof probe;
});

/** A board of both firmwares with the same actuators, on one clock `t` (ms since power-on). */
function boards(entries: readonly Entry[], startTicks = TICKS_PERIOD - 5000) {
  const attached = attachedOf(entries);
  const ts = new ActuatorDrivers(attached, 'living-room');
  const ticks = (t: number) => (startTicks + t) % TICKS_PERIOD;
  wireBuses(entries, attached);
  const names = toJs(probe.setup!(JSON.stringify(entries), ticks(0)));
  assert.deepEqual(
    names,
    attached.map((a) => a.name),
  );
  return {
    /** Both outcomes of one command line at board time t; the TS one committed as the emulated board does once its reply is out. */
    both(line: Record<string, unknown>, t: number): { py: Outcome; ts: Outcome } {
      const text = JSON.stringify(line);
      const parsed = JSON.parse(text) as Record<string, unknown>;
      const outcome = ts.run(parsed.actuator, parsed.command, parsed.value, { kind: 'board', uptimeMs: t });
      if (outcome.ok) outcome.commit();
      const expected: Outcome = outcome.ok
        ? [true, outcome.actuator.name, outcome.actuator.spec.level.field, outcome.state]
        : [false, outcome.actuator?.name ?? null, outcome.code, outcome.error];
      return { py: toJs(probe.run!(text, ticks(t))) as Outcome, ts: expected };
    },
    /** Where the TS board has an actuator at t (a status, which moves nothing and limits nothing). */
    level(name: string, t: number): number {
      const outcome = ts.run(name, 'status', undefined, { kind: 'board', uptimeMs: t });
      assert.ok(outcome.ok);
      return outcome.state;
    },
    update: (t: number) => probe.update!(ticks(t)),
    /** The MicroPython outcome of a line as written, at t. */
    line: (text: string, t: number) => toJs(probe.run!(text, ticks(t))) as Outcome,
  };
}

const pinLevel = (pin: number) => buses.outputs().get(pin);
const pwm = (pin: number) => [buses.frequencies().get(pin), buses.outputs().get(pin)];
const lightDuty = (pct: number) => Math.trunc(65535 * (pct / 100) ** 2.2 + 0.5);
const servoDuty = (pct: number) => Math.trunc(((500 + (2000 * pct) / 100) * 65535) / 20000 + 0.5);

/** One of each actuator type, wired by the emulated board's pin plan; the pump's module closes on a low input. */
const PLAN = planPinsByType([], ['RELAY-FAN', 'WINDOW-SERVO', 'MAIN-VALVE', 'IRRIGATION-PUMP', 'DIMMABLE-LIGHT', 'BUZZER']);
assert.ok(PLAN.ok);
const ALL: Entry[] = PLAN.actuators.map(({ type, name, pins }) => ({ type, name, pins, ...(type === 'IRRIGATION-PUMP' && { active_low: true }) }));
const PIN = Object.fromEntries(ALL.flatMap((entry) => Object.entries(entry.pins).map(([role, pin]) => [`${entry.type}.${role}`, pin])));

/** The pins show where each actuator of ALL is at t, as the TS board has it; the valve drives for 6 s after its last move. */
function assertPins(board: ReturnType<typeof boards>, t: number, valveMovedAt: number, label: string): void {
  const at = (name: string) => board.level(name, t);
  assert.equal(pinLevel(PIN['RELAY-FAN.out']!), at('RELAY-FAN'), `${label}: fan relay`);
  assert.deepEqual(pwm(PIN['WINDOW-SERVO.out']!), [50, servoDuty(at('WINDOW-SERVO'))], `${label}: servo pulse`);
  const driving = t - valveMovedAt < 6000;
  const open = at('MAIN-VALVE');
  assert.deepEqual(valveBridge(), [driving && open ? 1 : 0, driving && !open ? 1 : 0], `${label}: valve bridge`);
  assert.equal(pinLevel(PIN['IRRIGATION-PUMP.out']!), 1 - at('IRRIGATION-PUMP'), `${label}: pump (active low)`);
  assert.deepEqual(pwm(PIN['DIMMABLE-LIGHT.out']!), [1000, lightDuty(at('DIMMABLE-LIGHT'))], `${label}: light`);
  assert.equal(pinLevel(PIN['BUZZER.out']!), at('BUZZER'), `${label}: buzzer`);
}

const valveBridge = () => [pinLevel(PIN['MAIN-VALVE.open']!), pinLevel(PIN['MAIN-VALVE.close']!)];

/** Every value a command line may carry that tells the rules apart, for this actuator's commands. */
function valuesFor(type: string, sets: number | undefined): unknown[] {
  const spec = findActuator(type)!;
  const [low, high] = spec.level.range;
  if (sets !== undefined) return [undefined, null, sets, sets === high ? low : high, String(sets), true, [sets]];
  return [undefined, low, high, (low + high) / 2, 12.5, -0.5, high + 1, low - 1e-9, '50', true, { v: 1 }, 1e21];
}

describe('MicroPython actuator commands match the TypeScript firmware on a board clock', () => {
  test('every command of every actuator, with every kind of value, in any spelling of the name: the same outcome and text', () => {
    let t = 0;
    const board = boards(ALL);
    let compared = 0;
    for (const spec of ACTUATORS) {
      const spellings = [spec.name, spec.name.toLowerCase().replace(/-/g, ' '), spec.aliases[0]!.replace(/-/g, '_'), `${spec.aliases.at(-1)}.`];
      for (const [command, { sets }] of Object.entries(spec.commands)) {
        for (const value of valuesFor(spec.name, sets)) {
          // Far enough apart that the rate limit never decides: that is the next test's.
          t += spec.minIntervalMs + 5000;
          const actuator = spellings[compared % spellings.length];
          const { py, ts } = board.both({ actuator, command, value }, t);
          assert.deepEqual(py, ts, `${actuator} ${command} ${JSON.stringify(value)}`);
          compared++;
        }
      }
      for (const command of ['toString', 'STATUS', 'set_speed', 5, undefined]) {
        t += 20_000;
        const { py, ts } = board.both({ actuator: spec.name, command }, t);
        assert.deepEqual(py, ts, `${spec.name} ${String(command)}`);
        assert.equal(py[2], 'unknown-command');
        compared++;
      }
    }
    for (const actuator of ['heater', 'FAN2', 5, '']) {
      t += 20_000;
      const { py, ts } = board.both({ actuator, command: 'on' }, t);
      assert.deepEqual(py, ts, String(actuator));
      assert.deepEqual([py[1], py[2]], [null, 'unknown-actuator']);
      compared++;
    }
    // A whole number written as a float on the wire is the same number to both (JSON has one number type).
    const whole = board.line('{"actuator": "lamp", "command": "set_level", "value": 40.0}', t + 20_000);
    assert.deepEqual(whole, [true, 'DIMMABLE-LIGHT', 'level_pct', 40]);
    assert.ok(compared > 150, `${compared} lines compared`);
  });

  test('a long random run of moves and statuses on one board: same outcomes, rate limits, slews and pins at every step', () => {
    const board = boards(ALL);
    // A fixed-seed generator: the run is the same on every machine.
    let seed = 20260621;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const steps = [0, 1, 50, 199, 200, 499, 999, 1000, 1001, 1999, 2000, 4999, 5000, 9999, 10_000, 12_345];
    let t = 0;
    let valveMovedAt = 0;
    const codes = new Map<string, number>();
    for (let step = 0; step < 2500; step++) {
      t += pick(steps);
      const spec = pick(ACTUATORS);
      const [command, { sets }] = pick(Object.entries(spec.commands));
      const [low, high] = spec.level.range;
      const value = sets !== undefined ? undefined : spec.level.integer ? pick([low, high]) : pick([low, high, 12.5, 60, 33.3, 99.9]);
      const { py, ts } = board.both({ actuator: spec.name, command, value }, t);
      assert.deepEqual(py, ts, `step ${step} at ${t} ms: ${spec.name} ${command} ${String(value)}`);
      const kind = py[0] ? (command === 'status' ? 'status' : 'moved') : py[2];
      codes.set(kind, (codes.get(kind) ?? 0) + 1);
      if (py[0] && spec.name === 'MAIN-VALVE' && command !== 'status') valveMovedAt = t;
      // The main loop's update, sometimes right away and sometimes later: it never changes what a command sees.
      if (random() < 0.7) {
        const later = t + pick([0, 1, 20, 700]);
        board.update(later);
        assertPins(board, later, valveMovedAt, `step ${step}`);
        t = later;
      }
    }
    // The run exercised every rule, not only the easy path.
    for (const kind of ['moved', 'status', 'rate-limited']) assert.ok((codes.get(kind) ?? 0) > 100, `${kind}: ${codes.get(kind)}`);
  });
});

describe('the rules, spelled out', () => {
  test('a move to the safe state is never rate-limited; a move away from it is; status never is', () => {
    const board = boards(ALL);
    assert.deepEqual(board.both({ actuator: 'window', command: 'open' }, 1000).py, [true, 'WINDOW-SERVO', 'open_pct', 100]);
    assert.deepEqual(board.both({ actuator: 'window', command: 'close' }, 1050).py, [true, 'WINDOW-SERVO', 'open_pct', 0]);
    const early = board.both({ actuator: 'window', command: 'open' }, 1100).py;
    assert.deepEqual(early.slice(0, 3), [false, 'WINDOW-SERVO', 'rate-limited']);
    assert.match(String(early[3]), /^WINDOW-SERVO moved 50 ms ago and may move at most once every 1000 ms: try again in 950 ms$/);
    assert.equal(board.both({ actuator: 'window', command: 'status' }, 1100).py[0], true);
    // The valve powers on open; closing it is its safe state, at any moment.
    assert.deepEqual(board.both({ actuator: 'valve', command: 'status' }, 1100).py, [true, 'MAIN-VALVE', 'open', 1]);
    assert.equal(board.both({ actuator: 'valve', command: 'close' }, 1200).py[3], 0);
    assert.equal(board.both({ actuator: 'valve', command: 'close' }, 1201).py[3], 0);
    assert.equal(board.both({ actuator: 'valve', command: 'open' }, 1202).py[2], 'rate-limited');
    assert.deepEqual(board.both({ actuator: 'valve', command: 'open' }, 11_201).py, [true, 'MAIN-VALVE', 'open', 1]);
  });

  test("a window's status is where its servo is on the way at 20 %/s, turned back from there by a close", () => {
    const board = boards(ALL);
    assert.equal(board.both({ actuator: 'window', command: 'set_opening', value: 60 }, 0).py[3], 60);
    assert.equal(board.both({ actuator: 'window', command: 'status' }, 0).py[3], 0, 'only just set off');
    assert.equal(board.both({ actuator: 'window', command: 'status' }, 999).py[3], (20 / 1000) * 999);
    board.update(999);
    assert.deepEqual(pwm(PIN['WINDOW-SERVO.out']!), [50, servoDuty((20 / 1000) * 999)], 'the pulse follows the ramp');
    assert.equal(board.both({ actuator: 'window', command: 'close' }, 1000).py[3], 0);
    assert.equal(board.both({ actuator: 'window', command: 'status' }, 1500).py[3], 10);
    board.update(2000);
    assert.equal(board.both({ actuator: 'window', command: 'status' }, 2000).py[3], 0);
    assert.deepEqual(pwm(PIN['WINDOW-SERVO.out']!), [50, servoDuty(0)]);
  });

  test('the rate limit counts on board ticks across the counter wrap', () => {
    // The fan's move 500 ms before the wrap; 1500 ms after it, 2000 ms have passed.
    const board = boards(ALL, TICKS_PERIOD - 500);
    assert.equal(board.both({ actuator: 'fan', command: 'on' }, 0).py[3], 1);
    const early = board.both({ actuator: 'fan', command: 'off' }, 400);
    assert.equal(early.py[0], true, 'off is the safe state');
    const onAgain = board.both({ actuator: 'fan', command: 'on' }, 1999);
    assert.deepEqual(onAgain.py, onAgain.ts);
    assert.match(String(onAgain.py[3]), /moved 1599 ms ago/);
    assert.deepEqual(board.both({ actuator: 'fan', command: 'on' }, 2400).py, [true, 'RELAY-FAN', 'on', 1]);
  });

  test('two actuators of one type: each answers by its own name; the type names the later one, as on the TS board', () => {
    const board = boards([
      { type: 'DIMMABLE-LIGHT', name: 'DESK-LAMP', pins: { out: 20 } },
      { type: 'LIGHT', name: 'CEILING-LIGHT', pins: { out: 21 } },
    ]);
    for (const actuator of ['desk lamp', 'Ceiling_Light', 'lamp', 'DIMMABLE-LIGHT']) {
      const { py, ts } = board.both({ actuator, command: 'set_level', value: 40 }, 0);
      assert.deepEqual(py, ts, actuator);
    }
    assert.deepEqual(pwm(20), [1000, lightDuty(40)], '40 % through the gamma of 2.2');
    assert.equal(lightDuty(40), 8730, '65535 * 0.4^2.2');
  });
});

describe('attaching', () => {
  test('the power-on state is on the pins at attach: everything off, the valve driven open for its travel, then idle', () => {
    const board = boards(ALL);
    assertPins(board, 0, 0, 'at attach');
    assert.deepEqual(valveBridge(), [1, 0]);
    board.update(5999);
    assert.deepEqual(valveBridge(), [1, 0]);
    board.update(6000);
    assert.deepEqual(valveBridge(), [0, 0]);
    assert.equal(pinLevel(PIN['IRRIGATION-PUMP.out']!), 1, 'an active-low pump input rests high');
  });

  test('a passive buzzer sounds a tone on PWM; an active one switches its pin', () => {
    boards([{ type: 'BUZZER', pins: { out: 30 }, tone_hz: 2300 }]);
    assert.deepEqual(pwm(30), [2300, 0]);
    const board = boards([{ type: 'siren', pins: { out: 30 }, tone_hz: 2300 }]);
    board.both({ actuator: 'buzzer', command: 'on' }, 0);
    assert.deepEqual(pwm(30), [2300, 32768]);
  });

  test('an unknown type, a missing pin or a bad option is refused with a clear error', () => {
    const refused = (entry: unknown) => String(probe.attach_error!(JSON.stringify(entry)));
    assert.match(refused({ type: 'HEATER', pins: { out: 1 } }), /^unknown actuator type 'HEATER'; types: RELAY-FAN, WINDOW-SERVO, MAIN-VALVE/);
    assert.match(refused({ type: 'valve', pins: { open: 1 } }), /^actuator MAIN-VALVE \(MAIN-VALVE\) needs pin 'close'/);
    assert.match(refused({ type: 'fan', name: 'ATTIC-FAN', pins: {} }), /^actuator ATTIC-FAN \(RELAY-FAN\) needs pin 'out'/);
    assert.match(refused({ type: 'window', pins: { out: 2 }, open_us: 5000 }), /closed_us and open_us must be whole microseconds/);
    assert.match(refused({ type: 'buzzer', pins: { out: 2 }, tone_hz: 0 }), /tone_hz must be a whole number of hertz/);
    assert.match(refused({ type: 'valve', pins: { open: 1, close: 2 }, travel_ms: 'long' }), /travel_ms must be whole milliseconds/);
    assert.match(refused('RELAY-FAN'), /must be an object/);
  });
});

describe('memory', () => {
  test('all six types attached take a few kilobytes of heap, and thousands of commands leave nothing behind', () => {
    const { table, actuators, drivers, attached, afterRuns } = memory;
    console.log(`heap: table ${table} B, actuators ${actuators} B, six drivers ${drivers} B, six attached ${attached} B; ${afterRuns} B after 6000 calls`);
    for (const [part, bytes] of Object.entries({ table, actuators, drivers, attached })) assert.ok(bytes > 0, `${part}: ${bytes} B`);
    // Loaded from source, as in this test; frozen into the firmware image the code and names stay in flash.
    // A leak of even a small object per call would keep tens of kilobytes after 6000 calls; noise is a few hundred bytes.
    assert.ok(table + actuators + drivers + attached < 24_576, `${table + actuators + drivers + attached} B`);
    assert.ok(afterRuns <= 1024, `${afterRuns} B kept after the runs`);
  });
});
