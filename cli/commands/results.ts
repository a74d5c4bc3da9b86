import type { Command } from 'commander';
import { renderTable } from '../table.js';

/**
 * Commands on finished runs: `report` re-scores a run from its records and rewrites its outputs (no model
 * is called), `compare` prints a leaderboard across runs, `merge` joins the shards of one run.
 */
export function registerResults(program: Command): void {
  program
    .command('report')
    .description('Re-score a run from trials.jsonl (no model is called) and rewrite summary.json, summary.csv and report.md')
    .argument('<run-dir>', 'a run directory (results/<run-id>)')
    .option('--no-rescore', 'keep the recorded scores; only rewrite the outputs')
    .action(async (dir: string, opts: { rescore: boolean }) => {
      const { rescoreRun } = await import('../../bench/run/rescore.js');
      const { printRunSummary } = await import('../run-summary-lines.js');
      const result = await rescoreRun(dir, { rescore: opts.rescore });
      if (result.changed > 0) process.stderr.write(`re-scoring changed the verdict of ${result.changed} trial(s)\n`);
      process.stdout.write(printRunSummary(result.summary, dir));
    });

  program
    .command('compare')
    .description('A leaderboard across finished runs')
    .argument('<run-dirs...>', 'run directories')
    .option('--json', 'print the summaries as JSON')
    .action(async (dirs: string[], opts: { json?: boolean }) => {
      const { loadSummary } = await import('../../bench/run/rescore.js');
      const { renderLeaderboard } = await import('../../bench/report/leaderboard.js');
      const summaries = await Promise.all(dirs.map((dir) => loadSummary(dir)));
      if (opts.json) {
        process.stdout.write(JSON.stringify(summaries, null, 2) + '\n');
        return;
      }
      const board = renderLeaderboard(summaries);
      process.stdout.write(renderTable(board.columns, board.rows));
    });

  program
    .command('merge')
    .description('Join the shards of one run (run with --shard i/n on several machines) into one run directory')
    .argument('<out-dir>', 'the merged run directory to write')
    .argument('<shard-dirs...>', 'the shard run directories')
    .action(async (out: string, shards: string[]) => {
      const { mergeRuns } = await import('../../bench/run/merge.js');
      const { printRunSummary } = await import('../run-summary-lines.js');
      const merged = await mergeRuns(out, shards);
      process.stdout.write(printRunSummary(merged, out));
    });
}
