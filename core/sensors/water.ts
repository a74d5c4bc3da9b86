import { ADC_MAX, clamp } from './adc.js';
import { instanceBias, sampleNoise } from './inaccuracy.js';
import type { SensorSpec } from './types.js';

/** Length of the exposed traces, mm: deeper water does not raise the reading further. */
const TRACE_LENGTH_MM = 40;
/** Counts with the traces fully under water. */
const FULL_COUNTS = 2600;
/** Counts above which the driver reports water. */
export const WATER_WET_ABOVE = 300;

/** Water level / leak sensor: exposed parallel traces; water between them raises the analog output. */
export const WATER: SensorSpec = {
  name: 'WATER',
  aliases: ['WATER_SENSOR', 'WATER-LEVEL', 'WATER_LEVEL', 'WATERLEVEL', 'LEAK'],
  description: 'Water / leak probe on the floor: whether it is wet, with the analog level (rises with water depth up to 40 mm)',
  bus: 'analog',
  fields: {
    raw: { range: [0, 4095], description: `ADC reading, counts: near 0 dry, rising with water depth to about ${FULL_COUNTS} at ${TRACE_LENGTH_MM} mm` },
    wet: { description: `True when water touches the probe (raw above ${WATER_WET_ABOVE})` },
  },
  commands: { read_raw: ['raw'], read_wet: ['wet'], read_all: ['raw', 'wet'] },
  tools: { read_raw: 'read_raw', read_wet: 'read_wet', read_all: 'read_all' },
  readTimeMs: 0.1,
  driverMemoryBytes: 864, // measured: our MicroPython driver's share of the heap (perf --only memory)
  sample(ctx) {
    const covered = clamp(ctx.env.waterDepthMm / TRACE_LENGTH_MM, 0, 1);
    // Conductance grows quickly once the first millimetres bridge the traces, then levels off.
    const level = FULL_COUNTS * (1 + instanceBias(ctx, 'gain', 0.2)) * covered ** 0.6 + 5 + sampleNoise(ctx, 'adc', 3);
    const raw = clamp(Math.round(level), 0, ADC_MAX);
    return { raw, wet: raw > WATER_WET_ABOVE };
  },
};
