import type { Command } from 'commander';
import { renderTable } from '../table.js';

/**
 * Commands on finished runs: `report` re-scores a run from its records and rewrites its outputs (no model
 * is called), `compare` ranks runs over one task set and writes a leaderboard, `view` writes an HTML trial viewer,
 * `merge` joins the shards of one run.
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
    .description('Rank finished runs over one task set, with n, errors, intervals, cost and a paired test between neighbours; writes a leaderboard')
    .argument('<run-dirs...>', 'run directories (folders that are not runs, such as perf or soak output, are skipped with a note)')
    .option('--common', 'runs over different task sets: compare them on the tasks they all share')
    .option('--out <dir>', 'where to write leaderboard.md, .csv, .json and .svg', 'results/leaderboard')
    .option('--json', 'print the comparison as JSON instead of the table')
    .action(async (dirs: string[], opts: { common?: boolean; out: string; json?: boolean }) => {
      const { loadComparableRuns } = await import('../../bench/run/comparable-runs.js');
      const { compareRuns } = await import('../../bench/report/compare.js');
      const board = await import('../../bench/report/leaderboard.js');
      const { runs, skipped } = await loadComparableRuns(dirs);
      for (const note of skipped) process.stderr.write(`compare: skipped ${note}\n`);
      if (runs.length === 0) throw new Error(`none of ${dirs.length} folder(s) is a run directory (manifest.json and trials.jsonl): nothing to compare`);
      const comparison = compareRuns(runs, { common: opts.common === true });
      const written = await board.writeLeaderboard(opts.out, comparison);
      if (opts.json) {
        process.stdout.write(board.leaderboardJson(comparison));
      } else {
        const table = board.renderLeaderboard(comparison);
        process.stdout.write(`${comparison.scope.note}\n\n${renderTable(table.columns, table.rows)}`);
      }
      process.stderr.write(`leaderboard: ${written} (and .csv, .json, .svg)\n`);
    });

  program
    .command('view')
    .description(
      'Write one self-contained HTML file to look at trials: summary, filterable list, transcripts, checks and latency (two or more runs side by side)',
    )
    .argument('<run-dirs...>', 'run directories')
    .option('--out <file>', 'the HTML file (default: <run>/view.html for one run, view.html beside the runs for several)')
    .action(async (dirs: string[], opts: { out?: string }) => {
      const { loadComparableRuns } = await import('../../bench/run/comparable-runs.js');
      const { summarizeRun } = await import('../../bench/report/summarize.js');
      const { renderTrialViewer } = await import('../../bench/report/trial-viewer.js');
      const { writeFileAtomic } = await import('../../core/write-file-atomic.js');
      const { dirname, join } = await import('node:path');
      const { runs, skipped } = await loadComparableRuns(dirs);
      for (const note of skipped) process.stderr.write(`view: skipped ${note}\n`);
      if (runs.length === 0) throw new Error(`none of ${dirs.length} folder(s) is a run directory with trials: nothing to show`);
      const out = opts.out ?? (runs.length === 1 ? join(runs[0]!.dir, 'view.html') : join(dirname(runs[0]!.dir), 'view.html'));
      const html = renderTrialViewer(runs.map((run) => ({ ...run, summary: summarizeRun(run.manifest, run.trials) })));
      await writeFileAtomic(out, html);
      process.stdout.write(`${out}\n`);
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
