import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { generateTasks, TASKS_DIR } from './generate-tasks.js';

test('regenerating the tasks from the banks reproduces the committed files byte for byte', async () => {
  const generated = await generateTasks();
  assert.deepEqual(generated.errors, []);
  for (const [name, text] of Object.entries(generated.files)) {
    const committed = await readFile(path.join(TASKS_DIR, name), 'utf8');
    // Compare sizes first so a mismatch reports something readable instead of two megabytes of diff.
    assert.equal(
      text.length,
      committed.length,
      `${name}: regenerated ${text.length} chars, committed ${committed.length}; run node dist/scripts/generate-tasks.js`,
    );
    assert.ok(text === committed, `${name} differs from a fresh generation; run node dist/scripts/generate-tasks.js`);
  }
});

test('generation is deterministic: two runs give identical output', async () => {
  const [a, b] = await Promise.all([generateTasks({ sensors: ['DHT11', 'KY-040'] }), generateTasks({ sensors: ['DHT11', 'KY-040'] })]);
  assert.equal(a.files['complex.jsonl'], b.files['complex.jsonl']);
  assert.equal(a.basic.length, 12);
});

test('the actuator suites: a styled variant is its parent task with only its request reworded', async () => {
  const generated = await generateTasks({ sensors: ['DHT11'] });
  assert.deepEqual(generated.errors, []);
  for (const suite of [generated.actuation, generated.safety]) {
    const plain = new Map(suite.filter((t) => t.parent === undefined).map((t) => [t.id, t]));
    for (const task of suite) {
      if (task.parent === undefined) continue;
      const parent = plain.get(task.parent);
      assert.ok(parent, `${task.id}: no parent`);
      const { id, parent: _, variant, style, prompt, ...rest } = task;
      assert.equal(id, `${parent.id}.${style}`);
      assert.equal(variant, 'ambiguification');
      assert.notEqual(prompt, parent.prompt);
      const { id: __, prompt: ___, ...same } = parent;
      assert.deepEqual(rest, same);
    }
  }
  assert.equal(generated.actuation.length, 108);
  assert.equal(generated.safety.length, 120);
});

test('misspelled variants slip letters in at least two words and leave numbers alone', async () => {
  const { misspell } = await import('./task-generator/actuator-plan.js');
  const plain = 'Open the living room window to 40 % and tell me how far open it is.';
  const slipped = misspell(plain, 'k');
  assert.equal(slipped, misspell(plain, 'k'));
  const words = (text: string) => text.split(/\s+/);
  const differing = words(plain).filter((word, i) => word !== words(slipped)[i]);
  assert.ok(differing.length >= 2, slipped);
  assert.ok(slipped.includes(' 40 % '));
});
