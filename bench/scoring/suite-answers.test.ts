import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dryRun } from '../../tasks/dry-run.js';
import { loadTasks } from '../../tasks/load.js';
import { DEFAULT_LAYOUT } from '../../tasks/task-fixtures.test-helper.js';
import { checkAnswer } from './answer-check.js';
import { plainStatement } from './plain-statement.js';

test('every shipped task accepts a plain statement of its true values and rejects the opposite verdicts and choices', async () => {
  const { tasks } = await loadTasks();
  assert.equal(tasks.length, 1530);
  const failures: string[] = [];
  let flipped = 0;
  for (const { task } of tasks) {
    const run = dryRun(task, DEFAULT_LAYOUT);
    const answer = plainStatement(task, run.facts);
    const verdicts = checkAnswer(answer, task.expect.answer, run.bindings, { prompt: task.prompt });
    for (const verdict of verdicts) if (!verdict.ok) failures.push(`${task.id} ${verdict.id}: ${verdict.reason} in "${answer}"`);
    // The same answer with every yes/no and choice turned round must fail: the words really decide.
    const decided = task.expect.answer.filter((f) => (f.kind === 'boolean' || f.kind === 'choice') && run.facts.get(f.id)?.ok === true);
    if (decided.length === 0) continue;
    const opposite = plainStatement(task, run.facts, { opposite: true });
    if (checkAnswer(opposite, task.expect.answer, run.bindings, { prompt: task.prompt }).some((v) => !v.ok)) flipped++;
    else failures.push(`${task.id}: the opposite verdicts also pass: "${opposite}"`);
  }
  assert.deepEqual(failures.slice(0, 10), []);
  assert.ok(flipped > 600, `${flipped} tasks with verdicts`);
});
