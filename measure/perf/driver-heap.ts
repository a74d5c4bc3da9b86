import { type AddressInfo, createServer } from 'node:net';
import { ACTUATORS } from '../../core/actuators/catalogue.js';
import { SENSORS } from '../../core/sensors/catalogue.js';
import type { AttachedActuator } from '../../devices/mcu/actuator-driver.js';
import type { AttachedSensor } from '../../devices/mcu/firmware.js';
import { ESP32_S3 } from '../../devices/mcu/profiles.js';
import { createWorldSource } from '../../devices/mcu/world-source.js';
import type { DriverHeap } from './perf-types.js';

/**
 * What each driver holds on the heap of our MicroPython firmware: a board booted with one anchor sensor, and
 * again with the anchor and the driver, the live heap (platform stand-ins left out) of the second less the
 * first. The anchor (LM35) loads the sensor package and the helpers most drivers share, so each difference is
 * the driver's own: its module, its objects and what only it imports (`dht`, `onewire`). The anchor's own
 * share is measured against another anchor. The boards never reach a datapool: their heap is read at rest.
 */

const ANCHOR = 'LM35';
const ANCHOR_OF_ANCHOR = 'TMP36';
const ACTUATOR_ANCHOR = 'RELAY-FAN';
const ACTUATOR_ANCHOR_OF_ANCHOR = 'IRRIGATION-PUMP';

export interface DriverHeaps {
  /** The firmware's own heap at rest, no driver counted: the anchor board less the anchor's share, bytes. */
  firmwareBase: number;
  /** What a board that drives any actuator holds for the actuator package and its table, bytes. */
  actuatorPackage: number;
  drivers: DriverHeap[];
}
const BOOT_TIMEOUT_MS = 30_000;

export async function measureDriverHeaps(options: { signal?: AbortSignal } = {}): Promise<DriverHeaps> {
  // Each board is measured online and idle, a state it reaches the same way every time; a board still dialing
  // holds more or less of a connect attempt depending on when it is asked.
  const sink = createServer((socket) => {
    socket.on('error', () => {});
    socket.resume();
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  try {
    return await measureAll((sink.address() as AddressInfo).port, options.signal);
  } finally {
    sink.close();
  }
}

async function measureAll(port: number, signal: AbortSignal | undefined): Promise<DriverHeaps> {
  const liveHeap = (sensors: AttachedSensor[], actuators: AttachedActuator[]): Promise<number> => idleHeap(port, sensors, actuators);
  const sensor = (name: string): AttachedSensor => ({ name, spec: SENSORS.find((s) => s.name === name)! });
  const base = await liveHeap([sensor(ANCHOR)], []);
  const drivers: DriverHeap[] = [];
  for (const spec of SENSORS) {
    if (signal?.aborted) break;
    const anchor = spec.name === ANCHOR ? ANCHOR_OF_ANCHOR : ANCHOR;
    const without = anchor === ANCHOR ? base : await liveHeap([sensor(anchor)], []);
    const withIt = await liveHeap([sensor(anchor), { name: spec.name, spec }], []);
    drivers.push({ kind: 'sensor', name: spec.name, modeled: spec.driverMemoryBytes, measured: withIt - without });
  }
  // Actuators the same way, over an anchor that already drives one: the actuator package and its table are
  // loaded once for a board that drives any, and are counted apart.
  const actuator = (name: string): AttachedActuator => ({ name, spec: ACTUATORS.find((a) => a.name === name)! });
  const withPackage = await liveHeap([sensor(ANCHOR)], [actuator(ACTUATOR_ANCHOR)]);
  for (const spec of ACTUATORS) {
    if (signal?.aborted) break;
    const anchor = spec.name === ACTUATOR_ANCHOR ? ACTUATOR_ANCHOR_OF_ANCHOR : ACTUATOR_ANCHOR;
    const without = anchor === ACTUATOR_ANCHOR ? withPackage : await liveHeap([sensor(ANCHOR)], [actuator(anchor)]);
    const withIt = await liveHeap([sensor(ANCHOR)], [actuator(anchor), { name: spec.name, spec }]);
    drivers.push({ kind: 'actuator', name: spec.name, modeled: spec.driverMemoryBytes, measured: withIt - without });
  }
  const relay = drivers.find((d) => d.name === ACTUATOR_ANCHOR)!;
  const actuatorPackage = withPackage - base - relay.measured;
  const anchorShare = drivers.find((d) => d.name === ANCHOR)!.measured;
  return { firmwareBase: base - anchorShare, actuatorPackage, drivers };
}

/** Boots a MicroPython board with these devices and reads its live heap once it is online and idle, less the platform's share. */
async function idleHeap(port: number, sensors: AttachedSensor[], actuators: AttachedActuator[]): Promise<number> {
  const { MicroPythonMcu } = await import('../../devices/micropython/micropython-mcu.js');
  const board = new MicroPythonMcu({
    id: 'driver-heap',
    profile: ESP32_S3,
    place: 'kitchen',
    sensors,
    actuators,
    worlds: createWorldSource({ scenario: 'normal-day', seed: 1, startTimeMs: Date.UTC(2025, 5, 1, 12) }),
    datapool: { host: '127.0.0.1', port },
  });
  board.on('error', () => {});
  board.start();
  try {
    // Answered once the firmware has booted: the worker reads its messages only then.
    const heap = await Promise.race([
      board.heap(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`a MicroPython board did not boot in ${BOOT_TIMEOUT_MS} ms`)), BOOT_TIMEOUT_MS).unref(),
      ),
    ]);
    return heap.live - heap.platform;
  } finally {
    await board.stop();
  }
}
