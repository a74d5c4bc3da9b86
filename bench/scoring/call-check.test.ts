import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CallFailureType, ToolCallRecord } from '../results/trial-record.js';
import { checkCalls } from './call-check.js';
import { readCall, sensorCall, shippedTask } from './trial-fixtures.test-helper.js';

/**
 * The tool-call check on real shipped tasks, with calls shaped as the agent loop records them. Every test
 * names the task it uses; readings are written by hand so the expected bindings are known.
 */

const LIVING_ROOM = { mcu: 'esp32-living-room', place: 'living-room' };
const BEDROOM = { mcu: 'esp32c6-bedroom', place: 'bedroom' };
const GARDEN = { mcu: 'esp32c3-garden', place: 'garden' };
const KITCHEN = { mcu: 'esp32s3-kitchen', place: 'kitchen' };

const types = (failures: { type: CallFailureType }[]) => failures.map((f) => f.type);

/** dht11.living-room-temperature: "How warm is it in the living room at the moment?" */
const SINGLE = 'dht11.living-room-temperature';
/** dht11.living-room-temperature.v08: living room (DHT11) against garden (DS18B20). */
const CROSS_PLACE = 'dht11.living-room-temperature.v08';
/** hc-sr501.living-room-motion-all.v09: the living room temperature is read only when someone is there. */
const CONDITIONAL = 'hc-sr501.living-room-motion-all.v09';

const livingRoomRead = (temperature: number, args: Record<string, unknown> = { place: 'living-room' }, step = 0) =>
  readCall('DHT11', 'read_temperature', args, [{ temperature }], LIVING_ROOM, step);

describe('matching required calls', () => {
  test('a right call is matched and binds what it returned', async () => {
    const task = await shippedTask(SINGLE);
    const check = checkCalls(task, [livingRoomRead(24.2)], 2);
    assert.deepEqual(check.failures, []);
    assert.equal(check.ok, true);
    assert.deepEqual(check.matched, { main: 0 });
    assert.deepEqual(check.bindings, { main: [24.2] });
  });

  test('places and board ids match ignoring case, spaces, "-" and "_"; absent defaults are fine where optional', async () => {
    const task = await shippedTask(SINGLE);
    assert.equal(checkCalls(task, [livingRoomRead(24, { place: 'Living Room' })], 2).ok, true);
    assert.equal(checkCalls(task, [livingRoomRead(24, { mcu: 'ESP32_living_room', duration: 0, real_time: false })], 2).ok, true);
  });

  test('expected calls are matched in any order', async () => {
    const task = await shippedTask(CROSS_PLACE);
    const garden = readCall('DS18B20', 'read_temp', {}, [{ temperatures: [31.5] }], GARDEN, 0);
    const check = checkCalls(task, [garden, livingRoomRead(27.1, { place: 'living-room' }, 1)], 3);
    assert.deepEqual(check.failures, []);
    assert.deepEqual(check.matched, { main: 1, garden: 0 });
    assert.deepEqual(check.bindings, { main: [27.1], garden: [31.5] });
  });

  test('one read_all satisfies both the temperature and the humidity call', async () => {
    const task = await shippedTask('dht11.bedroom-temperature-and-humidity');
    const all = readCall('DHT11', 'read_all', { place: 'bedroom' }, [{ temperature: 21.5, humidity: 48 }], BEDROOM);
    const check = checkCalls(task, [all], 2);
    assert.deepEqual(check.failures, []);
    assert.deepEqual(check.matched, { 'main.temperature': 0, 'main.humidity': 0 });
    assert.deepEqual(check.bindings, { 'main.temperature': [21.5], 'main.humidity': [48] });
  });

  test('a native board tool counts as a call with mcu = its board', async () => {
    const task = await shippedTask(SINGLE);
    const output = readCall('DHT11', 'read_temperature', {}, [{ temperature: 23 }], LIVING_ROOM).result!;
    const pinned: ToolCallRecord = { ...sensorCall({ sensor: 'DHT11', tool: 'read_temperature', args: {}, pinnedMcu: 'esp32-living-room' }), result: output };
    assert.deepEqual(checkCalls(task, [pinned], 2).failures, []);
    const elsewhere: ToolCallRecord = { ...pinned, pinnedMcu: 'esp32c6-bedroom' };
    assert.deepEqual(types(checkCalls(task, [elsewhere], 2).failures), ['wrong-argument']);
  });

  test('a call that failed on the device or below MCP satisfies nothing', async () => {
    const task = await shippedTask(SINGLE);
    const offline = sensorCall({
      sensor: 'DHT11',
      tool: 'read_temperature',
      args: { place: 'living-room' },
      error: { text: 'device offline', errorCode: 'device-offline' },
    });
    const lost: ToolCallRecord = {
      ...sensorCall({ sensor: 'DHT11', tool: 'read_temperature', args: { place: 'living-room' } }),
      transportError: 'broker gone',
    };
    const check = checkCalls(task, [offline, lost], 2);
    assert.deepEqual(check.matched, { main: -1 });
    assert.deepEqual(types(check.failures), ['missing-call']);
    assert.deepEqual(check.bindings, {});
  });
});

describe('conditional calls', () => {
  const motion = (seen: boolean) => readCall('HC-SR501', 'read_motion', { place: 'living-room' }, [{ motion: seen }], LIVING_ROOM, 0);

  test('a follow-up whose condition does not hold is skipped, not required', async () => {
    const task = await shippedTask(CONDITIONAL);
    const check = checkCalls(task, [motion(false)], 2);
    assert.deepEqual(check.failures, []);
    assert.deepEqual(check.skipped, ['temp']);
    assert.deepEqual(check.matched, { main: 0 });
    assert.deepEqual(check.bindings, { main: [false] });
  });

  test('a follow-up whose condition holds is required', async () => {
    const task = await shippedTask(CONDITIONAL);
    const missing = checkCalls(task, [motion(true)], 2);
    assert.deepEqual(types(missing.failures), ['missing-call']);
    assert.equal(missing.failures[0]!.expected, 'temp');
    assert.match(missing.failures[0]!.message, /expected call "temp" .* was never made; acceptable: DHT11 read_temperature or DHT11 read_all/);
    assert.deepEqual(missing.matched, { main: 0, temp: -1 });
    assert.deepEqual(missing.skipped, []);

    const made = checkCalls(task, [motion(true), livingRoomRead(25.5, { place: 'living-room' }, 1)], 3);
    assert.deepEqual(made.failures, []);
    assert.deepEqual(made.bindings, { main: [true], temp: [25.5] });
  });

  test('a follow-up made although its condition did not hold is no failure, and binds nothing', async () => {
    const task = await shippedTask(CONDITIONAL);
    const check = checkCalls(task, [motion(false), livingRoomRead(25.5, { place: 'living-room' }, 1)], 3);
    assert.deepEqual(check.failures, []);
    assert.deepEqual(check.skipped, ['temp']);
    assert.deepEqual(check.bindings, { main: [false] });
  });

  test('one reading can decide the condition and answer the follow-up (a celsius reading read as the alarm)', async () => {
    const task = await shippedTask('lm35.kitchen-celsius.v07');
    const celsius = (value: number) => readCall('LM35', 'read_celsius', {}, [{ celsius: value }], KITCHEN, 0);
    const cool = checkCalls(task, [celsius(24.5)], 2);
    assert.deepEqual(cool.skipped, ['alarm']);
    assert.deepEqual(cool.bindings, { main: [24.5] });
    const hot = checkCalls(task, [celsius(45)], 2);
    assert.deepEqual(hot.failures, []);
    assert.deepEqual(hot.matched, { main: 0, alarm: 0 });
    assert.deepEqual(hot.bindings, { main: [45], alarm: [true] });
  });
});

describe('typed failures', () => {
  test('wrong-argument: the right tool in the wrong place names the argument, the value and what was acceptable', async () => {
    const task = await shippedTask(SINGLE);
    const check = checkCalls(task, [readCall('DHT11', 'read_temperature', { place: 'kitchen' }, [{ temperature: 19 }], KITCHEN)], 2);
    assert.deepEqual(types(check.failures), ['wrong-argument']);
    const [failure] = check.failures;
    assert.equal(failure!.expected, 'main');
    assert.equal(failure!.call, 0);
    assert.match(
      failure!.message,
      /call #0 dht11_read_temperature \(DHT11 read_temperature\) has the right tool but place is "kitchen"; acceptable: "living-room"/,
    );
    assert.deepEqual(check.matched, { main: -1 });
  });

  test('wrong-argument also for a rejected wrong value (an unknown place the server refused)', async () => {
    const task = await shippedTask(SINGLE);
    const refused = sensorCall({
      sensor: 'DHT11',
      tool: 'read_temperature',
      args: { place: 'attic' },
      error: { text: 'no MCU is in place "attic"', errorCode: 'unknown-place' },
    });
    const check = checkCalls(task, [refused], 2);
    assert.deepEqual(types(check.failures), ['wrong-argument']);
    assert.match(check.failures[0]!.message, /place is "attic"/);
  });

  test('wrong-argument: a series where one reading was asked for', async () => {
    const task = await shippedTask(SINGLE);
    const series = readCall('DHT11', 'read_temperature', { place: 'living-room', duration: 5 }, [{ temperature: 24 }, { temperature: 24.1 }], LIVING_ROOM);
    const check = checkCalls(task, [series], 2);
    assert.deepEqual(types(check.failures), ['wrong-argument']);
    assert.match(check.failures[0]!.message, /duration is 5; acceptable: 0, or left out/);
  });

  test('wrong-tool: a sensor that cannot answer the question', async () => {
    const task = await shippedTask(SINGLE);
    const lux = readCall('BH1750', 'read_lux', { place: 'living-room' }, [{ lux: 320 }], LIVING_ROOM);
    const check = checkCalls(task, [lux], 2);
    assert.deepEqual(types(check.failures), ['wrong-tool']);
    assert.equal(check.failures[0]!.call, 0);
    assert.match(
      check.failures[0]!.message,
      /bh1750_read_lux \(BH1750 read_lux\) answers no expected call; acceptable: DHT11 read_temperature or DHT11 read_all/,
    );
  });

  test('missing-call: one of two required reads never made', async () => {
    const task = await shippedTask(CROSS_PLACE);
    const check = checkCalls(task, [livingRoomRead(27)], 2);
    assert.deepEqual(types(check.failures), ['missing-call']);
    assert.equal(check.failures[0]!.expected, 'garden');
    assert.deepEqual(check.matched, { main: 0, garden: -1 });
  });

  test('forbidden-call: a real-time stream where one reading was asked for, even when the server refused it', async () => {
    const task = await shippedTask(SINGLE);
    const stream = readCall('DHT11', 'read_temperature', { place: 'living-room', real_time: true }, [{ temperature: 24 }], LIVING_ROOM, 0);
    const check = checkCalls(task, [stream, livingRoomRead(24, { place: 'living-room' }, 1)], 3);
    assert.deepEqual(types(check.failures), ['forbidden-call']);
    assert.equal(check.failures[0]!.call, 0);
    assert.match(check.failures[0]!.message, /is forbidden: only a current DHT11 reading was asked for, not a real-time stream/);
    assert.deepEqual(check.matched, { main: 1 });

    const errored = sensorCall({
      sensor: 'DHT11',
      tool: 'read_temperature',
      args: { real_time: true, duration: 12 },
      error: { text: 'device offline', errorCode: 'device-offline' },
    });
    assert.deepEqual(types(checkCalls(task, [errored, livingRoomRead(24)], 3).failures), ['forbidden-call']);
  });

  test('an absent argument is judged by the server default it stands for: no real_time is not a stream', async () => {
    const task = await shippedTask(SINGLE);
    assert.deepEqual(checkCalls(task, [livingRoomRead(24, { place: 'living-room' })], 2).failures, []);
  });

  test('malformed-call: arguments that are not JSON, and arguments the server rejected', async () => {
    const task = await shippedTask(SINGLE);
    const broken: ToolCallRecord = {
      id: 'c1',
      step: 0,
      name: 'dht11_read_temperature',
      arguments: '{"place": "living-room"',
      args: null,
      sensor: 'DHT11',
      tool: 'read_temperature',
      malformed: 'arguments are not valid JSON: Unexpected end of JSON input',
      result: null,
    };
    const rejected = sensorCall({
      sensor: 'DHT11',
      tool: 'read_temperature',
      args: { place: 'living-room', interval: 'fast' },
      error: { text: 'MCP error -32602: Input validation error: Invalid arguments for tool read_temperature: interval must be a number of seconds' },
    });
    const check = checkCalls(task, [broken, rejected, livingRoomRead(24, { place: 'living-room' }, 1)], 3);
    assert.deepEqual(types(check.failures), ['malformed-call', 'malformed-call']);
    assert.match(check.failures[0]!.message, /call #0 dht11_read_temperature .*was not sent: arguments are not valid JSON/);
    assert.match(check.failures[1]!.message, /the server rejected its arguments .*interval must be a number/);
    assert.deepEqual(check.matched, { main: 2 });

    const coded = sensorCall({
      sensor: 'DHT11',
      tool: 'read_temperature',
      args: { place: 'living-room' },
      error: { text: 'bad', errorCode: 'invalid-arguments' },
    });
    assert.deepEqual(types(checkCalls(task, [coded, livingRoomRead(24)], 2).failures), ['malformed-call']);
  });

  test('step-budget-exceeded: more turns than allowed, or a call asked for after the budget', async () => {
    const task = await shippedTask(SINGLE);
    assert.equal(task.expect.max_steps, 4);
    assert.deepEqual(types(checkCalls(task, [livingRoomRead(24)], 5).failures), [], '4 tool turns and an answer are allowed');
    const long = checkCalls(task, [livingRoomRead(24)], 6);
    assert.deepEqual(types(long.failures), ['step-budget-exceeded']);
    assert.match(long.failures[0]!.message, /took 6 model turns; the task allows 4 with tool calls and one to answer/);

    const late: ToolCallRecord = { ...sensorCall({ sensor: 'DHT11', tool: 'read_humidity', args: {}, step: 4 }), overBudget: true };
    const over = checkCalls(task, [livingRoomRead(24), late], 4);
    assert.deepEqual(types(over.failures), ['step-budget-exceeded']);
    assert.equal(over.failures[0]!.call, 1);
    assert.deepEqual(over.matched, { main: 0 });
  });

  test('failures come in the order: per call (malformed, forbidden), then unmatched expected calls, then the budget', async () => {
    const task = await shippedTask(CROSS_PLACE);
    const stream = readCall('DHT11', 'read_temperature', { place: 'kitchen', real_time: true }, [{ temperature: 24 }], KITCHEN);
    const bad: ToolCallRecord = { ...sensorCall({ sensor: 'DHT11', tool: 'read_temperature', args: {} }), args: null, arguments: '{', malformed: 'not JSON' };
    const check = checkCalls(task, [stream, bad], 9);
    assert.deepEqual(types(check.failures), ['forbidden-call', 'malformed-call', 'wrong-argument', 'missing-call', 'step-budget-exceeded']);
    assert.equal(check.ok, false);
  });
});

describe('repeated reads', () => {
  test('without an answer to go by, the last matching call counts', async () => {
    const task = await shippedTask(SINGLE);
    const check = checkCalls(task, [livingRoomRead(22, undefined, 0), livingRoomRead(26, undefined, 1)], 3);
    assert.deepEqual(check.matched, { main: 1 });
    assert.deepEqual(check.bindings, { main: [26] });
  });

  test('with an answer check, the pairing that makes the answer pass wins, deterministically', async () => {
    const task = await shippedTask(CROSS_PLACE);
    const garden = (t: number, step: number) => readCall('DS18B20', 'read_temp', {}, [{ temperatures: [t] }], GARDEN, step);
    const calls = [livingRoomRead(22, undefined, 0), garden(30, 0), livingRoomRead(26, undefined, 1), garden(31, 1)];
    const seen: string[] = [];
    const check = checkCalls(task, calls, 3, (bindings) => {
      seen.push(`${bindings.get('main')?.[0]}/${bindings.get('garden')?.[0]}`);
      return bindings.get('main')?.[0] === 22 && bindings.get('garden')?.[0] === 30;
    });
    assert.deepEqual(check.matched, { main: 0, garden: 1 });
    assert.deepEqual(check.bindings, { main: [22], garden: [30] });
    assert.deepEqual(seen, ['26/31', '26/30', '22/31', '22/30']);

    const none = checkCalls(task, calls, 3, () => false);
    assert.deepEqual(none.matched, { main: 2, garden: 3 });
  });

  test('the search stops after a bounded number of pairings', async () => {
    const task = await shippedTask(CROSS_PLACE);
    const calls: ToolCallRecord[] = [];
    for (let i = 0; i < 12; i++) {
      calls.push(livingRoomRead(20 + i, undefined, i), readCall('DS18B20', 'read_temp', {}, [{ temperatures: [30 + i] }], GARDEN, i));
    }
    let tried = 0;
    const check = checkCalls(task, calls, 3, () => {
      tried++;
      return false;
    });
    assert.equal(tried, 64);
    assert.deepEqual(check.bindings, { main: [31], garden: [41] });
  });
});

describe('unnecessary calls', () => {
  const fleetCall = (step = 0): ToolCallRecord => ({
    id: `fleet_${step}_${Math.random()}`,
    step,
    name: 'list_devices',
    arguments: '{}',
    args: {},
    sensor: null,
    tool: 'list_devices',
    result: { isError: false, text: '6 devices', structured: null },
    sent: 1_750_000_000_000,
    received: 1_750_000_000_002,
  });

  test('a read of a sensor the task does not concern, beside the right one, fails the trial', async () => {
    const task = await shippedTask(SINGLE);
    const lux = readCall('BH1750', 'read_lux', { place: 'living-room' }, [{ lux: 320 }], LIVING_ROOM, 1);
    const check = checkCalls(task, [livingRoomRead(24.2), lux], 3);
    assert.deepEqual(types(check.failures), ['unnecessary-call']);
    assert.equal(check.failures[0]!.call, 1);
    assert.match(check.failures[0]!.message, /1 call the task does not concern \(call #1 bh1750_read_lux/);
    assert.deepEqual(check.bindings, { main: [24.2] }, 'the right call still binds');
  });

  test('the right sensor read in a place the task does not ask about is unnecessary too', async () => {
    const task = await shippedTask(SINGLE);
    const kitchen = readCall('DHT11', 'read_temperature', { place: 'kitchen' }, [{ temperature: 19 }], KITCHEN, 1);
    assert.deepEqual(types(checkCalls(task, [livingRoomRead(24.2), kitchen], 3).failures), ['unnecessary-call']);
  });

  test('a wrong call already blamed as wrong-argument is not blamed twice', async () => {
    const task = await shippedTask(SINGLE);
    const kitchen = readCall('DHT11', 'read_temperature', { place: 'kitchen' }, [{ temperature: 19 }], KITCHEN);
    assert.deepEqual(types(checkCalls(task, [kitchen], 2).failures), ['wrong-argument']);
  });

  test('expected calls that one read answers count once in the call budget', async () => {
    const task = await shippedTask(SINGLE);
    const [main] = task.expect.calls;
    // The same read expected twice (two facts of one reading): the oracle makes one call, so two are allowed.
    const twin = { ...task, expect: { ...task.expect, max_steps: 5, calls: [main!, { ...main!, id: 'again' }] } };
    const thrice = [livingRoomRead(24.2, undefined, 0), livingRoomRead(24.3, undefined, 1), livingRoomRead(24.4, undefined, 2)];
    const check = checkCalls(twin, thrice, 4);
    assert.deepEqual(types(check.failures), ['unnecessary-call']);
    assert.match(check.failures[0]!.message, /3 sensor calls; the task allows 2 \(2 per call it needs\)/);
    assert.deepEqual(check.counts, { made: 3, reference: 1 });
  });

  test('reading the right sensor again is allowed up to two calls per call the task needs', async () => {
    const task = await shippedTask(SINGLE);
    const twice = [livingRoomRead(24.2, undefined, 0), livingRoomRead(24.3, undefined, 1)];
    assert.deepEqual(checkCalls(task, twice, 3).failures, []);
    const thrice = [...twice, livingRoomRead(24.4, undefined, 2)];
    const check = checkCalls({ ...task, expect: { ...task.expect, max_steps: 5 } }, thrice, 4);
    assert.deepEqual(types(check.failures), ['unnecessary-call']);
    assert.match(check.failures[0]!.message, /3 sensor calls; the task allows 2 \(2 per call it needs\)/);
  });

  test('up to three fleet-directory calls are discovery; a fourth is not', async () => {
    const task = await shippedTask(SINGLE);
    const roomy = { ...task, expect: { ...task.expect, max_steps: 8 } };
    const discovery = [fleetCall(0), fleetCall(1), fleetCall(2)];
    assert.deepEqual(checkCalls(roomy, [...discovery, livingRoomRead(24.2, undefined, 3)], 5).failures, []);
    const check = checkCalls(roomy, [...discovery, fleetCall(3), livingRoomRead(24.2, undefined, 4)], 6);
    assert.deepEqual(types(check.failures), ['unnecessary-call']);
    assert.match(check.failures[0]!.message, /4 fleet-directory calls; 3 are allowed/);
  });

  test('counts: the calls sent and the calls the oracle makes for the task', async () => {
    const cross = await shippedTask(CROSS_PLACE);
    const garden = readCall('DS18B20', 'read_temp', {}, [{ temperatures: [31.5] }], GARDEN, 0);
    assert.deepEqual(checkCalls(cross, [garden, livingRoomRead(27.1, undefined, 1)], 3).counts, { made: 2, reference: 2 });
    const both = await shippedTask('dht11.bedroom-temperature-and-humidity');
    const all = readCall('DHT11', 'read_all', { place: 'bedroom' }, [{ temperature: 21.5, humidity: 48 }], BEDROOM);
    // The oracle reads each quantity with its own tool; a fleet call counts as a call made.
    assert.deepEqual(checkCalls(both, [all, fleetCall(1)], 3).counts, { made: 2, reference: 2 });
  });
});
