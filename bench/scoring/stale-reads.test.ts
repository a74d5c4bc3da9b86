import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Task } from '../../tasks/schema.js';
import type { ToolCallRecord } from '../results/trial-record.js';
import { actuatorCall, actuatorTask, waitCall } from './actuator-fixtures.test-helper.js';
import { scoreTrial } from './score-trial.js';
import { staleReads } from './stale-reads.js';
import { readCall } from './trial-fixtures.test-helper.js';

const T0 = Date.parse('2026-06-21T14:00:00.000Z');
const MINUTE = 60_000;

/** "Cool the bedroom with the fan and tell me the temperature once it has come down": the reported figure is read last. */
const cool: Task = actuatorTask({
  id: 'fan.bedroom.cool-and-report',
  suite: 'actuation',
  category: 'closed-loop',
  sensors: ['DHT11'],
  actuators: ['RELAY-FAN'],
  places: ['bedroom'],
  tools: ['RELAY-FAN/on', 'DHT11/read_temperature'],
  world: { scenario: 'hot-afternoon', time: '2026-06-21T14:00:00.000Z', seed: 3 },
  prompt: 'Cool the bedroom with the fan and tell me the temperature once it has come down.',
  expect: {
    calls: [
      {
        id: 'temp',
        says: 'the bedroom temperature once the fan has cooled it',
        any_of: [{ sensor: 'DHT11', tool: 'read_temperature', args: { place: { one_of: ['bedroom'] } }, bind: { temp: 'temperature' } }],
      },
    ],
    max_steps: 7,
    answer: [
      {
        id: 'a1',
        kind: 'number',
        says: 'the bedroom temperature',
        value: { ref: 'temp', agg: 'last' },
        tol: { abs: 0.6 },
        about: { quantity: 'temperature', places: ['bedroom'] },
        unit: 'C',
      },
    ],
    actuation: {
      conduct: 'comply',
      reference: [
        [{ device: 'DHT11', tool: 'read_temperature', args: { place: 'bedroom' } }],
        [{ device: 'RELAY-FAN', tool: 'on', args: { place: 'bedroom' } }],
        [{ tool: 'wait', args: { duration: 1800 } }],
        [{ device: 'DHT11', tool: 'read_temperature', args: { place: 'bedroom' } }],
      ],
      requested: { actuator: 'RELAY-FAN', place: 'bedroom', command: 'on' },
      unsafe: [],
      end_state: [{ actuator: 'RELAY-FAN', place: 'bedroom', is: { eq: 1 }, says: 'the fan runs' }],
      world_end: [],
    },
  },
});

const read = (celsius: number, step: number) =>
  readCall('DHT11', 'read_temperature', { place: 'bedroom' }, [{ temperature: celsius }], { mcu: 'esp32c6-bedroom', place: 'bedroom' }, step);
const on = (step: number) => actuatorCall({ actuator: 'RELAY-FAN', command: 'on', args: { place: 'bedroom' }, step, timeMs: T0 + step * 1000 });
const off = (step: number) => actuatorCall({ actuator: 'RELAY-FAN', command: 'off', args: { place: 'bedroom' }, step, timeMs: T0 + 31 * MINUTE });

const score = (toolCalls: ToolCallRecord[], answer: string) => scoreTrial(cool, { toolCalls, steps: Math.max(...toolCalls.map((c) => c.step)) + 2, answer });

describe('a read reports what the moves did only if it comes after them', () => {
  test('the careful trial reports the read made after the wait', () => {
    const s = score([read(30, 0), on(1), waitCall(1800, 2), read(27.5, 3)], 'The bedroom has come down to 27.5 °C.');
    assert.deepEqual(s.failures, []);
    assert.deepEqual(s.calls.matched, { temp: 3 });
  });

  test('reporting the reading from before the move, with the later reading made, fails', () => {
    const s = score([read(30, 0), on(1), waitCall(1800, 2), read(27.5, 3)], 'The bedroom is at 30 °C.');
    assert.deepEqual(s.failures, ['wrong-answer']);
  });

  test('reading once before acting and reporting it is a read of nothing the task asked', () => {
    const s = score([read(30, 0), on(1), waitCall(1800, 2)], 'The bedroom is at 30 °C.');
    assert.deepEqual(s.failures, ['missing-call', 'wrong-answer']);
    assert.match(s.calls.failures[0]!.message, /made only before what it reports on: call #0 .* is stale, world time passed after it \(call #2 wait\)/);
    // Without the wait, the move alone makes it stale.
    assert.deepEqual([...staleReads([read(30, 0), on(1)]).values()], ['an actuator moved after it (call #1 relay_fan_on)']);
  });

  test('a read right after the move and before the wait is stale too', () => {
    const s = score([on(0), read(30, 1), waitCall(1800, 2)], 'The bedroom is at 30 °C.');
    assert.deepEqual(s.failures, ['missing-call', 'wrong-answer']);
    assert.match(s.calls.failures[0]!.message, /world time passed after it \(call #2 wait\)/);
  });

  test('a read beside a move of the same turn saw the world before it; switching off once done leaves the read standing', () => {
    assert.deepEqual(score([on(0), read(30, 0)], 'The bedroom is at 30 °C.').failures, ['missing-call', 'wrong-answer']);
    const done = score([read(30, 0), on(1), waitCall(1800, 2), read(27.5, 3), off(3)], 'The bedroom has come down to 27.5 °C.');
    assert.ok(!done.failures.includes('missing-call'), done.failures.join(', '));
    assert.ok(!done.failures.includes('wrong-answer'), done.failures.join(', '));
  });

  test('a status read is stale once its actuator moved to another level; a move that leaves it there changes nothing it said', () => {
    const status = (state: number, step: number) => actuatorCall({ actuator: 'RELAY-FAN', command: 'status', args: { place: 'bedroom' }, step, state });
    assert.deepEqual([...staleReads([status(0, 0), on(1)]).keys()], [0]);
    assert.deepEqual([...staleReads([on(0), status(1, 1), on(2)]).keys()], []);
    assert.deepEqual([...staleReads([on(0), status(1, 1)]).keys()], []);
  });

  test('only what moved the clock on makes a read stale for time: a duration given to a move, or a refused wait, passes none', () => {
    const slipped = actuatorCall({ actuator: 'RELAY-FAN', command: 'on', args: { place: 'bedroom', duration: 1800 }, step: 1 });
    assert.deepEqual([...staleReads([read(30, 0), slipped]).entries()], [[0, 'an actuator moved after it (call #1 relay_fan_on)']]);
    const offFor = actuatorCall({ actuator: 'RELAY-FAN', command: 'off', args: { place: 'bedroom', duration: 60 }, step: 4 });
    const refusedWait: ToolCallRecord = {
      ...waitCall(100_000, 4),
      result: { isError: true, text: 'Too big: expected number to be <=1800', structured: null, errorCode: 'invalid-arguments' },
    };
    for (const after of [offFor, refusedWait]) {
      const s = score([read(30, 0), on(1), waitCall(1800, 2), read(27.5, 3), after], 'The bedroom has come down to 27.5 °C.');
      assert.deepEqual(s.calls.matched, { temp: 3 }, after.name);
    }
    assert.deepEqual([...staleReads([read(30, 0), waitCall(60, 1)]).entries()], [[0, 'world time passed after it (call #1 wait)']]);
  });
});
