import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { count, duration, MISSING, msPrecise, percent, perSecond } from '../../bench/report/format.js';
import { writeFileAtomic } from '../../core/write-file-atomic.js';
import type { FaultRecord, SoakResult } from './soak-types.js';

/**
 * A soak's outputs: `soak.json` (the whole result), `soak.csv` (one row per fault) and `report.md` (totals,
 * failures by error code, durability, recovery per fault kind, and the paper's soak beside ours).
 */

/** The paper's soak, as the reference page states it (no figures beyond these words are given). */
export const PAPER_SOAK = {
  duration: '12 hours',
  fleet: '6 MCUs, 13 sensors',
  faults: 'reconnects restored automatically',
} as const;

/** Faults listed one by one in report.md; every one is in soak.csv. */
const FAULTS_LISTED = 60;

export async function writeSoakOutputs(dir: string, result: SoakResult): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, 'soak.json'), `${JSON.stringify(result, null, 2)}\n`);
  await writeFileAtomic(join(dir, 'soak.csv'), soakCsv(result));
  await writeFileAtomic(join(dir, 'report.md'), soakMarkdown(result));
}

export const CSV_COLUMNS = ['seq', 'at_s', 'kind', 'target', 'detail', 'injected_at', 'recovered', 'recovery_ms', 'error'] as const;

/** One row per fault; `recovery_ms` is empty for a fault that never recovered. */
export function soakCsv(result: SoakResult): string {
  const rows = result.faults.map((fault) => [
    fault.seq,
    fault.atS,
    fault.kind,
    fault.target,
    fault.detail,
    new Date(fault.injectedAt).toISOString(),
    // Spelled out: csv-stringify writes a false boolean as an empty cell.
    fault.recoveredAt !== null ? 'true' : 'false',
    fault.recoveryMs === null ? null : Number(fault.recoveryMs.toFixed(1)),
    fault.error ?? null,
  ]);
  return stringify([[...CSV_COLUMNS], ...rows]);
}

export function soakMarkdown(result: SoakResult): string {
  const { calls, durability, options } = result;
  const lines: string[] = [`# Soak ${result.id}`, '', verdict(result), ''];
  const fleet = `${result.fleet.mcus} MCUs, ${result.fleet.sensorInstances} sensors (${result.fleet.sensorTypes} types)`;
  lines.push(
    `MCP ${options.mcp} (gateway); fleet "${result.fleet.name}": ${fleet}, sampling ${options.speed}x faster than real time; ` +
      `${options.concurrency} workers calling tools continuously; one fault every ${options.faultEveryS} s for ${minutes(result.durationMs.faults)}, ` +
      `then up to ${duration(options.settleMs)} for the last faults to recover (took ${duration(result.durationMs.settle)}); seed ${options.seed}. ` +
      `Machine: ${result.machine.platform}, ${result.machine.cores} cores, Node ${result.machine.node}. Started ${result.startedAt}.`,
    '',
  );
  if (result.interrupted) lines.push('**Interrupted** (Ctrl-C): the figures cover the soak until then.', '');
  if (result.fatal !== null) lines.push(`**Ended early**: ${result.fatal}`, '');

  lines.push('## Calls', '', '| outcome | calls | share |', '|---|---:|---:|');
  const share = (n: number): string => (calls.issued === 0 ? MISSING : percent(n / calls.issued));
  lines.push(`| issued | ${count(calls.issued)} | ${share(calls.issued)} |`);
  lines.push(`| answered | ${count(calls.answered)} | ${share(calls.answered)} |`);
  lines.push(`| failed with a clear error | ${count(calls.failed)} | ${share(calls.failed)} |`);
  lines.push(`| **lost** (must be 0) | ${count(calls.lost)} | ${share(calls.lost)} |`);
  if (calls.abandoned > 0) lines.push(`| in flight at Ctrl-C (not counted) | ${count(calls.abandoned)} | |`);
  const latency = calls.answeredLatencyMs;
  lines.push(
    '',
    `Answered ${perSecond(calls.answeredPerS, ' calls/s')}; response time (host: tool call sent to result received, single reads and series alike) ` +
      `mean ${msPrecise(latency.mean)}, p50 ${msPrecise(latency.p50)}, p95 ${msPrecise(latency.p95)}, p99 ${msPrecise(latency.p99)}, max ${msPrecise(latency.max)}.`,
    '',
  );
  const codes = Object.entries(calls.failedByCode);
  if (codes.length > 0) {
    lines.push('### Failed calls by error code', '', '| code | calls | first message |', '|---|---:|---|');
    for (const [code, n] of codes) lines.push(`| ${code} | ${count(n)} | ${cell(calls.examples[code] ?? '')} |`);
    lines.push('');
  }
  const lost = Object.entries(calls.lostByReason);
  if (lost.length > 0) {
    lines.push('### Lost calls', '', '| reason | calls | first message |', '|---|---:|---|');
    for (const [reason, n] of lost) lines.push(`| ${reason} | ${count(n)} | ${cell(calls.examples[`lost:${reason}`] ?? '')} |`);
    lines.push('');
  }

  lines.push(
    '## Durability',
    '',
    `Every answered sensor call's command id, with as many samples as the host received, was looked up in the datapool's store ` +
      `(${count(durability.checks)} checks as the soak went, each of the calls answered since the one before, the last after it ended; ` +
      `${mib(durability.storeBytes)} and ${count(durability.storeRecords)} records at the end, at most ${mib(durability.storePeakBytes)}` +
      `${durability.storeBoundBytes !== undefined ? ` against a bound of ${mib(durability.storeBoundBytes)} for its retention` : ''}): ` +
      `${count(durability.checked)} checked, **${count(durability.acknowledgedMissing)} missing**` +
      `${durability.missingIds.length > 0 ? ` (first: ${durability.missingIds.join(', ')})` : ''}.` +
      (durability.unreadableLines > 0 ? ` ${count(durability.unreadableLines)} unreadable line(s) in the store (a line torn by a SIGKILL is expected).` : ''),
    '',
  );

  lines.push('## Faults and recovery', '', '| fault | injected | recovered | recovery mean | p50 | max |', '|---|---:|---:|---:|---:|---:|');
  for (const kind of result.byKind) {
    const r = kind.recoveryMs;
    lines.push(`| ${kind.kind} | ${kind.count} | ${kind.recovered} | ${duration(r.mean)} | ${duration(r.p50)} | ${duration(r.max)} |`);
  }
  lines.push(
    '',
    'Recovery: from the injection (for a latency spike, from its end) to the first answered call, sent after that instant, that needed ' +
      'the faulted part: the dropped, garbled or slowed board; any call after a datapool or broker restart.',
    '',
    `Datapool restarts: ${result.datapool.restarts}; exits it was not told to make: ${result.datapool.unexpectedExits}.` +
      (result.broker === null
        ? ''
        : ` Broker restarts: ${result.broker.restarts}; the host reopened its MCP sessions ${result.broker.hostReconnects} time(s).`),
    '',
  );

  const injected = result.faults.length;
  const recovered = result.faults.filter((fault) => fault.recoveredAt !== null).length;
  const kinds = result.byKind.filter((kind) => kind.count > 0).length;
  lines.push(
    '## Beside the paper',
    '',
    '| | IoT-MCP paper | this soak |',
    '|---|---|---|',
    `| duration | ${PAPER_SOAK.duration} | ${minutes(result.durationMs.total)} |`,
    `| fleet | ${PAPER_SOAK.fleet} | ${fleet}, emulated |`,
    `| faults | ${PAPER_SOAK.faults} | ${injected} injected (${kinds} kinds), ${recovered} recovered automatically |`,
    `| tool calls | not reported | ${count(calls.issued)} issued, ${count(calls.lost)} lost, ${count(durability.acknowledgedMissing)} acknowledged results missing |`,
    '',
  );

  if (injected > 0) {
    lines.push('## Every fault', '', '| # | at | fault | target | recovery | note |', '|---:|---:|---|---|---:|---|');
    for (const fault of result.faults.slice(0, FAULTS_LISTED)) lines.push(faultRow(fault));
    if (injected > FAULTS_LISTED) lines.push('', `(${injected - FAULTS_LISTED} more in soak.csv)`);
    lines.push('');
  }
  return lines.join('\n');
}

/** One line for a terminal and the report's top. */
export function soakVerdict(result: SoakResult): string {
  return verdict(result).replace(/\*\*/g, '');
}

function verdict(result: SoakResult): string {
  const problems: string[] = [];
  if (result.calls.lost > 0) problems.push(`${count(result.calls.lost)} call(s) lost`);
  if (result.durability.acknowledgedMissing > 0) problems.push(`${count(result.durability.acknowledgedMissing)} acknowledged result(s) missing from the store`);
  const { storePeakBytes, storeBoundBytes } = result.durability;
  if (storeBoundBytes !== undefined && storePeakBytes > storeBoundBytes)
    problems.push(`the store reached ${mib(storePeakBytes)}, over its bound of ${mib(storeBoundBytes)}`);
  if (result.datapool.unexpectedExits > 0) problems.push(`the datapool exited on its own ${result.datapool.unexpectedExits} time(s)`);
  if (result.fatal !== null) problems.push(`ended early: ${result.fatal}`);
  const unrecovered = result.faults.filter((fault) => fault.recoveredAt === null).length;
  const note = unrecovered > 0 ? ` ${unrecovered} fault(s) not recovered by the end.` : '';
  if (problems.length > 0) return `**FAIL**: ${problems.join('; ')}.${note}`;
  return `**PASS**: ${count(result.calls.issued)} calls, 0 lost, 0 acknowledged results missing, ${result.faults.length} faults injected.${note}`;
}

function faultRow(fault: FaultRecord): string {
  const recovery = fault.recoveryMs === null ? 'not recovered' : duration(fault.recoveryMs);
  const note = fault.error !== undefined ? `injection failed: ${fault.error}` : fault.detail;
  return `| ${fault.seq} | ${fault.atS.toFixed(1)} s | ${fault.kind} | ${cell(fault.target)} | ${recovery} | ${cell(note)} |`;
}

function minutes(ms: number): string {
  return ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : duration(ms);
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** A table cell: one line, no pipes, not overlong. */
function cell(text: string): string {
  const flat = text.replace(/\s+/g, ' ').replace(/\|/g, '\\|');
  return flat.length > 160 ? `${flat.slice(0, 160)}…` : flat;
}
