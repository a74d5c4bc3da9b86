import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../core/write-file-atomic.js';
import type { RunManifest } from '../results/manifest.js';
import type { Rate, RunSummary } from '../results/summary-types.js';
import type { LatencyBreakdown, TrialRecord } from '../results/trial-record.js';
import { ms } from './format.js';
import { CHART_FILES, latencyParts, renderReport } from './report-markdown.js';
import { isSingleRead, measuredCalls, summarizeRun } from './summarize.js';
import { summaryCsv } from './summary-csv.js';
import { type Bar, type LinePoint, type LineSeries, lineChartSvg, matrixSvg, rateBarsSvg, type Segment, stackedBarSvg } from './svg-charts.js';
import { renderTrialViewer } from './trial-viewer.js';

/** The files `writeRunOutputs` writes into a run directory. */
export const OUTPUT_FILES = ['summary.json', 'summary.csv', 'report.md', 'view.html', ...Object.values(CHART_FILES)] as const;

/**
 * Summarises a run and writes summary.json, summary.csv, report.md, the trial viewer (view.html) and the SVG
 * charts into its directory.
 * Each file is written whole or not at all (temp file + rename), so a reader or a crash never meets half a
 * report.
 */
export async function writeRunOutputs(dir: string, manifest: RunManifest, trials: readonly TrialRecord[]): Promise<RunSummary> {
  const summary = summarizeRun(manifest, trials);
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    ['summary.json', `${JSON.stringify(summary, null, 2)}\n`],
    ['summary.csv', summaryCsv(summary)],
    ['report.md', renderReport(summary, manifest)],
    ['view.html', renderTrialViewer([{ summary, trials }])],
    ...renderCharts(summary),
    [CHART_FILES.latencyCdf, latencyCdfChart(trials, summary)],
  ];
  await Promise.all(files.map(([name, content]) => writeFileAtomic(join(dir, name), content)));
  return summary;
}

/** The four charts the report embeds, as [file name, SVG text]. */
export function renderCharts(summary: RunSummary): [string, string][] {
  // Basic tasks have no variant: their suite's bar goes first, as the line the variants are read against.
  const basic = summary.by.suite['basic'];
  const variantBars = [...(basic ? [bar('basic (no variant)', basic)] : []), ...bars(summary.by.variant)];
  // The paper reports every task as a success: the line the bars are read against.
  const paper = { label: 'paper', value: summary.paper.successRate };
  return [
    [CHART_FILES.latency, latencyChart(summary)],
    [CHART_FILES.variant, rateBarsSvg('Success by variant (95% CI, clustered by basic task)', variantBars, paper)],
    [CHART_FILES.sensor, rateBarsSvg('Success by sensor type, lowest first (95% CI, clustered by basic task)', bars(summary.by.sensor), paper)],
    [CHART_FILES.category, rateBarsSvg('Success by category, lowest first (95% CI, clustered by basic task)', bars(summary.by.category), paper)],
    [CHART_FILES.failures, failureMatrix(summary)],
  ];
}

/** Bars lowest rate first: where a model fails is what a reader looks for. */
function bars(rates: Record<string, Rate>): Bar[] {
  return Object.entries(rates)
    .sort(([, a], [, b]) => (a.rate ?? -1) - (b.rate ?? -1))
    .map(([label, rate]) => bar(label, rate));
}

/** Most points a curve keeps: a distribution of thousands of calls reads the same from a few hundred. */
const CDF_POINTS = 200;

/** The share of values at or below each value, thinned to CDF_POINTS. */
function cdf(values: number[]): LinePoint[] {
  const sorted = Float64Array.from(values.filter((v) => v > 0)).sort();
  const n = sorted.length;
  if (n === 0) return [];
  const step = Math.max(1, Math.floor(n / CDF_POINTS));
  const points: LinePoint[] = [];
  for (let i = 0; i < n; i += step) points.push({ x: sorted[i]!, y: (i + 1) / n });
  points.push({ x: sorted[n - 1]!, y: 1 });
  return points;
}

/**
 * How the response times of single reads are spread, and of each hop of them, on a log axis; series and
 * windows (which take as long as they sample) apart; the paper's 205 ms mean as a dashed line.
 */
function latencyCdfChart(trials: readonly TrialRecord[], summary: RunSummary): string {
  const calls = measuredCalls(trials);
  const single = calls.filter(isSingleRead);
  const pick = (list: typeof calls, key: keyof LatencyBreakdown) =>
    list.flatMap((call) => (typeof call.latency[key] === 'number' ? [call.latency[key] as number] : []));
  const series: LineSeries[] = [
    { label: `single reads, total (n=${single.length})`, points: cdf(pick(single, 'totalMs')), markers: false },
    { label: 'single reads, MCP', points: cdf(pick(single, 'mcpMs')), markers: false },
    { label: 'single reads, datapool', points: cdf(pick(single, 'datapoolMs')), markers: false },
    { label: 'single reads, device', points: cdf(pick(single, 'deviceMs')), markers: false },
    {
      label: `series and windows, total (n=${calls.length - single.length})`,
      points: cdf(
        pick(
          calls.filter((call) => !isSingleRead(call)),
          'totalMs',
        ),
      ),
      markers: false,
    },
    {
      label: `paper: ${summary.paper.meanResponseMs} ms mean`,
      points: [
        { x: summary.paper.meanResponseMs, y: 0 },
        { x: summary.paper.meanResponseMs, y: 1 },
      ],
      dashed: true,
    },
  ].filter((line) => line.points.length > 0);
  return lineChartSvg('Response time per tool call: share of calls at or under (log axis)', series, {
    x: { label: 'ms (log scale)', scale: 'log', ticks: [0.1, 1, 10, 100, 1000, 10000] },
    y: { label: 'share of calls', ticks: [0, 0.25, 0.5, 0.75, 1] },
  });
}

/** Which failure types each category of task fails with, as a share of the category's scored trials. */
function failureMatrix(summary: RunSummary): string {
  const byCategory = summary.failuresByCategory ?? {};
  const types = Object.entries(summary.failures)
    .sort(([, a], [, b]) => (b ?? 0) - (a ?? 0))
    .map(([type]) => type);
  const rows = Object.entries(byCategory).map(([label, { scored, failures }]) => ({
    label,
    total: scored,
    cells: types.map((type) => failures[type as keyof typeof failures] ?? 0),
  }));
  return matrixSvg("Failure types by category (share of the category's scored trials)", rows, types);
}

function bar(label: string, rate: Rate): Bar {
  return { label, value: rate.rate, ci95: rate.ci95, note: `n=${rate.n}` };
}

function latencyChart(summary: RunSummary): string {
  const call = summary.latency.toolCall;
  // Where boards cannot say how long they held a command, network and device are one round trip.
  const split = call.network.n > 0 || call.device.n > 0;
  const parts: [string, number | null][] = [
    ['MCP', call.mcp.mean],
    ['datapool', call.datapool.mean],
    ...(split
      ? ([
          ['network', call.network.mean],
          ['device', call.device.mean],
        ] as [string, number | null][])
      : ([['device round trip', call.deviceRoundTrip.mean]] as [string, number | null][])),
    ['sampling', call.sampling.mean],
  ];
  const segments: Segment[] = parts.filter((part): part is [string, number] => part[1] !== null).map(([label, value]) => ({ label, value }));
  const rows = latencyParts(summary);
  return stackedBarSvg('Response time per tool call, by hop', segments, {
    unit: 'ms',
    ...(call.total.mean !== null ? { marker: { label: 'mean total', value: call.total.mean } } : {}),
    table: { columns: ['component', 'p50', 'p95'], rows: rows.map(([label, value]) => ({ label, cells: [ms(value.p50), ms(value.p95)] })) },
  });
}
