import { count, duration, gb, kb, MISSING, mb, msPrecise, percent, perSecond } from '../../bench/report/format.js';
import { PAPER } from '../../bench/report/paper-figures.js';
import { boardSurvey, memoryComparison } from './board-report.js';
import { table } from './markdown-table.js';
import { PERF_CHARTS, renderPerfCharts } from './perf-charts.js';
import type { BaselineRunTiming, ConcurrencySeries, FleetScaleResult, LatencyCell, PerfResult, TargetResult } from './perf-types.js';
import { IDLE_GAP_MS, LINEAR_EFFICIENCY } from './perf-types.js';
import { cellHops, cellName, HOPS, targetFigure } from './targets.js';

/**
 * `report.md` of `iotmcp-bench perf`: the targets and whether they were met, our figures beside the
 * paper's, then every measurement as a table, the charts, and the command that reproduces it all. Rendered
 * from the PerfResult alone, so perf.json can be re-rendered later.
 */

export function renderPerfReport(result: PerfResult): string {
  const sections = [
    `# iotmcp-bench perf \`${result.id}\``,
    whatWasRun(result),
    targets(result.targets),
    besideThePaper(result),
    latency(result.latency),
    concurrency(result.concurrency),
    fleetScale(result.fleetScale),
    baselineRun(result.baselineRun),
    memoryComparison(result.memory),
    boardSurvey(result.boards),
    charts(result),
    howToReproduce(result),
  ];
  return `${sections.filter((section) => section !== '').join('\n\n')}\n`;
}

function whatWasRun(result: PerfResult): string {
  const { machine } = result;
  const elapsed = Date.parse(result.finishedAt) - Date.parse(result.startedAt);
  const took = Number.isFinite(elapsed) ? ` (${duration(elapsed)})` : '';
  return [
    `- Version: iotmcp-bench ${result.version}; started ${result.startedAt}, finished ${result.finishedAt}${took}`,
    `- Mode: ${result.quick ? 'quick (`--quick`: small counts and sizes, a smoke test in under a minute; not the figures to quote)' : 'full'}`,
    `- Machine: ${machine.cpus} × ${machine.cpuModel}, ${gb(machine.memoryBytes)} RAM, ${machine.platform}, Node ${machine.node}`,
    `- Command: ${code(result.command)}`,
    '',
    'No language model is involved: every figure is a tool call, a datapool command or a fleet of emulated ' + 'boards, measured on this machine.',
  ].join('\n');
}

function targets(results: readonly TargetResult[]): string {
  if (results.length === 0) return '## Targets\n\nNo targets were evaluated.';
  const rows = results.map((target) => [
    `${target.description} (${target.direction === 'at-most' ? 'at most' : 'at least'} ${targetFigure(target.target, target.unit)})`,
    targetFigure(target.measured, target.unit),
    target.met === null ? 'not measured' : target.met ? '✓' : '✗',
    target.missedBy ?? MISSING,
    target.limit ?? MISSING,
  ]);
  return ['## Targets', '', table(['target', 'measured', 'met', 'by how much', 'what limits it'], rows)].join('\n');
}

function besideThePaper(result: PerfResult): string {
  const cells = measuredCells(result.latency);
  const [low, high] = PAPER.datapoolShare;
  const latencyRows = [
    [
      'paper (IoT-MCP)',
      msPrecise(PAPER.meanResponseMs),
      'not reported',
      `${msPrecise(PAPER.idleNetworkOverheadMs)} idle network overhead`,
      `${percent(low)}–${percent(high)}`,
    ],
    ...cells.map((cell) => [
      cellName(cell),
      msPrecise(cell.total.mean),
      msPrecise(cell.afterGap?.mean ?? null),
      `${msPrecise(cell.idle.mean)} / ${msPrecise(cell.idle.p50)}`,
      percent(datapoolShare(cell)),
    ]),
  ];
  const concurrencyRows = [
    ['paper (IoT-MCP)', `${count(PAPER.concurrency)} simultaneous requests`, `the firmware’s ${count(PAPER.concurrency)} hardware timers`],
    ...result.concurrency.map((series) => [series.label, `${count(series.linearUpTo)} concurrent calls`, series.limit]),
  ];
  return [
    '## Beside the paper',
    '',
    `Paper: ${PAPER.citation}.`,
    '',
    table(
      ['', 'mean response time, back to back', `mean after ${IDLE_GAP_MS} ms quiet`, 'idle round trip, mean / p50', 'datapool share of the mean'],
      latencyRows,
    ),
    '',
    cells.length === 0
      ? 'No latency cell was measured in this run.'
      : 'Ours: one single-read tool call, invoked to result, per transport/architecture/network cell, back to back ' +
        `and each after ${IDLE_GAP_MS} ms of quiet (as an agent calls after thinking; warm caches and sockets flatter ` +
        'back-to-back calls). The idle round ' +
        'trip is `ping_device`, answered by the board without touching a sensor: the paper’s no-load firmware. ' +
        'The paper’s datapool polled a file every 50 ms; the share is its mean datapool time over the mean response.',
    '',
    table(['', 'linear scaling up to', 'what limits it'], concurrencyRows),
    '',
    'The paper’s 12-hour run that survived disconnects is reproduced by `iotmcp-bench soak`, which writes a report ' +
      `of its own; its ${kb(PAPER.peakMemoryBytes)} peak MCU memory is set beside ours in the report of \`iotmcp-bench run\`.`,
  ].join('\n');
}

function latency(cells: readonly LatencyCell[]): string {
  if (cells.length === 0) return '## Latency by transport\n\nNot measured in this run.';
  const measured = measuredCells(cells);
  const rows = measured.map((cell) => [
    cellName(cell),
    count(cell.calls),
    count(cell.errors),
    msPrecise(cell.total.mean),
    msPrecise(cell.total.p50),
    msPrecise(cell.total.p95),
    msPrecise(cell.total.p99),
    msPrecise(cell.afterGap?.p50 ?? null),
    ...cellHops(cell).map((hop) => msPrecise(hop.distribution.mean)),
    msPrecise(cell.idle.mean),
    msPrecise(cell.idle.p50),
  ]);
  const parts = ['## Latency by transport', ''];
  if (rows.length > 0) {
    parts.push(
      table(
        ['cell', 'calls', 'errors', 'mean', 'p50', 'p95', 'p99', `p50 after ${IDLE_GAP_MS} ms quiet`, ...HOPS.map((hop) => hop.label), 'idle mean', 'idle p50'],
        rows,
      ),
      '',
      'Sequential single-read tool calls through the MCP SDK client. MCP, datapool, network and device are the means ' +
        'of each call’s parts, which add up to its total; errors are counted and left out of the times.',
    );
    const toolSets = [...new Set(measured.map((cell) => cell.tools.join(', ')))].filter((tools) => tools !== '');
    if (toolSets.length > 0) parts.push('', `Tools called, round-robin: ${toolSets.map((tools) => code(tools)).join('; ')}.`);
  }
  const skipped = cells.filter((cell) => cell.skipped !== undefined);
  if (skipped.length > 0) parts.push('', 'Not measured:', '', ...skipped.map((cell) => `- ${cellName(cell)}: ${oneLine(cell.skipped ?? '')}`));
  const failing = measured.filter((cell) => cell.errors > 0);
  if (failing.length > 0) {
    parts.push(
      '',
      'Errors:',
      '',
      ...failing.map((cell) => {
        const samples = cell.errorSamples.map((sample) => `“${oneLine(sample)}”`).join('; ');
        return `- ${cellName(cell)}: ${count(cell.errors)} of ${count(cell.calls)} calls failed${samples === '' ? '' : `, e.g. ${samples}`}`;
      }),
    );
  }
  return parts.join('\n');
}

function concurrency(series: readonly ConcurrencySeries[]): string {
  if (series.length === 0) return '## Concurrency\n\nNot measured in this run.';
  const parts = [
    '## Concurrency',
    '',
    `Each level keeps that many tool calls in flight. Efficiency is throughput over level × the throughput at level 1; ` +
      `a level counts as linear at ${percent(LINEAR_EFFICIENCY)} or more. CPU is how many cores this process kept busy (1.00: one core, all the time).`,
  ];
  for (const one of series) {
    parts.push(
      '',
      `### ${one.label}`,
      '',
      `${count(one.mcus)} MCUs with ${count(one.slots)} sampling slots, MCP over ${one.transport}, ${one.network} network; each call: ${one.call}.`,
    );
    if (one.levels.length === 0) {
      parts.push('', 'No level was measured.');
      continue;
    }
    const rows = one.levels.map((level) => [
      count(level.level),
      count(level.calls),
      count(level.errors),
      perSecond(level.throughputPerS),
      msPrecise(level.latency.p50),
      msPrecise(level.latency.p95),
      msPrecise(level.latency.p99),
      percent(level.efficiency),
      cores(level.cpuCores),
    ]);
    parts.push(
      '',
      table(['level', 'calls', 'errors', 'throughput', 'p50', 'p95', 'p99', 'efficiency', 'CPU (cores)'], rows),
      '',
      `Linear up to **${count(one.linearUpTo)}** concurrent calls. What limits it: ${oneLine(one.limit)}`,
    );
  }
  return parts.join('\n');
}

function fleetScale(fleet: FleetScaleResult): string {
  const limit =
    fleet.openFileLimit === null
      ? 'The open-file limit of this process is unknown.'
      : `Open-file limit of this process: ${count(fleet.openFileLimit)}; each board holds a socket on each side, so it bounds how many boards one process can hold.`;
  if (fleet.levels.length === 0) return ['## Fleet scale', '', 'Not measured in this run.', '', limit].join('\n');
  const measured = fleet.levels.filter((level) => level.skipped === undefined);
  const parts = ['## Fleet scale', '', 'The fleet runs in a process of its own, the datapool in this one.'];
  if (measured.length > 0) {
    const rows = measured.map((level) => [
      count(level.mcus),
      duration(level.onlineMs),
      perSecond(level.commandsPerS),
      `${count(level.commands)} (${count(level.commandErrors)})`,
      level.heartbeatMs === undefined
        ? perSecond(level.heartbeatsPerS)
        : `${perSecond(level.heartbeatsPerS)} (each board every ${duration(level.heartbeatMs)})`,
      percent(level.idleDatapoolCores),
      mb(level.fleetRssBytes),
      kb(level.bytesPerMcu),
      mb(level.datapoolRssBytes),
    ]);
    parts.push(
      '',
      table(
        ['MCUs', 'time online', 'commands/s', 'commands (errors)', 'heartbeats/s', 'idle datapool CPU (of a core)', 'fleet RSS', 'per MCU', 'datapool RSS'],
        rows,
      ),
      '',
      'Time online runs from starting the fleet process to the datapool holding every board’s announcement. ' +
        'Commands are single reads through the datapool with the whole fleet online; heartbeats and CPU are measured while it idles.',
    );
  }
  const skipped = fleet.levels.filter((level) => level.skipped !== undefined);
  if (skipped.length > 0) parts.push('', 'Not measured:', '', ...skipped.map((level) => `- ${count(level.mcus)} MCUs: ${oneLine(level.skipped ?? '')}`));
  parts.push('', limit);
  return parts.join('\n');
}

function baselineRun(run: BaselineRunTiming): string {
  const parts = ['## Full baseline run', ''];
  if (run.skipped !== undefined) {
    parts.push(`Skipped: ${oneLine(run.skipped)}`);
  } else {
    const seconds = run.durationMs === null ? MISSING : `${(run.durationMs / 1000).toFixed(1)} s`;
    parts.push(table(['wall time', 'trials', 'success'], [[seconds, count(run.trials), percent(run.success)]]));
  }
  parts.push('', `Run as: ${run.options}.`);
  return parts.join('\n');
}

function charts(result: PerfResult): string {
  const titles: Record<string, string> = Object.fromEntries(Object.values(PERF_CHARTS).map((chart) => [chart.file, chart.title]));
  const files = renderPerfCharts(result).map(([file]) => file);
  if (files.length === 0) return '';
  return ['## Charts', '', ...files.flatMap((file, index) => [...(index > 0 ? [''] : []), `![${titles[file] ?? file}](${file})`])].join('\n');
}

function howToReproduce(result: PerfResult): string {
  return [
    '## How to reproduce',
    '',
    '```sh',
    result.command,
    '```',
    '',
    '`--quick` runs small counts and sizes in under a minute (a CI smoke test); without it every level runs and ' +
      'the full baseline run is timed. perf.json holds every figure above, perf.csv the same in long format. ' +
      'Faults and recovery: `iotmcp-bench soak --minutes 1`.',
  ].join('\n');
}

function measuredCells(cells: readonly LatencyCell[]): LatencyCell[] {
  return cells.filter((cell) => cell.skipped === undefined);
}

function datapoolShare(cell: LatencyCell): number | null {
  const { datapool, total } = cell;
  return datapool.mean !== null && total.mean !== null && total.mean > 0 ? datapool.mean / total.mean : null;
}

function cores(value: number | null): string {
  return value === null ? MISSING : value.toFixed(2);
}

/** Inline code that survives backticks inside it (a command line may hold some). */
function code(value: string): string {
  const fence = value.includes('`') ? '``' : '`';
  return `${fence}${fence === '``' ? ' ' : ''}${value}${fence === '``' ? ' ' : ''}${fence}`;
}

function oneLine(value: string): string {
  return value.replace(/\s*\n\s*/g, ' ').trim();
}
