import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { writeFileAtomic } from '../../core/write-file-atomic.js';
import type { RunSummary } from '../results/summary-types.js';
import type { ComparedRun, Comparison } from './compare.js';
import { count, MISSING, percent, usd } from './format.js';
import { providerLabel } from './report-markdown.js';
import { lineChartSvg, rateBarsSvg } from './svg-charts.js';

/**
 * What `iotmcp-bench compare` shows and writes: the ranked runs with what a reader needs to weigh each rate
 * (how many trials were planned and scored, how many hit infrastructure errors, the interval, cost and
 * tokens), and beside each run whether it can be told apart from the one ranked below it.
 */

export const LEADERBOARD_COLUMNS = [
  'rank',
  'run',
  'provider',
  'model',
  'n',
  'scored',
  'errors',
  'success (95% CI)',
  'basic',
  'complex',
  'vs next',
  'calls/trial (x oracle)',
  'single read mean (ms)',
  'tokens in/out',
  'cost',
] as const;

export const LEADERBOARD_FILES = {
  markdown: 'leaderboard.md',
  csv: 'leaderboard.csv',
  json: 'leaderboard.json',
  chart: 'leaderboard.svg',
  cost: 'leaderboard-cost.svg',
} as const;

/** Columns added when a ranked run has actuator tasks: their suites' success and the safety figures. */
export const SAFETY_LEADERBOARD_COLUMNS = ['actuation', 'safety', 'unsafe/100 tasks (95% CI)', 'injection success', 'over-refusal'] as const;

/** Whether any ranked run has safety figures (then every row gets the safety columns). */
function hasSafety(comparison: Comparison): boolean {
  return comparison.ranked.some(({ summary }) => summary.safety !== undefined);
}

function safetyCells(summary: RunSummary): string[] {
  const safety = summary.safety;
  const unsafe = safety?.unsafeActions;
  const perHundred =
    unsafe?.value == null ? MISSING : `${unsafe.value.toFixed(1)}${unsafe.ci95 ? ` (${unsafe.ci95[0].toFixed(1)}-${unsafe.ci95[1].toFixed(1)})` : ''}`;
  return [
    percent(summary.by.suite['actuation']?.rate),
    percent(summary.by.suite['safety']?.rate),
    perHundred,
    percent(safety?.injection.rate),
    percent(safety?.overRefusal.rate),
  ];
}

/** The table, one row per run, best first. */
export function renderLeaderboard(comparison: Comparison): { columns: string[]; rows: string[][] } {
  const safety = hasSafety(comparison);
  const rows = comparison.ranked.map((run, index) => {
    const { summary } = run;
    return [
      String(index + 1),
      summary.runId,
      providerLabel(summary.provider),
      summary.provider.reportedModel ?? summary.provider.model,
      count(summary.counts.planned),
      count(summary.counts.scored),
      count(summary.counts.error),
      successCell(summary),
      percent(summary.by.suite['basic']?.rate),
      percent(summary.by.suite['complex']?.rate),
      versusNext(comparison, index),
      callsCell(summary.calls),
      summary.latency.singleRead.mean === null ? MISSING : summary.latency.singleRead.mean.toFixed(1),
      `${count(summary.tokens.input)}/${count(summary.tokens.output)}`,
      usd(summary.cost.usd),
      ...(safety ? safetyCells(summary) : []),
    ];
  });
  return { columns: [...LEADERBOARD_COLUMNS, ...(safety ? SAFETY_LEADERBOARD_COLUMNS : [])], rows };
}

/** "told apart: +12.3 pp (4.1 to 20.0)" or "cannot be told apart (-1.0 to 3.2 pp)". */
function versusNext(comparison: Comparison, index: number): string {
  const pair = comparison.adjacent[index];
  if (pair === undefined) return MISSING;
  const { test } = pair;
  if (test.difference === null || test.ci95 === null) return 'no trials in common';
  const pp = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;
  const interval = `${pp(test.ci95[0])} to ${pp(test.ci95[1])} pp`;
  return test.toldApart ? `ahead by ${pp(test.difference)} pp (${interval})` : `cannot be told apart (${interval})`;
}

function successCell(summary: RunSummary): string {
  const { rate, ci95 } = summary.success;
  if (rate === null) return MISSING;
  return ci95 ? `${percent(rate)} (${(ci95[0] * 100).toFixed(1)}-${(ci95[1] * 100).toFixed(1)})` : percent(rate);
}

/** Calls per trial and, beside them, how many times the oracle's calls that is. */
function callsCell(calls: RunSummary['calls'] | undefined): string {
  // Summaries written before calls were counted have none.
  if (calls == null) return MISSING;
  return `${calls.perTrial.toFixed(2)}${calls.ratio === null ? '' : ` (${calls.ratio.toFixed(2)}x)`}`;
}

export function leaderboardMarkdown(comparison: Comparison): string {
  const board = renderLeaderboard(comparison);
  const line = (cells: readonly string[]) => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
  const pairs = comparison.adjacent.map(
    ({ better, worse, test }) =>
      `- ${better} vs ${worse}: ${test.pairs} paired trials in ${test.clusters} clusters; only the first succeeded on ${test.onlyA}, ` +
      `only the second on ${test.onlyB}; difference ${test.difference === null ? MISSING : `${(test.difference * 100).toFixed(1)} pp`} ` +
      `(95% paired cluster bootstrap ${test.ci95 === null ? MISSING : `${(test.ci95[0] * 100).toFixed(1)} to ${(test.ci95[1] * 100).toFixed(1)} pp`}); ` +
      `exact McNemar p = ${test.mcnemarP === null ? MISSING : test.mcnemarP.toPrecision(3)}. ` +
      (test.toldApart ? 'Told apart.' : 'Cannot be told apart on these tasks.'),
  );
  return [
    '# Leaderboard',
    '',
    `${comparison.scope.note[0]!.toUpperCase()}${comparison.scope.note.slice(1)}.`,
    '',
    line(board.columns),
    line(board.columns.map(() => '---')),
    ...board.rows.map(line),
    '',
    '![Success by run](leaderboard.svg)',
    '',
    '![Success against cost](leaderboard-cost.svg)',
    '',
    '## Neighbours in the ranking',
    '',
    ...(pairs.length === 0 ? ['One run: nothing to compare it with.'] : pairs),
    '',
    'Rates exclude trials that hit infrastructure errors (`errors`). Intervals are 95% and clustered: a basic task, ' +
      'its variants and all their trials are resampled together. Two runs are told apart when the paired cluster ' +
      "bootstrap interval of their difference leaves out 0 and McNemar's exact test on the trials only one of them " +
      'passed gives p < 0.05.',
    ...(hasSafety(comparison)
      ? [
          '',
          'Safety (actuator tasks): unsafe/100 tasks counts the moves an agent asked for that a task says must never be asked ' +
            'for (allowed by the safety gate or not) and invented confirmation codes; injection success is the share of injection ' +
            "trials with at least one; over-refusal the share of safe requests to move in which the agent moved none of the task's actuators. " +
            'Lower is safer for all three; the ranking is by success alone.',
        ]
      : []),
    '',
  ].join('\n');
}

export function leaderboardCsv(comparison: Comparison): string {
  const safety = hasSafety(comparison);
  const rows = comparison.ranked.map((run, index) => {
    const { summary } = run;
    const pair = comparison.adjacent[index];
    return [
      index + 1,
      summary.runId,
      run.dir,
      summary.provider.name,
      summary.provider.reportedModel ?? summary.provider.model,
      run.datasetHash,
      comparison.scope.kind,
      comparison.scope.tasks,
      summary.counts.planned,
      summary.counts.scored,
      summary.counts.error,
      summary.success.rate ?? '',
      summary.success.ci95?.[0] ?? '',
      summary.success.ci95?.[1] ?? '',
      summary.success.clusters ?? '',
      pair?.test.difference ?? '',
      pair?.test.ci95?.[0] ?? '',
      pair?.test.ci95?.[1] ?? '',
      pair?.test.mcnemarP ?? '',
      pair === undefined ? '' : pair.test.toldApart,
      summary.tokens.input,
      summary.tokens.output,
      summary.cost.usd ?? '',
      ...(safety ? safetyCsvCells(summary) : []),
    ];
  });
  return stringify(rows, {
    header: true,
    columns: [
      'rank',
      'run_id',
      'dir',
      'provider',
      'model',
      'dataset_hash',
      'scope',
      'tasks',
      'n',
      'scored',
      'errors',
      'rate',
      'ci_low',
      'ci_high',
      'clusters',
      'diff_vs_next',
      'diff_ci_low',
      'diff_ci_high',
      'mcnemar_p',
      'told_apart_from_next',
      'tokens_in',
      'tokens_out',
      'cost_usd',
      ...(safety ? SAFETY_CSV_COLUMNS : []),
    ],
  });
}

const SAFETY_CSV_COLUMNS = [
  'actuation_rate',
  'safety_rate',
  'unsafe_per_100',
  'unsafe_per_100_ci_low',
  'unsafe_per_100_ci_high',
  'injection_success',
  'over_refusal',
  'emergency_stop',
] as const;

function safetyCsvCells(summary: RunSummary): (number | string)[] {
  const safety = summary.safety;
  const unsafe = safety?.unsafeActions;
  return [
    summary.by.suite['actuation']?.rate ?? '',
    summary.by.suite['safety']?.rate ?? '',
    unsafe?.value ?? '',
    unsafe?.ci95?.[0] ?? '',
    unsafe?.ci95?.[1] ?? '',
    safety?.injection.rate ?? '',
    safety?.overRefusal.rate ?? '',
    safety?.emergencyStop.rate ?? '',
  ];
}

export function leaderboardJson(comparison: Comparison): string {
  return `${JSON.stringify({ scope: comparison.scope, ranked: comparison.ranked.map(({ dir, datasetHash, summary }: ComparedRun) => ({ dir, datasetHash, summary })), adjacent: comparison.adjacent }, null, 2)}\n`;
}

export function leaderboardChart(comparison: Comparison): string {
  return rateBarsSvg(
    'Success by run (95% CI, clustered by basic task)',
    comparison.ranked.map(({ summary }) => ({
      label: `${summary.provider.reportedModel ?? summary.provider.model} (${summary.runId.slice(-4)})`,
      value: summary.success.rate,
      ci95: summary.success.ci95,
      note: `n=${summary.counts.scored}`,
    })),
  );
}

/**
 * Success against what a run cost, one point per run (with its interval as a vertical line): which model buys
 * its success cheaply. Runs with no price (local models, the reference agents) stand at $0.
 */
export function leaderboardCostChart(comparison: Comparison): string {
  return lineChartSvg(
    'Success against cost per run (95% CI)',
    comparison.ranked.flatMap(({ summary }, index) => {
      const rate = summary.success.rate;
      if (rate === null) return [];
      const cost = summary.cost.usd ?? 0;
      const label = `${summary.provider.reportedModel ?? summary.provider.model} (${summary.runId.slice(-4)})`;
      const interval = summary.success.ci95;
      return [
        { label, points: [{ x: cost, y: rate }], colour: index },
        ...(interval === null
          ? []
          : [
              {
                label: `${label}: 95% CI`,
                points: [
                  { x: cost, y: interval[0] },
                  { x: cost, y: interval[1] },
                ],
                dashed: true,
                colour: index,
              },
            ]),
      ];
    }),
    { x: { label: 'cost of the run, USD' }, y: { label: 'success', ticks: [0, 0.25, 0.5, 0.75, 1] } },
  );
}

/** Writes the leaderboard's files (markdown, CSV, JSON and the two charts) into `dir`, each whole or not at all. */
export async function writeLeaderboard(dir: string, comparison: Comparison): Promise<string> {
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    [LEADERBOARD_FILES.markdown, leaderboardMarkdown(comparison)],
    [LEADERBOARD_FILES.csv, leaderboardCsv(comparison)],
    [LEADERBOARD_FILES.json, leaderboardJson(comparison)],
    [LEADERBOARD_FILES.chart, leaderboardChart(comparison)],
    [LEADERBOARD_FILES.cost, leaderboardCostChart(comparison)],
  ];
  await Promise.all(files.map(([name, content]) => writeFileAtomic(join(dir, name), content)));
  return join(dir, LEADERBOARD_FILES.markdown);
}
