import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectToolHost } from '../../bench/host/connect.js';
import { hostToolName, pingToolName } from '../../bench/host/host-tool-names.js';
import { sharedResultValidator } from '../../bench/host/result-validation.js';
import type { HostCallResult, ToolHost } from '../../bench/host/tool-host.js';
import { distribution } from '../../bench/report/statistics.js';
import { latencyOf } from '../../bench/scoring/latency.js';
import { PtyPair, socatMissing } from '../../devices/mcu/serial-pty-pair.js';
import { type ComposedSystem, composeSystem, type EmulatedFleetSpec } from '../../system/compose.js';
import type { InProcessDatapoolSpec } from '../../system/datapool-placement.js';
import { IDLE_GAP_MS, type LatencyCell, type PerfArchitecture, type PerfNetwork, type PerfTransport } from './perf-types.js';

/**
 * The latency matrix of `iotmcp-bench perf`: sequential single-read tool calls through the real MCP SDK
 * client over each transport (memory, stdio, HTTP, MQTT) and architecture (gateway; native over MQTT), on
 * the `ideal` and `wifi` network profiles, each call split by hop with `latencyOf`; and the idle round trip
 * (`ping_device`: the board answers without touching a sensor) through the same host.
 *
 * One embedded system (datapool with its HTTP API, the default fleet at speed 1 with instant sensors, so
 * device time is the board's own work; composed by system/compose.ts) serves every cell of a network profile, one cell at a time: a cell
 * measures calls in isolation, and connecting a host is the expensive part (seconds), not the system.
 */

export interface LatencyMatrixOptions {
  /** The CI smoke version: fewer cells and calls, the whole matrix in about 15 s. */
  quick: boolean;
  /** A running MQTT broker for the mqtt cells; null skips them with a reason. */
  brokerUrl: string | null;
  log: (line: string) => void;
  signal?: AbortSignal;
  /** Sensor tool calls per cell (after the warm-up). Default 2,000 (quick: 300). */
  callsPerCell?: number;
  /** `ping_device` calls per cell (after the warm-up). Default 500 (quick: 100). */
  idleCallsPerCell?: number;
  /** Sensor calls each made after `IDLE_GAP_MS` of quiet, as an agent calls after thinking. Default 200 (quick: 40). */
  gappedCallsPerCell?: number;
  /** Measure these cells instead of the mode's matrix (a test, one cell). */
  cells?: readonly LatencyCellSpec[];
}

/** Which cell: transport x architecture x network profile. */
export interface LatencyCellSpec {
  transport: PerfTransport;
  architecture: PerfArchitecture;
  network: PerfNetwork;
}

/** One call the cell repeats: a host tool name and its arguments. */
interface Probe {
  name: string;
  args: Record<string, unknown>;
}

export const DEFAULT_CALLS_PER_CELL = 2_000;
export const DEFAULT_IDLE_CALLS_PER_CELL = 500;
export const QUICK_CALLS_PER_CELL = 300;
export const QUICK_IDLE_CALLS_PER_CELL = 100;
export const DEFAULT_GAPPED_CALLS_PER_CELL = 200;
export const QUICK_GAPPED_CALLS_PER_CELL = 40;

/** Calls made before measuring, so JIT, connection set-up and first-use caches are not in the figures. */
const WARM_UP_CALLS = 20;
const WARM_UP_PINGS = 10;
/** One call that takes longer than this is an error of the cell, not a figure. */
const CALL_TIMEOUT_MS = 10_000;
const KEPT_ERROR_SAMPLES = 5;
const STDIO_HELLO = /: mcp: serving /;

/**
 * Single reads of instant sensors on four boards of the default fleet (all ESP32 family, so the WiFi model
 * is alike), called round-robin. `mcu` is the board, for native names and the idle round trip.
 */
const READS: readonly { sensor: string; tool: string; mcu: string; place: string }[] = [
  { sensor: 'DHT11', tool: 'read_temperature', mcu: 'esp32-living-room', place: 'living-room' },
  { sensor: 'LM35', tool: 'read_celsius', mcu: 'esp32s3-kitchen', place: 'kitchen' },
  { sensor: 'BH1750', tool: 'read_lux', mcu: 'esp32c3-garden', place: 'garden' },
  { sensor: 'TMP36', tool: 'read_temperature', mcu: 'esp32c6-bedroom', place: 'bedroom' },
];

const NETWORKS: readonly PerfNetwork[] = ['ideal', 'wifi', 'serial'];
/**
 * The board the serial cell runs on a pty pair (the fleet's first, so the only one started): the same single
 * reads and idle round trips as the TCP cells, of this board only.
 */
const SERIAL_BOARD = 'esp32s3-kitchen';

/** Every cell of the full matrix, network profile by network profile. */
export function matrixCells(quick: boolean): LatencyCellSpec[] {
  const cells: LatencyCellSpec[] = [];
  for (const network of NETWORKS) {
    const here = (transport: PerfTransport, architecture: PerfArchitecture = 'gateway'): void => {
      cells.push({ transport, architecture, network });
    };
    if (network === 'serial') {
      // The link differs, not the host: one in-memory gateway cell says what the serial line costs.
      here('memory');
      continue;
    }
    if (quick) {
      here('memory');
      if (network === 'ideal') {
        here('http');
        here('mqtt');
      }
      continue;
    }
    here('memory');
    here('stdio');
    here('http');
    here('mqtt');
    here('mqtt', 'native');
  }
  return cells;
}

/** Sensor probes for a host of this architecture: the gateway names the board by place, native calls its own. */
export function sensorProbes(architecture: PerfArchitecture, network?: PerfNetwork): Probe[] {
  return readsOf(network).map((read) =>
    architecture === 'native'
      ? { name: hostToolName(read.sensor, read.tool, read.mcu), args: {} }
      : { name: hostToolName(read.sensor, read.tool), args: { place: read.place } },
  );
}

export function idleProbes(architecture: PerfArchitecture, network?: PerfNetwork): Probe[] {
  return readsOf(network).map((read) =>
    architecture === 'native' ? { name: pingToolName(read.mcu), args: {} } : { name: pingToolName(), args: { mcu: read.mcu } },
  );
}

/** The reads a cell of this network makes: on a serial line only its one board's. */
function readsOf(network: PerfNetwork | undefined): typeof READS {
  return network === 'serial' ? READS.filter((read) => read.mcu === SERIAL_BOARD) : READS;
}

export async function measureLatencyMatrix(options: LatencyMatrixOptions): Promise<LatencyCell[]> {
  const counts = {
    calls: options.callsPerCell ?? (options.quick ? QUICK_CALLS_PER_CELL : DEFAULT_CALLS_PER_CELL),
    idle: options.idleCallsPerCell ?? (options.quick ? QUICK_IDLE_CALLS_PER_CELL : DEFAULT_IDLE_CALLS_PER_CELL),
    gapped: options.gappedCallsPerCell ?? (options.quick ? QUICK_GAPPED_CALLS_PER_CELL : DEFAULT_GAPPED_CALLS_PER_CELL),
  };
  const cells = options.cells ?? matrixCells(options.quick);
  // Every host checks results as a real MCP client does; the 80 schemas are compiled once for all of them.
  const run: MatrixRun = { ...options, counts, resultValidator: sharedResultValidator() };
  const results = new Map<LatencyCellSpec, LatencyCell>();
  for (const network of NETWORKS) {
    const group = cells.filter((cell) => cell.network === network);
    if (group.length === 0) continue;
    const measured = await measureNetwork(network, group, run);
    group.forEach((cell, index) => {
      results.set(cell, measured[index]!);
    });
  }
  return cells.map((cell) => results.get(cell) ?? skippedCell(cell, `unknown network profile "${String(cell.network)}"`));
}

/** The options, with what every cell of one matrix shares. */
interface MatrixRun extends LatencyMatrixOptions {
  counts: { calls: number; idle: number; gapped: number };
  resultValidator: ReturnType<typeof sharedResultValidator>;
}

/** The cells of one network profile, on one embedded system. */
async function measureNetwork(network: PerfNetwork, group: readonly LatencyCellSpec[], options: MatrixRun): Promise<LatencyCell[]> {
  const { log, signal } = options;
  const runnable = group.filter((cell) => cell.transport !== 'mqtt' || options.brokerUrl !== null);
  const results = new Map<LatencyCellSpec, LatencyCell>();
  for (const cell of group) {
    if (!runnable.includes(cell)) results.set(cell, skippedCell(cell, 'no MQTT broker: Mosquitto is not installed or did not start (pass --broker)'));
  }
  const noSocat = network === 'serial' ? socatMissing() : null;
  if (noSocat !== null) for (const cell of runnable) results.set(cell, skippedCell(cell, noSocat));
  if (runnable.length > 0 && noSocat === null && signal?.aborted !== true) {
    let system: LatencySystem | undefined;
    let line: { pair: PtyPair; dir: string } | null = null;
    try {
      if (network === 'serial') {
        const dir = await mkdtemp(join(tmpdir(), 'iotmcp-perf-serial-'));
        line = {
          dir,
          pair: await PtyPair.open(dir).catch(async (error: unknown) => {
            await rm(dir, { recursive: true, force: true });
            throw error;
          }),
        };
      }
      system = await composeSystem({
        datapool: {
          kind: 'in-process',
          dataDir: { temporary: 'iotmcp-perf-latency-' },
          devices: { host: '127.0.0.1', port: 0 },
          // stdio servers are child processes: they reach the datapool over its HTTP API.
          http: { host: '127.0.0.1', port: 0 },
          log: (level, message) => {
            if (level === 'warn' || level === 'error') log(`latency ${network}: datapool ${level}: ${message}`);
          },
          ...(line !== null && { serial: { paths: [line.pair.a] } }),
        },
        fleet: { network: network === 'serial' ? 'ideal' : network, speed: 1, ...(line !== null && { serial: { paths: [line.pair.b] } }) },
      });
      for (const cell of runnable) {
        results.set(cell, await measureCellSafely(cell, system, options));
      }
    } catch (error) {
      for (const cell of runnable) if (!results.has(cell)) results.set(cell, skippedCell(cell, `the embedded system did not start: ${messageOf(error)}`));
    } finally {
      await system?.close().catch((error: unknown) => log(`latency ${network}: closing the embedded system: ${messageOf(error)}`));
      if (line !== null) {
        await line.pair.close();
        await rm(line.dir, { recursive: true, force: true });
      }
    }
  }
  return group.map((cell) => results.get(cell) ?? skippedCell(cell, 'interrupted before it was measured'));
}

/** The embedded system every cell of one network profile is measured on. */
type LatencySystem = ComposedSystem<InProcessDatapoolSpec, EmulatedFleetSpec>;

/** A cell that throws (a host that cannot connect, an abort) becomes a skipped cell saying why. */
async function measureCellSafely(cell: LatencyCellSpec, system: LatencySystem, options: MatrixRun): Promise<LatencyCell> {
  const name = cellName(cell);
  if (options.signal?.aborted === true) return skippedCell(cell, 'interrupted before it was measured');
  const started = performance.now();
  let host: ToolHost | undefined;
  try {
    // Each cell's host is its own, closed when the cell ends; the system stays for the next cell.
    host = await connectToolHost(
      system.hostOptions({
        transport: cell.transport,
        architecture: cell.architecture,
        ...(options.brokerUrl !== null && { brokerUrl: options.brokerUrl }),
        resultValidator: options.resultValidator,
        log: (line) => {
          // Each stdio child says hello on stderr; only what goes wrong is worth a line here.
          if (!STDIO_HELLO.test(line)) options.log(`latency ${name}: ${line}`);
        },
      }),
    );
    const figures = await measureCell(cell, host, options.counts, options.signal, (line) => options.log(`latency ${name}: ${line}`));
    options.log(`latency ${name}: ${summaryLine(figures)} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return latencyCell(cell, figures);
  } catch (error) {
    const message = messageOf(error);
    options.log(`latency ${name}: skipped: ${message}`);
    return skippedCell(cell, message);
  } finally {
    await host?.close().catch((error: unknown) => options.log(`latency ${name}: closing the host: ${messageOf(error)}`));
  }
}

/** Warm-up, then the sensor calls back to back, then after a gap each, then the idle round trips. */
async function measureCell(
  cell: LatencyCellSpec,
  host: ToolHost,
  counts: { calls: number; idle: number; gapped: number },
  signal: AbortSignal | undefined,
  log: (line: string) => void,
): Promise<Figures> {
  const sensors = sensorProbes(cell.architecture, cell.network);
  const pings = idleProbes(cell.architecture, cell.network);
  const errors = new ErrorTally();
  const call = (probe: Probe): Promise<HostCallResult> =>
    host.call(probe.name, probe.args, { timeoutMs: CALL_TIMEOUT_MS, ...(signal !== undefined && { signal }) });

  const warmUp = new ErrorTally();
  for (let i = 0; i < WARM_UP_CALLS; i++) warmUp.note(sensors[i % sensors.length]!, await call(sensors[i % sensors.length]!));
  for (let i = 0; i < WARM_UP_PINGS; i++) warmUp.note(pings[i % pings.length]!, await call(pings[i % pings.length]!));
  if (warmUp.count === WARM_UP_CALLS + WARM_UP_PINGS) throw new Error(`every warm-up call failed, e.g. ${warmUp.samples[0] ?? '?'}`);
  // Not counted in the cell's figures, but never hidden.
  if (warmUp.count > 0) log(`${warmUp.count} of ${WARM_UP_CALLS + WARM_UP_PINGS} warm-up calls failed, e.g. ${warmUp.samples[0] ?? '?'}`);

  const parts = { total: [] as number[], mcp: [] as number[], datapool: [] as number[], network: [] as number[], device: [] as number[] };
  let calls = 0;
  for (let i = 0; i < counts.calls; i++) {
    throwIfAborted(signal);
    const probe = sensors[i % sensors.length]!;
    const result = await call(probe);
    calls++;
    if (errors.note(probe, result)) continue;
    const split = latencyOf(result);
    parts.total.push(split.totalMs);
    if (split.mcpMs !== null) parts.mcp.push(split.mcpMs);
    if (split.datapoolMs !== null) parts.datapool.push(split.datapoolMs);
    if (split.networkMs !== null) parts.network.push(split.networkMs);
    if (split.deviceMs !== null) parts.device.push(split.deviceMs);
  }
  const afterGap: number[] = [];
  for (let i = 0; i < counts.gapped; i++) {
    throwIfAborted(signal);
    await new Promise((resolve) => setTimeout(resolve, IDLE_GAP_MS));
    const probe = sensors[i % sensors.length]!;
    const result = await call(probe);
    calls++;
    if (!errors.note(probe, result)) afterGap.push(latencyOf(result).totalMs);
  }
  const idle: number[] = [];
  for (let i = 0; i < counts.idle; i++) {
    throwIfAborted(signal);
    const probe = pings[i % pings.length]!;
    const result = await call(probe);
    calls++;
    if (!errors.note(probe, result)) idle.push(result.received - result.sent);
  }
  return {
    tools: sensors.map((probe) => probe.name),
    calls,
    errors: errors.count,
    errorSamples: errors.samples,
    total: distribution(parts.total),
    mcp: distribution(parts.mcp),
    datapool: distribution(parts.datapool),
    networkTime: distribution(parts.network),
    device: distribution(parts.device),
    afterGap: distribution(afterGap),
    idle: distribution(idle),
  };
}

/** What a cell measured, apart from which cell it is. */
type Figures = Omit<LatencyCell, keyof LatencyCellSpec>;

function latencyCell(cell: LatencyCellSpec, figures: Figures): LatencyCell {
  return { transport: cell.transport, architecture: cell.architecture, network: cell.network, ...figures };
}

/** Counts error results; keeps the first few messages. */
class ErrorTally {
  count = 0;
  readonly samples: string[] = [];

  /** True when `result` is an error (counted). */
  note(probe: Probe, result: HostCallResult): boolean {
    if (!result.isError) return false;
    this.count++;
    if (this.samples.length < KEPT_ERROR_SAMPLES) this.samples.push(`${probe.name}: ${result.text}`);
    return true;
  }
}

export function skippedCell(cell: LatencyCellSpec, reason: string): LatencyCell {
  const none = distribution([]);
  return latencyCell(cell, {
    skipped: reason,
    tools: [],
    calls: 0,
    errors: 0,
    errorSamples: [],
    total: none,
    mcp: none,
    datapool: none,
    networkTime: none,
    device: none,
    afterGap: none,
    idle: none,
  });
}

function cellName(cell: LatencyCellSpec): string {
  return `${cell.transport}/${cell.architecture}/${cell.network}`;
}

function summaryLine(cell: Figures): string {
  const ms = (value: number | null): string => (value === null ? '-' : value.toFixed(3));
  return (
    `${cell.calls} calls, ${cell.errors} errors; p50 ${ms(cell.total.p50)} ms ` +
    `(mcp ${ms(cell.mcp.p50)}, datapool ${ms(cell.datapool.p50)}, network ${ms(cell.networkTime.p50)}, device ${ms(cell.device.p50)}); ` +
    `after ${IDLE_GAP_MS} ms quiet p50 ${ms(cell.afterGap?.p50 ?? null)} ms; idle p50 ${ms(cell.idle.p50)} ms`
  );
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new Error('interrupted before it finished');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
