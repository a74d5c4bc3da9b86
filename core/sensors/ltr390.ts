import { clamp, round } from './adc.js';
import { instanceBias, sampleNoise } from './inaccuracy.js';
import type { SensorSpec } from './types.js';

/** Gain 3, 18-bit resolution (100 ms): the common driver defaults. */
const MAX_COUNT = 2 ** 18 - 1;
/** Datasheet: lux = 0.6 * ALS / (gain * integration factor) = 0.2 * ALS at gain 3, 100 ms. */
const LUX_PER_COUNT = 0.2;
/** Datasheet UV sensitivity 2300 counts/UVI at gain 18, 20-bit; scaled to gain 3, 18-bit. */
const UVS_COUNTS_PER_UVI = (2300 * (3 / 18)) / 4;

/** LTR390: I2C UV (UVS) and ambient light (ALS) sensor. */
export const LTR390: SensorSpec = {
  name: 'LTR390',
  aliases: ['LTR-390', 'LTR_390', 'LTR390UV', 'LTR390-UV'],
  description: 'UV index (about +-10 %) and ambient light (lux, saturates at 52428 lx) from one I2C sensor, with raw counts',
  bus: 'i2c',
  fields: {
    uv_index: {
      range: [0, MAX_COUNT / UVS_COUNTS_PER_UVI],
      description: 'UV index (= raw_uvs / 95.83): 0-2 low, 3-5 moderate, 6-7 high, 8-10 very high, 11+ extreme',
    },
    lux: { unit: 'lux', range: [0, MAX_COUNT * LUX_PER_COUNT], description: 'Ambient light, lux (= 0.2 * raw_als)' },
    raw_uvs: { range: [0, MAX_COUNT], description: 'Raw UV channel count (gain 3, 18-bit)' },
    raw_als: { range: [0, MAX_COUNT], description: 'Raw ambient light channel count (gain 3, 18-bit)' },
  },
  commands: {
    read_uv_index: ['uv_index'],
    read_lux: ['lux'],
    read_raw: ['raw_uvs', 'raw_als'],
    read_all: ['uv_index', 'lux', 'raw_uvs', 'raw_als'],
  },
  tools: { read_uv_index: 'read_uv_index', read_lux: 'read_lux', read_raw: 'read_raw', read_all: 'read_all' },
  // One conversion at 18-bit resolution.
  readTimeMs: 100,
  driverMemoryBytes: 1936, // measured: our MicroPython driver's share of the heap (perf --only memory)
  sample(ctx) {
    const als = ctx.env.illuminanceLux * (1 + instanceBias(ctx, 'als', 0.2)) * (1 + sampleNoise(ctx, 'als', 0.005));
    const uvs = ctx.env.uvIndex * (1 + instanceBias(ctx, 'uvs', 0.2)) * (1 + sampleNoise(ctx, 'uvs', 0.01));
    const rawAls = clamp(Math.round(als / LUX_PER_COUNT + sampleNoise(ctx, 'als0', 0.5)), 0, MAX_COUNT);
    const rawUvs = clamp(Math.round(uvs * UVS_COUNTS_PER_UVI + sampleNoise(ctx, 'uvs0', 0.5)), 0, MAX_COUNT);
    return {
      uv_index: round(rawUvs / UVS_COUNTS_PER_UVI, 2),
      lux: round(rawAls * LUX_PER_COUNT, 1),
      raw_uvs: rawUvs,
      raw_als: rawAls,
    };
  },
};
