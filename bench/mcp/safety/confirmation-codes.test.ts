import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ConfirmationBinding, ConfirmationCodes } from './confirmation-codes.js';
import { fakeClock } from './gate-fixtures.test-helper.js';

const binding = (caller: string, value = 50): ConfirmationBinding => ({
  caller,
  scope: 'trial-1',
  actuator: 'testvalve',
  place: 'kitchen',
  mcu: '',
  command: 'set',
  value,
});

test('codes are random, one-time and bound to their caller and arguments', () => {
  const clock = fakeClock();
  const codes = new ConfirmationCodes({ clock: clock.now });
  const issued = new Set(Array.from({ length: 50 }, () => codes.issue(binding(`caller-${Math.random()}`), 'setting the valve').code));
  assert.equal(issued.size, 50);
  const { code, expiresAt } = codes.issue(binding('a'), 'setting the valve to 50 %');
  assert.equal(expiresAt, clock.now() + 5 * 60_000);
  assert.deepEqual(codes.check(code, binding('a', 51)), {
    valid: false,
    problem: 'other-arguments',
    message: `Confirmation code "${code}" confirms setting the valve to 50 %, and only that: the user did not confirm this call. Call again with exactly those arguments, or without confirmationCode to ask the user about this one.`,
  });
  assert.equal(codes.check(code, binding('b')).valid, false);
  assert.deepEqual(codes.check(code, binding('a')), { valid: true });
  assert.deepEqual(codes.check(code, binding('a')), { valid: true }, 'checking does not spend');
  codes.spend(code);
  assert.equal(codes.check(code, binding('a')).valid, false);
});

test('a code expires after the configured time and is dropped once found expired', () => {
  const clock = fakeClock();
  const codes = new ConfirmationCodes({ clock: clock.now, expiresAfterMs: 1000 });
  const { code } = codes.issue(binding('a'), 'x');
  clock.advance(999);
  assert.equal(codes.check(code, binding('a')).valid, true);
  clock.advance(1);
  const expired = codes.check(code, binding('a'));
  assert.equal(expired.valid === false && expired.problem, 'expired');
  assert.equal(codes.outstanding, 0);
});

test('outstanding codes are bounded per caller and overall, and expired ones are dropped as new ones come', () => {
  const clock = fakeClock();
  const codes = new ConfirmationCodes({ clock: clock.now, expiresAfterMs: 1000, maxPerCaller: 2, maxOutstanding: 3 });
  for (let i = 0; i < 1000; i += 1) codes.issue(binding('flood', i), 'x');
  assert.equal(codes.outstanding, 2);
  const first = codes.issue(binding('b'), 'x').code;
  codes.issue(binding('c'), 'x');
  assert.equal(codes.outstanding, 3);
  assert.equal(codes.check(first, binding('b')).valid, true);
  codes.issue(binding('d'), 'x');
  assert.equal(codes.outstanding, 3);
  clock.advance(1000);
  codes.issue(binding('e'), 'x');
  assert.equal(codes.outstanding, 1);
  assert.throws(() => new ConfirmationCodes({ maxPerCaller: 0 }), /maxPerCaller must be a whole number of at least 1/);
});

test('one caller running many trials keeps a quota per trial: codes of other trials never push out one still awaiting its user', () => {
  const codes = new ConfirmationCodes({ maxPerCaller: 2 });
  const inTrial = (scope: string, value = 50): ConfirmationBinding => ({ ...binding('host'), scope, value });
  const waiting = codes.issue(inTrial('trial-0'), 'x').code;
  for (let trial = 1; trial <= 20; trial += 1) codes.issue(inTrial(`trial-${trial}`), 'x');
  assert.deepEqual(codes.check(waiting, inTrial('trial-0')), { valid: true });
  // Within one trial the quota still holds: its own newer codes push out its oldest.
  codes.issue(inTrial('trial-0', 51), 'x');
  codes.issue(inTrial('trial-0', 52), 'x');
  assert.equal(codes.check(waiting, inTrial('trial-0')).valid, false);
});

test('clearing voids every code', () => {
  const codes = new ConfirmationCodes();
  const { code } = codes.issue(binding('a'), 'x');
  codes.clear();
  assert.equal(codes.outstanding, 0);
  const check = codes.check(code, binding('a'));
  assert.equal(check.valid === false && check.problem, 'unknown');
});

test("clearing a scope voids that scope's codes only", () => {
  const codes = new ConfirmationCodes();
  const mine = codes.issue(binding('a'), 'x').code;
  const theirs = codes.issue({ ...binding('a'), scope: 'trial-2' }, 'x').code;
  codes.clearScope('trial-1');
  assert.equal(codes.check(mine, binding('a')).valid, false);
  assert.equal(codes.check(theirs, { ...binding('a'), scope: 'trial-2' }).valid, true);
});
