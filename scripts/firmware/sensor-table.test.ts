import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { SENSORS } from '../../core/sensors/catalogue.js';
import { SENSOR_TABLE_PATH, sensorTableSource } from './sensor-table.js';

test('the committed sensor table equals a fresh generation from the catalogue', async () => {
  const committed = await readFile(SENSOR_TABLE_PATH, 'utf8');
  assert.equal(committed, sensorTableSource(), 'regenerate it: node dist/scripts/firmware/sensor-table.js');
});

test('the sensor table carries every type with its commands, conversion time and bus', () => {
  const source = sensorTableSource();
  for (const spec of SENSORS) {
    assert.ok(source.includes(`"name": ${JSON.stringify(spec.name)},`), spec.name);
    assert.ok(source.includes(`"read_ms": ${spec.readTimeMs},`), `${spec.name} read_ms`);
    for (const [command, fields] of Object.entries(spec.commands)) {
      const tuple = fields.length === 1 ? `(${JSON.stringify(fields[0])},)` : `(${fields.map((f) => JSON.stringify(f)).join(', ')})`;
      assert.ok(source.includes(`${JSON.stringify(command)}: ${tuple},`), `${spec.name} ${command}`);
    }
  }
});
