import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dryRun } from '../../tasks/dry-run.js';
import { DEFAULT_LAYOUT } from '../../tasks/task-fixtures.test-helper.js';
import { plainStatement } from './plain-statement.js';
import { scoreTrial } from './score-trial.js';
import { sampledCall, shippedTasks } from './trial-fixtures.test-helper.js';

test('every shipped task scores its first options, sampled from its world, and a plain statement of the values as a success', async () => {
  const tasks = await shippedTasks();
  assert.equal(tasks.length, 1254);
  const failures: string[] = [];
  let skippedCalls = 0;
  for (const task of tasks) {
    const run = dryRun(task, DEFAULT_LAYOUT);
    const needed = task.expect.calls.filter((call) => !run.skipped.includes(call.id));
    skippedCalls += task.expect.calls.length - needed.length;
    // Expected calls whose first options are the same read are one call, as a careful agent makes it.
    const options = new Map(needed.map((call) => [JSON.stringify({ ...call.any_of[0]!, bind: undefined }), call.any_of[0]!]));
    const toolCalls = [...options.values()].map((option, step) => sampledCall(task, option, DEFAULT_LAYOUT, step));
    const answer = plainStatement(task, run.facts);
    const score = scoreTrial(task, { toolCalls, steps: toolCalls.length + 1, answer });
    if (!score.success) {
      const why = [...score.calls.failures.map((f) => f.message), ...score.answer.facts.filter((f) => !f.ok).map((f) => `${f.id}: ${f.reason}`)];
      failures.push(`${task.id}: ${why.join(' | ')} in "${answer}"`);
      continue;
    }
    // The scorer read the same values the dry run computed the answer from, and skipped the same calls.
    assert.deepEqual(new Map(Object.entries(score.calls.bindings)), run.bindings, task.id);
    assert.deepEqual(score.calls.skipped, run.skipped, task.id);
  }
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} tasks fail`);
  assert.ok(skippedCalls > 0, 'some conditional calls were skipped');
});
