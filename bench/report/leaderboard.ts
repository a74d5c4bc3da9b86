import { count, MISSING, percent, usd } from './format.js';
import { providerLabel } from './report-markdown.js';
import type { RunSummary } from './summary-types.js';

/**
 * `iotmcp-bench compare RUN...`: runs side by side, best first. The shape fits `renderTable(columns, rows)`
 * of cli/table.ts; `--json` callers can use the summaries themselves.
 */

export const LEADERBOARD_COLUMNS = [
  'rank',
  'run',
  'provider',
  'model',
  'success (95% CI)',
  'basic',
  'complex',
  'errors',
  'calls/trial (x oracle)',
  'single read mean (ms)',
  'single read p95 (ms)',
  'tokens in/out',
  'cost',
] as const;

/** Sorted by success rate, highest first; ties by the faster mean single read, then by run id. */
export function renderLeaderboard(summaries: readonly RunSummary[]): { columns: string[]; rows: string[][] } {
  const ranked = [...summaries].sort(
    (a, b) =>
      descending(a.success.rate, b.success.rate) ||
      ascending(a.latency.singleRead.mean, b.latency.singleRead.mean) ||
      a.runId.localeCompare(b.runId),
  );
  const rows = ranked.map((summary, index) => [
    String(index + 1),
    summary.runId,
    providerLabel(summary.provider),
    summary.provider.reportedModel ?? summary.provider.model,
    successCell(summary),
    percent(summary.by.suite['basic']?.rate),
    percent(summary.by.suite['complex']?.rate),
    String(summary.counts.error),
    callsCell(summary.calls),
    msCell(summary.latency.singleRead.mean),
    msCell(summary.latency.singleRead.p95),
    `${count(summary.tokens.input)}/${count(summary.tokens.output)}`,
    usd(summary.cost.usd),
  ]);
  return { columns: [...LEADERBOARD_COLUMNS], rows };
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

function msCell(value: number | null): string {
  return value === null ? MISSING : value.toFixed(1);
}

/** Nulls (nothing scored, nothing measured) sort last either way. */
function descending(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return b - a;
}

function ascending(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a - b;
}
