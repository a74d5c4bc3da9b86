import { clamp, round } from './adc.js';
import { instanceBias, sampleNoise } from './inaccuracy.js';
import type { SensorSpec } from './types.js';

/** Counts per lux in continuous high-resolution mode (datasheet: lux = count / 1.2). */
const COUNTS_PER_LUX = 1.2;
const MAX_COUNT = 65535;

/** BH1750: I2C ambient light sensor, 16-bit, high-resolution mode (1 lx steps, saturates at 54612 lx). */
export const BH1750: SensorSpec = {
  name: 'BH1750',
  aliases: ['BH-1750', 'BH_1750', 'GY-302', 'GY302'],
  description: 'Ambient light, lux (0-54612 lx in high-resolution mode, +-20 %); saturates in direct sun',
  bus: 'i2c',
  fields: {
    lux: { unit: 'lux', range: [0, MAX_COUNT / COUNTS_PER_LUX], description: 'Illuminance, lux (= raw / 1.2; accuracy +-20 %)' },
    raw: { range: [0, MAX_COUNT], description: 'Raw 16-bit measurement count' },
  },
  commands: { read_lux: ['lux'], read_raw: ['raw'], read_all: ['lux', 'raw'] },
  tools: { read_lux: 'read_lux', read_raw: 'read_raw', read_all: 'read_all' },
  // High-resolution mode measurement time (typ. 120 ms).
  readTimeMs: 120,
  driverMemoryBytes: 1136, // measured: our MicroPython driver's share of the heap (perf --only memory)
  sample(ctx) {
    const lux = ctx.env.illuminanceLux;
    const gain = 1 + instanceBias(ctx, 'gain', 0.3);
    const counts = lux * COUNTS_PER_LUX * gain * (1 + sampleNoise(ctx, 'n', 0.005)) + sampleNoise(ctx, 'dark', 0.3);
    const raw = clamp(Math.round(counts), 0, MAX_COUNT);
    return { lux: round(raw / COUNTS_PER_LUX, 1), raw };
  },
};
