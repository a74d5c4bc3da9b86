import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderTable } from '../../cli/table.js';
import { CompareError, compareRuns, type LoadedRun } from './compare.js';
import { leaderboardCsv, leaderboardMarkdown, renderLeaderboard } from './leaderboard.js';
import { mcnemarExact } from './paired.js';
import { runManifest, sensorCall, trialRecord } from './report.test-helper.js';

/** 20 basic tasks with 4 variants each: `succeeds(taskId)` decides each trial. */
const FAMILIES = Array.from({ length: 20 }, (_, f) => `sensor.family-${f}`);
const TASK_IDS = FAMILIES.flatMap((family) => [family, ...[1, 2, 3, 4].map((v) => `${family}.v0${v}`)]);

function run(
  runId: string,
  succeeds: (taskId: string, index: number) => boolean,
  options: { taskIds?: string[]; hash?: string; model?: string; errors?: number; callMs?: number } = {},
): LoadedRun {
  const taskIds = options.taskIds ?? TASK_IDS;
  const manifest = runManifest({
    runId,
    taskIds,
    ...(options.model ? { provider: { name: 'openai', kind: 'llm', label: `openai ${options.model}`, model: options.model } } : {}),
  });
  manifest.dataset.hash = options.hash ?? 'sha256:same';
  const trials = taskIds.map((taskId, index) =>
    trialRecord({
      taskId,
      outcome: index < (options.errors ?? 0) ? 'error' : succeeds(taskId, index) ? 'success' : 'failure',
      calls: [sensorCall({ latency: { totalMs: options.callMs ?? 100 } })],
      costUsd: 0.001,
    }),
  );
  return { dir: `results/${runId}`, manifest, trials };
}

const family = (taskId: string) => Number(/family-(\d+)/.exec(taskId)![1]);

test('runs are ranked by success with n, scored, errors and the interval beside each', () => {
  const comparison = compareRuns([run('weak', (id) => family(id) < 8), run('strong', (id) => family(id) < 17, { model: 'gpt-4o-mini', errors: 3 })], {
    common: false,
  });
  const board = renderLeaderboard(comparison);
  assert.deepEqual(
    board.rows.map((row) => row[1]),
    ['strong', 'weak'],
  );
  const cell = (row: number, name: string) => board.rows[row]![board.columns.indexOf(name)];
  assert.equal(cell(0, 'n'), '100');
  assert.equal(cell(0, 'scored'), '97');
  assert.equal(cell(0, 'errors'), '3');
  assert.match(cell(0, 'success (95% CI)')!, /^\d+\.\d% \([\d.]+-[\d.]+\)$/);
  assert.equal(cell(0, 'cost'), '$0.1000');
  for (const row of board.rows) assert.equal(row.length, board.columns.length);
  const lines = renderTable(board.columns, board.rows).trimEnd().split('\n');
  assert.equal(lines.length, 3);
});

test('runs over different task sets are refused unless their common tasks are compared, and then it says how many', () => {
  const full = run('full', (id) => family(id) < 10);
  const tiny = run('tiny', () => true, { taskIds: [TASK_IDS[0]!], hash: 'sha256:other' });
  assert.throws(
    () => compareRuns([full, tiny], { common: false }),
    (error: Error) => error instanceof CompareError && /different task sets/.test(error.message) && /--common/.test(error.message),
  );
  const common = compareRuns([full, tiny], { common: true });
  assert.equal(common.scope.kind, 'common-tasks');
  assert.equal(common.scope.tasks, 1);
  assert.match(common.scope.note, /the 1 tasks all runs share \(of 100, 1\)/);
  // On the one shared task both succeeded: one trial says nothing, and the ranking says so.
  assert.equal(common.ranked[0]!.summary.counts.scored, 1);
  assert.equal(common.adjacent[0]!.test.toldApart, false);
});

test('a run with one lucky trial is not ranked above a full run as if the two could be told apart', () => {
  const full = run('full', (id) => family(id) < 15);
  const lucky = run('lucky', (id) => id === TASK_IDS[0], { taskIds: TASK_IDS.slice(0, 1), hash: 'sha256:other' });
  const comparison = compareRuns([full, lucky], { common: true });
  assert.match(renderLeaderboard(comparison).rows[0]![renderLeaderboard(comparison).columns.indexOf('vs next')]!, /cannot be told apart/);
});

test('neighbours that differ on many clusters are told apart; identical runs are not', () => {
  const strong = run('strong', (id) => family(id) < 18);
  const weak = run('weak', (id) => family(id) < 6);
  const twin = run('twin', (id) => family(id) < 6);
  const comparison = compareRuns([weak, strong, twin], { common: false });
  assert.deepEqual(
    comparison.ranked.map((r) => r.summary.runId),
    ['strong', 'twin', 'weak'],
  );
  const [first, second] = comparison.adjacent;
  assert.equal(first!.test.toldApart, true);
  assert.equal(first!.test.onlyA, 60);
  assert.equal(first!.test.onlyB, 0);
  assert.ok(first!.test.mcnemarP! < 1e-10);
  assert.equal(second!.test.toldApart, false);
  assert.equal(second!.test.difference, 0);
  const markdown = leaderboardMarkdown(comparison);
  assert.match(markdown, /strong vs twin: 100 paired trials in 20 clusters; only the first succeeded on 60, only the second on 0/);
  assert.match(markdown, /twin vs weak: .*Cannot be told apart on these tasks\./);
  const csv = leaderboardCsv(comparison).trim().split('\n');
  assert.equal(csv.length, 4);
  assert.match(csv[0]!, /^rank,run_id,dir,provider,model,dataset_hash,scope,tasks,n,scored,errors,rate,ci_low,ci_high,clusters,diff_vs_next/);
});

test('exact McNemar: a fair coin over the discordant pairs', () => {
  assert.equal(mcnemarExact(0, 0), 1);
  assert.equal(mcnemarExact(5, 5), 1);
  // 0 of 6 one way: 2 * (1/2)^6.
  assert.ok(Math.abs(mcnemarExact(6, 0) - 2 / 64) < 1e-12);
  // 1 of 10: 2 * (1 + 10) / 1024.
  assert.ok(Math.abs(mcnemarExact(1, 9) - 22 / 1024) < 1e-12);
  assert.ok(mcnemarExact(0, 2000) < 1e-300 || mcnemarExact(0, 2000) === 0, 'large counts do not overflow');
});

test('success against cost: a point per run at its cost, its interval as a dashed line', async () => {
  const { leaderboardCostChart } = await import('./leaderboard.js');
  const comparison = compareRuns([run('cheap', (id) => family(id) < 10), run('dear', (id) => family(id) < 12)], { common: false });
  const svg = leaderboardCostChart(comparison);
  assert.match(svg, /Success against cost/);
  assert.equal((svg.match(/: 95% CI</g) ?? []).length, 2);
  assert.match(svg, /cost of the run, USD/);
});
