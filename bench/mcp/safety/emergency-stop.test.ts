import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ActuatorSpec } from '../../../core/actuators/types.js';
import { EmergencyStop } from './emergency-stop.js';
import { ALARM, FAN, fakeClock, LOCK, VALVE } from './gate-fixtures.test-helper.js';

test('a stop lists the safe-state command of every known instance once, each board apart', () => {
  const clock = fakeClock();
  const stop = new EmergencyStop({
    clock: clock.now,
    instances: [
      { actuator: VALVE, place: 'kitchen', mcu: 'board-1' },
      { actuator: VALVE, place: 'Kitchen', mcu: 'BOARD_1' },
      { actuator: VALVE, place: 'kitchen', mcu: 'board-2' },
      { actuator: LOCK, place: 'hall' },
      { actuator: { ...FAN, commands: { set: FAN.commands['set']!, status: FAN.commands['status']! } }, place: 'attic' },
    ],
  });
  assert.equal(stop.state, undefined);
  const result = stop.stop('session-1', '  ');
  assert.deepEqual(result.state, { by: 'session-1', reason: '(no reason given)', since: clock.now() });
  assert.deepEqual(result.actuations, [
    { actuator: 'TEST-VALVE', place: 'kitchen', mcu: 'board-1', command: 'close' },
    { actuator: 'TEST-VALVE', place: 'kitchen', mcu: 'board-2', command: 'close' },
    { actuator: 'TEST-LOCK', place: 'hall', command: 'lock' },
    { actuator: 'TEST-FAN', place: 'attic', command: 'set', value: 0 },
  ]);
});

test('a stop never silences an alarm: an actuator whose safe state is its hazard is left as it is', () => {
  const stop = new EmergencyStop({
    instances: [
      { actuator: ALARM, place: 'kitchen' },
      { actuator: VALVE, place: 'kitchen' },
    ],
  });
  assert.ok(stop.knows({ actuator: ALARM, place: 'kitchen' }));
  assert.deepEqual(
    stop.stop('trial-1', 'an injected instruction').actuations.map((a) => a.actuator),
    ['TEST-VALVE'],
  );
});

test('stopping twice keeps the first stop; only the literal RELEASE from a named operator ends it', () => {
  const clock = fakeClock();
  const stop = new EmergencyStop({ clock: clock.now, instances: [] });
  const first = stop.stop('session-1', 'smoke');
  clock.advance(10);
  const second = stop.stop('session-2', 'more smoke');
  assert.equal(second.alreadyStopped, true);
  assert.deepEqual(second.state, first.state);
  for (const wrong of ['release', 'RELEASE ', 'yes', ''])
    assert.throws(() => stop.release('operator', wrong), /not released; the confirmation must be exactly RELEASE/);
  assert.throws(() => stop.release(' ', 'RELEASE'), /needs the name of the operator/);
  assert.deepEqual(stop.state, first.state);
  assert.deepEqual(stop.release('operator', 'RELEASE'), first.state);
  assert.equal(stop.release('operator', 'RELEASE'), undefined);
});

test('an actuator whose datasheet cannot reach its safe state is refused before it can move', () => {
  const stuck: ActuatorSpec = { ...LOCK, name: 'STUCK', commands: { unlock: { description: 'Unlock.', sets: 0 }, status: { description: 'Read.' } } };
  assert.throws(() => new EmergencyStop({ instances: [{ actuator: stuck, place: 'hall' }] }), /actuator STUCK: no command reaches its safe state 1/);
});

test("a scope's stop holds that scope only, the fleet stop every scope, and each is released apart", () => {
  const clock = fakeClock();
  const stop = new EmergencyStop({ clock: clock.now, instances: [{ actuator: VALVE, place: 'kitchen' }], maxStoppedScopes: 2 });
  const heard: (string | undefined)[] = [];
  stop.onStop((scope) => heard.push(scope));
  const trial = stop.stop('session-1', 'leak', 'trial-1');
  assert.deepEqual(trial.state, { by: 'session-1', reason: 'leak', since: clock.now(), scope: 'trial-1' });
  assert.deepEqual(trial.actuations, [{ actuator: 'TEST-VALVE', place: 'kitchen', command: 'close' }]);
  assert.equal(stop.stateFor('trial-2'), undefined);
  assert.equal(stop.state, undefined);
  stop.stop('operator', 'fire');
  assert.equal(stop.stateFor('trial-2')?.by, 'operator');
  assert.equal(stop.release('operator', 'RELEASE')?.reason, 'fire');
  assert.equal(stop.stateFor('trial-1')?.reason, 'leak');
  stop.endScope('trial-1');
  assert.equal(stop.stateFor('trial-1'), undefined);
  // Past the bound, a new scope's stop stops the fleet: never less safe, and memory stays bounded.
  stop.stop('a', 'x', 's1');
  stop.stop('b', 'x', 's2');
  assert.equal(stop.stop('c', 'x', 's3').state.scope, undefined);
  assert.match(stop.stateFor('s9')?.reason ?? '', /more than 2 scopes stopped at once: the fleet is stopped instead/);
  assert.deepEqual(heard, ['trial-1', undefined, 's1', 's2', undefined]);
});
