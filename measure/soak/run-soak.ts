import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { distribution } from '../../bench/report/statistics.js';
import { now } from '../../core/clock.js';
import { SeededRandom } from '../../devices/network/random.js';
import { CallLedger } from './call-ledger.js';
import { type CallLoad, startCallLoad } from './call-load.js';
import { CallMix } from './call-mix.js';
import { DurabilityCheck } from './durability.js';
import type { FaultContext } from './faults/fault.js';
import { faultOrder } from './faults/schedule.js';
import { RecoveryTracker } from './recovery.js';
import { SOAK_RETAIN_MB, SOAK_SEGMENT_MB, type SoakSystem, startSoakSystem } from './soak-system.js';
import {
  type Durability,
  type FaultKind,
  type FaultKindSummary,
  type FaultRecord,
  faultKindsFor,
  SOAK_VERSION,
  type SoakOptions,
  type SoakResult,
} from './soak-types.js';

/**
 * A soak from start to report: bring the system up, keep tool calls running, inject one fault every few
 * seconds for the set time, then keep calling (no new faults) until every fault has recovered or the settle
 * time is up, stop, and check that the store holds every result the host was given. Ctrl-C (the signal)
 * ends it early with what was measured; whatever happens, the datapool child, the broker and the boards
 * are taken down before this returns.
 */

export const DEFAULT_SOAK_OPTIONS: SoakOptions = {
  minutes: 1,
  seed: 1,
  mcp: 'memory',
  concurrency: 8,
  // 4 kinds in memory mode: each occurs 5 times a minute (4 times with the broker in MQTT mode).
  faultEveryS: 3,
  faults: faultKindsFor('memory'),
  callTimeoutMs: 20_000,
  lostGraceMs: 5_000,
  pauseMs: 20,
  errorPauseMs: 100,
  settleMs: 20_000,
  speed: 10,
  spike: { extraDelayMs: 500, durationMs: 2000 },
  seriesShare: 0.3,
  fleetPath: null,
  validateResults: true,
  retainMb: SOAK_RETAIN_MB,
  segmentMb: SOAK_SEGMENT_MB,
  checkEveryS: 30,
};

export interface SoakRunContext {
  /** Aborting it (Ctrl-C) ends the soak early; the result says `interrupted`. */
  signal?: AbortSignal;
  /** Diagnostics: the datapool child's log, servers' warnings, faults that could not be applied. */
  log?: (line: string) => void;
  /** A one-line status every `progressEveryMs`. */
  progress?: (line: string) => void;
  progressEveryMs?: number;
  /** The CLI entry the datapool child runs (default: the one of this build). */
  cliEntry?: string;
}

/** Throws only when the system cannot be brought up; a failure later ends the soak with `fatal` set. */
export async function runSoak(options: SoakOptions, context: SoakRunContext = {}): Promise<SoakResult> {
  const startedAt = new Date();
  const id = soakId(options, startedAt);
  const dataDir = await mkdtemp(join(tmpdir(), 'iotmcp-soak-'));
  try {
    const system = await startSoakSystem({
      mcp: options.mcp,
      dataDir,
      fleetPath: options.fleetPath,
      speed: options.speed,
      seed: options.seed,
      validateResults: options.validateResults,
      retainMb: options.retainMb,
      segmentMb: options.segmentMb,
      ...(context.cliEntry !== undefined && { cliEntry: context.cliEntry }),
      ...(context.log !== undefined && { log: context.log }),
    });
    let soak: Soaked;
    try {
      soak = await soakWith(system, options, context);
    } finally {
      await system.close();
    }
    // The calls answered since the last check during the soak, now that nothing writes the store any more.
    await soak.durability.check(soak.ledger.takeAcknowledged());
    const durability = { ...soak.durability.result(soak.ledger.answeredWithoutId), storeBoundBytes: storeBound(options) };
    return resultOf(id, startedAt, options, system, soak, durability);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

interface Soaked {
  ledger: CallLedger;
  durability: DurabilityCheck;
  faults: FaultRecord[];
  abandoned: number;
  interrupted: boolean;
  fatal: string | null;
  startedAt: number;
  faultsEndedAt: number;
  endedAt: number;
}

async function soakWith(system: SoakSystem, options: SoakOptions, context: SoakRunContext): Promise<Soaked> {
  const signal = context.signal ?? new AbortController().signal;
  const ledger = new CallLedger();
  const tracker = new RecoveryTracker();
  const mix = new CallMix(system.host.tools, system.fleetFile, options.seed, options.seriesShare);
  const faults: FaultRecord[] = [];
  const startedAt = now();
  const load: CallLoad = startCallLoad({
    host: system.host,
    mix,
    concurrency: options.concurrency,
    callTimeoutMs: options.callTimeoutMs,
    lostGraceMs: options.lostGraceMs,
    pauseMs: options.pauseMs,
    errorPauseMs: options.errorPauseMs,
    onCall: (call) => {
      ledger.record(call);
      if (call.outcome.kind === 'answered') tracker.observe({ mcu: call.planned.mcu, sent: call.sent, received: call.received });
    },
  });
  const durability = new DurabilityCheck(system.storeDir);
  const checking = periodically(options.checkEveryS * 1000, () => durability.check(ledger.takeAcknowledged()), context.log);
  const progress =
    context.progress === undefined
      ? undefined
      : setInterval(() => context.progress!(statusLine(ledger, faults, startedAt, options)), context.progressEveryMs ?? 10_000);
  let fatal: string | null = null;
  let faultsEndedAt = startedAt;
  try {
    fatal = await injectFaults(system, options, tracker, faults, startedAt, signal, context.log);
    faultsEndedAt = now();
    if (fatal === null && !signal.aborted) await tracker.whenAllRecovered(options.settleMs, signal);
  } finally {
    clearInterval(progress);
    await checking.stop();
    if (signal.aborted || fatal !== null) await load.abort();
    else await load.stop();
  }
  return { ledger, durability, faults, abandoned: load.abandoned, interrupted: signal.aborted, fatal, startedAt, faultsEndedAt, endedAt: now() };
}

/** One fault every `faultEveryS` until the soak's time is up; returns why it had to stop early, or null. */
async function injectFaults(
  system: SoakSystem,
  options: SoakOptions,
  tracker: RecoveryTracker,
  faults: FaultRecord[],
  startedAt: number,
  signal: AbortSignal,
  log: ((line: string) => void) | undefined,
): Promise<string | null> {
  const endsAt = startedAt + options.minutes * 60_000;
  const everyMs = options.faultEveryS * 1000;
  const order = faultOrder(options.faults, options.seed);
  const context: FaultContext = { system, random: new SeededRandom(`${options.seed}/fault-targets`), spike: options.spike, signal };
  for (let next = startedAt + everyMs; next < endsAt; next += everyMs) {
    if (!(await sleepUntil(next, signal))) return null;
    const fault = order.next().value;
    const planned = fault.plan(context);
    const injectedAt = now();
    const record: FaultRecord = {
      seq: faults.length + 1,
      kind: fault.kind,
      target: planned.target,
      detail: planned.detail,
      injectedAt,
      atS: round((injectedAt - startedAt) / 1000, 3),
      recoveryFrom: null,
      recoveredAt: null,
      recoveryMs: null,
    };
    faults.push(record);
    const tracked = tracker.track(record, planned.needs, planned.measureFrom === 'start' ? injectedAt : null);
    try {
      await planned.apply();
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
      log?.(`soak: fault ${record.seq} (${record.kind}) failed: ${record.error}`);
      // Without a datapool or a broker there is nothing left to soak.
      if (fault.kind === 'datapool-kill' || fault.kind === 'broker-restart') return `${fault.kind} failed: ${record.error}`;
    }
    if (planned.measureFrom === 'end') tracked.measureFrom(now());
    // The next fault is due a period after this one was, but comes at least half a period after this one
    // ended: a fault that took long (a spike, a slow restart) pushes the schedule back instead of bunching it.
    next = Math.max(next, now() - everyMs / 2);
  }
  await sleepUntil(endsAt, signal);
  return null;
}

/** False when the signal aborted first. */
async function sleepUntil(at: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  try {
    await sleep(Math.max(0, at - now()), undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

function resultOf(id: string, startedAt: Date, options: SoakOptions, system: SoakSystem, soak: Soaked, durability: Durability): SoakResult {
  const calls = soak.ledger.totals(soak.abandoned, soak.endedAt - soak.startedAt);
  const fleet = system.fleetFile;
  const sensorTypes = new Set(fleet.mcus.flatMap((mcu) => mcu.sensors.map((sensor) => sensor.spec.name)));
  const overBound = durability.storeBoundBytes !== undefined && durability.storePeakBytes > durability.storeBoundBytes;
  const failed = calls.lost > 0 || durability.acknowledgedMissing > 0 || overBound || system.datapool.unexpectedExits > 0 || soak.fatal !== null;
  return {
    v: SOAK_VERSION,
    id,
    startedAt: startedAt.toISOString(),
    endedAt: new Date().toISOString(),
    options,
    machine: { platform: `${process.platform}-${process.arch}`, cores: cpus().length, node: process.version },
    interrupted: soak.interrupted,
    fatal: soak.fatal,
    durationMs: {
      faults: round(soak.faultsEndedAt - soak.startedAt, 1),
      settle: round(soak.endedAt - soak.faultsEndedAt, 1),
      total: round(soak.endedAt - soak.startedAt, 1),
    },
    fleet: {
      name: fleet.name,
      mcus: fleet.mcus.length,
      sensorTypes: sensorTypes.size,
      sensorInstances: fleet.mcus.reduce((sum, mcu) => sum + mcu.sensors.length, 0),
    },
    calls,
    durability,
    faults: soak.faults,
    byKind: summariseKinds(options.faults, soak.faults),
    datapool: { restarts: system.datapool.restarts, unexpectedExits: system.datapool.unexpectedExits, pids: [...system.datapool.pids] },
    broker: system.broker === null ? null : { url: system.broker.url, restarts: system.broker.restarts, hostReconnects: system.hostReconnects() },
    exitCode: failed ? 1 : 0,
  };
}

export function summariseKinds(kinds: readonly FaultKind[], faults: readonly FaultRecord[]): FaultKindSummary[] {
  return kinds.map((kind) => {
    const ofKind = faults.filter((fault) => fault.kind === kind);
    const recovered = ofKind.flatMap((fault) => (fault.recoveryMs === null ? [] : [fault.recoveryMs]));
    return { kind, count: ofKind.length, recovered: recovered.length, recoveryMs: distribution(recovered) };
  });
}

function statusLine(ledger: CallLedger, faults: readonly FaultRecord[], startedAt: number, options: SoakOptions): string {
  const elapsed = (now() - startedAt) / 1000;
  const totals = ledger.counts();
  const recovered = faults.filter((fault) => fault.recoveredAt !== null).length;
  return (
    `soak ${clock(elapsed)} / ${clock(options.minutes * 60)}: ${totals.issued} calls (${totals.answered} answered, ` +
    `${totals.failed} failed, ${totals.lost} lost); ${faults.length} faults, ${recovered} recovered`
  );
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function soakId(options: SoakOptions, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${options.mcp}-${randomBytes(2).toString('hex')}`;
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

/**
 * Runs `task` every `everyMs`, never two at once; `stop` waits for a run under way. A failed run is logged
 * and the next one tries again.
 */
function periodically(everyMs: number, task: () => Promise<void>, log: ((line: string) => void) | undefined): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running !== null) return;
    running = task()
      .catch((error: unknown) => log?.(`soak: durability check failed: ${(error as Error).message}`))
      .finally(() => (running = null));
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      if (running !== null) await running;
    },
  };
}

/**
 * The size the store must stay under with the soak's retention, bytes: what it retains twice over (a compaction
 * writes its output beside its inputs, then removes them) plus three segments (the one being written, one just
 * sealed, one waiting for the compaction under way).
 */
export function storeBound(options: Pick<SoakOptions, 'retainMb' | 'segmentMb'>): number {
  return Math.round((2 * options.retainMb + 3 * options.segmentMb) * 1024 * 1024);
}
