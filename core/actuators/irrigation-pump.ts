import type { ActuatorSpec } from './types.js';

/**
 * A 12 V DC diaphragm pump (R385 class) switched by a logic-level MOSFET module, drawing from a rain-water
 * butt and watering the bed or pot of its place. On or off: its flow is fixed. While it runs the soil there
 * soaks toward saturation within minutes, and once it stops the soil dries back over many hours
 * (`core/world/actuated.ts`). It draws no mains water, so the main valve does not stop it. Off at power-on.
 */
export const IRRIGATION_PUMP: ActuatorSpec = {
  name: 'IRRIGATION-PUMP',
  aliases: ['PUMP', 'GARDEN-PUMP', 'WATER-PUMP', 'IRRIGATION'],
  description: 'Irrigation pump watering the soil of its place: on or off; the soil soaks within minutes and dries over hours',
  level: { field: 'on', description: '1 while the pump runs, 0 when it is off', range: [0, 1], integer: true },
  commands: {
    on: { description: 'Start the pump', sets: 1 },
    off: { description: 'Stop the pump', sets: 0 },
    status: { description: 'Whether the pump runs, without switching it' },
  },
  powerOn: 0,
  safe: 0,
  // A pump motor's start current and a diaphragm's wear both punish short cycles.
  minIntervalMs: 5000,
  hazard: 'none',
  // One MOSFET gate pin and its state.
  driverMemoryBytes: 832, // measured: our MicroPython driver's share of the heap (perf --only memory)
};
