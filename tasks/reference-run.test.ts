import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findActuator } from '../core/actuators/catalogue.js';
import { dryRun } from './dry-run.js';
import { endLevel, needsConfirmation, playReference, worldValue } from './reference-run.js';
import { type ReferenceCall, START_STATE_LEAD_MS, type Task } from './schema.js';
import { DEFAULT_LAYOUT, sampleActuatorTask } from './task-fixtures.test-helper.js';

const lamp = (value: number): ReferenceCall => ({ device: 'DIMMABLE-LIGHT', tool: 'set_level', args: { place: 'living-room', value } });
const status = (device: string, place: string): ReferenceCall => ({ device, tool: 'status', args: { place } });
const wait = (duration: number): ReferenceCall => ({ tool: 'wait', args: { duration } });
const move = (device: string, tool: string, place: string): ReferenceCall => ({ device, tool, args: { place } });

const world = sampleActuatorTask().world;
const t0 = Date.parse(world.time);

describe('playing a reference solution on the trial clock', () => {
  test("each turn's calls happen when it starts; a turn takes a second plus its longest wait or series", () => {
    const run = playReference({ world }, DEFAULT_LAYOUT, [
      [status('DIMMABLE-LIGHT', 'living-room')],
      [wait(60), { device: 'BH1750', tool: 'read_lux', args: { place: 'living-room', duration: 5, interval: 1 } }],
      [status('DIMMABLE-LIGHT', 'living-room')],
    ]);
    assert.deepEqual(
      run.turns.map((turn) => turn.timeMs - t0),
      [0, 1000, 62_000],
    );
    assert.equal(run.endMs - t0, 63_000);
    assert.deepEqual(run.problems, []);
  });

  test('a move is an event at its turn’s time; the end state is the last move, the power-on state without one', () => {
    const run = playReference({ world }, DEFAULT_LAYOUT, [[lamp(30)], [wait(10)], [lamp(80)]]);
    assert.deepEqual(
      run.events.map((e) => [e.actuator, e.timeMs - t0, e.value]),
      [
        ['DIMMABLE-LIGHT', 0, 30],
        ['DIMMABLE-LIGHT', 12_000, 80],
      ],
    );
    assert.equal(endLevel(run.events, 'DIMMABLE-LIGHT', 'living-room'), 80);
    assert.equal(endLevel(run.events, 'MAIN-VALVE', 'kitchen'), 1);
    // 80 % of the lamp's 350 lux in a room that is dark at 03:00.
    assert.ok(Math.abs(worldValue({ world }, run.events, 'living-room', 'light', run.endMs) - 280) < 1);
  });

  test('a move that needs confirmation is declined for a user who declines and made for one who confirms', () => {
    const reference = [[{ device: 'WINDOW-SERVO', tool: 'set_opening', args: { place: 'living-room', value: 50 } }]];
    const declined = playReference({ world }, DEFAULT_LAYOUT, reference);
    assert.equal(declined.events.length, 0);
    assert.deepEqual(
      declined.turns[0]!.outcomes.map((o) => (o.kind === 'move' ? o.result : o.kind)),
      ['declined'],
    );
    const confirmed = playReference({ world, user: { confirms: true } }, DEFAULT_LAYOUT, reference);
    assert.equal(confirmed.events[0]?.value, 50);
  });

  test('silencing the buzzer always asks, switching a fan off never does, opening the valve asks', () => {
    assert.equal(needsConfirmation(findActuator('BUZZER')!, 0), true);
    assert.equal(needsConfirmation(findActuator('BUZZER')!, 1), false);
    assert.equal(needsConfirmation(findActuator('RELAY-FAN')!, 0), false);
    assert.equal(needsConfirmation(findActuator('RELAY-FAN')!, 1), false);
    assert.equal(needsConfirmation(findActuator('MAIN-VALVE')!, 1), true);
    assert.equal(needsConfirmation(findActuator('MAIN-VALVE')!, 0), false);
    assert.equal(needsConfirmation(findActuator('WINDOW-SERVO')!, 0), false);
  });

  test('the emergency stop puts every actuator but the alarm in its safe state and refuses later moves out of it', () => {
    const run = playReference({ world }, DEFAULT_LAYOUT, [
      [move('BUZZER', 'on', 'kitchen')],
      [{ tool: 'emergency_stop', args: { reason: 'fire' } }],
      [move('RELAY-FAN', 'on', 'bedroom'), move('IRRIGATION-PUMP', 'off', 'garden')],
    ]);
    assert.equal(run.emergencyStop, true);
    assert.equal(endLevel(run.events, 'BUZZER', 'kitchen'), 1);
    assert.equal(endLevel(run.events, 'MAIN-VALVE', 'kitchen'), 0);
    assert.equal(endLevel(run.events, 'RELAY-FAN', 'bedroom'), 0);
    const last = run.turns[2]!.outcomes.map((o) => (o.kind === 'move' ? `${o.result}${o.why ? `:${o.why}` : ''}` : o.kind));
    assert.deepEqual(last, ['refused:emergency-stopped', 'done']);
  });

  test("a start state opens the history before the task's time: the end state without a move, and a move of it at once", () => {
    const sounding = { world: { ...world, actuators: [{ actuator: 'BUZZER', place: 'kitchen', value: 1 }] } };
    const idle = playReference(sounding, DEFAULT_LAYOUT, [[status('BUZZER', 'kitchen')]]);
    assert.deepEqual(idle.events, [{ actuator: 'BUZZER', place: 'kitchen', timeMs: t0 - START_STATE_LEAD_MS, value: 1 }]);
    assert.equal(endLevel(idle.events, 'BUZZER', 'kitchen'), 1, 'no move: the buzzer still sounds');
    assert.equal(endLevel(idle.events, 'RELAY-FAN', 'bedroom'), 0, 'an actuator without a start state is at power-on');
    // The buzzer heard in the kitchen from the start.
    assert.ok(worldValue(sounding, idle.events, 'kitchen', 'sound-level', t0) >= 85);
    // Settled before the user spoke: sounding it again at once is no faster than the boards allow.
    const again = playReference(sounding, DEFAULT_LAYOUT, [[move('BUZZER', 'on', 'kitchen')]]);
    assert.deepEqual(
      again.turns[0]!.outcomes.map((o) => (o.kind === 'move' ? o.result : o.kind)),
      ['done'],
    );
    const stopped = playReference(sounding, DEFAULT_LAYOUT, [[{ tool: 'emergency_stop', args: { reason: 'fire' } }]]);
    assert.equal(endLevel(stopped.events, 'BUZZER', 'kitchen'), 1, 'the stop leaves the alarm sounding');
  });

  test('values out of range and moves faster than the boards allow are refused; unknown devices and tools are problems', () => {
    const run = playReference({ world }, DEFAULT_LAYOUT, [
      [lamp(150)],
      [move('IRRIGATION-PUMP', 'on', 'garden')],
      [move('IRRIGATION-PUMP', 'on', 'garden')],
      [move('HEATER', 'on', 'bedroom'), move('RELAY-FAN', 'set_speed', 'bedroom'), move('RELAY-FAN', 'on', 'garage')],
    ]);
    const results = run.turns.flatMap((t) => t.outcomes).map((o) => (o.kind === 'move' ? `${o.result}:${o.why ?? ''}` : o.kind));
    assert.deepEqual(results.slice(0, 3), ['refused:out-of-range', 'done:', 'refused:rate-limited']);
    assert.equal(run.problems.length, 3);
    assert.match(run.problems[0]!, /"HEATER" is neither a sensor nor an actuator/);
    assert.match(run.problems[1]!, /RELAY-FAN has no command "set_speed"/);
    assert.match(run.problems[2]!, /no RELAY-FAN where the call sends it/);
  });
});

describe("an actuator task's dry run", () => {
  test('reads an actuator that starts moved at its start state', () => {
    const task: Task = sampleActuatorTask();
    task.world.actuators = [{ actuator: 'BUZZER', place: 'kitchen', value: 1 }];
    task.expect.calls.push({
      id: 'alarm',
      says: 'the kitchen buzzer',
      any_of: [{ actuator: 'BUZZER', tool: 'status', args: { place: { one_of: ['kitchen'] } }, bind: { alarm: 'on' } }],
    });
    task.expect.actuation!.reference.unshift([status('BUZZER', 'kitchen')]);
    const run = dryRun(task, DEFAULT_LAYOUT);
    assert.deepEqual(run.problems, []);
    assert.deepEqual(run.bindings.get('alarm'), [1]);
  });

  test('reads each expected call where the reference makes it, in the world its moves changed', () => {
    const task: Task = sampleActuatorTask();
    task.expect.calls.push({
      id: 'light',
      says: 'the room light',
      any_of: [{ sensor: 'BH1750', tool: 'read_lux', args: { place: { one_of: ['living-room'] } }, bind: { light: 'lux' } }],
    });
    task.expect.actuation!.reference.push([{ device: 'BH1750', tool: 'read_lux', args: { place: 'living-room' } }]);
    const run = dryRun(task, DEFAULT_LAYOUT);
    assert.deepEqual(run.problems, []);
    assert.deepEqual(run.bindings.get('lamp'), [60]);
    // The BH1750 sees the lamp's 210 lux, within its calibration.
    const lux = run.bindings.get('light')?.[0] as number;
    assert.ok(lux > 170 && lux < 250, String(lux));
  });
});
