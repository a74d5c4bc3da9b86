import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ACTUATORS, ALARM, FAN, LOCK, VALVE } from './gate-fixtures.test-helper.js';
import { DEFAULT_SAFETY_POLICY, policyFor, ruleApplies } from './policy.js';
import { loadSafetyPolicy, parseSafetyPolicy } from './policy-file.js';

const GOOD_YAML = `# the house's limits
confirmation:
  expiresAfterMs: 120000
actuators:
  "*":
    minIntervalMs: 10
    deny:
      - when: { command: [unlock] }
        reason: nobody unlocks the door through a model
  Main_Valve:
    minIntervalMs: 8000
    confirm:
      - when: { gt: 50 }
        reason: opening the main valve wide floods the kitchen
  test.fan:
    deny:
      - when: { gte: 95, command: set }
        reason: the fan rattles loose
`;

function refusedWith(text: string, file: string, ...patterns: RegExp[]): void {
  assert.throws(
    () => parseSafetyPolicy(text, file, ACTUATORS),
    (error: Error) => {
      assert.match(error.message, new RegExp(`^safety policy ${file.replace('.', '\\.')} is refused, and nothing is allowed in its place`));
      for (const pattern of patterns) assert.match(error.message, pattern);
      return true;
    },
  );
}

test('a policy file names actuators in any spelling and adds to what each datasheet asks', () => {
  const policy = parseSafetyPolicy(GOOD_YAML, 'house.yaml', ACTUATORS);
  assert.equal(policy.origin, 'house.yaml');
  assert.equal(policy.confirmationExpiresMs, 120_000);
  const valve = policyFor(policy, VALVE);
  assert.equal(valve.minIntervalMs, 8000);
  assert.deepEqual(
    valve.confirm.map((rule) => [rule.reason, rule.origin]),
    [
      ["raising TEST-VALVE's open_pct above its safe state (0 %) can make the home less safe", "TEST-VALVE's datasheet (hazard: raise)"],
      ['opening the main valve wide floods the kitchen', 'house.yaml line 13'],
    ],
  );
  assert.deepEqual(valve.deny, [{ when: { command: ['unlock'] }, reason: 'nobody unlocks the door through a model', origin: 'house.yaml line 8' }]);
  // The `*` interval is below the fan's datasheet: a floor, and the datasheet's stands.
  const fan = policyFor(policy, FAN);
  assert.equal(fan.minIntervalMs, 1000);
  assert.deepEqual(
    fan.deny.map((rule) => rule.when),
    [{ command: ['unlock'] }, { command: ['set'], gte: 95 }],
  );
});

test('the default policy asks for confirmation in the hazard direction only and denies nothing', () => {
  assert.equal(DEFAULT_SAFETY_POLICY.confirmationExpiresMs, 5 * 60_000);
  for (const spec of ACTUATORS) {
    const effective = policyFor(DEFAULT_SAFETY_POLICY, spec);
    assert.equal(effective.minIntervalMs, spec.minIntervalMs);
    assert.deepEqual(effective.deny, []);
    assert.deepEqual(
      effective.confirm.map((rule) => rule.when),
      spec.hazard === 'none' ? [] : [spec.hazard === 'raise' ? { gt: spec.safe } : { lt: spec.safe }],
    );
  }
  // A file without the hazard rules still has them.
  assert.equal(policyFor(parseSafetyPolicy('actuators: {}\n', 'empty.yaml', ACTUATORS), LOCK).confirm.length, 1);
});

test('JSON works the same, with the line of each problem', () => {
  const json = JSON.stringify({ actuators: { 'test-lock': { confirm: [{ when: { command: 'unlock' }, reason: 'the door opens to the street' }] } } }, null, 2);
  const policy = parseSafetyPolicy(json, 'house.json', ACTUATORS);
  assert.deepEqual(policyFor(policy, LOCK).confirm.at(-1), {
    when: { command: ['unlock'] },
    reason: 'the door opens to the street',
    origin: 'house.json line 5',
  });
  refusedWith(
    '{\n  "actuators": {\n    "test-fan": { "minIntervalMs": 5 }\n  }\n}\n',
    'house.json',
    /line 3, actuators\.test-fan\.minIntervalMs: 5 ms is below TEST-FAN's datasheet minimum of 1000 ms; a policy may only tighten the datasheet/,
  );
  refusedWith('{ "actuators": {}, }', 'trailing.json', /not valid JSON/);
  refusedWith('{ "actuators": {}, "actuators": {} }', 'twice.json', /not valid JSON: .*unique/s);
});

test('an unknown key is refused with its line, its path and the keys that belong there', () => {
  refusedWith(
    'actuators:\n  test-fan:\n    minInterval: 5000\n    confirm:\n      - when: { above: 3 }\n        reason: x\n',
    'typo.yaml',
    /line 3, actuators\.test-fan\.minInterval: unknown key; the keys here are minIntervalMs, confirm, deny/,
    /line 5, actuators\.test-fan\.confirm\[0\]\.when\.above: unknown key; the keys here are command, gt, gte, lt, lte, eq/,
  );
  refusedWith('actuator: {}\n', 'top.yaml', /line 1, actuator: unknown key; the keys here are confirmation, actuators/);
  refusedWith(
    'actuators:\n  test-fan:\n    deny:\n      - when: {}\n        reason: x\n',
    'empty-when.yaml',
    /line 4, actuators\.test-fan\.deny\[0\]\.when: name at least one of command/,
  );
  refusedWith(
    'actuators:\n  test-fan:\n    deny:\n      - when: { gt: 5 }\n',
    'no-reason.yaml',
    /line 4, actuators\.test-fan\.deny\[0\]\.reason: missing: a string is required here/,
  );
  refusedWith('actuators:\n  test-fan:\n    minIntervalMs: -5\n', 'negative.yaml', /line 3, actuators\.test-fan\.minIntervalMs: /);
  refusedWith(
    'actuators:\n  test-fan:\n    minIntervalMs: "5000"\n',
    'string.yaml',
    /line 3, actuators\.test-fan\.minIntervalMs: Invalid input: expected number, received string/,
  );
  refusedWith('confirmation: { expiresAfterMs: 86400000 }\n', 'long.yaml', /line 1, confirmation\.expiresAfterMs: /);
});

test('a limit below the datasheet is refused, naming the line', () => {
  refusedWith(
    'actuators:\n  fan-in-test: {}\n  main valve:\n    minIntervalMs: 4999\n',
    'loose.yaml',
    /line 2, actuators\.fan-in-test: no actuator is called "fan-in-test"/,
    /line 4, actuators\.main valve\.minIntervalMs: 4999 ms is below TEST-VALVE's datasheet minimum of 5000 ms/,
  );
});

test('an unknown actuator, or one named twice, is refused with the names that exist', () => {
  refusedWith(
    'actuators:\n  boiler:\n    deny: [{ reason: no }]\n',
    'boiler.yaml',
    /line 2, actuators\.boiler: no actuator is called "boiler"; the actuators are TEST-FAN, TEST-VALVE, TEST-LOCK \(any spelling\), or "\*" for all of them/,
  );
  refusedWith(
    'actuators:\n  TEST-FAN: {}\n  ceiling_fan: { minIntervalMs: 9000 }\n',
    'twice.yaml',
    /line 3, actuators\.ceiling_fan: names TEST-FAN again \(already as "TEST-FAN"\)/,
  );
});

test('a rule that could never apply is refused rather than left to look like protection', () => {
  const rule = (when: string): string => `actuators:\n  test-fan:\n    confirm:\n      - when: ${when}\n        reason: x\n`;
  refusedWith(
    rule('{ command: spin }'),
    'spin.yaml',
    /line 4, actuators\.test-fan\.confirm\[0\]\.when\.command: TEST-FAN has no command `spin`; its commands are set, off, status/,
  );
  refusedWith(rule('{ command: status }'), 'status.yaml', /`status` only reads and is always allowed/);
  refusedWith(rule('{ gt: 100 }'), 'over.yaml', /line 4, actuators\.test-fan\.confirm\[0\]\.when: matches no value TEST-FAN takes \(speed_pct 0 to 100 %\)/);
  refusedWith(rule('{ gt: 99.5, lt: 100 }'), 'between.yaml', /matches no value TEST-FAN takes/);
  refusedWith(rule('{ gte: 60, lt: 40 }'), 'crossed.yaml', /matches no value/);
  refusedWith(rule('{ eq: 150 }'), 'eq.yaml', /matches no value/);
  refusedWith('actuators:\n  "*":\n    deny:\n      - when: { command: explode }\n        reason: x\n', 'star.yaml', /no actuator has a command `explode`/);
  // The edges are values the fan takes.
  parseSafetyPolicy(rule('{ gte: 100 }'), 'edge.yaml', ACTUATORS);
  parseSafetyPolicy('actuators:\n  test-lock:\n    confirm:\n      - when: { lte: 0 }\n        reason: x\n', 'edge.yaml', ACTUATORS);
  parseSafetyPolicy(rule('{ gt: 99, lt: 100.5 }'), 'edge.yaml', ACTUATORS);
});

test('a file that is not YAML, empty, or of another kind is refused', () => {
  refusedWith('actuators:\n  test-fan: [\n', 'broken.yaml', /not valid YAML: .*line 3, column 1/s);
  refusedWith('actuators:\n\ttest-fan: {}\n', 'tabs.yaml', /not valid YAML/);
  refusedWith('', 'empty.yaml', /the file is empty/);
  refusedWith('- one\n- two\n', 'list.yaml', /\(top\): /);
  refusedWith('actuators: {}\n', 'policy.txt', /its name must end in \.json, \.yaml or \.yml/);
});

test('loading reads the file and names it when it cannot', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'iotmcp-policy-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'house.yml');
  await writeFile(file, GOOD_YAML);
  const policy = await loadSafetyPolicy(file, ACTUATORS);
  assert.equal(policyFor(policy, VALVE).minIntervalMs, 8000);
  await assert.rejects(loadSafetyPolicy(join(dir, 'missing.yaml'), ACTUATORS), /^Error: safety policy .*missing\.yaml: cannot be read: ENOENT/);
  await writeFile(file, 'actuators:\n  test-fan: { minIntervalMs: 1 }\n');
  await assert.rejects(
    loadSafetyPolicy(file, ACTUATORS),
    /house\.yml is refused, and nothing is allowed in its place:\n {2}line 2, actuators\.test-fan\.minIntervalMs/,
  );
});

test('a rule that only matches a safe state the gate never holds back is refused; one on an alarm, whose silencing is gated, is not', () => {
  refusedWith(
    'actuators:\n  test-fan:\n    confirm:\n      - when: { command: off }\n        reason: x\n',
    'fan-off.yaml',
    /line 4, actuators\.test-fan\.confirm\[0\]\.when: matches only TEST-FAN's safe state \(speed_pct 0 %\), and a move to the safe state is never held back/,
  );
  refusedWith(
    'actuators:\n  test-valve:\n    deny:\n      - when: { eq: 0 }\n        reason: x\n',
    'valve-closed.yaml',
    /matches only TEST-VALVE's safe state/,
  );
  refusedWith(
    'actuators:\n  "*":\n    deny:\n      - when: { command: off }\n        reason: x\n',
    'star-off.yaml',
    /matches no move of any actuator that the gate holds back/,
  );
  const withAlarm = [...ACTUATORS, ALARM];
  const alarmOff = 'actuators:\n  siren:\n    deny:\n      - when: { command: off }\n        reason: silenced at the panel only\n';
  const policy = parseSafetyPolicy(alarmOff, 'alarm.yaml', withAlarm);
  assert.deepEqual(
    policyFor(policy, ALARM).deny.map((rule) => rule.when),
    [{ command: ['off'] }],
  );
  parseSafetyPolicy('actuators:\n  "*":\n    deny:\n      - when: { command: off }\n        reason: x\n', 'star-off.yaml', withAlarm);
});

test('a rule on a command matches the values that command sets, whichever command reaches them', () => {
  const policy = parseSafetyPolicy(
    'actuators:\n  test-valve:\n    deny:\n      - when: { command: open }\n        reason: never wide open\n',
    'open.yaml',
    ACTUATORS,
  );
  const [rule] = policyFor(policy, VALVE).deny;
  assert.ok(rule);
  assert.equal(ruleApplies(rule, VALVE, 100), true, '`set 100` reaches what `open` sets');
  assert.equal(ruleApplies(rule, VALVE, 99), false);
  // The fan's `set` can reach 95 and above; its `off` cannot, so it is no way around the rule.
  const fan = policyFor(parseSafetyPolicy(GOOD_YAML, 'house.yaml', ACTUATORS), FAN).deny.at(-1);
  assert.ok(fan);
  assert.equal(ruleApplies(fan, FAN, 95), true);
  assert.equal(ruleApplies(fan, FAN, 0), false);
});
