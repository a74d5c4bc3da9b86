import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { type RunningBroker, startMosquitto } from '../../bench/mcp/mqtt/local-broker.js';
import { CLI_PATH } from '../../core/package.js';
import { HttpDatapoolClient } from '../../datapool/http-client.js';
import { surveyBoards } from './board-survey.js';
import { measureConcurrency } from './concurrency.js';
import { measureFleetScale } from './fleet-scale.js';
import { measureLatencyMatrix } from './latency-matrix.js';
import { measureMemoryComparison } from './memory-comparison.js';
import type { BaselineRunTiming, BoardFigures, ConcurrencySeries, FleetScaleResult, LatencyCell, MemoryComparison, PerfResult } from './perf-types.js';
import { evaluateTargets } from './targets.js';
import { writePerfOutputs } from './write-perf-outputs.js';

/**
 * `iotmcp-bench perf`: the system's own figures, no LLM involved. Each experiment is its own module and
 * fills its own section of the result; this file only runs them in order, starts what they share (an MQTT
 * broker when Mosquitto is installed) and writes `results/perf-<id>/`.
 */

export const PERF_SECTIONS = ['latency', 'concurrency', 'fleet', 'baseline-run', 'memory', 'boards'] as const;
export type PerfSection = (typeof PERF_SECTIONS)[number];

export interface PerfOptions {
  /** Small counts and sizes: the whole command in under a minute (a CI smoke test). */
  quick: boolean;
  sections: ReadonlySet<PerfSection>;
  /** A running broker for the MQTT cells; null: start Mosquitto if it is installed, else skip those cells. */
  brokerUrl: string | null;
  /**
   * A running datapool's HTTP API (a lab's boards): the `boards` section surveys every board online there.
   * Null: no boards section (the other sections measure this machine's own emulated system).
   */
  datapool: { url: string; token?: string } | null;
  /** The output directory; null for `<resultsDir>/perf-<id>`. */
  out: string | null;
  resultsDir: string;
  /** The command line, recorded in the result. */
  command: string;
  version: string;
  log: (line: string) => void;
  signal: AbortSignal;
}

export interface PerfOutcome {
  dir: string;
  result: PerfResult;
  files: string[];
  interrupted: boolean;
}

export function newPerfId(at = new Date()): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `perf-${stamp}-${randomBytes(2).toString('hex')}`;
}

export async function runPerf(options: PerfOptions): Promise<PerfOutcome> {
  const id = newPerfId();
  const dir = resolve(options.out ?? join(options.resultsDir, id));
  await mkdir(dir, { recursive: true });
  const startedAt = new Date().toISOString();
  const { log, signal, quick } = options;
  const wanted = (section: PerfSection): boolean => options.sections.has(section) && !signal.aborted;

  let latency: LatencyCell[] = [];
  if (wanted('latency')) {
    log('latency: tool calls over each transport, architecture and network profile');
    const broker = await brokerFor(options);
    try {
      latency = await measureLatencyMatrix({ quick, brokerUrl: broker.url, log, signal });
    } finally {
      await broker.stop();
    }
  }

  let concurrency: ConcurrencySeries[] = [];
  if (wanted('concurrency')) {
    log('concurrency: simultaneous tool calls, 1 to 1,024');
    concurrency = await measureConcurrency({ quick, log, signal });
  }

  let fleetScale: FleetScaleResult = { levels: [], openFileLimit: null };
  if (wanted('fleet')) {
    log('fleet scale: emulated MCUs in their own process against this datapool');
    fleetScale = await measureFleetScale({ quick, log, signal });
  }

  let baselineRun: BaselineRunTiming = {
    skipped: quick ? 'not run with --quick (it takes a minute or more): run `iotmcp-bench perf` without --quick' : 'not selected',
    durationMs: null,
    trials: 0,
    success: null,
    options: 'iotmcp-bench run (defaults)',
  };
  if (!quick && wanted('baseline-run')) {
    log('baseline run: `iotmcp-bench run` with its defaults, all 1,254 tasks, timed');
    baselineRun = await timeBaselineRun(signal);
  }

  let memory: MemoryComparison | undefined;
  if (wanted('memory')) {
    log("memory: the memory model against MicroPython's allocator, the same board and commands on both firmwares");
    memory = await measureMemoryComparison({ quick, log, signal });
  }

  let boards: BoardFigures[] | undefined;
  if (wanted('boards')) {
    if (options.datapool === null) log('boards: skipped (give --datapool URL to survey the boards of a running datapool)');
    else {
      log(`boards: every board online at ${options.datapool.url}, one call at a time`);
      boards = await surveyRemoteBoards(options.datapool, quick, log, signal);
    }
  }

  const measured = {
    id,
    version: options.version,
    startedAt,
    finishedAt: new Date().toISOString(),
    quick,
    machine: machine(),
    latency,
    concurrency,
    fleetScale,
    baselineRun,
    ...(memory !== undefined && { memory }),
    ...(boards !== undefined && { boards }),
    command: options.command,
  };
  const result: PerfResult = { ...measured, targets: evaluateTargets(measured) };
  const files = await writePerfOutputs(dir, result);
  return { dir, result, files, interrupted: signal.aborted };
}

function machine(): PerfResult['machine'] {
  const cpu = cpus();
  return {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    memoryBytes: totalmem(),
    platform: `${process.platform}-${process.arch}`,
    node: process.version,
  };
}

/** The given broker, or a Mosquitto of our own for the duration of the latency matrix, or none. */
async function brokerFor(options: PerfOptions): Promise<{ url: string | null; stop(): Promise<void> }> {
  if (options.brokerUrl !== null) return { url: options.brokerUrl, stop: async () => {} };
  let broker: RunningBroker;
  try {
    broker = await startMosquitto();
  } catch (error) {
    options.log(`latency: MQTT cells skipped: ${(error as Error).message.split('\n')[0]}`);
    return { url: null, stop: async () => {} };
  }
  return { url: broker.url, stop: () => broker.stop() };
}

/**
 * Times the benchmark as a user runs it: `iotmcp-bench run` in a child process with its defaults (all tasks,
 * baseline agent, embedded system), so start-up, connecting and writing the report all count.
 */
async function timeBaselineRun(signal: AbortSignal): Promise<BaselineRunTiming> {
  const out = await mkdtemp(join(tmpdir(), 'iotmcp-perf-run-'));
  const cli = CLI_PATH;
  const args = [cli, 'run', '--out', out, '--no-progress'];
  const options = 'iotmcp-bench run (defaults: baseline agent, all tasks, --concurrency 8, --device-speed 50, memory transport)';
  try {
    const started = performance.now();
    const { code, stderr } = await runChild(process.execPath, args, signal);
    const durationMs = performance.now() - started;
    if (code !== 0) {
      return { skipped: `the run exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' / ')}`, durationMs: null, trials: 0, success: null, options };
    }
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8')) as { counts?: { recorded?: number }; success?: { rate?: number | null } };
    return { durationMs, trials: summary.counts?.recorded ?? 0, success: summary.success?.rate ?? null, options };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

function runChild(command: string, args: string[], signal: AbortSignal): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolveChild, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], signal, killSignal: 'SIGINT' });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      // Only the tail matters for an error message; keep memory flat over a long run.
      stderr = (stderr + chunk).slice(-4000);
    });
    child.once('error', (error) => {
      if (signal.aborted) resolveChild({ code: 130, stderr: 'interrupted' });
      else reject(error);
    });
    child.once('close', (code) => resolveChild({ code, stderr }));
  });
}

/** Rounds per board: enough for a p95 in full mode, a smoke test in quick mode. */
const SURVEY_ROUNDS = { quick: 5, full: 50 } as const;

async function surveyRemoteBoards(
  datapool: { url: string; token?: string },
  quick: boolean,
  log: (line: string) => void,
  signal: AbortSignal,
): Promise<BoardFigures[]> {
  const client = new HttpDatapoolClient(datapool.url, { ...(datapool.token !== undefined && { token: datapool.token }) });
  try {
    const boards = await surveyBoards({ client, rounds: quick ? SURVEY_ROUNDS.quick : SURVEY_ROUNDS.full, log, signal });
    if (boards.length === 0) log(`boards: no board is online at ${datapool.url}`);
    return boards;
  } finally {
    client.close();
  }
}
