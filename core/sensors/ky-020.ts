import { instanceUniform, sampleUniform } from './inaccuracy.js';
import type { SensorSpec } from './types.js';

/**
 * KY-020: ball tilt switch with a pull-up. Upright, the ball closes the contacts (pin 0); tilted past
 * its angle the ball rolls away (pin 1). Shaken hard, the ball bounces and the pin chatters.
 */
export const KY_020: SensorSpec = {
  name: 'KY-020',
  aliases: ['KY_020', 'KY020'],
  description: 'Ball tilt switch: whether the board is tilted more than about 30 degrees',
  bus: 'digital',
  fields: {
    raw: { range: [0, 1], description: 'Pin level: 1 when tilted (contacts open), 0 when upright' },
    tilted: { description: 'True when tilted past the switch angle (about 30 degrees)' },
  },
  commands: { read_raw: ['raw'], read_tilted: ['tilted'], read_all: ['raw', 'tilted'] },
  tools: { read_raw: 'read_raw', read_tilted: 'read_tilted', read_all: 'read_all' },
  readTimeMs: 0.1,
  driverMemoryBytes: 816, // measured: our MicroPython driver's share of the heap (perf --only memory)
  sample(ctx) {
    const { pitch, roll } = ctx.env.tiltDeg;
    const angle = Math.max(Math.abs(pitch), Math.abs(roll));
    const switchAngle = 25 + 10 * instanceUniform(ctx, 'angle');
    const bouncing = ctx.env.vibrationMs2 > 2 && sampleUniform(ctx, 'bounce') < 0.3;
    const tilted = angle > switchAngle || bouncing;
    return { raw: tilted ? 1 : 0, tilted };
  },
};
