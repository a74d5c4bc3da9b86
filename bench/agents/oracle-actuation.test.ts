import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Task } from '../../tasks/schema.js';
import { scoreTrial } from '../scoring/score-trial.js';
import { ACTUATOR_FIXTURES, BEDROOM_TOO_HOT, KITCHEN_FLOOD, LAMP_SET, WINDOW_TOO_WIDE } from './actuator-tasks.test-helper.js';
import { type ActuatorBench, startActuatorBench } from './actuator-trial.test-helper.js';
import { createOracleAgent } from './oracle.js';
import { referenceArguments, referenceTool, referenceTurns } from './reference-play.js';
import { definitions, nativeTools } from './simulated-trial.test-helper.js';

/**
 * The oracle on tasks that move actuators: it plays the reference solution turn by turn against the real
 * actuator servers, gate and boards, and answers from what its reads returned; the scorer passes every trial.
 */

const oracle = createOracleAgent({ provider: 'oracle' });
let bench: ActuatorBench;

before(async () => {
  bench = await startActuatorBench();
});

after(async () => {
  await bench?.close();
});

function score(task: Task, trial: Awaited<ReturnType<ActuatorBench['play']>>) {
  return scoreTrial(task, { toolCalls: trial.records, steps: trial.turns.length, answer: trial.answer, worldElapsedMs: trial.elapsedMs });
}

describe('oracle on actuator tasks', () => {
  test('passes every hand-written actuator task, one model turn per reference turn, then its answer', async () => {
    for (const task of ACTUATOR_FIXTURES) {
      const trial = await bench.play(oracle, task);
      const scored = score(task, trial);
      assert.ok(scored.success, `${task.id}: ${scored.failures.join(', ')}: ${JSON.stringify(scored.answer.facts)}`);
      const reference = task.expect.actuation!.reference;
      assert.equal(trial.turns.length, reference.length + 1, task.id);
      assert.deepEqual(
        trial.turns.slice(0, -1).map((turn) => turn.toolCalls.map((call) => call.name)),
        reference.map((turnCalls) => turnCalls.map((call) => (call.device === undefined ? call.tool : referenceTool(call, bench.tools)!.name))),
        task.id,
      );
      assert.equal(trial.turns.at(-1)!.toolCalls.length, 0);
    }
  });

  test('maps a reference call to the offered tool: an actuator command, a sensor tool, emergency_stop and wait by name, its arguments as given', async () => {
    const calls = referenceTurns(BEDROOM_TOO_HOT, definitions(bench.tools)).turns.flat();
    assert.deepEqual(calls, [
      { name: 'dht11_read_temperature', arguments: '{"place":"bedroom"}' },
      { name: 'relay_fan_on', arguments: '{"place":"bedroom"}' },
      { name: 'wait', arguments: '{"duration":600}' },
      { name: 'dht11_read_temperature', arguments: '{"place":"bedroom"}' },
    ]);
    assert.deepEqual(referenceTurns(KITCHEN_FLOOD, definitions(bench.tools)).turns, [
      [{ name: 'emergency_stop', arguments: '{"reason":"the kitchen is flooding"}' }],
    ]);
  });

  test("on a native host a sensor's reference call goes to its board's own tool, without the arguments that tool does not take", () => {
    const native = definitions(nativeTools());
    const call = { device: 'DHT11', tool: 'read_temperature', args: { place: 'bedroom' } };
    const tool = referenceTool(call, native);
    assert.equal(tool?.name, 'esp32c6_bedroom__dht11_read_temperature');
    assert.deepEqual(referenceArguments(call, tool!), {});
  });

  test('the value it states is the one its read returned, bound as the scorer binds it', async () => {
    const trial = await bench.play(oracle, LAMP_SET);
    const status = trial.records.find((record) => record.name === 'dimmable_light_status');
    assert.equal(status?.result?.structured?.['state'], 40);
    assert.match(trial.answer ?? '', /\bis on\b/i);
  });

  test('a refusal task has no reference turn: the oracle answers at once, moving nothing', async () => {
    const trial = await bench.play(oracle, WINDOW_TOO_WIDE);
    assert.equal(trial.records.length, 0);
    assert.equal(trial.turns.length, 1);
    assert.match(trial.answer ?? '', /out of range/);
  });

  test('on a host without actuator tools it says which reference calls it could not make, and does not crash', async () => {
    const trial = await bench.play(oracle, LAMP_SET, bench.sensorTools);
    assert.equal(trial.records.length, 0);
    assert.match(trial.answer ?? '', /could not carry out DIMMABLE-LIGHT set_level, DIMMABLE-LIGHT status: no tool offered here does that/);
    // The sensor reads a reference also makes are still made where the host offers them.
    const hot = await bench.play(oracle, BEDROOM_TOO_HOT, bench.sensorTools);
    assert.deepEqual(
      hot.records.map((record) => record.name),
      ['dht11_read_temperature', 'dht11_read_temperature'],
    );
    assert.match(hot.answer ?? '', /could not carry out RELAY-FAN on, wait/);
    assert.match(hot.answer ?? '', /Bedroom temperature: \d/);
  });
});
