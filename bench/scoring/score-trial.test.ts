import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ToolCallRecord } from '../results/trial-record.js';
import { scoreTrial } from './score-trial.js';
import { readCall, shippedTask } from './trial-fixtures.test-helper.js';

/** dht11.living-room-temperature: one number, the living room temperature (±0.6 C). */
const SINGLE = 'dht11.living-room-temperature';
/** dht11.living-room-temperature.v08: which is hotter, living room or garden, and both temperatures. */
const CROSS_PLACE = 'dht11.living-room-temperature.v08';

const LIVING_ROOM = { mcu: 'esp32-living-room', place: 'living-room' };
const GARDEN = { mcu: 'esp32c3-garden', place: 'garden' };

const livingRoom = (temperature: number, step = 0) => readCall('DHT11', 'read_temperature', { place: 'living-room' }, [{ temperature }], LIVING_ROOM, step);
const garden = (temperature: number, step = 0) => readCall('DS18B20', 'read_temp', { place: 'garden' }, [{ temperatures: [temperature] }], GARDEN, step);

describe('scoring a trial', () => {
  test('a correct trial succeeds: right call, the value it returned stated', async () => {
    const task = await shippedTask(SINGLE);
    const score = scoreTrial(task, { toolCalls: [livingRoom(24.3)], steps: 2, answer: 'It is 24.3 °C in the living room right now.' });
    assert.equal(score.success, true);
    assert.deepEqual(score.failures, []);
    assert.equal(score.calls.ok, true);
    assert.equal(score.answer.ok, true);
    assert.deepEqual(
      score.answer.facts.map((f) => [f.id, f.ok, f.expected, f.found]),
      [['a1', true, 24.3, '24.3 °C']],
    );
  });

  test('a cross-place comparison succeeds with the calls in either order', async () => {
    const task = await shippedTask(CROSS_PLACE);
    const answer = 'The garden is warmer: 31.2 °C outside against 26.8 °C in the living room.';
    for (const toolCalls of [
      [livingRoom(26.8), garden(31.2)],
      [garden(31.2), livingRoom(26.8, 1)],
    ]) {
      const score = scoreTrial(task, { toolCalls, steps: 3, answer });
      assert.deepEqual(score.failures, []);
      assert.equal(score.success, true);
    }
  });

  test('a wrong number is a wrong answer, with the value expected and the one stated about it', async () => {
    const task = await shippedTask(SINGLE);
    const score = scoreTrial(task, { toolCalls: [livingRoom(24.3)], steps: 2, answer: 'About 26 degrees.' });
    assert.equal(score.success, false);
    assert.equal(score.calls.ok, true);
    assert.deepEqual(score.failures, ['wrong-answer']);
    const [fact] = score.answer.facts;
    assert.equal(fact!.ok, false);
    assert.match(fact!.reason!, /states 26 degrees for living room air temperature, C; expected 24\.3 C \(within 0\.6/);
  });

  test('no final answer: every applicable fact fails as unanswered', async () => {
    const task = await shippedTask(CROSS_PLACE);
    const score = scoreTrial(task, { toolCalls: [livingRoom(26.8), garden(31.2)], steps: 5, answer: null });
    assert.equal(score.success, false);
    assert.deepEqual(score.failures, ['no-answer']);
    assert.equal(score.answer.ok, false);
    assert.deepEqual(
      score.answer.facts.map((f) => [f.id, f.ok, f.expected, f.reason]),
      [
        ['a1', false, 'garden', 'the trial ended without a final answer'],
        ['a2', false, 26.8, 'the trial ended without a final answer'],
        ['a3', false, 31.2, 'the trial ended without a final answer'],
      ],
    );
  });

  test('no final answer leaves facts whose condition does not hold skipped', async () => {
    const task = await shippedTask('lm35.kitchen-celsius.v07');
    const celsius = readCall('LM35', 'read_celsius', {}, [{ celsius: 22 }], { mcu: 'esp32s3-kitchen', place: 'kitchen' });
    const score = scoreTrial(task, { toolCalls: [celsius], steps: 1, answer: null });
    assert.deepEqual(
      score.answer.facts.map((f) => [f.id, f.skipped, f.ok]),
      [
        ['a1', false, false],
        ['a2', true, true],
      ],
    );
    assert.deepEqual(score.failures, ['no-answer']);
  });

  test('a fact whose call was never made fails with the reason, and scoring does not throw', async () => {
    const task = await shippedTask(CROSS_PLACE);
    const score = scoreTrial(task, { toolCalls: [livingRoom(26.8)], steps: 2, answer: 'The living room is warmer at 26.8 °C.' });
    assert.deepEqual(score.failures, ['missing-call', 'wrong-answer']);
    const reasons = Object.fromEntries(score.answer.facts.map((f) => [f.id, f.reason ?? 'ok']));
    assert.match(reasons['a1']!, /expected value cannot be computed: no reading bound to "garden"/);
    assert.equal(reasons['a2'], 'ok');
    assert.match(reasons['a3']!, /no reading bound to "garden"/);
  });

  test('a trial with no calls at all fails on the call and on the answer, each type listed once', async () => {
    const task = await shippedTask(CROSS_PLACE);
    const score = scoreTrial(task, { toolCalls: [], steps: 1, answer: 'No idea.' });
    assert.deepEqual(
      score.calls.failures.map((f) => f.type),
      ['missing-call', 'missing-call'],
    );
    assert.deepEqual(score.failures, ['missing-call', 'wrong-answer']);
  });

  test('a forbidden stream fails the trial even when the answer is right', async () => {
    const task = await shippedTask(SINGLE);
    const stream = readCall(
      'DHT11',
      'read_temperature',
      { place: 'living-room', real_time: true, duration: 5 },
      [{ temperature: 24 }, { temperature: 24.1 }],
      LIVING_ROOM,
    );
    const score = scoreTrial(task, { toolCalls: [stream, livingRoom(24.3, 1)], steps: 3, answer: 'It is 24.3 °C.' });
    assert.equal(score.answer.ok, true);
    assert.equal(score.success, false);
    assert.deepEqual(score.failures, ['forbidden-call']);
  });

  test('over budget fails the trial even when the answer is right', async () => {
    const task = await shippedTask(SINGLE);
    const score = scoreTrial(task, { toolCalls: [livingRoom(24.3, 4)], steps: 6, answer: 'It is 24.3 °C.' });
    assert.deepEqual(score.failures, ['step-budget-exceeded']);
    assert.equal(score.success, false);
  });
});

describe('repeated reads are judged by the one the answer reports', () => {
  test('reading twice and stating the first value passes: the check pairs the first read', async () => {
    const task = await shippedTask(SINGLE);
    const toolCalls: ToolCallRecord[] = [livingRoom(22.0, 0), livingRoom(26.0, 1)];
    const first = scoreTrial(task, { toolCalls, steps: 3, answer: 'It is 22 degrees.' });
    assert.equal(first.success, true);
    assert.deepEqual(first.calls.matched, { main: 0 });
    const last = scoreTrial(task, { toolCalls, steps: 3, answer: 'It is 26 degrees.' });
    assert.equal(last.success, true);
    assert.deepEqual(last.calls.matched, { main: 1 });
  });

  test('stating a value neither read returned fails against the last read', async () => {
    const task = await shippedTask(SINGLE);
    const score = scoreTrial(task, { toolCalls: [livingRoom(22.0, 0), livingRoom(26.0, 1)], steps: 3, answer: 'It is 30 degrees.' });
    assert.equal(score.success, false);
    assert.deepEqual(score.calls.matched, { main: 1 });
    assert.equal(score.answer.facts[0]!.expected, 26);
  });
});
