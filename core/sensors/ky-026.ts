import { ADC_NOISE_V, ADC_VREF, clamp, rawToVolts, voltsToRaw } from './adc.js';
import { instanceBias, sampleNoise } from './inaccuracy.js';
import type { SensorSpec } from './types.js';

/** Sunlight this bright carries as much near-IR as a faint flame (flame sensors false-trigger in sun). */
const SUN_IR_PER_LUX = 0.15 / 100000;

/**
 * KY-026: IR flame sensor (760-1100 nm phototransistor). More infrared pulls the analog output down;
 * the module's comparator reports a flame when it falls below the potentiometer's threshold.
 */
export const KY_026: SensorSpec = {
  name: 'KY-026',
  aliases: ['KY_026', 'KY026', 'FLAME'],
  description: 'Infrared flame sensor: whether an open flame is in view, with the analog IR level (lower = more IR)',
  bus: 'analog',
  fields: {
    raw: { range: [0, 4095], description: 'ADC reading, counts: about 3900 with no flame, falling as infrared grows' },
    voltage: { unit: 'V', range: [0, 3.3], description: 'Analog output, V (= raw * 3.3 / 4095); lower = more infrared' },
    detected: { description: 'True when a flame is detected (output below the threshold, about 2.3 V)' },
  },
  commands: { read_raw: ['raw'], read_voltage: ['voltage'], read_detected: ['detected'], read_all: ['raw', 'voltage', 'detected'] },
  tools: { read_raw: 'read_raw', read_voltage: 'read_voltage', read_detected: 'read_detected', read_all: 'read_all' },
  readTimeMs: 0.1,
  driverMemoryBytes: 1088, // measured: our MicroPython driver's share of the heap (perf --only memory)
  sample(ctx) {
    const infrared = clamp(ctx.env.flameIntensity + ctx.env.illuminanceLux * SUN_IR_PER_LUX, 0, 1);
    const volts = ADC_VREF * (0.95 + instanceBias(ctx, 'dark', 0.04) - 0.9 * infrared);
    const raw = voltsToRaw(volts + sampleNoise(ctx, 'adc', ADC_NOISE_V * 4));
    const threshold = 2.3 + instanceBias(ctx, 'pot', 0.2);
    const voltage = rawToVolts(raw);
    return { raw, voltage, detected: voltage < threshold };
  },
};
