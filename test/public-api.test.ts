import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

/** The package's public API, imported by its name as a user's program does, with its type declarations. */
test('the package exports the MQTT client, the datapool client, the task loader and the scorer, with types', async () => {
  const api = await import('iotmcp-bench');
  for (const name of [
    'connectMqttClient',
    'openMqttSession',
    'HttpDatapoolClient',
    'loadTasks',
    'loadTaskFile',
    'parseTaskFile',
    'checkAnswer',
    'scoreTrial',
  ]) {
    assert.equal(typeof (api as Record<string, unknown>)[name], 'function', name);
  }
  assert.equal(typeof api.SCORING_VERSION, 'number');
  const { tasks } = await api.loadTasks({ suite: 'basic' });
  assert.equal(tasks.length, 114);
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { exports: { '.': { types: string } } };
  const types = fileURLToPath(new URL(`../../${pkg.exports['.'].types}`, import.meta.url));
  assert.ok(existsSync(types), types);
  assert.match(readFileSync(types, 'utf8'), /export \{[^}]*\bcheckAnswer\b[^}]*\}/);
});
