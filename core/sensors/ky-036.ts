import { ADC_MAX, clamp, rawToVolts } from './adc.js';
import { instanceBias, sampleNoise, sampleUniform } from './inaccuracy.js';
import type { SensorSpec } from './types.js';

/** Counts above which the driver calls the wire touched. */
const TOUCH_THRESHOLD = 1000;

/**
 * KY-036: metal touch sensor. A finger on the wire couples mains hum and body capacitance into the
 * amplifier, so the analog output jumps up (and wobbles with the 50 Hz hum) while touched.
 */
export const KY_036: SensorSpec = {
  name: 'KY-036',
  aliases: ['KY_036', 'KY036', 'TOUCH'],
  description: 'Metal touch sensor: whether someone touches its wire, with the analog signal',
  bus: 'analog',
  fields: {
    raw: { range: [0, 4095], description: `ADC reading, counts: about 200 untouched, above ${TOUCH_THRESHOLD} while touched` },
    voltage: { unit: 'V', range: [0, 3.3], description: 'Analog output, V (= raw * 3.3 / 4095)' },
    touched: { description: 'True while the wire is touched' },
  },
  commands: { read_raw: ['raw'], read_voltage: ['voltage'], read_touched: ['touched'], read_all: ['raw', 'voltage', 'touched'] },
  tools: { read_raw: 'read_raw', read_voltage: 'read_voltage', read_touched: 'read_touched', read_all: 'read_all' },
  readTimeMs: 0.1,
  driverMemoryBytes: 832, // measured: our MicroPython driver's share of the heap (perf --only memory)
  sample(ctx) {
    const idle = 200 + instanceBias(ctx, 'idle', 120) + sampleNoise(ctx, 'n', 8);
    // Touched, the reading lands somewhere on the hum waveform.
    const hum = Math.sin(2 * Math.PI * sampleUniform(ctx, 'hum'));
    const level = ctx.env.touched ? 2600 + 700 * hum : idle;
    const raw = clamp(Math.round(level), 0, ADC_MAX);
    return { raw, voltage: rawToVolts(raw), touched: raw > TOUCH_THRESHOLD };
  },
};
