import { join, resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import type { SoakResult } from '../../measure/soak/soak-types.js';
import { abortOnSignal } from '../lifecycle.js';
import { parseInteger, parseNumber, parsePositive, parsePositiveInteger } from '../options.js';

/**
 * `soak`: tool calls run continuously for a while as faults are injected (boards dropping, the datapool
 * SIGKILLed and restarted, the MQTT broker restarted, garbage from a board, latency spikes); it reports
 * every call's outcome, the recovery time after each fault, and whether any acknowledged result was lost.
 */

interface SoakFlags {
  minutes: number;
  seed: number;
  mcp: 'memory' | 'mqtt';
  concurrency: number;
  faultEvery: number;
  faults?: string;
  callTimeout: number;
  pause: number;
  settle: number;
  deviceSpeed: number;
  fleet?: string;
  retainMb: number;
  out?: string;
  resultsDir: string;
  progress: boolean;
  verbose?: boolean;
}

/** Exit codes: 0 nothing lost, 1 a call lost, an acknowledged result missing, the store over its bound (or a crash), 130 Ctrl-C. */
export const SOAK_EXIT = { ok: 0, failed: 1, interrupted: 130 } as const;

function notNegative(value: string): number {
  const n = parseNumber(value);
  if (n < 0) throw new InvalidArgumentError(`expected 0 or more, got "${value}"`);
  return n;
}

function transport(value: string): 'memory' | 'mqtt' {
  if (value === 'memory' || value === 'mqtt') return value;
  throw new InvalidArgumentError(`expected memory or mqtt, got "${value}"`);
}

export function registerSoak(program: Command): void {
  const command = program
    .command('soak')
    .description('Tool calls run continuously while faults are injected; reports calls answered, failed and lost, and recovery after each fault')
    .option('--minutes <m>', 'minutes of fault injection (fractions allowed, e.g. 0.25)', parsePositive, 1)
    .option('--seed <n>', 'seeds the call mix, the fault order and the fault targets', parseInteger, 1)
    .option('--mcp <transport>', 'memory | mqtt (MCP over a local Mosquitto the soak starts and restarts)', transport, 'memory')
    .option('--concurrency <n>', 'workers calling tools at once', parsePositiveInteger, 8)
    .option('--fault-every <s>', 'one fault every this many seconds, round-robin over the kinds', parsePositive, 3)
    .option(
      '--faults <kinds>',
      'comma-separated: mcu-drop, datapool-kill, broker-restart (mqtt only), malformed-output, latency-spike (default: all that apply)',
    )
    .option('--call-timeout <s>', "each call's deadline, seconds", parsePositive, 20)
    .option(
      '--pause <ms>',
      "each worker waits this long between calls (0 = flat out); the datapool's store grows ~1.2 KB per call up to its retention (--retain-mb)",
      notNegative,
      20,
    )
    .option('--settle <s>', 'after the last fault, keep calling until every fault has recovered, at most this long', notNegative, 20)
    .option('--device-speed <x>', 'emulated boards sample x times faster than real time (short series)', parsePositive, 10)
    .option('--fleet <file>', 'emulated fleet JSON (default: the built-in fleet of 6 MCUs)')
    .option('--retain-mb <n>', 'MB of finished commands the datapool keeps: its store must stay under twice this plus three 8 MB segments', parsePositive, 32)
    .option('--out <dir>', 'output directory (default: <results-dir>/soak-<id>)')
    .option('--results-dir <dir>', 'where output directories go', 'results')
    .option('--no-progress', 'no status line every 10 s')
    .option('--verbose', "print the datapool's and servers' log lines");
  command.addHelpText(
    'after',
    '\nWrites soak.json, soak.csv (one row per fault) and report.md.\n' +
      'Exit codes: 0 nothing lost, 1 a call lost, an acknowledged result missing from the store, the store over its bound, or the datapool crashed; 130 interrupted (the report is still written).\n' +
      'Examples:\n' +
      '  iotmcp-bench soak --minutes 1\n' +
      '  iotmcp-bench soak --minutes 720 --mcp mqtt --pause 1000    # 12 hours, as the paper, at ~8 calls/s\n',
  );
  command.action(async (flags: SoakFlags) => {
    const { DEFAULT_SOAK_OPTIONS, runSoak } = await import('../../measure/soak/run-soak.js');
    const { FAULT_KINDS, faultKindsFor } = await import('../../measure/soak/soak-types.js');
    const { writeSoakOutputs, soakVerdict } = await import('../../measure/soak/soak-report.js');
    type Kind = (typeof FAULT_KINDS)[number];
    let faults = faultKindsFor(flags.mcp);
    if (flags.faults !== undefined) {
      const asked = flags.faults
        .split(',')
        .map((kind) => kind.trim())
        .filter((kind) => kind !== '');
      const unknown = asked.filter((kind) => !(FAULT_KINDS as readonly string[]).includes(kind));
      if (unknown.length > 0) throw new Error(`--faults: unknown kind(s) ${unknown.join(', ')}; kinds: ${FAULT_KINDS.join(', ')}`);
      if (asked.includes('broker-restart') && flags.mcp !== 'mqtt')
        throw new Error('--faults broker-restart needs --mcp mqtt (the memory transport has no broker)');
      if (asked.length === 0) throw new Error('--faults: name at least one kind');
      faults = asked as Kind[];
    }
    const options = {
      ...DEFAULT_SOAK_OPTIONS,
      minutes: flags.minutes,
      seed: flags.seed,
      mcp: flags.mcp,
      concurrency: flags.concurrency,
      faultEveryS: flags.faultEvery,
      faults,
      callTimeoutMs: flags.callTimeout * 1000,
      pauseMs: flags.pause,
      settleMs: flags.settle * 1000,
      speed: flags.deviceSpeed,
      fleetPath: flags.fleet ?? null,
      retainMb: flags.retainMb,
    };

    const interrupt = abortOnSignal('stopping the soak: the report is still written');
    const say = (line: string): void => void process.stderr.write(`${line}\n`);
    try {
      say(
        `soak: ${flags.minutes} min of faults (${faults.join(', ')}) every ${flags.faultEvery} s, ${flags.concurrency} workers, MCP ${flags.mcp}; starting the datapool, fleet and servers...`,
      );
      const result = await runSoak(options, {
        signal: interrupt.signal,
        ...(flags.verbose === true && { log: say }),
        ...(flags.progress && { progress: say }),
      });
      const dir = resolve(flags.out ?? join(flags.resultsDir, `soak-${result.id}`));
      await writeSoakOutputs(dir, result);
      process.stdout.write(summaryLines(result, soakVerdict(result), dir));
      process.exitCode = result.exitCode !== 0 ? SOAK_EXIT.failed : result.interrupted ? SOAK_EXIT.interrupted : SOAK_EXIT.ok;
    } finally {
      interrupt.release();
    }
  });
}

/** The short summary printed at the end; report.md has the rest. */
function summaryLines(result: SoakResult, verdict: string, dir: string): string {
  const c = result.calls;
  const kinds = result.byKind
    .filter((kind) => kind.count > 0)
    .map(
      (kind) =>
        `${kind.kind} ${kind.recovered}/${kind.count} recovered, mean ${kind.recoveryMs.mean === null ? '–' : `${Math.round(kind.recoveryMs.mean)} ms`}`,
    );
  return [
    verdict,
    `calls: ${c.issued} issued = ${c.answered} answered + ${c.failed} failed with a clear error + ${c.lost} lost` +
      (c.abandoned > 0 ? ` (${c.abandoned} in flight at Ctrl-C, not counted)` : ''),
    `errors: ${
      Object.entries(c.failedByCode)
        .map(([code, n]) => `${code} ${n}`)
        .join(', ') || 'none'
    }`,
    `durability: ${result.durability.checked} answered calls checked in the store, ${result.durability.acknowledgedMissing} missing; ` +
      `store at most ${(result.durability.storePeakBytes / 1048576).toFixed(1)} MiB (bound ${((result.durability.storeBoundBytes ?? 0) / 1048576).toFixed(1)} MiB)`,
    `faults: ${kinds.join('; ') || 'none'}`,
    `report: ${join(dir, 'report.md')}`,
    '',
  ].join('\n');
}
