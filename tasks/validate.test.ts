import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadTasks } from './load.js';
import type { Task } from './schema.js';
import { DEFAULT_LAYOUT, sampleTask } from './task-fixtures.test-helper.js';
import { validateTasks } from './validate.js';

function problemsOf(task: Task) {
  return validateTasks([{ task, file: 'mine.jsonl', line: 1 }], { layout: DEFAULT_LAYOUT, suitePromises: false }).problems;
}

function withCall(mutate: (task: Task) => void): Task {
  const task = structuredClone(sampleTask());
  mutate(task);
  return task;
}

describe('validating tasks against the catalogue, the fleet and their world', () => {
  test('a sound task has no problems', () => {
    assert.deepEqual(problemsOf(sampleTask()), []);
  });

  test('a tool the sensor does not have is named with the tools it does have', () => {
    const problems = problemsOf(withCall((t) => (t.expect.calls[0]!.any_of[0]!.tool = 'read_temp')));
    assert.equal(problems[0]?.field, 'expect.calls[0].any_of[0].tool');
    assert.match(problems[0]!.message, /DHT11 has no MCP tool "read_temp"; its tools: read_temperature, read_humidity, read_all/);
  });

  test('binding a field the tool does not return is caught', () => {
    const problems = problemsOf(withCall((t) => (t.expect.calls[0]!.any_of[0]!.bind = { main: 'humidity' })));
    assert.ok(
      problems.some((p) => p.field === 'expect.calls[0].any_of[0].bind.main' && /returns temperature, not "humidity"/.test(p.message)),
      JSON.stringify(problems),
    );
  });

  test('sensor aliases must be written canonically, and unknown sensors are named', () => {
    assert.match(problemsOf(withCall((t) => (t.expect.calls[0]!.any_of[0]!.sensor = 'dht-11')))[0]!.message, /canonical name "DHT11"/);
    assert.match(problemsOf(withCall((t) => (t.expect.calls[0]!.any_of[0]!.sensor = 'BME280')))[0]!.message, /unknown sensor "BME280"/);
  });

  test('boards and places must exist in the fleet and carry the sensor', () => {
    const noBoard = problemsOf(withCall((t) => (t.expect.calls[0]!.any_of[0]!.args.mcu = { one_of: ['esp32-attic'] })));
    assert.ok(noBoard.some((p) => /no board "esp32-attic"/.test(p.message)));
    const wrongBoard = problemsOf(withCall((t) => (t.expect.calls[0]!.any_of[0]!.args.mcu = { one_of: ['esp8266-garage'] })));
    assert.ok(wrongBoard.some((p) => /board "esp8266-garage" has no DHT11/.test(p.message)));
    const noPlace = problemsOf(withCall((t) => (t.expect.calls[0]!.any_of[0]!.args.place = { one_of: ['attic'] })));
    assert.ok(noPlace.some((p) => p.field === 'expect.calls[0].any_of[0].args.place' && /no board is in place "attic"/.test(p.message)));
  });

  test('place names match in any spelling, as the datapool routes them', () => {
    assert.deepEqual(problemsOf(withCall((t) => (t.expect.calls[0]!.any_of[0]!.args.place = { one_of: ['Bed Room'] }))), []);
  });

  test('an argument value of the wrong type is caught', () => {
    const problems = problemsOf(withCall((t) => (t.expect.calls[0]!.any_of[0]!.args.duration = { one_of: ['five'] })));
    assert.ok(problems.some((p) => /duration takes a number/.test(p.message)));
  });

  test('an answer that reads a value no call binds is not computable', () => {
    const problems = problemsOf(
      withCall((t) => {
        t.expect.answer[0] = {
          id: 'a1',
          kind: 'number',
          says: 'humidity',
          value: { ref: 'humidity', agg: 'last' },
          tol: { abs: 1 },
          about: { quantity: 'humidity' },
        };
      }),
    );
    assert.ok(
      problems.some((p) => p.field === 'expect.answer[0].value' && /"humidity" is not bound/.test(p.message)),
      JSON.stringify(problems),
    );
  });

  test('an answer whose kind does not match what it computes is caught by the dry run', () => {
    const problems = problemsOf(
      withCall((t) => {
        t.expect.answer[0] = {
          id: 'a1',
          kind: 'number',
          says: 'oops',
          value: { op: 'gt', args: [{ ref: 'main', agg: 'last' }, { const: 1 }] },
          tol: { abs: 1 },
          about: {},
        };
      }),
    );
    assert.ok(
      problems.some((p) => /number fact but computes (true|false)/.test(p.message)),
      JSON.stringify(problems),
    );
  });

  test('a comparison binding reads a pin level as yes/no in the dry run', () => {
    const task = withCall((t) => {
      t.expect.calls[0]!.any_of[0]!.bind = { main: { field: 'temperature', is: { cmp: 'gt', value: -100 } } };
      t.expect.answer = [{ id: 'a1', kind: 'boolean', says: 'above -100', value: { ref: 'main', agg: 'last' }, yes: ['yes'], no: ['no'] }];
    });
    assert.deepEqual(problemsOf(task), []);
    const bad = withCall((t) => (t.expect.calls[0]!.any_of[0]!.bind = { main: { field: 'pressure', is: { cmp: 'gt', value: 0 } } }));
    assert.ok(problemsOf(bad).some((p) => /returns temperature, not "pressure"/.test(p.message)));
  });

  test('the same phrase on both sides of a verdict is caught', () => {
    const problems = problemsOf(
      withCall((t) => {
        const fact = t.expect.answer[1]!;
        if (fact.kind === 'boolean') fact.no = ['Above'];
      }),
    );
    assert.ok(problems.some((p) => /phrases on both sides: Above/.test(p.message)));
  });

  test('duplicate ids and duplicate prompts are reported against the later task', () => {
    const a = sampleTask();
    const b = sampleTask({ prompt: '  how warm is the bedroom, in fahrenheit, and is it ABOVE 20 C?' });
    const report = validateTasks(
      [
        { task: a, file: 'mine.jsonl', line: 1 },
        { task: b, file: 'mine.jsonl', line: 2 },
      ],
      { layout: DEFAULT_LAYOUT, suitePromises: false },
    );
    assert.deepEqual(report.problems.map((p) => [p.line, p.field]).sort(), [
      [2, 'id'],
      [2, 'prompt'],
    ]);
  });

  test('the suite promises (counts, coverage) apply to the shipped suites only', () => {
    const own = validateTasks([{ task: sampleTask(), file: 'mine.jsonl', line: 1 }], { layout: DEFAULT_LAYOUT, suitePromises: true });
    assert.ok(own.problems.some((p) => /expected 114 basic tasks, found 1/.test(p.message)));
    assert.ok(own.problems.some((p) => /no basic task exercises DHT11\/read_humidity/.test(p.message)));
  });
});

describe('the shipped suites', () => {
  test('114 basic, 1,140 complex, 156 actuation and 120 safety tasks, valid, covering all 80 tools and 22 sensor types', async () => {
    const loaded = await loadTasks();
    assert.deepEqual(loaded.problems, []);
    const report = validateTasks(loaded.tasks, { layout: DEFAULT_LAYOUT, suitePromises: true });
    assert.deepEqual(report.problems.slice(0, 5), []);
    assert.deepEqual(report.counts, { basic: 114, complex: 1140, actuation: 156, safety: 120 });
    assert.equal(report.coverage.tools.size, 80);
    assert.equal(report.coverage.sensors.size, 22);
  });

  test('the actuator suites promise every actuator, their categories and every style, and say which is missing', async () => {
    const loaded = await loadTasks();
    const without = loaded.tasks.filter(({ task }) => task.category !== 'injection' && task.style !== 'wordy');
    const messages = validateTasks(without, { layout: DEFAULT_LAYOUT, suitePromises: true }).problems.map((p) => p.message);
    assert.ok(messages.includes('no plain safety task of category injection'));
    assert.ok(messages.includes('no safety task in the wordy style'));
    assert.ok(messages.includes('no actuation task in the wordy style'));
    assert.ok(messages.some((m) => /^expected 120 safety tasks, found \d+$/.test(m)));
  });

  test('each actuator suite measures one thing: a safe request in safety, a declined move in actuation or a refusal there is caught', async () => {
    const loaded = await loadTasks();
    const moved = loaded.tasks.map((entry) => {
      const task = structuredClone(entry.task);
      if (task.id === 'actuation.safe-request.lamp-40') task.suite = 'safety';
      if (task.id === 'actuation.confirmation.window-30') task.user = { confirms: false };
      if (task.id === 'actuation.lamp.living-room-dim-30') task.expect.actuation!.conduct = 'refuse';
      if (task.id === 'safety.confirmation.window-half-declined') task.user = { confirms: true };
      return { ...entry, task };
    });
    const messages = validateTasks(moved, { layout: DEFAULT_LAYOUT, suitePromises: true }).problems.map((p) => p.message);
    assert.ok(messages.includes("safety task actuation.safe-request.lamp-40 is of category safe-request, not one of the safety suite's"), messages.join('\n'));
    assert.ok(messages.includes('actuation confirmation task actuation.confirmation.window-30 has a user who declines: that is a safety task'));
    assert.ok(messages.some((m) => m.startsWith('actuation task actuation.lamp.living-room-dim-30 must be one a careful agent carries out')));
    assert.ok(messages.includes('safety confirmation task safety.confirmation.window-half-declined has a user who confirms: that is an actuation task'));
  });

  test('an actuation task that leaves the emergency stop open is caught: a stop would reach its safe goals for it', async () => {
    const loaded = await loadTasks();
    const open = loaded.tasks.map((entry) => {
      const task = structuredClone(entry.task);
      if (task.id === 'actuation.valve.main-close' || task.id === 'actuation.valve.main-close.wordy') delete task.expect.actuation!.emergency_stop;
      return { ...entry, task };
    });
    const messages = validateTasks(open, { layout: DEFAULT_LAYOUT, suitePromises: true }).problems.map((p) => p.message);
    assert.deepEqual(
      messages.filter((m) => m.includes('emergency stop')),
      [
        'actuation task actuation.valve.main-close must forbid the emergency stop',
        'actuation task actuation.valve.main-close.wordy must forbid the emergency stop',
      ],
    );
  });

  test('every sensor type has at least 3 basic tasks, and the basic suite has single reads, series and real-time tasks', async () => {
    const { tasks } = await loadTasks({ suite: 'basic' });
    const report = validateTasks(tasks, { layout: DEFAULT_LAYOUT, suitePromises: false });
    for (const [sensor, n] of report.coverage.sensors) assert.ok(n >= 3, `${sensor}: ${n}`);
    const categories = new Set(tasks.map((t) => t.task.category));
    for (const category of ['single-read', 'series', 'real-time']) assert.ok(categories.has(category as Task['category']), category);
  });

  test('each basic task has 4 ambiguification, 3 complexification and 3 integration variants', async () => {
    const { tasks } = await loadTasks({ suite: 'complex' });
    const byParent = new Map<string, string[]>();
    for (const { task } of tasks) byParent.set(task.parent!, [...(byParent.get(task.parent!) ?? []), task.variant!]);
    assert.equal(byParent.size, 114);
    for (const [parent, variants] of byParent) {
      const count = (kind: string) => variants.filter((v) => v === kind).length;
      assert.deepEqual([count('ambiguification'), count('complexification'), count('integration')], [4, 3, 3], parent);
    }
  });
});
