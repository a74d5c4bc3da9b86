import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distribution } from '../../bench/report/statistics.js';
import { findSensor } from '../../core/sensors/catalogue.js';
import { Datapool } from '../../datapool/datapool.js';
import type { CommandRequest, CommandStatus, SampleRecord } from '../../datapool/types.js';
import { EmulatedMcu, type EmulatedMcuOptions } from '../../devices/mcu/emulated-mcu.js';
import type { AttachedSensor } from '../../devices/mcu/firmware.js';
import { ACTUATOR_PACKAGE_BYTES, attachedDriversBytes } from '../../devices/mcu/memory-model.js';
import type { McuProfile } from '../../devices/mcu/profile.js';
import { ESP32_S3 } from '../../devices/mcu/profiles.js';
import { createWorldSource } from '../../devices/mcu/world-source.js';
import type { MicroPythonMcu } from '../../devices/micropython/micropython-mcu.js';
import { measureDriverHeaps } from './driver-heap.js';
import type { MemoryCalibration, MemoryComparison, MemoryRow } from './perf-types.js';

/**
 * Modelled against measured memory: one board (an ESP32-S3 with a sensor on each kind of bus) twice, once on the
 * TypeScript emulator, whose `peak_memory` comes from the memory model, once on our MicroPython firmware in
 * MicroPython's WebAssembly port, whose `peak_memory` is `gc.mem_alloc()`, both behind one datapool and sent the
 * same commands. The medians per command go side by side; the MicroPython board's heap, read directly, gives
 * the model's constants their measured values (at rest, per running command, per reply), and boards booted with
 * one driver more than another give each driver's share (`driver-heap.ts`).
 */

export interface MemoryComparisonOptions {
  quick: boolean;
  log: (line: string) => void;
  signal?: AbortSignal;
  /** Calls of each command (default 30; quick 5). */
  rounds?: number;
}

/** A sensor on each kind of bus the firmware drives: a digital frame, the ADC, I2C (two), 1-Wire, an echo pulse. */
const SENSORS = ['DHT11', 'LM35', 'BH1750', 'MPU6050', 'DS18B20', 'HC-SR04'] as const;
const PROFILE: McuProfile = ESP32_S3;
const SERIES = { sensor: 'DHT11', interval: 0.05, duration: 0.25 } as const;
/** Streams held at once to weigh one running command: the board's timers, all taken. */
const HELD = PROFILE.maxConcurrentCommands;
const TIMEOUT_MS = 10_000;

export async function measureMemoryComparison(options: MemoryComparisonOptions): Promise<MemoryComparison> {
  const rounds = options.rounds ?? (options.quick ? 5 : 30);
  const board = `${PROFILE.model} with ${SENSORS.join(', ')}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'iotmcp-perf-memory-'));
  const opened: { stop(): Promise<void> }[] = [];
  let pool: Datapool | undefined;
  try {
    // First, with nothing else running: a board's heap at rest holds whatever its tasks hold at that moment, and
    // other boards' work shifts those moments.
    const heaps = await measureDriverHeaps(options.signal === undefined ? {} : { signal: options.signal });
    pool = await Datapool.open({ dataDir, devices: { host: '127.0.0.1', port: 0 }, log: () => {} });
    const port = pool.devicesAddress()!.port;
    const sensors: AttachedSensor[] = SENSORS.map((name) => ({ name, spec: findSensor(name)! }));
    const boardOptions = (id: string): EmulatedMcuOptions => ({
      id,
      profile: PROFILE,
      place: 'kitchen',
      sensors,
      worlds: createWorldSource({ scenario: 'normal-day', seed: 7, startTimeMs: Date.UTC(2025, 5, 1, 12) }),
      datapool: { host: '127.0.0.1', port },
    });
    const modeled = new EmulatedMcu(boardOptions('memory-modeled'));
    opened.push(modeled);
    let measured: MicroPythonMcu;
    try {
      const { MicroPythonMcu } = await import('../../devices/micropython/micropython-mcu.js');
      measured = new MicroPythonMcu(boardOptions('memory-measured'));
    } catch (error) {
      return { skipped: `MicroPython could not start: ${(error as Error).message}`, board, measuredBy: null, rows: [], calibration: null };
    }
    opened.push(measured);
    modeled.start();
    measured.start();
    await pool.whenOnline([modeled.id, measured.id], TIMEOUT_MS);
    const firmware = (await pool.mcus()).find((mcu) => mcu.id === measured.id)?.firmware ?? null;
    options.log(`memory: ${board}, on the emulator and on ${firmware ?? 'MicroPython'}, ${rounds} calls of each command`);

    const rows: MemoryRow[] = [];
    const perReplyMeasured: number[] = [];
    const rest = await measured.heap();
    const restMeasured = rest.live - rest.platform;
    for (const sensor of SENSORS) {
      if (options.signal?.aborted) break;
      const request = { sensor, duration: 0 } as const;
      const a = await peaks(pool, { ...request, mcu: modeled.id }, rounds);
      const b = await peaks(pool, { ...request, mcu: measured.id }, rounds);
      rows.push(row(`${sensor} read_all`, a, b));
      for (const sample of b.samples) perReplyMeasured.push(sample.device.peakMemory! - restMeasured - replyLineBytes(sample));
    }
    if (!options.signal?.aborted) {
      const a = await peaks(pool, { ...SERIES, mcu: modeled.id }, Math.ceil(rounds / 5));
      const b = await peaks(pool, { ...SERIES, mcu: measured.id }, Math.ceil(rounds / 5));
      rows.push(row(`${SERIES.sensor} series of ${Math.round(SERIES.duration / SERIES.interval)} samples`, a, b));
      const c = await concurrentPeaks(pool, modeled.id, rounds);
      const d = await concurrentPeaks(pool, measured.id, rounds);
      rows.push(row(`${HELD} reads at once`, c, d));
    }
    const perCommandMeasured = await heldCommandBytes(pool, measured, rest.live);
    const drivers = attachedDriversBytes(sensors, []);
    const calibration: MemoryCalibration = {
      profile: PROFILE.model,
      atRest: { modeled: PROFILE.memory.firmwareBase + drivers, measured: restMeasured },
      perCommand: { modeled: PROFILE.memory.perCommand, measured: perCommandMeasured },
      perReply: { modeled: PROFILE.memory.perReplyOverhead, measured: Math.max(0, Math.round(distribution(perReplyMeasured).p50 ?? 0)) },
    };
    return {
      board,
      measuredBy: firmware,
      rows,
      calibration,
      drivers: heaps.drivers,
      firmwareBase: { modeled: PROFILE.memory.firmwareBase, measured: heaps.firmwareBase },
      actuatorPackage: { modeled: ACTUATOR_PACKAGE_BYTES, measured: heaps.actuatorPackage },
    };
  } finally {
    await Promise.all(opened.map((board) => board.stop()));
    await pool?.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

interface Peaks {
  values: number[];
  samples: SampleRecord[];
}

async function peaks(pool: Datapool, request: CommandRequest, rounds: number): Promise<Peaks> {
  const result: Peaks = { values: [], samples: [] };
  for (let i = 0; i < rounds; i++) collect(result, await pool.run(request, { timeoutMs: TIMEOUT_MS }));
  return result;
}

/** The board's timers all busy at once: one read per timer, sent together; each call's highest peak. */
async function concurrentPeaks(pool: Datapool, mcu: string, rounds: number): Promise<Peaks> {
  const result: Peaks = { values: [], samples: [] };
  for (let i = 0; i < rounds; i++) {
    const statuses = await Promise.all(SENSORS.slice(0, HELD).map((sensor) => pool.run({ sensor, mcu, duration: 0 }, { timeoutMs: TIMEOUT_MS })));
    const each: Peaks = { values: [], samples: [] };
    for (const status of statuses) collect(each, status);
    if (each.values.length > 0) result.values.push(Math.max(...each.values));
  }
  return result;
}

function collect(into: Peaks, status: CommandStatus): void {
  for (const sample of status.samples) {
    if (sample.device.peakMemory === null) continue;
    into.values.push(sample.device.peakMemory);
    into.samples.push(sample);
  }
}

/**
 * What one running command holds on the MicroPython board: its timers all taken by streams that sample once a
 * minute, the live heap against the heap at rest, per stream.
 */
async function heldCommandBytes(pool: Datapool, board: MicroPythonMcu, restLive: number): Promise<number> {
  const streams: CommandStatus[] = [];
  try {
    for (let i = 0; i < HELD; i++) {
      const stream = await pool.submit({ sensor: SENSORS[i % SENSORS.length]!, mcu: board.id, interval: 60, duration: -1 });
      streams.push(stream);
      await pool.wait(stream.id, { timeoutMs: TIMEOUT_MS, until: 'sample' });
    }
    const held = await board.heap();
    return Math.max(0, Math.round((held.live - restLive) / HELD));
  } finally {
    for (const stream of streams) await pool.cancel(stream.id).catch(() => undefined);
  }
}

/** The reply line as the board sent it, near enough: its fields and the protocol's. */
function replyLineBytes(sample: SampleRecord): number {
  const line = { ...sample.data, id: sample.id, sensor: sample.sensor, timestamp: sample.device.timestamp, peak_memory: 0, elapsed_ms: 0 };
  return JSON.stringify(line).length + 1;
}

function row(command: string, modeled: Peaks, measured: Peaks): MemoryRow {
  return {
    command,
    modeled: distribution(modeled.values).p50,
    measured: distribution(measured.values).p50,
    calls: Math.min(modeled.values.length, measured.values.length),
  };
}
