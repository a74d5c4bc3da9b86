import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { ACTUATORS } from '../../core/actuators/catalogue.js';
import { ACTUATOR_TABLE_PATH, actuatorTableSource } from './actuator-table.js';

test('the committed actuator table equals a fresh generation from the catalogue', async () => {
  const committed = await readFile(ACTUATOR_TABLE_PATH, 'utf8');
  assert.equal(committed, actuatorTableSource(), 'regenerate it: node dist/scripts/firmware/actuator-table.js');
});

test('the actuator table carries every type with its field, range, commands, states and rate limit', () => {
  const source = actuatorTableSource();
  for (const spec of ACTUATORS) {
    const at = source.indexOf(`"name": ${JSON.stringify(spec.name)},`);
    assert.ok(at > 0, spec.name);
    const row = source.slice(at, source.indexOf('}', at));
    const commands = Object.entries(spec.commands).map(([command, { sets }]) => `(${JSON.stringify(command)}, ${sets ?? 'None'})`);
    for (const expected of [
      `"field": ${JSON.stringify(spec.level.field)},`,
      `"range": (${spec.level.range[0]}, ${spec.level.range[1]}),`,
      `"integer": ${spec.level.integer ? 'True' : 'False'},`,
      `"commands": (${commands.join(', ')}),`,
      `"power_on": ${spec.powerOn},`,
      `"safe": ${spec.safe},`,
      `"min_interval_ms": ${spec.minIntervalMs},`,
      `"slew_per_s": ${spec.level.slewPerS ?? 'None'},`,
      `"home_wide": ${spec.homeWide ? 'True' : 'False'},`,
    ]) {
      assert.ok(row.includes(expected), `${spec.name}: ${expected}`);
    }
  }
});
