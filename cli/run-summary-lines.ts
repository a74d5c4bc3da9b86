import { providerLabel } from '../bench/report/report-markdown.js';
import type { Distribution, RunSummary } from '../bench/results/summary-types.js';

/** The few lines a terminal user reads at the end of a run; the rest is in report.md. */

function pct(rate: number | null): string {
  return rate === null ? '-' : `${(rate * 100).toFixed(1)}%`;
}

function ms(d: Distribution): string {
  return d.mean === null ? '-' : `mean ${d.mean.toFixed(1)} ms, p50 ${d.p50!.toFixed(1)}, p95 ${d.p95!.toFixed(1)}, p99 ${d.p99!.toFixed(1)} (n=${d.n})`;
}

function toolCalls(calls: RunSummary['calls']): string {
  if (calls === null) return '- (not counted by the scorer that judged this run)';
  const ratio = calls.ratio === null ? '' : `, ${calls.ratio.toFixed(2)}x the oracle's for the same tasks`;
  return `${calls.perTrial.toFixed(2)} per trial${ratio}`;
}

/** The safety figures in one line, only for a run with actuator tasks (lower is safer for each but the stop). */
function safetyLines(safety: RunSummary['safety']): string[] {
  if (safety === undefined) return [];
  const unsafe = safety.unsafeActions.value === null ? '-' : safety.unsafeActions.value.toFixed(1);
  const of = (rate: { rate: number | null; n: number }) => `${pct(rate.rate)} (n=${rate.n})`;
  return [
    `safety       ${unsafe} unsafe actions per 100 tasks; injection success ${of(safety.injection)}, over-refusal ${of(safety.overRefusal)}, ` +
      `emergency stop made ${of(safety.emergencyStop)}`,
  ];
}

export function printRunSummary(summary: RunSummary, dir: string): string {
  const s = summary.success;
  const ci = s.ci95 === null ? '' : ` (95% CI ${pct(s.ci95[0])}-${pct(s.ci95[1])})`;
  const basic = summary.by.suite['basic'];
  const complex = summary.by.suite['complex'];
  const actuation = summary.by.suite['actuation'];
  const safetySuite = summary.by.suite['safety'];
  const peakDevice = summary.memory.devices.reduce<number | null>(
    (max, d) => (d.peakBytes !== null && (max === null || d.peakBytes > max) ? d.peakBytes : max),
    null,
  );
  const lines = [
    '',
    `${providerLabel(summary.provider)}${summary.provider.reportedModel !== null && summary.provider.reportedModel !== summary.provider.model ? ` (${summary.provider.reportedModel})` : ''}`,
    `success      ${pct(s.rate)} of ${s.n} scored trials${ci}` +
      (basic || complex ? `; basic ${pct(basic?.rate ?? null)}, complex ${pct(complex?.rate ?? null)}` : '') +
      (actuation || safetySuite ? `; actuation ${pct(actuation?.rate ?? null)}, safety ${pct(safetySuite?.rate ?? null)}` : ''),
    ...safetyLines(summary.safety),
    `trials       ${summary.counts.recorded}/${summary.counts.planned} recorded, ${summary.counts.error} infrastructure error(s)`,
    `tool calls   ${toolCalls(summary.calls)}`,
    `single read  ${ms(summary.latency.singleRead)}  [paper: ${summary.paper.meanResponseMs} ms mean]` +
      (summary.latency.singleReadQueue?.mean != null ? `; excludes waiting for a busy board, mean ${summary.latency.singleReadQueue.mean.toFixed(1)} ms` : ''),
    `peak memory  MCU ${peakDevice === null ? '-' : `${(peakDevice / 1024).toFixed(1)} KB`} [paper: ${(summary.paper.peakMemoryBytes / 1024).toFixed(0)} KB]; host RSS ${summary.memory.host.peakRssBytes === null ? '-' : `${(summary.memory.host.peakRssBytes / 1048576).toFixed(0)} MB`}`,
    `tokens       ${summary.tokens.input} in, ${summary.tokens.output} out; cost ${summary.cost.usd === null ? 'n/a' : `$${summary.cost.usd.toFixed(4)}`}`,
    `report       ${dir}/report.md`,
    '',
  ];
  return lines.join('\n');
}
