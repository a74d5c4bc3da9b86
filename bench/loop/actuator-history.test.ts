import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_ACTUATOR_EVENTS } from '../../core/actuators/history.js';
import { ActuatorHistory } from './actuator-history.js';

const at = Date.UTC(2026, 5, 21, 15);

test("a move's event and a stop's events join the history as their four fields, in order", () => {
  const history = new ActuatorHistory();
  assert.equal(history.addFrom({ state: 1, event: { actuator: 'RELAY-FAN', place: 'bedroom', timeMs: at, value: 1, extra: 'dropped' } }), undefined);
  assert.equal(history.addFrom({ state: 50 }), undefined, 'a status read adds nothing');
  assert.equal(
    history.addFrom({
      events: [
        { actuator: 'RELAY-FAN', place: 'bedroom', timeMs: at + 1000, value: 0 },
        { actuator: 'WINDOW-SERVO', place: 'living-room', timeMs: at + 1000, value: 0 },
      ],
    }),
    undefined,
  );
  assert.deepEqual(history.events(), [
    { actuator: 'RELAY-FAN', place: 'bedroom', timeMs: at, value: 1 },
    { actuator: 'RELAY-FAN', place: 'bedroom', timeMs: at + 1000, value: 0 },
    { actuator: 'WINDOW-SERVO', place: 'living-room', timeMs: at + 1000, value: 0 },
  ]);
  const copy = history.events();
  copy[0]!.value = 0;
  assert.equal(history.events()[0]!.value, 1, 'a call carries a copy');
});

test('an event no world can take is left out, and the result says why', () => {
  const history = new ActuatorHistory();
  const why = history.addFrom({ event: { actuator: 'WINDOW-SERVO', place: 'living-room', timeMs: at, value: 150 } });
  assert.match(why ?? '', /not added: value of WINDOW-SERVO/);
  assert.equal(history.size, 0);
});

test('a trial that moved more often than a world carries keeps its first moves and is told of the rest', () => {
  const history = new ActuatorHistory();
  for (let i = 0; i < MAX_ACTUATOR_EVENTS; i++) {
    assert.equal(history.addFrom({ event: { actuator: 'BUZZER', place: 'kitchen', timeMs: at + i, value: i % 2 } }), undefined);
  }
  const why = history.addFrom({ events: [{ actuator: 'BUZZER', place: 'kitchen', timeMs: at, value: 1 }] });
  assert.match(why ?? '', new RegExp(`1 event\\(s\\) not added: .*\\(${MAX_ACTUATOR_EVENTS}\\)`));
  assert.equal(history.size, MAX_ACTUATOR_EVENTS);
});

test("a history opens with the task's start states; one no world can take is left out", () => {
  const history = new ActuatorHistory([
    { actuator: 'BUZZER', place: 'kitchen', timeMs: at - 60_000, value: 1 },
    { actuator: 'WINDOW-SERVO', place: 'living-room', timeMs: at - 60_000, value: 150 },
  ]);
  assert.deepEqual(history.events(), [{ actuator: 'BUZZER', place: 'kitchen', timeMs: at - 60_000, value: 1 }]);
  history.addFrom({ event: { actuator: 'BUZZER', place: 'kitchen', timeMs: at, value: 0 } });
  assert.deepEqual(
    history.events().map((event) => event.value),
    [1, 0],
    "the trial's moves follow its start",
  );
});
