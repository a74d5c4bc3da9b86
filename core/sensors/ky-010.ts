import type { SensorSpec } from './types.js';

/**
 * KY-010: slotted photo interrupter. The lit phototransistor pulls the pin low; an object in the slot
 * blocks the beam and the pull-up takes it high.
 */
export const KY_010: SensorSpec = {
  name: 'KY-010',
  aliases: ['KY_010', 'KY010'],
  description: 'Photo interrupter (light barrier): whether something blocks the beam in its slot',
  bus: 'digital',
  fields: {
    raw: { range: [0, 1], description: 'Pin level: 1 while the beam is blocked, 0 when clear' },
    blocked: { description: 'True while the beam is blocked' },
  },
  commands: { read_state: ['raw'], is_blocked: ['blocked'], read_all: ['raw', 'blocked'] },
  tools: { read_state: 'read_state', is_blocked: 'is_blocked', read_all: 'read_all' },
  readTimeMs: 0.1,
  driverMemoryBytes: 816, // measured: our MicroPython driver's share of the heap (perf --only memory)
  sample(ctx) {
    const blocked = ctx.env.beamBlocked;
    return { raw: blocked ? 1 : 0, blocked };
  },
};
