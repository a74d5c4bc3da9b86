import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTable } from '../../cli/table.js';
import { renderLeaderboard } from './leaderboard.js';
import { summarizeRun } from './summarize.js';
import { runManifest, sensorCall, trialRecord } from './report.test-helper.js';
import type { RunSummary } from './summary-types.js';

/** A run of `tasks` tasks, `successes` of them successful, every call taking `callMs`. */
function run(runId: string, successes: number, tasks: number, callMs: number, model?: string): RunSummary {
  const taskIds = Array.from({ length: tasks }, (_, index) => `t${index}`);
  const trials = taskIds.map((taskId, index) =>
    trialRecord({ taskId, outcome: index < successes ? 'success' : 'failure', calls: [sensorCall({ latency: { totalMs: callMs } })], costUsd: 0.001 }),
  );
  const provider = model ? { name: 'openai', kind: 'llm', label: `openai ${model}`, model, reportedModel: `${model}-2025-01-01` } : {};
  return summarizeRun(runManifest({ runId, taskIds, provider }), trials);
}

test('leaderboard ranks by success rate, ties by the faster single read', () => {
  const board = renderLeaderboard([
    run('slow-good', 9, 10, 300),
    run('weak', 5, 10, 100),
    run('fast-good', 9, 10, 200, 'gpt-4o-mini'),
    summarizeRun(runManifest({ runId: 'empty' }), []),
  ]);
  assert.deepEqual(
    board.rows.map((row) => [row[0], row[1]]),
    [['1', 'fast-good'], ['2', 'slow-good'], ['3', 'weak'], ['4', 'empty']],
  );
  for (const row of board.rows) assert.equal(row.length, board.columns.length);

  const [first] = board.rows;
  assert.ok(first);
  const cell = (name: string) => first[board.columns.indexOf(name)];
  assert.equal(cell('model'), 'gpt-4o-mini-2025-01-01', 'the model the provider reported');
  assert.match(cell('success (95% CI)')!, /^90\.0% \([\d.]+-[\d.]+\)$/);
  assert.equal(cell('basic'), '90.0%');
  assert.equal(cell('single read mean (ms)'), '200.0');
  assert.equal(cell('cost'), '$0.0100');
  assert.match(board.rows[1]![board.columns.indexOf('provider')]!, /not a language model/);

  // The shape fits the CLI's table renderer: a header line and one line per run.
  const lines = renderTable(board.columns, board.rows).trimEnd().split('\n');
  assert.equal(lines.length, 5);
  assert.match(lines[1]!, /^1\s+fast-good\s/);
});
