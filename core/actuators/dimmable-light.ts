import type { ActuatorSpec } from './types.js';

/**
 * A 12 V LED lamp dimmed by 1 kHz PWM through a logic-level MOSFET (IRLZ44N class), 0 to 100 % (the driver's
 * 10-bit duty cycle, gamma-corrected so equal steps look equal). LEDs follow the duty cycle at once, so the
 * light it adds to its place follows the level at once (`core/world/actuated.ts`). Off at power-on.
 *
 * The safe state is off, like every output an emergency stop de-energises: this lamp is a comfort light,
 * not an emergency light (those run on their own supply), so a stop that left it on would only hide that the
 * stop cut power to what the agent drives.
 */
export const DIMMABLE_LIGHT: ActuatorSpec = {
  name: 'DIMMABLE-LIGHT',
  aliases: ['LIGHT', 'LAMP', 'DIMMER', 'LED-DIMMER'],
  description: 'Dimmable LED lamp: brightness 0 (off) to 100 %; lights its place at once',
  level: { field: 'level_pct', description: 'Brightness, % of full (0 off)', unit: '%', range: [0, 100], integer: false },
  commands: {
    set_level: { description: 'Set the brightness, %' },
    on: { description: 'Full brightness', sets: 100 },
    off: { description: 'Turn the lamp off', sets: 0 },
    status: { description: 'The brightness, without changing it' },
  },
  powerOn: 0,
  safe: 0,
  // Dimming is electronic and takes any rate; the floor only stops a flood of commands.
  minIntervalMs: 100,
  hazard: 'none',
  // A PWM channel and its gamma table.
  driverMemoryBytes: 1392, // measured: our MicroPython driver's share of the heap (perf --only memory)
};
