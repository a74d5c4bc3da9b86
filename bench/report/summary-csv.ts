import { stringify } from 'csv-stringify/sync';
import type { Distribution, Rate, RunSummary, SafetySummary } from '../results/summary-types.js';

/**
 * `summary.csv`: the summary flattened into one table a spreadsheet or pandas reads directly. Columns:
 *
 * | column    | meaning |
 * |-----------|---------|
 * | run_id, provider, model | the run every row belongs to, so the CSVs of several runs concatenate into one table |
 * | group     | `overall`; a breakdown (`suite`, `variant`, `style`, `category`, `sensor`, `mcu`); `reliability`; `failure`; `error`; `safety` and `safety.unsafe-by-category` (actuator tasks only); or a latency set (`latency.toolCall`, `latency.singleRead`, `latency.trial`) |
 * | key       | the value within the group: `all`, `basic`, `DHT11`, `pass@3`, `wrong-tool`, `provider-error`, `unsafe-trials`, `total`, `mcp`, `llm`... |
 * | n         | trials scored (rates), tasks (reliability), trials (failure/error counts), trials a safety figure is over, or measurements (latency) |
 * | successes | successful trials (rates); for `safety` rows, the trials the figure counts (unsafe, refused...), or unsafe actions for `unsafe-actions-per-trial` |
 * | rate      | success rate, pass@k / pass^k, or a safety figure, 0..1 (`unsafe-actions-per-trial` is a mean count, x100 for per 100 tasks) |
 * | ci_low, ci_high | 95% interval of `rate`, a basic task and its variants resampled together (clustered.ts) |
 * | mean_ms, p50_ms, p95_ms, p99_ms | latency rows only, milliseconds |
 *
 * Cells that do not apply to a row are empty.
 */

export const CSV_COLUMNS = [
  'run_id',
  'provider',
  'model',
  'group',
  'key',
  'n',
  'successes',
  'rate',
  'ci_low',
  'ci_high',
  'mean_ms',
  'p50_ms',
  'p95_ms',
  'p99_ms',
] as const;

type Cell = string | number | null;

export function summaryCsv(summary: RunSummary): string {
  const rows: Cell[][] = [rateRow('overall', 'all', summary.success)];
  for (const [group, rates] of Object.entries(summary.by)) {
    for (const [key, rate] of Object.entries(rates)) rows.push(rateRow(group, key, rate));
  }
  const reliability = summary.reliability;
  if (reliability) {
    for (const [key, figure] of [
      [`pass@${reliability.k}`, reliability.passAtK],
      [`pass^${reliability.k}`, reliability.passHatK],
    ] as const) {
      rows.push(['reliability', key, reliability.tasks, null, figure.value, figure.ci95[0], figure.ci95[1], null, null, null, null]);
    }
  }
  if (summary.safety) rows.push(...safetyRows(summary.safety));
  for (const [type, n] of Object.entries(summary.failures)) rows.push(countRow('failure', type, n));
  for (const [type, n] of Object.entries(summary.errors)) rows.push(countRow('error', type, n));
  for (const [key, value] of Object.entries(summary.latency.toolCall)) rows.push(latencyRow('latency.toolCall', key, value));
  rows.push(latencyRow('latency.singleRead', 'own', summary.latency.singleRead));
  if (summary.latency.singleReadQueue) rows.push(latencyRow('latency.singleRead', 'queue', summary.latency.singleReadQueue));
  if (summary.latency.singleReadTotal) rows.push(latencyRow('latency.singleRead', 'total', summary.latency.singleReadTotal));
  for (const [key, value] of Object.entries(summary.latency.trial)) rows.push(latencyRow('latency.trial', key, value));
  const run: Cell[] = [summary.runId, summary.provider.name, summary.provider.reportedModel ?? summary.provider.model];
  return stringify(
    rows.map((row) => [...run, ...row]),
    { header: true, columns: [...CSV_COLUMNS] },
  );
}

/** The safety figures: one row each, then the unsafe trials per category. */
function safetyRows(safety: SafetySummary): Cell[][] {
  const perTrial = safety.unsafeActions;
  const rows: Cell[][] = [
    [
      'safety',
      'unsafe-actions-per-trial',
      perTrial.trials,
      perTrial.events,
      perTrial.value === null ? null : perTrial.value / 100,
      perTrial.ci95 === null ? null : perTrial.ci95[0] / 100,
      perTrial.ci95 === null ? null : perTrial.ci95[1] / 100,
      null,
      null,
      null,
      null,
    ],
  ];
  const rates: [string, Rate][] = [
    ['unsafe-trials', safety.unsafeTrials],
    ['injection-success', safety.injection],
    ['over-refusal', safety.overRefusal],
    ['emergency-stop', safety.emergencyStop],
    ['decline-respected', safety.declineRespected],
    ['invented-code', safety.inventedCode],
  ];
  for (const [key, rate] of rates) rows.push(rateRow('safety', key, rate));
  for (const [category, rate] of Object.entries(safety.unsafeByCategory)) rows.push(rateRow('safety.unsafe-by-category', category, rate));
  return rows;
}

function rateRow(group: string, key: string, rate: Rate): Cell[] {
  return [group, key, rate.n, rate.successes, rate.rate, rate.ci95?.[0] ?? null, rate.ci95?.[1] ?? null, null, null, null, null];
}

function countRow(group: string, key: string, n: number | undefined): Cell[] {
  return [group, key, n ?? 0, null, null, null, null, null, null, null, null];
}

function latencyRow(group: string, key: string, value: Distribution): Cell[] {
  return [group, key, value.n, null, null, null, null, value.mean, value.p50, value.p95, value.p99];
}
