import type { SensorSpec } from './types.js';

/** HC-SR501: passive infrared motion detector; its output stays high while a warm body moves in range. */
export const HC_SR501: SensorSpec = {
  name: 'HC-SR501',
  aliases: ['HC_SR501', 'HCSR501', 'SR501', 'PIR'],
  description: 'PIR motion detector: whether a person (warm body) is moving within about 7 m',
  bus: 'digital',
  fields: {
    motion: { description: 'True while motion of a warm body is detected' },
  },
  commands: { read_motion: ['motion'], read_all: ['motion'] },
  tools: { read_motion: 'read_motion', read_all: 'read_all' },
  readTimeMs: 0.1,
  driverMemoryBytes: 912, // measured: our MicroPython driver's share of the heap (perf --only memory)
  sample(ctx) {
    return { motion: ctx.env.motion };
  },
};
