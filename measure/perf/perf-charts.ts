import { escapeXml, type LineSeries, lineChartSvg, type Segment, stackedBarSvg } from '../../bench/report/svg-charts.js';
import type { ConcurrencySeries, FleetLevel, LatencyCell, PerfResult } from './perf-types.js';
import { cellHops, cellName } from './targets.js';

/**
 * The perf report's charts as SVG files: where a tool call's time goes in each measured cell, how throughput
 * grows with concurrent calls against ideal linear scaling, and what a fleet of emulated boards costs as it
 * grows. A chart with nothing to show is left out rather than drawn empty.
 */

export const PERF_CHARTS = {
  latency: { file: 'latency.svg', title: 'Mean response time per tool call, by hop and cell' },
  latencyDistribution: { file: 'latency-cdf.svg', title: 'Response time per tool call by cell: share of calls at or under (log axis)' },
  concurrency: { file: 'concurrency.svg', title: 'Throughput by concurrent tool calls' },
  fleet: { file: 'fleet.svg', title: 'Fleet scale: memory per emulated MCU and time online' },
} as const;

export function renderPerfCharts(result: PerfResult): [fileName: string, svg: string][] {
  const charts: [string, string | null][] = [
    [PERF_CHARTS.latency.file, latencyChart(result.latency)],
    [PERF_CHARTS.latencyDistribution.file, latencyDistributionChart(result.latency)],
    [PERF_CHARTS.concurrency.file, concurrencyChart(result.concurrency)],
    [PERF_CHARTS.fleet.file, fleetChart(result.fleetScale.levels)],
  ];
  return charts.filter((chart): chart is [string, string] => chart[1] !== null);
}

/**
 * One stacked bar per measured cell, all on one scale (the slowest cell's mean fills the width), so a 1 ms cell
 * looks a seventh of a 7 ms one; a cell under 10 ms gives its parts in µs, so the small ones stay readable.
 */
function latencyChart(cells: readonly LatencyCell[]): string | null {
  const panels: string[] = [];
  const measured = cells.filter((cell) => cell.skipped === undefined && cell.total.mean !== null);
  const slowest = Math.max(0, ...measured.map((cell) => cell.total.mean!));
  for (const cell of measured) {
    const total = cell.total.mean!;
    // A fast cell's legend reads in microseconds (it prints one decimal); its bar keeps the common scale.
    const [unit, scale] = total < 10 ? ['µs', 1000] : ['ms', 1];
    const segments: Segment[] = cellHops(cell).flatMap(({ label, distribution }) =>
      distribution.mean === null ? [] : [{ label, value: distribution.mean * scale }],
    );
    panels.push(
      stackedBarSvg(`${cellName(cell)} (n=${cell.total.n})`, segments, {
        unit,
        marker: { label: 'mean total', value: total * scale },
        scaleMax: slowest * scale || 1,
      }),
    );
  }
  return panels.length > 0 ? stackPanels(PERF_CHARTS.latency.title, panels) : null;
}

/**
 * Each cell's response times as a distribution, from the quantiles perf keeps (lowest, p50, p95, p99,
 * highest), on a log axis: transports and networks a hundredfold apart read on one chart, tails included.
 */
function latencyDistributionChart(cells: readonly LatencyCell[]): string | null {
  const lines: LineSeries[] = cells.flatMap((cell) => {
    const d = cell.total;
    if (cell.skipped !== undefined || d.min === null || d.p50 === null || d.p95 === null || d.p99 === null || d.max === null) return [];
    return [
      {
        label: `${cellName(cell)} (n=${d.n})`,
        points: [
          { x: d.min, y: 0 },
          { x: d.p50, y: 0.5 },
          { x: d.p95, y: 0.95 },
          { x: d.p99, y: 0.99 },
          { x: d.max, y: 1 },
        ],
      },
    ];
  });
  if (lines.length === 0) return null;
  return lineChartSvg(PERF_CHARTS.latencyDistribution.title, lines, {
    x: { label: 'ms (log scale)', scale: 'log', ticks: [0.1, 1, 10, 100, 1000] },
    y: { label: 'share of calls', ticks: [0, 0.5, 0.95, 1] },
  });
}

/** Measured throughput per series, and beside each a dashed line of what perfectly linear scaling would give. */
function concurrencyChart(series: readonly ConcurrencySeries[]): string | null {
  const lines: LineSeries[] = [];
  let highest = 0;
  series.forEach((one, index) => {
    const levels = [...one.levels].sort((a, b) => a.level - b.level);
    if (levels.length === 0) return;
    lines.push({ label: one.label, colour: index, points: levels.map((level) => ({ x: level.level, y: level.throughputPerS })) });
    for (const level of levels) highest = Math.max(highest, level.throughputPerS);
    const base = levels.find((level) => level.throughputPerS > 0);
    if (base) {
      const perCall = base.throughputPerS / base.level;
      lines.push({
        label: `${one.label}: linear from level ${base.level}`,
        colour: index,
        dashed: true,
        points: levels.map((level) => ({ x: level.level, y: perCall * level.level })),
      });
    }
  });
  if (lines.length === 0) return null;
  const ticks = [...new Set(series.flatMap((one) => one.levels.map((level) => level.level)))].sort((a, b) => a - b);
  return lineChartSvg(PERF_CHARTS.concurrency.title, lines, {
    x: { label: 'concurrent calls (log scale)', scale: 'log', ticks },
    // Room above the best measurement; the ideal lines run off the top rather than flatten the measured ones.
    y: { label: 'completed calls per second', max: highest > 0 ? highest * 1.15 : 1 },
  });
}

function fleetChart(levels: readonly FleetLevel[]): string | null {
  const sizes = [...levels].filter((level) => level.skipped === undefined).sort((a, b) => a.mcus - b.mcus);
  const ticks = sizes.map((level) => level.mcus);
  const x = { label: 'emulated MCUs (log scale)', scale: 'log' as const, ticks };
  const memory = sizes.flatMap((level) => (level.bytesPerMcu === null ? [] : [{ x: level.mcus, y: level.bytesPerMcu / 1024 }]));
  const online = sizes.flatMap((level) => (level.onlineMs === null ? [] : [{ x: level.mcus, y: level.onlineMs / 1000 }]));
  const panels: string[] = [];
  if (memory.length > 0) {
    panels.push(
      lineChartSvg('Fleet process memory per emulated MCU', [{ label: 'resident memory per MCU (KB)', points: memory }], { x, y: { label: 'KB per MCU' } }),
    );
  }
  if (online.length > 0) {
    panels.push(
      lineChartSvg('Time to bring the fleet online', [{ label: 'start to every board announced (s)', points: online, colour: 1 }], {
        x,
        y: { label: 'seconds' },
      }),
    );
  }
  return panels.length > 0 ? stackPanels(PERF_CHARTS.fleet.title, panels) : null;
}

/**
 * Several charts, one under the other, in one SVG file under a common title. Each chart stays a whole
 * `<svg>` of its own, placed by its x/y attributes, so the chart functions need not know they are nested.
 */
function stackPanels(title: string, panels: readonly string[]): string {
  const heading = 30;
  let y = heading;
  let width = 0;
  const placed: string[] = [];
  for (const panel of panels) {
    const size = panelSize(panel);
    placed.push(panel.replace('<svg ', `<svg x="0" y="${y}" `).trimEnd());
    y += size.height + 8;
    width = Math.max(width, size.width);
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}" font-family="system-ui, sans-serif" font-size="12">`,
    '<rect width="100%" height="100%" fill="#fff"/>',
    `<text x="10" y="20" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
    ...placed,
    '</svg>',
    '',
  ].join('\n');
}

/** The width and height a chart function gave its root element. */
function panelSize(panel: string): { width: number; height: number } {
  const root = /^<svg\b[^>]*>/.exec(panel)?.[0] ?? '';
  const attribute = (name: string): number => Number(new RegExp(`\\s${name}="([\\d.]+)"`).exec(root)?.[1] ?? 0);
  return { width: Math.ceil(attribute('width')), height: Math.ceil(attribute('height')) };
}
