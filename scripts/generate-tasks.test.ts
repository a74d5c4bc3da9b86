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
