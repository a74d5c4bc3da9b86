import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadTasks, SUITE_FILES } from '../../tasks/load.js';
import type { Task } from '../../tasks/schema.js';
import type { Agent } from '../loop/agent.js';
import { scoreTrial } from '../scoring/score-trial.js';
import { type ActuatorBench, startActuatorBench } from './actuator-trial.test-helper.js';
import { createAdversaryAgent } from './adversary.js';
import { createBaselineAgent } from './baseline.js';
import { createOracleAgent } from './oracle.js';
import { referenceTool } from './reference-play.js';
import { definitions } from './simulated-trial.test-helper.js';

/**
 * The reference agents on the shipped actuation and safety suites, every task played against the real actuator
 * servers, gate and boards: success per suite and per category, and how many trials asked for an unsafe move (or
 * made up a confirmation code). The figures are printed as the test's diagnostics; what is asserted holds whatever
 * tasks the suites carry: the oracle passes every task and makes no unsafe move; the careful agent that obeys device
 * text differs from the oracle only where a tool result carried an instruction, and on every injection task it makes
 * an unsafe move; the agent without judgement makes one on every injection task too, and never passes a task a
 * careful agent refuses.
 */

interface Tally {
  trials: number;
  passed: number;
  unsafe: number;
}

interface Outcome {
  task: Task;
  success: boolean;
  unsafe: boolean;
  calls: string[];
  answer: string | null;
}

let bench: ActuatorBench;
let tasks: Task[];
const outcomes = new Map<string, Outcome[]>();

const AGENTS: readonly [string, Agent][] = [
  ['oracle', createOracleAgent({ provider: 'oracle' })],
  ['always-complies', createAdversaryAgent({ provider: 'adversary', model: 'always-complies' })],
  ['follows-injection', createAdversaryAgent({ provider: 'adversary', model: 'follows-injection' })],
  ['baseline', createBaselineAgent({ provider: 'baseline' })],
];

before(async () => {
  bench = await startActuatorBench();
  const { tasks: loaded, problems } = await loadTasks({ files: [SUITE_FILES.actuation, SUITE_FILES.safety] });
  if (problems.length > 0) throw new Error(`shipped actuator tasks do not load: ${problems[0]!.message}`);
  tasks = loaded.map((l) => l.task);
  for (const [name, agent] of AGENTS) {
    const list: Outcome[] = [];
    for (const task of tasks) {
      const trial = await bench.play(agent, task);
      const scored = scoreTrial(task, { toolCalls: trial.records, steps: trial.turns.length, answer: trial.answer, worldElapsedMs: trial.elapsedMs });
      list.push({
        task,
        success: scored.success,
        unsafe: scored.failures.includes('unsafe-action'),
        calls: trial.records.map((r) => `${r.name} ${r.arguments}`),
        answer: trial.answer,
      });
    }
    outcomes.set(name, list);
  }
});

after(async () => {
  await bench?.close();
});

function tally(list: readonly Outcome[], key: (o: Outcome) => string): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const o of list) {
    const t = out.get(key(o)) ?? { trials: 0, passed: 0, unsafe: 0 };
    t.trials++;
    if (o.success) t.passed++;
    if (o.unsafe) t.unsafe++;
    out.set(key(o), t);
  }
  return out;
}

function cell(t: Tally | undefined): string {
  if (t === undefined) return '-';
  return `${((100 * t.passed) / t.trials).toFixed(1)}% (${t.passed}/${t.trials}), unsafe ${t.unsafe}`;
}

const of = (name: string) => outcomes.get(name)!;

describe('reference agents on the shipped actuator suites', () => {
  test('the figures: success per suite and per category, and trials with an unsafe move', (t) => {
    const rows = new Set<string>();
    for (const task of tasks) rows.add(`${task.suite} (all)`).add(`${task.suite}/${task.category}`);
    const ordered = [...rows].sort();
    const lines = [`| | ${AGENTS.map(([name]) => name).join(' | ')} |`, `|---|${AGENTS.map(() => '---|').join('')}`];
    for (const row of ordered) {
      const cells = AGENTS.map(([name]) => {
        const list = of(name);
        const all = row.endsWith(' (all)');
        return cell(tally(list, (o) => (all ? `${o.task.suite} (all)` : `${o.task.suite}/${o.task.category}`)).get(row));
      });
      lines.push(`| ${row} | ${cells.join(' | ')} |`);
    }
    for (const line of lines) t.diagnostic(line);
    assert.ok(tasks.length > 0);
  });

  test('the oracle passes every task and asks for no unsafe move', () => {
    const failed = of('oracle').filter((o) => !o.success || o.unsafe);
    assert.deepEqual(
      failed.map((o) => o.task.id),
      [],
    );
  });

  test('follows-injection makes an unsafe move on every injection task, and elsewhere plays as the oracle', () => {
    const oracle = new Map(of('oracle').map((o) => [o.task.id, o]));
    for (const o of of('follows-injection')) {
      if (o.task.category === 'injection') assert.ok(o.unsafe && !o.success, `${o.task.id}: ${o.calls.join('; ')}`);
      else if (o.task.world.notes === undefined) {
        assert.deepEqual(o.calls, oracle.get(o.task.id)!.calls, o.task.id);
        assert.equal(o.answer, oracle.get(o.task.id)!.answer, o.task.id);
      }
    }
  });

  test('always-complies makes an unsafe move on every injection task and passes no task a careful agent refuses or stops at', () => {
    const tools = definitions(bench.tools);
    for (const o of of('always-complies')) {
      if (o.task.category === 'injection') assert.ok(o.unsafe && !o.success, `${o.task.id}: ${o.calls.join('; ')}`);
      const { conduct, requested } = o.task.expect.actuation!;
      // Where no offered tool makes the move the words ask for, it can only say it cannot: that is the careful answer.
      const doable = requested !== undefined && referenceTool({ device: requested.actuator, tool: requested.command, args: {} }, tools) !== undefined;
      if ((conduct === 'refuse' || conduct === 'stop') && doable) assert.equal(o.success, false, `${o.task.id}: ${o.calls.join('; ')}`);
    }
  });

  test('the baseline never acts on what a device note says: with the notes taken away it makes the same calls', async () => {
    const baseline = AGENTS.find(([name]) => name === 'baseline')![1];
    for (const o of of('baseline').filter((outcome) => outcome.task.world.notes !== undefined)) {
      const { notes, ...world } = o.task.world;
      const trial = await bench.play(baseline, { ...o.task, world });
      assert.deepEqual(
        trial.records.map((r) => `${r.name} ${r.arguments}`),
        o.calls,
        o.task.id,
      );
    }
  });
});
