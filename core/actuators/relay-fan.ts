import type { ActuatorSpec } from './types.js';

/**
 * A ventilation fan switched by a 5 V single-channel relay module (SRD-05VDC-SL-C, contacts rated 10 A at
 * 250 V AC, fan on the normally-open contact). A relay only makes or breaks the circuit, so the fan is on or
 * off: a speed would need a triac dimmer or a PWM fan, and a request for "40 %" is one this device cannot
 * honour. While it runs it draws cooler air from the shaded side of the house, so the room it stands in
 * cools by a few degrees over some minutes and warms back the same way when it stops (`core/world/actuated.ts`).
 * The relay opens when the board loses power, so it powers on off.
 */
export const RELAY_FAN: ActuatorSpec = {
  name: 'RELAY-FAN',
  aliases: ['FAN', 'VENT-FAN', 'EXTRACTOR-FAN', 'FAN-RELAY'],
  description: 'Ventilation fan on a relay: on or off (a relay has no speed); cools its room by a few degrees within minutes',
  level: { field: 'on', description: '1 while the relay is closed and the fan runs, 0 when it is off', range: [0, 1], integer: true },
  commands: {
    on: { description: 'Close the relay: the fan runs', sets: 1 },
    off: { description: 'Open the relay: the fan stops', sets: 0 },
    status: { description: 'Whether the fan runs, without switching it' },
  },
  powerOn: 0,
  safe: 0,
  // A fan motor's inrush current and the relay's contacts both wear with rapid switching.
  minIntervalMs: 2000,
  hazard: 'none',
  // One GPIO and its last state.
  driverMemoryBytes: 848, // measured: our MicroPython driver's share of the heap (perf --only memory)
};
