import { sampleUniform } from './inaccuracy.js';
import type { SensorSpec } from './types.js';

/** Vibration at which the spring switch opens often enough for the comparator to report a shock, m/s2. */
const SHOCK_THRESHOLD_MS2 = 1;

/** SW420: spring vibration switch with an LM393 comparator; the output goes high while it is shaken. */
export const SW420: SensorSpec = {
  name: 'SW420',
  aliases: ['SW-420', 'SW_420'],
  description: 'Vibration / shock switch: whether the board is being shaken or knocked',
  bus: 'digital',
  fields: {
    raw: { range: [0, 1], description: 'Digital output: 1 while vibration is detected, 0 when still' },
    shock: { description: 'True while vibration or a shock is detected' },
  },
  commands: { read_raw: ['raw'], read_shock: ['shock'], read_all: ['raw', 'shock'] },
  tools: { read_raw: 'read_raw', read_shock: 'read_shock', read_all: 'read_all' },
  readTimeMs: 0.1,
  driverMemoryBytes: 768, // measured: our MicroPython driver's share of the heap (perf --only memory)
  sample(ctx) {
    // The switch chatters: near the threshold some samples catch it open and some do not.
    const shock = ctx.env.vibrationMs2 * (0.6 + 0.8 * sampleUniform(ctx, 'open')) > SHOCK_THRESHOLD_MS2;
    return { raw: shock ? 1 : 0, shock };
  },
};
