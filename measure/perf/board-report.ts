import { kb, MISSING, msPrecise } from '../../bench/report/format.js';
import type { Distribution } from '../../bench/results/summary-types.js';
import { table } from './markdown-table.js';
import type { BoardFigures, MemoryCalibration, MemoryComparison } from './perf-types.js';

/**
 * The perf report's sections about boards as such: the memory model set against MicroPython's allocator, and
 * a survey of the boards of a running datapool (a lab's), each figure split by hop.
 */

export function memoryComparison(memory: MemoryComparison | undefined): string {
  if (memory === undefined) return '';
  const head = '## Memory: modelled against measured';
  if (memory.skipped !== undefined) return `${head}\n\nNot measured: ${memory.skipped}.`;
  const rows = memory.rows.map((row) => [row.command, kb(row.modeled), kb(row.measured), ratio(row.measured, row.modeled), String(row.calls)]);
  return [
    head,
    '',
    `The same board (${memory.board}) on both firmwares, sent the same commands: the TypeScript emulator's memory model ` +
      `against our MicroPython firmware running in ${memory.measuredBy ?? 'MicroPython'}, whose \`peak_memory\` is the highest ` +
      '`gc.mem_alloc()` it saw since its last reply. Medians per command.',
    '',
    table(['command', 'modelled peak', 'measured peak', 'measured / modelled', 'calls each'], rows),
    memory.calibration === null ? '' : `\n${calibration(memory.calibration)}`,
    memory.drivers === undefined ? '' : `\n${drivers(memory)}`,
  ].join('\n');
}

function drivers(memory: MemoryComparison): string {
  const rows = (memory.drivers ?? []).map((d) => [d.name, d.kind, `${d.modeled} B`, `${d.measured} B`, ratio(d.measured, d.modeled)]);
  const base = memory.firmwareBase;
  return [
    "Each driver's share of the heap: a MicroPython board booted with one driver more than another, the live heap of the " +
      `one less the other's.${base === undefined ? '' : ` The firmware itself, no driver counted: ${kb(base.measured)} measured, ${kb(base.modeled)} in the model.`}` +
      `${memory.actuatorPackage === undefined ? '' : ` The actuator package, held once by a board that drives any: ${kb(memory.actuatorPackage.measured)} measured, ${kb(memory.actuatorPackage.modeled)} in the model.`}`,
    '',
    table(['driver', 'kind', 'model', 'measured', 'measured / model'], rows),
  ].join('\n');
}

function calibration(c: MemoryCalibration): string {
  const row = (name: string, pair: { modeled: number; measured: number }): string[] => [
    name,
    kb(pair.modeled),
    kb(pair.measured),
    ratio(pair.measured, pair.modeled),
  ];
  return [
    `The model's constants for the ${c.profile} beside what the measurements give for them:`,
    '',
    table(
      ['constant', 'model', 'measured', 'measured / model'],
      [row('heap at rest (firmware + drivers)', c.atRest), row('per running command', c.perCommand), row('per reply built', c.perReply)],
    ),
  ].join('\n');
}

export function boardSurvey(boards: readonly BoardFigures[] | undefined): string {
  if (boards === undefined) return '';
  const head = '## Boards';
  if (boards.length === 0) return `${head}\n\nNo board was online at the datapool.`;
  const who = boards.map((b) => [
    b.mcu,
    b.model ?? MISSING,
    b.firmware ?? MISSING,
    b.link ?? MISSING,
    b.transport ?? MISSING,
    b.wifiPm ?? MISSING,
    b.memorySource + (b.memorySamplingMs === null ? '' : ` (every ${b.memorySamplingMs} ms)`),
    b.speed === 1 ? 'real time' : `${b.speed}x`,
  ]);
  const figures = boards.flatMap((b) => [
    [b.mcu, 'idle round trip (ping)', String(b.idle.calls), p50(b.idle.roundTrip), MISSING, MISSING, p50(b.idle.device), MISSING, MISSING],
    ...b.commands.map((c) => [
      b.mcu,
      c.command,
      String(c.calls),
      p50(c.total),
      p50(c.queue),
      p50(c.network),
      p50(c.device),
      p50(c.store),
      kb(c.peakMemory.max),
    ]),
  ]);
  const failures = boards.filter((b) => b.errors > 0).map((b) => `- ${b.mcu}: ${b.errors} calls failed (${b.errorSamples.join('; ')})`);
  return [
    head,
    '',
    'Each board of the datapool, called one call at a time. What each board announced of itself:',
    '',
    table(['MCU', 'model', 'firmware', 'link', 'datapool reached it by', 'WiFi power save', 'memory', 'speed'], who),
    '',
    'p50 of each part, from the stored records: queue (accepted to written to the board), network (the link both ways: ' +
      "the time between writing the command and its answer less the board's own `elapsed_ms`), device (`elapsed_ms`), " +
      'store (answer to durably stored). A board that does not send `elapsed_ms` (the original firmware) has no ' +
      'network/device split. WiFi power save delays packets to a board by up to a beacon interval (about 100 ms).',
    '',
    table(['MCU', 'call', 'calls', 'total p50', 'queue', 'network', 'device', 'store', 'peak memory (max)'], figures),
    failures.length === 0 ? '' : `\n${failures.join('\n')}`,
  ].join('\n');
}

function p50(value: Distribution): string {
  return value.n === 0 ? MISSING : msPrecise(value.p50);
}

function ratio(measured: number | null, modeled: number | null): string {
  return measured === null || modeled === null || modeled === 0 ? MISSING : `${(measured / modeled).toFixed(2)}`;
}
