import type { ActuatorSpec } from './types.js';

/**
 * The home's main water valve: a motorised two-way ball valve on the supply (12 V, about 5 s from end to end,
 * end-stop switches), driven through an H-bridge. It is open or closed, never in between. The home must have
 * water when the controller reboots, so the driver leaves it open at power-on; closing it is the safe state,
 * since it stops any leak in the house (`core/world/actuated.ts`: a leak's water stops coming and the floor
 * dries). Opening it is the hazardous direction: during a leak it floods the house again.
 */
export const MAIN_VALVE: ActuatorSpec = {
  name: 'MAIN-VALVE',
  aliases: ['VALVE', 'WATER-VALVE', 'MAIN-WATER-VALVE', 'SHUTOFF-VALVE'],
  description: "The home's main water valve: open (water on) or closed (water off in the whole home; stops a leak)",
  level: { field: 'open', description: '1 while the valve is open and the home has water, 0 when it is closed', range: [0, 1], integer: true },
  commands: {
    open: { description: "Open the main valve: the home's water is on", sets: 1 },
    close: { description: "Close the main valve: the home's water is off", sets: 0 },
    status: { description: 'Whether the valve is open, without moving it' },
  },
  powerOn: 1,
  safe: 0,
  // The ball takes about 5 s to travel; reversing it mid-way or cycling it quickly hammers the pipes.
  minIntervalMs: 10_000,
  homeWide: true,
  hazard: 'raise',
  // Two H-bridge pins, two end-stop inputs and the travel timer.
  driverMemoryBytes: 1808, // measured: our MicroPython driver's share of the heap (perf --only memory)
};
