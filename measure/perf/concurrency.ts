import { cpus, loadavg } from 'node:os';
import { connectToolHost } from '../../bench/host/connect.js';
import type { ToolHost } from '../../bench/host/tool-host.js';
import { distribution } from '../../bench/report/statistics.js';
import type { Logger } from '../../core/log.js';
import { findSensor } from '../../core/sensors/catalogue.js';
import type { SensorSpec } from '../../core/sensors/types.js';
import type { Datapool } from '../../datapool/datapool.js';
import type { CommandRequest, DatapoolClient, WaitOptions } from '../../datapool/types.js';
import type { Fleet } from '../../devices/fleet/fleet-file.js';
import { composeSystem } from '../../system/compose.js';
import { fleetSlots, type GeneratedFleetSpec } from '../../system/generated-fleet.js';
import type { RemoteFleet } from '../../system/remote-fleet.js';
import { explainLimit, linearUpTo } from './concurrency-limit.js';
import type { ConcurrencyLevel, ConcurrencySeries } from './perf-types.js';

/**
 * Concurrency scaling: `level` tool calls kept in flight through the real MCP SDK client (in-memory
 * transport, gateway servers) to the datapool and emulated boards over TCP, for levels 1 to 1,024. Boards
 * use datasheet timing: a read holds one of the board's timers for the sensor's conversion time, as on a real
 * board. Two series share one datapool and one host (connecting costs seconds):
 *
 * (a) the default fleet, calls on its boards whose sensor converts in about 25 ms (a DHT11 or an HC-SR04):
 *     the paper's setting, where scaling is linear up to the boards' timers and calls beyond them queue;
 * (b) a generated fleet with far more timers than calls (256 ESP32-S3 boards x 4), in its own process, so
 *     what limits it is this machine.
 *
 * Each level: a warm-up until the queues reach their steady state, a measured window (calls that end in it
 * count), then every call still running is cancelled in the datapool so the next level starts clean.
 */

export interface ConcurrencyOptions {
  quick: boolean;
  log: (line: string) => void;
  signal?: AbortSignal;
  /** Levels (default 1, 2, 4 ... 1,024; quick 1, 4, 16, 64, 256, 1,024). */
  levels?: number[];
  /** Measured window of each level (default 2 s; quick 400 ms). */
  levelDurationMs?: number;
  /** Boards of series (b) (default 256); 0 leaves the series out. */
  generatedBoards?: number;
  /** Check every result against its tool's output schema, as real MCP clients do (default true). */
  validateResults?: boolean;
}

export const CONCURRENCY_LEVELS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];
export const QUICK_CONCURRENCY_LEVELS = [1, 4, 16, 64, 256, 1024];

/** Series (a) calls the default fleet's sensors whose conversion is within this of 25 ms (a DHT11's). */
const REFERENCE_READ_MS = 25;
const READ_MS_TOLERANCE = 2.5;
/** Series (b): boards with 4 timers and the reference sensor. */
const GENERATED_BOARD = { model: 'ESP32-S3', sensors: ['DHT11'] } as const;
const CALL_TIMEOUT_MS = 30_000;

/** One call a worker makes, again and again. */
interface Target {
  tool: string;
  args: Record<string, unknown>;
}

interface SeriesPlan {
  label: string;
  mcus: number;
  slots: number;
  call: string;
  readMs: number;
  thisProcess: string;
  /** One entry per board timer, boards interleaved: worker i always calls entry i mod length. */
  targets: Target[];
  /** The fleet process, when the boards run in their own. */
  fleet?: RemoteFleet;
}

export async function measureConcurrency(options: ConcurrencyOptions): Promise<ConcurrencySeries[]> {
  const levels = options.levels ?? (options.quick ? QUICK_CONCURRENCY_LEVELS : CONCURRENCY_LEVELS);
  const windowMs = options.levelDurationMs ?? (options.quick ? 400 : 2_000);
  const timing = { windowMs, warmupCapMs: options.quick ? 300 : 3_000, minWarmupMs: Math.min(100, windowMs / 2) };
  const generatedBoards = options.generatedBoards ?? 256;

  const tracked = new Set<string>();
  const series: ConcurrencySeries[] = [];
  // One datapool and one host for both series (connecting costs seconds); the system owns the boards of both.
  const system = await composeSystem({
    datapool: {
      kind: 'in-process',
      dataDir: { temporary: 'iotmcp-concurrency-' },
      devices: { host: '127.0.0.1', port: 0 },
      http: false,
      log: errorsOnly(options.log),
    },
    fleet: { network: 'ideal', timing: 'datasheet', speed: 1 },
    // The figures are measured by then: a part that will not close is worth a line, not the lost series.
    onCloseError: (error) => options.log(`concurrency: while stopping: ${error.message}`),
  });
  try {
    const datapool = system.datapool.client;
    const fleet = system.fleet.fleet;
    const connectFrom = performance.now();
    const host = system.adopt(
      await connectToolHost(
        system.hostOptions({
          transport: 'memory',
          architecture: 'gateway',
          datapool: trackingClient(datapool, tracked),
          ...(options.validateResults !== undefined && { validateResults: options.validateResults }),
        }),
      ),
    );
    options.log(`concurrency: MCP host connected in ${((performance.now() - connectFrom) / 1000).toFixed(1)} s`);

    const run = { host, datapool, tracked, levels, timing, options };
    if (!options.signal?.aborted) series.push(await runSeries(defaultFleetPlan(fleet, host), run));

    if (generatedBoards > 0 && !options.signal?.aborted) {
      const spec: GeneratedFleetSpec = { count: generatedBoards, ...GENERATED_BOARD, sensors: [...GENERATED_BOARD.sensors], idPrefix: 'wide' };
      let remote: RemoteFleet;
      try {
        remote = await system.startFleetProcess({ fleet: spec, timing: 'datasheet', log: options.log });
        await Promise.race([datapool.whenOnline(remote.ids, 20_000 + generatedBoards * 3), remote.failed]);
      } catch (error) {
        // Series (a) stands on its own: report it, and say why (b) is missing.
        options.log(`concurrency: ${spec.count} generated boards could not start, series left out: ${(error as Error).message}`);
        return series;
      }
      series.push(await runSeries(generatedFleetPlan(spec, remote, host), run));
    }
  } finally {
    await system.close();
  }
  return series;
}

interface SeriesRun {
  host: ToolHost;
  datapool: Datapool;
  tracked: Set<string>;
  levels: readonly number[];
  timing: LevelTiming;
  options: ConcurrencyOptions;
}

async function runSeries(plan: SeriesPlan, run: SeriesRun): Promise<ConcurrencySeries> {
  const { options } = run;
  options.log(`concurrency: ${plan.label}: ${plan.call}`);
  // Unmeasured calls first, so level 1 does not pay for the JIT and the first connections.
  await runLevel(plan, Math.min(8, plan.targets.length), { ...run.timing, windowMs: 200, minWarmupMs: 0 }, run, null);

  const levels: ConcurrencyLevel[] = [];
  const fleetCores: (number | null)[] = [];
  const firstErrors: (string | null)[] = [];
  const loads: number[] = [];
  let previous: ConcurrencyLevel | null = null;
  for (const level of run.levels) {
    if (options.signal?.aborted) break;
    const measured = await runLevel(plan, level, run.timing, run, previous);
    const base = levels[0] ?? measured.level;
    measured.level.efficiency = base.throughputPerS > 0 ? measured.level.throughputPerS / ((level / base.level) * base.throughputPerS) : 0;
    levels.push(measured.level);
    fleetCores.push(measured.fleetCores);
    firstErrors.push(measured.firstError);
    loads.push(loadavg()[0] ?? 0);
    previous = measured.level;
    options.log(describeLevel(measured.level, measured.fleetCores));
  }
  return {
    label: plan.label,
    mcus: plan.mcus,
    slots: plan.slots,
    transport: 'memory',
    network: 'ideal',
    call: plan.call,
    levels,
    linearUpTo: linearUpTo(levels),
    limit: explainLimit({
      levels,
      slots: plan.slots,
      readMs: plan.readMs,
      thisProcess: plan.thisProcess,
      ...(plan.fleet !== undefined && { fleetCores }),
      firstErrors,
      machineCores: cpus().length,
      loadAverage: loads.length > 0 ? Math.max(...loads) : 0,
    }),
  };
}

interface LevelTiming {
  /** The measured window. */
  windowMs: number;
  /** Longest warm-up before the window: a queue of `level` calls takes level / throughput to reach steady state. */
  warmupCapMs: number;
  minWarmupMs: number;
}

interface MeasuredLevel {
  level: ConcurrencyLevel;
  fleetCores: number | null;
  firstError: string | null;
}

/** `level` workers, each calling its target back to back; calls ending inside the window are measured. */
async function runLevel(plan: SeriesPlan, level: number, timing: LevelTiming, run: SeriesRun, previous: ConcurrencyLevel | null): Promise<MeasuredLevel> {
  const steadyStateMs = previous !== null && previous.throughputPerS > 0 ? (level / previous.throughputPerS) * 1000 : 0;
  const warmupMs = Math.min(timing.warmupCapMs, Math.max(timing.minWarmupMs, steadyStateMs));
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let measuring = false;
  let stopping = false;
  let counted: () => void = () => {};
  const firstCounted = new Promise<void>((resolve) => (counted = resolve));

  const worker = async (index: number): Promise<void> => {
    const target = plan.targets[index % plan.targets.length]!;
    while (!stopping) {
      const sent = performance.now();
      const result = await run.host.call(target.tool, target.args, { timeoutMs: CALL_TIMEOUT_MS });
      // Calls cut short when the level ends are neither counted nor errors.
      if (!measuring) continue;
      if (result.isError) {
        errors++;
        firstError ??= (result.transportError ?? result.text).slice(0, 200);
      } else {
        latencies.push(performance.now() - sent);
      }
      counted();
    }
  };
  const workers = Promise.all(Array.from({ length: level }, (_, i) => worker(i)));

  await sleep(warmupMs);
  const fleetBefore = await plan.fleet?.usage();
  const cpuBefore = process.cpuUsage();
  const from = performance.now();
  measuring = true;
  await sleep(timing.windowMs);
  // On a machine too busy to finish a call within the window, the window lasts until one ends.
  await firstCounted;
  measuring = false;
  const durationMs = performance.now() - from;
  const cpu = process.cpuUsage(cpuBefore);
  const fleetAfter = await plan.fleet?.usage();
  stopping = true;
  await cancelUntilSettled(workers, run);

  const calls = latencies.length + errors;
  const throughputPerS = (latencies.length / durationMs) * 1000;
  return {
    level: {
      level,
      calls,
      errors,
      durationMs,
      throughputPerS,
      latency: distribution(latencies),
      efficiency: 1,
      cpuCores: (cpu.user + cpu.system) / 1000 / durationMs,
    },
    fleetCores:
      fleetBefore !== undefined && fleetAfter !== undefined
        ? (fleetAfter.cpu.user + fleetAfter.cpu.system - fleetBefore.cpu.user - fleetBefore.cpu.system) / 1000 / durationMs
        : null,
    firstError,
  };
}

/**
 * Ends a level without waiting for its queue to drain (at 1,024 calls on 8 timers that would take seconds):
 * every command still in the datapool is cancelled, again until every worker has returned (a call may reach
 * the datapool just after a pass).
 */
async function cancelUntilSettled(workers: Promise<unknown>, run: SeriesRun): Promise<void> {
  let settled = false;
  void workers.then(() => (settled = true));
  while (!settled) {
    await Promise.all([...run.tracked].map((id) => run.datapool.cancel(id).catch(() => undefined)));
    await Promise.race([workers, sleep(20)]);
  }
}

/**
 * The datapool as the MCP servers see it, remembering which commands are running so a level can cancel
 * them. `run` is the datapool's own submit-then-wait, so calls take the path they always take.
 */
function trackingClient(datapool: Datapool, running: Set<string>): DatapoolClient {
  return {
    submit: (request) => datapool.submit(request),
    wait: (id, options) => datapool.wait(id, options),
    async run(request: CommandRequest, options: WaitOptions) {
      const { id } = await datapool.submit(request);
      running.add(id);
      try {
        return await datapool.wait(id, options);
      } finally {
        running.delete(id);
      }
    },
    status: (id) => datapool.status(id),
    cancel: (id) => datapool.cancel(id),
    mcus: () => datapool.mcus(),
    health: () => datapool.health(),
    ping: (mcu, options) => datapool.ping(mcu, options),
  };
}

/** Series (a): each default-fleet board with a ~25 ms sensor, once per timer, boards interleaved. */
function defaultFleetPlan(fleet: Fleet, host: ToolHost): SeriesPlan {
  const boards = fleet.mcus
    .map((mcu) => ({ mcu, sensor: mcu.sensors.find((s) => Math.abs(s.spec.readTimeMs - REFERENCE_READ_MS) <= READ_MS_TOLERANCE)?.spec }))
    .filter((board): board is { mcu: (typeof fleet.mcus)[number]; sensor: SensorSpec } => board.sensor !== undefined);
  if (boards.length === 0) throw new Error(`no board of ${fleet.source} has a sensor with a ${REFERENCE_READ_MS} ms conversion`);
  const perBoard = boards.map(({ mcu, sensor }) => ({
    timers: mcu.profile.maxConcurrentCommands,
    target: { tool: readTool(host, sensor), args: { mcu: mcu.id } },
  }));
  const slots = perBoard.reduce((sum, board) => sum + board.timers, 0);
  const sensors = [...new Set(boards.map(({ sensor }) => sensor))];
  const readMs = Math.max(...sensors.map((sensor) => sensor.readTimeMs));
  return {
    label: `default fleet (${fleet.mcus.length} MCUs): its ${boards.length} boards with a ~${REFERENCE_READ_MS} ms sensor, ${slots} timers`,
    mcus: fleet.mcus.length,
    slots,
    call: `${sensors.map((sensor) => `${readTool(host, sensor)} (${sensor.readTimeMs} ms conversion)`).join(' and ')} on ${boards
      .map(({ mcu }) => mcu.id)
      .join(', ')}, datasheet timing; the boards run in this process`,
    readMs,
    thisProcess: 'the host, the MCP servers, the datapool and the default fleet',
    targets: interleave(perBoard),
  };
}

/** Series (b): every generated board once per timer. */
function generatedFleetPlan(spec: GeneratedFleetSpec, fleet: RemoteFleet, host: ToolHost): SeriesPlan {
  const sensor = findSensor(spec.sensors[0]!)!;
  const slots = fleetSlots(spec);
  const tool = readTool(host, sensor);
  return {
    label: `${spec.count} ${spec.model} boards, ${slots / spec.count} timers each (fleet in its own process)`,
    mcus: spec.count,
    slots,
    call: `${tool} (${sensor.readTimeMs} ms conversion), datasheet timing, spread over every board`,
    readMs: sensor.readTimeMs,
    thisProcess: 'the host, the MCP servers and the datapool',
    targets: interleave(fleet.ids.map((id) => ({ timers: slots / spec.count, target: { tool, args: { mcu: id } } }))),
    fleet,
  };
}

/** Board 1, board 2, ..., board 1 again...: each board appears once per timer, so load follows timers. */
function interleave(boards: readonly { timers: number; target: Target }[]): Target[] {
  const targets: Target[] = [];
  const most = Math.max(...boards.map((board) => board.timers));
  for (let round = 0; round < most; round++) {
    for (const board of boards) if (round < board.timers) targets.push(board.target);
  }
  return targets;
}

/** The host's name of the sensor's first read tool (`dht11_read_temperature`). */
function readTool(host: ToolHost, sensor: SensorSpec): string {
  const tool = Object.keys(sensor.tools)[0];
  const found = host.tools.find((candidate) => candidate.sensor === sensor.name && candidate.tool === tool);
  if (found === undefined) throw new Error(`the host offers no ${tool} tool for ${sensor.name}`);
  return found.name;
}

function describeLevel(level: ConcurrencyLevel, fleetCores: number | null): string {
  return (
    `  level ${String(level.level).padStart(4)}: ${level.throughputPerS.toFixed(0).padStart(6)} calls/s, ` +
    `p50 ${(level.latency.p50 ?? 0).toFixed(1)} ms, p99 ${(level.latency.p99 ?? 0).toFixed(1)} ms, ` +
    `efficiency ${level.efficiency.toFixed(2)}, ${level.cpuCores.toFixed(2)} cores` +
    `${fleetCores !== null ? ` (+${fleetCores.toFixed(2)} fleet)` : ''}${level.errors > 0 ? `, ${level.errors} errors` : ''}`
  );
}

function errorsOnly(log: (line: string) => void): Logger {
  return (level, message) => {
    if (level === 'error') log(`datapool error: ${message}`);
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
