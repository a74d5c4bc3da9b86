import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ActuatorSpec } from '../../../core/actuators/types.js';
import { EmergencyStop } from './emergency-stop.js';
import { FAN, fakeClock, LOCK, VALVE } from './gate-fixtures.test-helper.js';

test('a stop lists the safe-state command of every known instance once, each board apart', () => {
  const clock = fakeClock();
  const stop = new EmergencyStop({ clock: clock.now, instances: [{ actuator: VALVE, place: 'kitchen', mcu: 'board-1' }] });
  stop.know({ actuator: VALVE, place: 'Kitchen', mcu: 'BOARD_1' });
  stop.know({ actuator: VALVE, place: 'kitchen', mcu: 'board-2' });
  stop.know({ actuator: LOCK, place: 'hall' });
  stop.know({ actuator: { ...FAN, commands: { set: FAN.commands['set']!, status: FAN.commands['status']! } }, place: 'attic' });
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

test('stopping twice keeps the first stop; only the literal RELEASE from a named operator ends it', () => {
  const clock = fakeClock();
  const stop = new EmergencyStop({ clock: clock.now });
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
