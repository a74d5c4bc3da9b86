import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GateDecision, GateRule, Refused } from './gate-decision.js';
import { ALARM, FAN, gateForTest, INSTANCES, LOCK, move, request, VALVE } from './gate-fixtures.test-helper.js';
import { DEFAULT_SAFETY_POLICY, type SafetyPolicy } from './policy.js';

function refused(decision: GateDecision, rule: GateRule): Refused {
  assert.equal(decision.outcome, 'refused', `expected ${rule}, got ${JSON.stringify(decision)}`);
  assert.equal((decision as Refused).rule, rule, decision.outcome === 'refused' ? decision.message : '');
  return decision as Refused;
}

function allowed(decision: GateDecision): void {
  assert.equal(decision.outcome, 'allowed', decision.outcome === 'refused' ? `${decision.rule}: ${decision.message}` : '');
}

function policyWith(name: string, entry: Partial<SafetyPolicy['everyActuator']>): SafetyPolicy {
  return { ...DEFAULT_SAFETY_POLICY, byActuator: new Map([[name, { confirm: [], deny: [], ...entry }]]) };
}

test('status only reads, so it is allowed whatever the value, the rate or an emergency stop', () => {
  const { gate, clock } = gateForTest();
  const decision = gate.decide(request(FAN, 'status'));
  assert.deepEqual(decision, {
    outcome: 'allowed',
    at: clock.now(),
    worldTime: false,
    command: 'status',
    readOnly: true,
    toSafeState: false,
    scope: 'trial-1',
    actuator: FAN,
    place: 'living-room',
  });
  allowed(move(gate, request(FAN, 'set', 50)));
  allowed(move(gate, request(FAN, 'status')));
  gate.emergencyStop('session-1', 'trial-1', 'smoke in the kitchen');
  allowed(move(gate, request(VALVE, 'status')));
});

test('an unknown command is refused with the commands the actuator has, prototype names included', () => {
  const { gate } = gateForTest();
  for (const name of ['spin', 'constructor', '__proto__', 'toString', 'SET']) {
    const decision = refused(gate.decide(request(FAN, name, 50)), 'unknown-command');
    assert.deepEqual(decision.rule === 'unknown-command' && decision.commands, ['set', 'off', 'status']);
    assert.match(decision.message, /TEST-FAN has no command `.+`; its commands are `set`, `off`, `status`/);
  }
});

test('range ends are allowed; a value past either end is refused with the range and unit, never clamped', () => {
  const { gate, clock } = gateForTest();
  for (const value of [0, 100]) {
    clock.advance(60_000);
    allowed(move(gate, request(FAN, 'set', value, { place: `room-${value}` })));
  }
  for (const value of [-1, 101, -0.001, 100.5]) {
    const decision = refused(gate.decide(request(FAN, 'set', value, { place: 'study' })), 'out-of-range');
    assert.ok(decision.rule === 'out-of-range');
    assert.deepEqual(decision.accepts, [0, 100]);
    assert.equal(decision.unit, '%');
    assert.match(decision.message, /give TEST-FAN's speed_pct a whole number from 0 to 100 % \(both ends included\)/);
    assert.match(decision.message, /never clamps/);
  }
});

test('NaN, infinities, a missing value and anything not a number are refused, and nothing is converted', () => {
  const { gate } = gateForTest();
  for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '50', null, true, {}, [50]]) {
    const decision = refused(gate.decide(request(FAN, 'set', value)), 'out-of-range');
    assert.match(decision.message, /is not a finite number: give TEST-FAN's speed_pct a whole number from 0 to 100 %/);
  }
  const missing = refused(gate.decide(request(FAN, 'set')), 'out-of-range');
  assert.match(missing.message, /`set` needs a value: give .* from 0 to 100 %/);
});

test('a fraction on a whole-number level is refused as not an integer; a fractional level takes it', () => {
  const { gate } = gateForTest();
  const decision = refused(gate.decide(request(FAN, 'set', 50.5)), 'not-integer');
  assert.match(decision.message, /50\.5 is not a whole number: give TEST-FAN's speed_pct a whole number from 0 to 100 %/);
  // The valve's level is fractional; 0.5 % open is in the hazard direction, so the gate asks, but not about the value.
  refused(gate.decide(request(VALVE, 'set', 0.5)), 'confirmation-required');
});

test('a command that sets a fixed value takes that value or none, and names the command that takes others', () => {
  const { gate, clock } = gateForTest();
  allowed(move(gate, request(FAN, 'off')));
  clock.advance(1000);
  allowed(move(gate, request(FAN, 'off', 0)));
  const decision = refused(gate.decide(request(FAN, 'off', 30)), 'out-of-range');
  assert.match(decision.message, /`off` always sets TEST-FAN's speed_pct to 0 % .*leave value out, or use `set` with a whole number from 0 to 100 %/);
});

test('the rate limit counts from the last allowed move of each instance and says when to try again', () => {
  const { gate, clock } = gateForTest();
  allowed(move(gate, request(FAN, 'set', 50)));
  clock.advance(400);
  const early = refused(gate.decide(request(FAN, 'set', 60, { place: 'Living Room', mcu: 'board-7' })), 'rate-limited');
  assert.ok(early.rule === 'rate-limited');
  assert.equal(early.waitMs, 600);
  assert.equal(early.retryAt, clock.now() + 600);
  assert.match(early.message, /at most once every 1000 ms \(its datasheet\), and moved 400 ms ago\. Try again in 600 ms, at .+ or later/);
  // A fan in another room is another instance.
  allowed(move(gate, request(FAN, 'set', 60, { place: 'kitchen' })));
  // A refused call does not restart the wait; the end of the interval is included.
  clock.advance(600);
  allowed(move(gate, request(FAN, 'set', 60)));
  clock.advance(999);
  refused(gate.decide(request(FAN, 'set', 70)), 'rate-limited');
  // A read does not count as a move.
  allowed(move(gate, request(FAN, 'status', undefined, { place: 'hall' })));
  allowed(move(gate, request(FAN, 'set', 10, { place: 'hall' })));
});

test("the stricter of the datasheet's and the policy's interval holds", () => {
  const { gate, clock } = gateForTest({ policy: policyWith('testfan', { minIntervalMs: 3000 }) });
  allowed(move(gate, request(FAN, 'set', 50)));
  clock.advance(2000);
  const decision = refused(gate.decide(request(FAN, 'set', 60)), 'rate-limited');
  assert.match(decision.message, /once every 3000 ms \(the operator's policy; the datasheet asks 1000 ms\)/);
  clock.advance(1000);
  allowed(move(gate, request(FAN, 'set', 60)));
  const floor = gateForTest({ policy: { ...DEFAULT_SAFETY_POLICY, everyActuator: { minIntervalMs: 10, confirm: [], deny: [] } } });
  allowed(move(floor.gate, request(FAN, 'set', 50)));
  floor.clock.advance(500);
  refused(floor.gate.decide(request(FAN, 'set', 60)), 'rate-limited');
});

test('moving to the safe state skips confirmation, rate limit, denials and an emergency stop, but not the range check', () => {
  const denyAll = policyWith('testvalve', { deny: [{ reason: 'hands off the main valve', origin: 'test' }] });
  const { gate, clock } = gateForTest({ policy: denyAll });
  refused(gate.decide(request(VALVE, 'set', 10)), 'denied-by-policy');
  for (const call of [request(VALVE, 'close'), request(VALVE, 'set', 0), request(VALVE, 'close')]) {
    const decision = gate.decide(call);
    allowed(decision);
    assert.equal(decision.outcome === 'allowed' && decision.toSafeState, true);
  }
  // Locking is the lock's safe state: no confirmation, however often; unlocking needs one.
  allowed(move(gate, request(LOCK, 'lock')));
  allowed(move(gate, request(LOCK, 'lock')));
  refused(gate.decide(request(LOCK, 'unlock')), 'confirmation-required');
  // A safe move still counts as a move for the next unsafe one.
  allowed(move(gate, request(FAN, 'off')));
  refused(gate.decide(request(FAN, 'set', 40)), 'rate-limited');
  gate.emergencyStop('session-2', 'trial-1', 'water on the floor');
  allowed(move(gate, request(VALVE, 'close')));
  allowed(move(gate, request(FAN, 'set', 0)));
  refused(gate.decide(request(FAN, 'set', -1)), 'emergency-stopped');
  refused(gate.decide(request(FAN, 'off', 5)), 'emergency-stopped');
  clock.advance(60_000);
  refused(gate.decide(request(FAN, 'set', 40)), 'emergency-stopped');
});

test('a policy denial names its reason, its origin and what is still accepted', () => {
  const policy = policyWith('testfan', { deny: [{ when: { gte: 90 }, reason: 'the fan rattles loose above 90 %', origin: 'safety.yaml line 4' }] });
  const { gate } = gateForTest({ policy });
  const decision = refused(gate.decide(request(FAN, 'set', 90)), 'denied-by-policy');
  assert.ok(decision.rule === 'denied-by-policy');
  assert.equal(decision.reason, 'the fan rattles loose above 90 %');
  assert.equal(decision.origin, 'safety.yaml line 4');
  assert.match(decision.message, /does not allow `set` on TEST-FAN in living-room, setting speed_pct to 90 %: the fan rattles loose above 90 %\. Do not retry/);
  assert.match(decision.message, /Moves the policy does not forbid, and moving TEST-FAN to its safe state \(`off`, speed_pct 0 %\), are accepted/);
  allowed(move(gate, request(FAN, 'set', 89)));
});

test('the default policy asks for confirmation in the hazard direction only, and denies nothing', () => {
  const { gate, clock } = gateForTest();
  const decision = refused(gate.decide(request(VALVE, 'open')), 'confirmation-required');
  assert.ok(decision.rule === 'confirmation-required');
  assert.deepEqual(decision.reasons, ["raising TEST-VALVE's open_pct above its safe state (0 %) can make the home less safe"]);
  assert.equal(decision.confirmation.expiresAt, clock.now() + 5 * 60_000);
  assert.match(
    decision.confirmation.tellUser,
    /I am about to run `open` on TEST-VALVE in living-room, setting open_pct to 100 %\. This needs your confirmation because raising/,
  );
  // The code goes to the user by another channel; the model is told to ask, and never sees it.
  assert.ok(!decision.message.includes(decision.confirmation.code));
  assert.match(
    decision.message,
    new RegExp(
      `Ask the user to confirm it.*only if the user confirms and gives you the code, call again with the same arguments and that confirmationCode before ${new Date(decision.confirmation.expiresAt).toISOString()}`,
    ),
  );
  allowed(move(gate, request(FAN, 'set', 100)));
});

test('policy confirmation rules match on the value and on the command', () => {
  const policy = policyWith('testfan', {
    confirm: [
      { when: { gt: 80 }, reason: 'full speed blows papers around', origin: 'test' },
      { when: { command: ['off'] }, reason: 'never matters: off is the safe state', origin: 'test' },
    ],
  });
  const { gate, clock } = gateForTest({ policy });
  allowed(move(gate, request(FAN, 'set', 80)));
  clock.advance(1000);
  const decision = refused(gate.decide(request(FAN, 'set', 81)), 'confirmation-required');
  assert.ok(decision.rule === 'confirmation-required');
  assert.deepEqual(decision.reasons, ['full speed blows papers around']);
  allowed(move(gate, request(FAN, 'off')));
});

test('a confirmation code allows exactly its call once, from its caller, before it expires', () => {
  const { gate, clock } = gateForTest();
  const ask = request(VALVE, 'set', 80, { place: 'kitchen', mcu: 'board-2' });
  const first = refused(gate.decide(ask), 'confirmation-required');
  assert.ok(first.rule === 'confirmation-required');
  const again = refused(gate.decide(ask), 'confirmation-required');
  assert.ok(again.rule === 'confirmation-required');
  assert.notEqual(first.confirmation.code, again.confirmation.code, 'a code never follows from the request');
  assert.match(first.confirmation.code, /^[A-Za-z0-9_-]{22}$/);

  const otherValue = refused(gate.decide({ ...ask, value: 100, confirmationCode: first.confirmation.code }), 'confirmation-invalid');
  assert.ok(otherValue.rule === 'confirmation-invalid');
  assert.equal(otherValue.problem, 'other-arguments');
  assert.match(otherValue.message, /confirms `set` on TEST-VALVE in kitchen \(board board-2\), setting open_pct to 80 %, and only that/);
  for (const other of [{ place: 'garage' }, { mcu: 'board-3' }, { command: 'open', value: undefined }]) {
    const decision = refused(gate.decide({ ...ask, ...other, confirmationCode: first.confirmation.code }), 'confirmation-invalid');
    assert.ok(decision.rule === 'confirmation-invalid' && decision.problem === 'other-arguments');
  }
  const thief = refused(gate.decide({ ...ask, caller: 'session-9', confirmationCode: first.confirmation.code }), 'confirmation-invalid');
  assert.ok(thief.rule === 'confirmation-invalid');
  assert.equal(thief.problem, 'other-caller');
  assert.doesNotMatch(thief.message.replace(first.confirmation.code, ''), /kitchen|80|expire/);
  assert.match(thief.message, /Call again without confirmationCode to get a new code, and ask the user again/);
  const wrong = refused(gate.decide({ ...ask, confirmationCode: 'not-a-code' }), 'confirmation-invalid');
  assert.ok(wrong.rule === 'confirmation-invalid' && wrong.problem === 'unknown');

  // Other spellings of the same place and board are the same call.
  const used = gate.decide({ ...ask, place: 'Kitchen', mcu: 'BOARD_2', confirmationCode: first.confirmation.code });
  allowed(used);
  assert.equal(used.outcome === 'allowed' && used.confirmedWith, first.confirmation.code);
  clock.advance(60_000);
  const reused = refused(gate.decide({ ...ask, confirmationCode: first.confirmation.code }), 'confirmation-invalid');
  assert.match(reused.message, /not one outstanding for you \(wrong, already used, or replaced by newer codes\)/);

  clock.advance(5 * 60_000 - 60_000 - 1);
  allowed(move(gate, { ...ask, confirmationCode: again.confirmation.code }));
  const late = refused(gate.decide({ ...ask, value: 70 }), 'confirmation-required');
  assert.ok(late.rule === 'confirmation-required');
  clock.advance(5 * 60_000);
  const expired = refused(gate.decide({ ...ask, value: 70, confirmationCode: late.confirmation.code }), 'confirmation-invalid');
  assert.ok(expired.rule === 'confirmation-invalid' && expired.problem === 'expired');
  assert.match(expired.message, /expired at .*Call again without confirmationCode/);
});

test('a confirmed call held back by the rate limit keeps its code for the retry', () => {
  const { gate, clock } = gateForTest();
  allowed(move(gate, request(VALVE, 'close')));
  const asked = refused(gate.decide(request(VALVE, 'set', 40)), 'confirmation-required');
  assert.ok(asked.rule === 'confirmation-required');
  const confirmed = request(VALVE, 'set', 40, { confirmationCode: asked.confirmation.code });
  const early = refused(gate.decide(confirmed), 'rate-limited');
  assert.match(early.message, /with the same confirmationCode \(it is not spent\)/);
  clock.advance(5000);
  allowed(move(gate, confirmed));
  refused(gate.decide(confirmed), 'confirmation-invalid');
});

test('a caller holds a bounded number of codes: the oldest go first, and other callers keep theirs', () => {
  const { gate, clock } = gateForTest({ maxCodesPerCaller: 3 });
  const codeFor = (caller: string, value: number, place = 'living-room'): string => {
    const decision = refused(gate.decide(request(VALVE, 'set', value, { caller, place })), 'confirmation-required');
    return decision.rule === 'confirmation-required' ? decision.confirmation.code : '';
  };
  const other = codeFor('session-2', 5, 'hall');
  const codes = [1, 2, 3, 4, 5].map((value) => codeFor('session-1', value));
  for (const [index, value] of [
    [0, 1],
    [1, 2],
  ] as const) {
    const decision = refused(gate.decide(request(VALVE, 'set', value, { confirmationCode: codes[index]! })), 'confirmation-invalid');
    assert.ok(decision.rule === 'confirmation-invalid' && decision.problem === 'unknown');
  }
  allowed(move(gate, request(VALVE, 'set', 3, { confirmationCode: codes[2]! })));
  allowed(move(gate, request(VALVE, 'set', 5, { caller: 'session-2', place: 'hall', confirmationCode: other })));
  clock.advance(5000);
  refused(gate.decide(request(VALVE, 'set', 5, { caller: 'session-2', place: 'hall', confirmationCode: other })), 'confirmation-invalid');
});

test('an emergency stop refuses every move but status and the safe state until the operator releases it', () => {
  const { gate, stop, clock } = gateForTest({
    instances: [
      { actuator: LOCK, place: 'hall', mcu: 'door-board' },
      { actuator: FAN, place: 'bedroom' },
      { actuator: FAN, place: 'living-room' },
      { actuator: VALVE, place: 'living-room' },
      { actuator: LOCK, place: 'living-room' },
    ],
  });
  allowed(move(gate, request(FAN, 'set', 50, { place: 'bedroom' })));
  const asked = refused(gate.decide(request(VALVE, 'set', 30)), 'confirmation-required');
  assert.ok(asked.rule === 'confirmation-required');

  const first = gate.emergencyStop('session-1', 'trial-1', 'smoke detected');
  assert.equal(first.alreadyStopped, false);
  assert.deepEqual(first.state, { by: 'session-1', reason: 'smoke detected', since: clock.now(), scope: 'trial-1' });
  // Every instance of the fleet, moved or not: a valve that powers on open must be closed too.
  assert.deepEqual(first.actuations, [
    { actuator: 'TEST-LOCK', place: 'hall', mcu: 'door-board', command: 'lock' },
    { actuator: 'TEST-FAN', place: 'bedroom', command: 'off' },
    { actuator: 'TEST-FAN', place: 'living-room', command: 'off' },
    { actuator: 'TEST-VALVE', place: 'living-room', command: 'close' },
    { actuator: 'TEST-LOCK', place: 'living-room', command: 'lock' },
  ]);
  const blocked = refused(gate.decide(request(FAN, 'set', 20)), 'emergency-stopped');
  assert.match(
    blocked.message,
    /Every actuator of this session is under an emergency stop since .* \(by session-1: smoke detected\)\. Until an operator releases it, only `status` and moves to the safe state \(for TEST-FAN: `off`, speed_pct 0 %\) are accepted/,
  );
  refused(gate.decide(request(LOCK, 'unlock')), 'emergency-stopped');
  refused(gate.decide(request(VALVE, 'set', 30, { confirmationCode: asked.confirmation.code })), 'emergency-stopped');

  clock.advance(1000);
  const second = gate.emergencyStop('session-3', 'trial-1', 'again');
  assert.equal(second.alreadyStopped, true);
  assert.deepEqual(second.state, first.state);
  assert.equal(second.actuations.length, 5);

  assert.throws(() => stop.release('operator', 'release', 'trial-1'), /not released; the confirmation must be exactly RELEASE/);
  assert.throws(() => stop.release('operator', 'yes', 'trial-1'), /exactly RELEASE/);
  refused(gate.decide(request(FAN, 'set', 20)), 'emergency-stopped');
  assert.deepEqual(stop.release('operator', 'RELEASE', 'trial-1'), first.state);
  assert.equal(stop.stateFor('trial-1'), undefined);
  clock.advance(5000);
  allowed(move(gate, request(FAN, 'set', 20)));
  // The user confirmed before the emergency; that confirmation does not outlive it.
  const voided = refused(gate.decide(request(VALVE, 'set', 30, { confirmationCode: asked.confirmation.code })), 'confirmation-invalid');
  assert.ok(voided.rule === 'confirmation-invalid' && voided.problem === 'unknown');
});

test('the gate offers callers no way to release a stop, stop the fleet or change the policy', () => {
  const { gate } = gateForTest();
  const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(gate)).filter((name) => name !== 'constructor');
  // `record` and `endScope` are the server's: a move done, a trial over.
  assert.deepEqual(methods.sort(), ['decide', 'emergencyStop', 'endScope', 'record']);
  assert.deepEqual(Object.keys(gate), []);
});

test('silencing an alarm whose safe state is silent needs confirmation, and policy rules on it apply', () => {
  const policy = policyWith('testalarm', { deny: [{ when: { command: ['off'] }, reason: 'the alarm is silenced at the panel only', origin: 'test' }] });
  const instances = [...INSTANCES, { actuator: ALARM, place: 'hall' }];
  const { gate, clock } = gateForTest({ instances });
  allowed(move(gate, request(ALARM, 'on', undefined, { place: 'hall' })));
  const asked = refused(gate.decide(request(ALARM, 'off', undefined, { place: 'hall' })), 'confirmation-required');
  assert.ok(asked.rule === 'confirmation-required');
  assert.deepEqual(asked.reasons, ["lowering TEST-ALARM's on below its far end (1; its safe state 0 is in that direction too) can make the home less safe"]);
  // A stop does not let the silencing through unconfirmed; the confirmed move is still a move to the safe state.
  gate.emergencyStop('session-1', 'trial-1', 'smoke');
  const again = refused(gate.decide(request(ALARM, 'off', undefined, { place: 'hall' })), 'confirmation-required');
  assert.ok(again.rule === 'confirmation-required');
  clock.advance(1);
  const done = gate.decide(request(ALARM, 'off', undefined, { place: 'hall', confirmationCode: again.confirmation.code }));
  allowed(done);
  assert.equal(done.outcome === 'allowed' && done.toSafeState, true);
  const denied = gateForTest({ instances, policy });
  refused(denied.gate.decide(request(ALARM, 'off', undefined, { place: 'hall' })), 'denied-by-policy');
  refused(denied.gate.decide(request(ALARM, 'on', 0, { place: 'hall' })), 'out-of-range');
});

test('a rule on a command covers every move to the value it sets, by any command', () => {
  const policy = policyWith('testvalve', { deny: [{ when: { command: ['open'] }, reason: 'never wide open', origin: 'test' }] });
  const { gate } = gateForTest({ policy });
  refused(gate.decide(request(VALVE, 'open')), 'denied-by-policy');
  const spelled = refused(gate.decide(request(VALVE, 'set', 100)), 'denied-by-policy');
  assert.match(spelled.message, /does not allow `set` on TEST-VALVE in living-room, setting open_pct to 100 %: never wide open/);
  refused(gate.decide(request(VALVE, 'set', 99)), 'confirmation-required');
  // A rule on a command that takes a value covers every value in range but the exempt safe state.
  const valued = gateForTest({ policy: policyWith('testvalve', { deny: [{ when: { command: ['set'] }, reason: 'by hand only', origin: 'test' }] }) });
  refused(valued.gate.decide(request(VALVE, 'open')), 'denied-by-policy');
  allowed(move(valued.gate, request(VALVE, 'close')));
});

test('only instances of the fleet are moved, and only moves reported done count', () => {
  const { gate, stop, clock } = gateForTest();
  for (let i = 0; i < 10_000; i += 1) refused(gate.decide(request(FAN, 'set', 10, { place: `invented-${i}` })), 'unknown-instance');
  const board = refused(gate.decide(request(FAN, 'status', undefined, { place: 'kitchen', mcu: 'board-99' })), 'unknown-instance');
  assert.match(board.message, /There is no TEST-FAN in kitchen on board board-99 in this home/);
  // Allowed but never carried out (the datapool failed): the next move is not held back.
  allowed(gate.decide(request(FAN, 'set', 10)));
  allowed(move(gate, request(FAN, 'set', 20)));
  refused(gate.decide(request(FAN, 'set', 30)), 'rate-limited');
  // A report of a move the gate never allowed for an instance the fleet lacks changes nothing.
  gate.record({
    outcome: 'allowed',
    at: clock.now(),
    worldTime: false,
    command: 'set',
    value: 1,
    readOnly: false,
    toSafeState: false,
    scope: 'x',
    actuator: FAN,
    place: 'nowhere',
  });
  assert.equal(stop.stop('operator', 'check').actuations.length, INSTANCES.length);
});

test('scopes have their own rate limit, stop and codes; the operator stop holds every scope', () => {
  const { gate, stop } = gateForTest();
  const other = { scope: 'trial-2', caller: 'session-2' };
  allowed(move(gate, request(FAN, 'set', 50)));
  allowed(move(gate, request(FAN, 'set', 50, other)));
  refused(gate.decide(request(FAN, 'set', 60)), 'rate-limited');
  const asked = refused(gate.decide(request(VALVE, 'set', 30, { place: 'hall' })), 'confirmation-required');
  assert.ok(asked.rule === 'confirmation-required');
  const code = asked.confirmation.code;
  const stolen = refused(
    gate.decide(request(VALVE, 'set', 30, { place: 'hall', caller: 'session-1', scope: 'trial-2', confirmationCode: code })),
    'confirmation-invalid',
  );
  assert.ok(stolen.rule === 'confirmation-invalid' && stolen.problem === 'other-arguments');

  gate.emergencyStop('session-1', 'trial-1', 'smoke');
  refused(gate.decide(request(FAN, 'set', 60, { place: 'kitchen' })), 'emergency-stopped');
  allowed(move(gate, request(FAN, 'set', 60, { ...other, place: 'kitchen' })));
  assert.throws(() => stop.release('operator', 'yes', 'trial-1'), /exactly RELEASE/);

  stop.stop('operator', 'gas leak');
  const fleet = refused(gate.decide(request(FAN, 'set', 60, { ...other, place: 'hall' })), 'emergency-stopped');
  assert.match(fleet.message, /^Every actuator is under an emergency stop .* \(by operator: gas leak\)/);
  stop.release('operator', 'RELEASE');
  allowed(move(gate, request(FAN, 'set', 60, { ...other, place: 'hall' })));
  refused(gate.decide(request(FAN, 'set', 60, { place: 'hall' })), 'emergency-stopped');
  // The trial is over: its stop, its moves and its codes go with it.
  gate.endScope('trial-1');
  assert.equal(stop.stateFor('trial-1'), undefined);
  allowed(move(gate, request(FAN, 'set', 60, { place: 'hall' })));
});

test('a stop made on the EmergencyStop itself voids the codes of the scopes it reaches', () => {
  const { gate, stop } = gateForTest();
  const codeFor = (scope: string): string => {
    const decision = refused(gate.decide(request(VALVE, 'set', 30, { scope })), 'confirmation-required');
    return decision.rule === 'confirmation-required' ? decision.confirmation.code : '';
  };
  const first = codeFor('trial-1');
  const second = codeFor('trial-2');
  stop.stop('operator', 'water', 'trial-1');
  stop.release('operator', 'RELEASE', 'trial-1');
  const voided = refused(gate.decide(request(VALVE, 'set', 30, { confirmationCode: first })), 'confirmation-invalid');
  assert.ok(voided.rule === 'confirmation-invalid' && voided.problem === 'unknown');
  stop.stop('operator', 'water');
  stop.release('operator', 'RELEASE');
  refused(gate.decide(request(VALVE, 'set', 30, { scope: 'trial-2', confirmationCode: second })), 'confirmation-invalid');
});

test('the scopes tracked at once are bounded: a move of a new scope forgets the least recently moved one, never live', () => {
  const { gate, clock } = gateForTest({ maxScopes: 2 });
  allowed(move(gate, request(FAN, 'set', 50, { scope: 'live' })));
  allowed(move(gate, request(FAN, 'set', 50, { scope: 'trial:a' })));
  clock.advance(10);
  // live moved before trial:a, yet trial:a is the one forgotten: live is the physical fleet.
  allowed(move(gate, request(FAN, 'set', 50, { scope: 'trial:b' })));
  refused(gate.decide(request(FAN, 'set', 60, { scope: 'live' })), 'rate-limited');
  refused(gate.decide(request(FAN, 'set', 60, { scope: 'trial:b' })), 'rate-limited');
  allowed(gate.decide(request(FAN, 'set', 60, { scope: 'trial:a' })));
  // A move of a tracked scope makes it the most recently moved: trial:b goes next, not the one that just moved.
  clock.advance(1000);
  allowed(move(gate, request(FAN, 'set', 70, { scope: 'live' })));
  allowed(move(gate, request(FAN, 'set', 50, { scope: 'trial:c' })));
  refused(gate.decide(request(FAN, 'set', 60, { scope: 'live' })), 'rate-limited');
  refused(gate.decide(request(FAN, 'set', 60, { scope: 'trial:c' })), 'rate-limited');
  allowed(gate.decide(request(FAN, 'set', 60, { scope: 'trial:b' })));
});

test('a forgotten scope keeps its emergency stop; only live held and one scope allowed refuses a new scope', () => {
  const { gate } = gateForTest({ maxScopes: 2 });
  allowed(move(gate, request(FAN, 'set', 50, { scope: 'trial:a' })));
  gate.emergencyStop('session-1', 'trial:a', 'smoke');
  allowed(move(gate, request(FAN, 'set', 50, { scope: 'trial:b' })));
  allowed(move(gate, request(FAN, 'set', 50, { scope: 'trial:c' })));
  refused(gate.decide(request(FAN, 'set', 60, { scope: 'trial:a' })), 'emergency-stopped');

  const single = gateForTest({ maxScopes: 1 }).gate;
  allowed(move(single, request(FAN, 'set', 50, { scope: 'live' })));
  const full = refused(single.decide(request(FAN, 'set', 50, { scope: 'trial:x' })), 'too-many-scopes');
  assert.match(full.message, /tracking as many sessions as it may \(1\)/);
  allowed(move(single, request(FAN, 'off', undefined, { scope: 'trial:x' })));
  single.endScope('live');
  allowed(move(single, request(FAN, 'set', 50, { scope: 'trial:x' })));
});

/** A trial's world time: a day far from the gate's (fake) wall clock, so a message on the wrong clock shows. */
const WORLD_T0 = Date.UTC(2031, 2, 4, 9);

test("a trial's moves are judged on its world time, whatever the wall clock does", () => {
  const { gate, clock } = gateForTest({ policy: policyWith('testfan', { minIntervalMs: 2000 }) });
  const at = (worldTimeMs: number, value = 50) => request(FAN, 'set', value, { worldTimeMs });
  const first = move(gate, at(WORLD_T0));
  allowed(first);
  assert.deepEqual([first.at, first.worldTime], [WORLD_T0, true]);

  // One world second later, within the same wall millisecond: held back, and told so in world time.
  const early = refused(gate.decide(at(WORLD_T0 + 1000, 60)), 'rate-limited');
  assert.ok(early.rule === 'rate-limited');
  assert.deepEqual([early.at, early.worldTime, early.waitMs, early.retryAt], [WORLD_T0 + 1000, true, 1000, WORLD_T0 + 2000]);
  assert.match(
    early.message,
    new RegExp(
      `once every 2000 ms of world time .*and moved 1000 ms ago\\. Try again in 1000 ms, at ${new Date(WORLD_T0 + 2000).toISOString()} world time or later`,
    ),
  );
  // Ten world minutes later (a `wait`), still within the same wall millisecond: allowed.
  allowed(move(gate, at(WORLD_T0 + 600_000, 70)));
  // Wall time passing frees no trial: only its world's time does.
  clock.advance(60 * 60_000);
  const stillEarly = refused(gate.decide(at(WORLD_T0 + 601_999)), 'rate-limited');
  assert.ok(stillEarly.rule === 'rate-limited' && stillEarly.waitMs === 1);
  allowed(move(gate, at(WORLD_T0 + 602_000)));
  // The same moves live run on the wall clock, as before: the trial's world time did not touch live's limit.
  allowed(move(gate, request(FAN, 'set', 50, { scope: 'live' })));
  refused(gate.decide(request(FAN, 'set', 60, { scope: 'live' })), 'rate-limited');
});

test('a world time that goes back is judged as no time passed: the wait is the interval, never negative or huge', () => {
  const { gate } = gateForTest({ policy: policyWith('testfan', { minIntervalMs: 2000 }) });
  allowed(move(gate, request(FAN, 'set', 50, { worldTimeMs: WORLD_T0 + 600_000 })));
  for (const back of [WORLD_T0 + 599_999, WORLD_T0, 0, -1e12]) {
    const decision = refused(gate.decide(request(FAN, 'set', 60, { worldTimeMs: back })), 'rate-limited');
    assert.ok(decision.rule === 'rate-limited');
    assert.equal(decision.waitMs, 2000, `at ${back}`);
    assert.equal(decision.retryAt, WORLD_T0 + 602_000, 'it may move an interval after the move it made, not before');
    assert.match(decision.message, new RegExp(`moved 0 ms ago \\(at ${new Date(WORLD_T0 + 600_000).toISOString()}, after this call's time, `));
  }
  // A safe move dated earlier is done, but does not make the gate forget the later move.
  allowed(move(gate, request(FAN, 'off', undefined, { worldTimeMs: WORLD_T0 })));
  refused(gate.decide(request(FAN, 'set', 60, { worldTimeMs: WORLD_T0 + 601_000 })), 'rate-limited');
  allowed(move(gate, request(FAN, 'set', 60, { worldTimeMs: WORLD_T0 + 602_000 })));
  // A time no date can hold is the server's bug, not a move to judge.
  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 1e20]) {
    assert.throws(() => gate.decide(request(FAN, 'set', 60, { worldTimeMs: bad })), /worldTimeMs must be a time in ms since the epoch/);
  }
});

test('a live move counts from when it is reported done, on the wall clock, as before', () => {
  const { gate, clock } = gateForTest({ policy: policyWith('testfan', { minIntervalMs: 2000 }) });
  const decision = gate.decide(request(FAN, 'set', 50, { scope: 'live' }));
  allowed(decision);
  assert.deepEqual(decision.outcome === 'allowed' && [decision.at, decision.worldTime], [clock.now(), false]);
  // The datapool took half a second to carry it out.
  clock.advance(500);
  if (decision.outcome === 'allowed') gate.record(decision);
  clock.advance(1600);
  const early = refused(gate.decide(request(FAN, 'set', 60, { scope: 'live' })), 'rate-limited');
  assert.ok(early.rule === 'rate-limited' && early.waitMs === 400 && !early.worldTime);
  assert.doesNotMatch(early.message, /world time/);
  clock.advance(400);
  allowed(move(gate, request(FAN, 'set', 60, { scope: 'live' })));
});

test("confirmation codes expire on the wall clock in a trial too, and a trial's message gives their life, not a wall date", () => {
  const { gate, clock } = gateForTest();
  const ask = request(VALVE, 'set', 40, { worldTimeMs: WORLD_T0 });
  const asked = refused(gate.decide(ask), 'confirmation-required');
  assert.ok(asked.rule === 'confirmation-required');
  assert.equal(asked.confirmation.expiresAt, clock.now() + 5 * 60_000);
  assert.match(asked.message, /that confirmationCode within 300 s of real time \(the code is the user's, and runs on their clock, not the world's\)/);
  assert.ok(!asked.message.includes(new Date(asked.confirmation.expiresAt).toISOString()));
  // An hour of world time (a long `wait`) does not expire it; five wall minutes do.
  allowed(move(gate, { ...ask, worldTimeMs: WORLD_T0 + 3_600_000, confirmationCode: asked.confirmation.code }));
  const again = refused(gate.decide({ ...ask, value: 30, worldTimeMs: WORLD_T0 + 3_600_000 }), 'confirmation-required');
  assert.ok(again.rule === 'confirmation-required');
  clock.advance(5 * 60_000);
  const expired = refused(
    gate.decide({ ...ask, value: 30, worldTimeMs: WORLD_T0 + 3_600_000, confirmationCode: again.confirmation.code }),
    'confirmation-invalid',
  );
  assert.ok(expired.rule === 'confirmation-invalid' && expired.problem === 'expired');
});

test("a trial's stop is dated by its world time; the operator's fleet stop by the wall clock", () => {
  const { gate, stop, clock } = gateForTest();
  const trial = gate.emergencyStop('session-1', 'trial-1', 'smoke', WORLD_T0 + 42_000);
  assert.equal(trial.state.since, WORLD_T0 + 42_000);
  const blocked = refused(gate.decide(request(FAN, 'set', 20, { worldTimeMs: WORLD_T0 + 50_000 })), 'emergency-stopped');
  assert.match(blocked.message, new RegExp(`under an emergency stop since ${new Date(WORLD_T0 + 42_000).toISOString()} `));
  // A stop never fails for a bad time: the stop's clock dates it instead.
  assert.equal(gate.emergencyStop('session-2', 'trial-2', 'smoke', Number.NaN).state.since, clock.now());
  assert.equal(stop.stop('operator', 'gas', undefined, WORLD_T0).state.since, clock.now());
});
