import type { SensorSpec } from './types.js';

/** KY-004: push button to ground with a pull-up, so the pin reads 0 while pressed. */
export const KY_004: SensorSpec = {
  name: 'KY-004',
  aliases: ['KY_004', 'KY004'],
  description: 'Push button: whether it is being pressed',
  bus: 'digital',
  fields: {
    raw: { range: [0, 1], description: 'Pin level: 0 while pressed (pulled to ground), 1 when released' },
    pressed: { description: 'True while the button is pressed' },
  },
  commands: { read_state: ['raw'], is_pressed: ['pressed'], read_all: ['raw', 'pressed'] },
  tools: { read_state: 'read_state', is_pressed: 'is_pressed', read_all: 'read_all' },
  readTimeMs: 0.1,
  driverMemoryBytes: 816, // measured: our MicroPython driver's share of the heap (perf --only memory)
  sample(ctx) {
    const pressed = ctx.env.buttonPressed;
    return { raw: pressed ? 0 : 1, pressed };
  },
};
