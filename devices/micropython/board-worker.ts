import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { findActuator } from '../../core/actuators/catalogue.js';
import { findSensor } from '../../core/sensors/catalogue.js';
import { createWorldSource } from '../mcu/world-source.js';
import { createIoBridge } from './io-bridge.js';
import { startRuntime } from './runtime.js';
import { createSensorBuses } from './sensor-buses.js';
import { portLine, type UartLine } from './uart-line.js';

/**
 * The worker that is one emulated MicroPython board: its own MicroPython instance (the port keeps its state on
 * `globalThis`, so boards never share a thread), its sensor buses sampling the fleet's world, and its real
 * socket or serial line. It tells the main thread when the board is online and answers heap questions.
 */

/** One wired device of the board, as its config entry lists it. */
export interface WiredDevice {
  type: string;
  name: string;
  pins: Record<string, number>;
  address?: number;
}

export interface BoardWorkerData {
  mcuId: string;
  place: string;
  /** The board's config.json. */
  config: Record<string, unknown>;
  sensors: WiredDevice[];
  actuators: WiredDevice[];
  /** The fleet's default world: its scenario and seed, and its clock (world time at a wall time, at `speed`). */
  world: { scenario: string; seed: number; worldMs: number; wallMs: number; speed: number };
  /** Serial lines by UART id: the main thread holds each real line and relays it over this port. */
  uarts?: Record<number, MessagePort>;
  serialSilentMs?: number;
  heapBytes?: number;
}

/** Worker -> main thread. */
export type BoardWorkerMessage =
  | { type: 'started' }
  | { type: 'online' }
  | { type: 'offline'; error?: string }
  | { type: 'error'; message: string; fatal?: boolean }
  | { type: 'console'; line: string }
  | { type: 'heap'; alloc: number; live: number; platform: number }
  | { type: 'stopped' };

/** Main thread -> worker. */
export type BoardWorkerRequest = { type: 'heap' } | { type: 'stop' };

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('board-worker.js runs as a worker thread');
  const data = workerData as BoardWorkerData;
  const post = (message: BoardWorkerMessage): void => port.postMessage(message);
  const { world } = data;
  const worlds = createWorldSource({
    scenario: world.scenario,
    seed: world.seed,
    startTimeMs: world.worldMs + (Date.now() - world.wallMs) * world.speed,
    speed: world.speed,
  });
  const buses = createSensorBuses({
    mcuId: data.mcuId,
    place: data.place,
    sensors: data.sensors.map((s) => {
      const spec = findSensor(s.type);
      if (!spec) throw new Error(`unknown sensor type ${s.type}`);
      return { name: s.name, spec, pins: s.pins, ...(s.address !== undefined && { address: s.address }) };
    }),
    actuators: data.actuators.map((a) => {
      const spec = findActuator(a.type);
      if (!spec) throw new Error(`unknown actuator type ${a.type}`);
      return { name: a.name, spec, pins: a.pins };
    }),
    worlds,
  });
  const uarts: Record<number, UartLine> = {};
  for (const [id, uartPort] of Object.entries(data.uarts ?? {})) uarts[Number(id)] = portLine(uartPort);
  const io = createIoBridge({
    mcuId: data.mcuId,
    uarts,
    ...(data.serialSilentMs !== undefined && { serialSilentMs: data.serialSilentMs }),
  });
  io.on('online', () => post({ type: 'online' }));
  io.on('offline', (err?: Error) => post({ type: 'offline', ...(err && { error: err.message }) }));
  io.on('error', (err: Error) => post({ type: 'error', message: err.message }));
  io.on('reset', () => post({ type: 'error', message: `${data.mcuId}: the firmware called machine.reset()`, fatal: true }));

  const runtime = await startRuntime({
    config: data.config,
    functions: { ...io.functions, ...buses.functions },
    stdout: (line) => post({ type: 'console', line }),
    stderr: (line) => post({ type: 'console', line }),
    ...(data.heapBytes !== undefined && { heapBytes: data.heapBytes }),
  });
  port.on('message', (request: BoardWorkerRequest) => {
    if (request.type === 'heap') {
      post({ type: 'heap', ...runtime.heap(), platform: runtime.platformBytes });
      return;
    }
    if (request.type === 'stop') {
      void io.close().finally(() => {
        post({ type: 'stopped' });
        // The firmware's tasks would keep the worker's event loop alive: the board is switched off.
        process.exit(0);
      });
    }
  });
  post({ type: 'started' });
}

main().catch((err: unknown) => {
  parentPort?.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err), fatal: true } satisfies BoardWorkerMessage);
  process.exit(1);
});
