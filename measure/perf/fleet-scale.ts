import type { Logger } from '../../core/log.js';
import { HEARTBEAT_INTERVAL_MS } from '../../core/wire/messages.js';
import type { Datapool } from '../../datapool/datapool.js';
import { type ComposedSystem, composeSystem } from '../../system/compose.js';
import type { InProcessDatapoolSpec } from '../../system/datapool-placement.js';
import type { GeneratedFleetSpec } from '../../system/generated-fleet.js';
import { collectGarbage } from './collect-garbage.js';
import { openFileLimit, socketShortfall } from './open-files.js';
import type { FleetLevel, FleetScaleResult } from './perf-types.js';

/**
 * Fleet scale: N emulated boards (one model, one sensor, real sockets, real 5 s heartbeats) in a child
 * process against a datapool in this one, for N = 10 to 10,000. Per size: time until the datapool has every
 * board's announcement, single-read commands per second through `Datapool.run` with enough in flight to
 * keep it busy, the heartbeat load and the datapool's CPU while only heartbeats flow, and both processes'
 * memory. Each size gets a fresh datapool and fleet process, both always closed, whatever happens.
 */

export interface FleetScaleOptions {
  quick: boolean;
  log: (line: string) => void;
  signal?: AbortSignal;
  /** Fleet sizes (default 10, 100, 1,000, 10,000; quick: 10, 100, 1,000). */
  sizes?: number[];
  /** Time commands are counted for, after a warm-up (default 3 s; quick 1 s). */
  commandWindowMs?: number;
  /** Time only heartbeats flow (default 5 s; quick 1 s): one heartbeat period, so every board's is seen. */
  idleWindowMs?: number;
  /** How often each board sends its heartbeat (default: the idle window, 5 s as real boards in full mode). */
  heartbeatMs?: number;
}

export const FLEET_SIZES = [10, 100, 1_000, 10_000];
export const QUICK_FLEET_SIZES = [10, 100, 1_000];

/** What every board is and what every command reads: an instant sensor, so the datapool is what is measured. */
const BOARD = { model: 'ESP32-S3', sensors: ['DHT11'] } as const;
const READ = { sensor: 'DHT11', command: 'read_temp' } as const;
/**
 * Commands kept in flight: enough that the datapool never waits for work (on 2 cores it is at a full core
 * from 256 up, for 10 boards as for 10,000), not so many that their memory slows it down.
 */
const IN_FLIGHT = 512;
const COMMAND_TIMEOUT_MS = 10_000;

export async function measureFleetScale(options: FleetScaleOptions): Promise<FleetScaleResult> {
  const sizes = options.sizes ?? (options.quick ? QUICK_FLEET_SIZES : FLEET_SIZES);
  const idleMs = options.idleWindowMs ?? (options.quick ? 1_000 : HEARTBEAT_INTERVAL_MS);
  const windows = {
    commandMs: options.commandWindowMs ?? (options.quick ? 1_000 : 3_000),
    idleMs,
    heartbeatMs: options.heartbeatMs ?? idleMs,
  };
  const levels: FleetLevel[] = [];
  for (const mcus of sizes) {
    if (options.signal?.aborted) {
      levels.push(skippedFleetLevel(mcus, 'interrupted before this size'));
      continue;
    }
    const shortfall = await socketShortfall(mcus, `${mcus} boards`);
    if (shortfall !== null) {
      options.log(`fleet scale: ${mcus} MCUs skipped: ${shortfall}`);
      levels.push(skippedFleetLevel(mcus, shortfall));
      continue;
    }
    const level = await measureSize(mcus, windows, options);
    options.log(`fleet scale: ${describe(level)}`);
    levels.push(level);
  }
  return { levels, openFileLimit: await openFileLimit() };
}

interface Windows {
  commandMs: number;
  idleMs: number;
  heartbeatMs: number;
}

async function measureSize(mcus: number, windows: Windows, options: FleetScaleOptions): Promise<FleetLevel> {
  let system: ComposedSystem<InProcessDatapoolSpec> | undefined;
  const interrupted = abortOf(options.signal);
  try {
    // A fresh datapool per size, in this process; the boards in their own, owned by the system like the rest.
    system = await composeSystem({
      datapool: {
        kind: 'in-process',
        dataDir: { temporary: 'iotmcp-fleet-scale-' },
        devices: { host: '127.0.0.1', port: 0 },
        http: false,
        log: errorsOnly(options.log),
      },
    });
    const datapool: Datapool = system.datapool.client;
    const spec: GeneratedFleetSpec = { count: mcus, ...BOARD, sensors: [...BOARD.sensors], idPrefix: 'scale' };
    const startedAt = performance.now();
    const fleet = await system.startFleetProcess({
      fleet: spec,
      timing: 'instant',
      heartbeatMs: windows.heartbeatMs,
      log: options.log,
    });
    const failed = fleet.failed;
    await Promise.race([datapool.whenOnline(fleet.ids, onlineTimeoutMs(mcus)), failed, interrupted.promise]);
    const onlineMs = performance.now() - startedAt;
    // Live memory on both sides: collected first, so neither counts garbage of starting up or of an earlier size.
    const { rss: fleetRssBytes } = await fleet.usage({ collect: true });
    collectGarbage();
    const datapoolRssBytes = process.memoryUsage().rss;

    const commands = await Promise.race([saturate(datapool, fleet.ids, windows.commandMs, options.signal), failed]);

    // The commands' garbage is collected now, not inside the window that measures the heartbeats' cost.
    collectGarbage();
    const before = await datapool.health();
    const cpuBefore = process.cpuUsage();
    const idleFrom = performance.now();
    await Promise.race([sleep(windows.idleMs, options.signal), failed]);
    const idleMs = performance.now() - idleFrom;
    const cpu = process.cpuUsage(cpuBefore);
    const after = await datapool.health();
    const heartbeats = (after.heartbeatsReceived ?? 0) - (before.heartbeatsReceived ?? 0);

    return {
      mcus,
      onlineMs,
      commandsPerS: commands.perS,
      commands: commands.done,
      commandErrors: commands.errors,
      heartbeatsPerS: (heartbeats / idleMs) * 1000,
      heartbeatMs: windows.heartbeatMs,
      idleDatapoolCores: (cpu.user + cpu.system) / 1000 / idleMs,
      fleetRssBytes,
      // What each board adds to the fleet process: its memory above what the process held before any board.
      bytesPerMcu: Math.max(0, fleetRssBytes - fleet.baselineRss) / mcus,
      datapoolRssBytes,
    };
  } catch (error) {
    return skippedFleetLevel(mcus, reasonOf(error, mcus));
  } finally {
    interrupted.dispose();
    await system?.close();
  }
}

interface CommandCounts {
  done: number;
  errors: number;
  perS: number;
}

/**
 * Keeps commands in flight, each a single read of the next board in turn, and counts those that end inside
 * the window after a warm-up (so neither JIT warm-up nor the last stragglers are in the figure). The window
 * lasts `windowMs`, and on a machine too busy to finish any command in that time, until the first one ends.
 */
async function saturate(datapool: Datapool, ids: readonly string[], windowMs: number, signal: AbortSignal | undefined): Promise<CommandCounts> {
  const from = performance.now() + Math.min(500, windowMs / 4);
  const until = from + windowMs;
  const counts: CommandCounts = { done: 0, errors: 0, perS: 0 };
  let closedAt: number | null = null;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (closedAt === null && signal?.aborted !== true) {
      const mcu = ids[next++ % ids.length]!;
      let ok: boolean;
      try {
        ok = (await datapool.run({ ...READ, mcu }, { timeoutMs: COMMAND_TIMEOUT_MS })).state === 'done';
      } catch {
        ok = false;
      }
      const at = performance.now();
      if (at < from || (closedAt !== null && at > closedAt)) continue;
      if (ok) counts.done++;
      else counts.errors++;
      if (at >= until) closedAt = at;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  counts.perS = closedAt === null ? 0 : (counts.done / (closedAt - from)) * 1000;
  return counts;
}

/** A fleet size with no figures, saying why. */
export function skippedFleetLevel(mcus: number, reason: string): FleetLevel {
  return {
    mcus,
    skipped: reason,
    onlineMs: null,
    commandsPerS: null,
    commands: 0,
    commandErrors: 0,
    heartbeatsPerS: null,
    idleDatapoolCores: null,
    fleetRssBytes: null,
    bytesPerMcu: null,
    datapoolRssBytes: null,
  };
}

function reasonOf(error: unknown, mcus: number): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if ((code === 'EMFILE' || code === 'ENFILE') && !message.includes('ulimit')) {
    return `${mcus} boards ran out of file descriptors (${code}): raise the limit with \`ulimit -n\` (${message})`;
  }
  return `${mcus} boards: ${message}`;
}

/** Boards come online at a few thousand a second; allow for a slow machine. */
function onlineTimeoutMs(mcus: number): number {
  return 20_000 + mcus * 3;
}

/** The datapool's own trouble is worth a line; boards coming and going by the thousand are not. */
function errorsOnly(log: (line: string) => void): Logger {
  return (level, message) => {
    if (level === 'error') log(`datapool error: ${message}`);
  };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** A promise that rejects when the signal aborts (never, without one); `dispose` stops listening. */
function abortOf(signal: AbortSignal | undefined): { promise: Promise<never>; dispose: () => void } {
  let abort = (): void => {};
  const promise = new Promise<never>((_, reject) => {
    abort = () => reject(new Error('interrupted'));
  });
  promise.catch(() => {}); // raced where it matters; never an unhandled rejection
  if (signal?.aborted === true) abort();
  else signal?.addEventListener('abort', abort, { once: true });
  return { promise, dispose: () => signal?.removeEventListener('abort', abort) };
}

function describe(level: FleetLevel): string {
  if (level.skipped !== undefined) return `${level.mcus} MCUs skipped: ${level.skipped}`;
  const mib = (bytes: number | null): string => (bytes === null ? '?' : `${(bytes / 2 ** 20).toFixed(0)} MiB`);
  return (
    `${level.mcus} MCUs online in ${((level.onlineMs ?? 0) / 1000).toFixed(2)} s, ` +
    `${Math.round(level.commandsPerS ?? 0)} commands/s (${level.commandErrors} errors), ` +
    `${(level.heartbeatsPerS ?? 0).toFixed(0)} heartbeats/s using ${(level.idleDatapoolCores ?? 0).toFixed(3)} cores, ` +
    `fleet ${mib(level.fleetRssBytes)}, datapool ${mib(level.datapoolRssBytes)}`
  );
}
