import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_LINE_BYTES } from '../wire/messages.js';
import { ACTUATORS } from './catalogue.js';
import { actuatorHistoryProblems, checkedActuatorHistory, MAX_ACTUATOR_EVENTS, MAX_ACTUATOR_NAME_CHARS, MAX_EVENT_PLACE_CHARS } from './history.js';
import type { ActuatorEvent } from './types.js';

const T = Date.UTC(2026, 5, 21, 12);
const FAN_ON: ActuatorEvent = { actuator: 'RELAY-FAN', place: 'kitchen', timeMs: T, value: 1 };

describe('actuator history bounds', () => {
  test('accepts events of every actuator at both ends of its range, in any spelling', () => {
    const history = ACTUATORS.flatMap((spec) => [
      { actuator: spec.name, place: 'living-room', timeMs: T, value: spec.level.range[0] },
      { actuator: spec.aliases[0]!.toLowerCase(), place: 'Living Room', timeMs: T + 1, value: spec.level.range[1] },
    ]);
    assert.deepEqual(actuatorHistoryProblems(history), []);
    assert.deepEqual(actuatorHistoryProblems([]), []);
    assert.deepEqual(checkedActuatorHistory(history), history);
  });

  test('names every problem with the index of its event', () => {
    const problems = actuatorHistoryProblems([
      FAN_ON,
      null,
      { ...FAN_ON, actuator: 'heater' },
      { ...FAN_ON, value: 0.5 },
      { ...FAN_ON, actuator: 'window', value: 101 },
      { ...FAN_ON, timeMs: Number.POSITIVE_INFINITY },
      { ...FAN_ON, timeMs: '12:00' },
      { ...FAN_ON, place: '' },
      { ...FAN_ON, place: 'kitchen\n{"command":"exit"}' },
      { ...FAN_ON, place: 'x'.repeat(MAX_EVENT_PLACE_CHARS + 1) },
      { ...FAN_ON, actuator: `${'-'.repeat(MAX_ACTUATOR_NAME_CHARS)}fan` },
      { ...FAN_ON, value: Number.NaN },
    ]);
    assert.equal(problems.length, 11, problems.join('\n'));
    assert.match(problems[0]!, /^actuators\[1\]: an actuator event must be an object/);
    assert.match(problems[1]!, /^actuators\[2\]: unknown actuator "heater"; actuators: RELAY-FAN, WINDOW-SERVO, MAIN-VALVE/);
    assert.match(problems[2]!, /^actuators\[3\]: value of RELAY-FAN \(on\) must be a whole number from 0 to 1 \(got 0.5\)/);
    assert.match(problems[3]!, /^actuators\[4\]: value of WINDOW-SERVO \(open_pct\) must be a number from 0 to 100 \(got 101\)/);
    assert.match(problems[4]!, /^actuators\[5\]: timeMs must be a finite number .*Infinity/);
    assert.match(problems[5]!, /^actuators\[6\]: timeMs must be a finite number .*"12:00"/);
    for (const i of [6, 7, 8]) assert.match(problems[i]!, /place must be a place name/);
    assert.match(problems[9]!, /actuator must be an actuator name of at most 32 characters/);
    assert.match(problems[10]!, /got NaN/);
  });

  test('refuses a history that is not a list or is too long, and says what happens past the limit', () => {
    assert.match(actuatorHistoryProblems({ 0: FAN_ON })[0]!, /must be a list/);
    const tooLong = Array.from({ length: MAX_ACTUATOR_EVENTS + 1 }, (_, i) => ({ ...FAN_ON, timeMs: T + i }));
    assert.deepEqual(actuatorHistoryProblems(tooLong), [`actuators may hold at most ${MAX_ACTUATOR_EVENTS} events (got ${MAX_ACTUATOR_EVENTS + 1})`]);
    assert.deepEqual(actuatorHistoryProblems(tooLong.slice(1)), []);
    assert.throws(
      () => checkedActuatorHistory(tooLong),
      (err: Error) => err instanceof RangeError && /at most 256 events/.test(err.message),
    );
  });

  test('copies each event as its four fields only', () => {
    const [copy] = checkedActuatorHistory([{ ...FAN_ON, note: 'x'.repeat(10_000) }]);
    assert.deepEqual(copy, FAN_ON);
  });

  test('the longest history it accepts still fits in one command line on the wire', () => {
    const longest = Array.from({ length: MAX_ACTUATOR_EVENTS }, () => ({
      actuator: `${'-'.repeat(MAX_ACTUATOR_NAME_CHARS - 14)}DIMMABLE-LIGHT`,
      place: `a${'-'.repeat(MAX_EVENT_PLACE_CHARS - 1)}`,
      timeMs: -Number.MAX_VALUE,
      value: 0.0001234567890123456,
    }));
    assert.deepEqual(actuatorHistoryProblems(longest), []);
    const line = JSON.stringify({
      sensor: 'GUVA-S12SD',
      command: 'read_voltage',
      interval: 0.123456789,
      duration: 86_399.123456789,
      id: '123e4567-e89b-12d3-a456-426614174000',
      world: { scenario: 'someone-moving', seed: Number.MAX_SAFE_INTEGER, timeMs: -Number.MAX_VALUE, actuators: longest },
    });
    assert.ok(Buffer.byteLength(line) + 1 < MAX_LINE_BYTES, `${Buffer.byteLength(line)} bytes`);
  });
});
