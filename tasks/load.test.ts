import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { formatProblem, loadTaskFile, loadTasks, parseTaskFile, type SuiteChoice } from './load.js';
import { sampleActuatorTask, sampleTask } from './task-fixtures.test-helper.js';

describe('reading task files', () => {
  test('a valid line loads; blank lines and # comments are skipped', () => {
    const text = `# my tasks\n\n${JSON.stringify(sampleTask())}\n`;
    const result = parseTaskFile(text, 'mine.jsonl');
    assert.deepEqual(result.problems, []);
    assert.equal(result.tasks.length, 1);
    assert.equal(result.tasks[0]!.line, 3);
  });

  test('an invalid task is reported by file, line, task id and field, and the other tasks still load', () => {
    const bad = sampleTask({ id: 'test.bad' });
    const fact = bad.expect.answer[0]!;
    if (fact.kind === 'number') fact.tol = { abs: -1 };
    const lines = [
      JSON.stringify(sampleTask({ id: 'test.good' })),
      JSON.stringify(bad),
      JSON.stringify(sampleTask({ id: 'test.also-good', prompt: 'Another prompt?' })),
    ];
    const result = parseTaskFile(lines.join('\n'), 'mine.jsonl');
    assert.deepEqual(
      result.tasks.map((t) => t.task.id),
      ['test.good', 'test.also-good'],
    );
    assert.equal(result.problems.length, 1);
    const problem = result.problems[0]!;
    assert.equal(problem.line, 2);
    assert.equal(problem.task, 'test.bad');
    assert.equal(problem.field, 'expect.answer[0].tol.abs');
    assert.match(formatProblem(problem), /^mine\.jsonl:2 task "test\.bad": expect\.answer\[0\]\.tol\.abs: /);
  });

  test('names the missing or misspelled field', () => {
    const task = sampleTask() as unknown as Record<string, unknown>;
    delete task['prompt'];
    task['promt'] = 'typo';
    const result = parseTaskFile(JSON.stringify(task), 'mine.jsonl');
    const fields = result.problems.map((p) => p.field);
    assert.ok(fields.includes('prompt'), JSON.stringify(result.problems));
    assert.ok(
      result.problems.some((p) => /promt/.test(p.message)),
      JSON.stringify(result.problems),
    );
  });

  test('complex tasks must say which basic task they vary and how', () => {
    const result = parseTaskFile(JSON.stringify(sampleTask({ suite: 'complex' })), 'mine.jsonl');
    assert.deepEqual(result.problems.map((p) => p.field).sort(), ['parent', 'variant']);
  });

  test('a line that is not JSON is reported with its line and does not stop the file', () => {
    const result = parseTaskFile(`{"id": \n${JSON.stringify(sampleTask())}`, 'mine.jsonl');
    assert.equal(result.tasks.length, 1);
    assert.equal(result.problems[0]!.line, 1);
    assert.match(result.problems[0]!.message, /not valid JSON/);
  });

  test('a missing file is a problem, not a crash', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'iotmcp-tasks-'));
    try {
      const missing = await loadTaskFile(path.join(dir, 'nope.jsonl'));
      assert.match(missing.problems[0]!.message, /no such file/);
      await writeFile(path.join(dir, 'one.jsonl'), `${JSON.stringify(sampleTask())}\n`);
      const loaded = await loadTaskFile(path.join(dir, 'one.jsonl'));
      assert.equal(loaded.tasks.length, 1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('the shipped suites load by choice: paper is basic and complex, all is every suite, an actuator suite alone', async () => {
    const count = async (suite: SuiteChoice) => {
      const { tasks, problems } = await loadTasks({ suite });
      assert.deepEqual(problems, []);
      const bySuite: Record<string, number> = {};
      for (const { task } of tasks) bySuite[task.suite] = (bySuite[task.suite] ?? 0) + 1;
      return bySuite;
    };
    assert.deepEqual(await count('paper'), { basic: 114, complex: 1140 });
    assert.deepEqual(await count('safety'), { safety: 120 });
    assert.deepEqual(await count('all'), { basic: 114, complex: 1140, actuation: 156, safety: 120 });
  });

  test('actuator fields belong to the actuator suites: a paper task with a user, device notes or start states is refused', () => {
    const result = parseTaskFile(JSON.stringify(sampleTask({ user: { confirms: true } })), 'mine.jsonl');
    assert.deepEqual(
      result.problems.map((p) => p.field),
      ['user'],
    );
    const started = sampleTask();
    started.world.actuators = [{ actuator: 'BUZZER', place: 'kitchen', value: 1 }];
    assert.deepEqual(
      parseTaskFile(JSON.stringify(started), 'mine.jsonl').problems.map((p) => p.field),
      ['world.actuators'],
    );
    const actuator = parseTaskFile(JSON.stringify(sampleActuatorTask()), 'mine.jsonl');
    assert.deepEqual(actuator.problems, []);
  });
});
