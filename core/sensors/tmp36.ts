import { ADC_NOISE_V, clamp, rawToVolts, round, voltsToRaw } from './adc.js';
import { instanceBias, sampleNoise } from './inaccuracy.js';
import type { SensorSpec } from './types.js';

/** TMP36: analog temperature sensor, 10 mV/C with a 500 mV offset (0.1 V at -40 C, 1.75 V at 125 C). */
export const TMP36: SensorSpec = {
  name: 'TMP36',
  aliases: ['TMP-36', 'TMP_36'],
  description: 'Analog temperature sensor (0.5 V at 0 C, 10 mV per C, -40-125 C, +-2 C) read through the 12-bit ADC',
  bus: 'analog',
  fields: {
    raw: { range: [0, 4095], description: 'ADC reading, counts (12-bit, 3.3 V reference)' },
    voltage: { unit: 'V', range: [0, 3.3], description: 'Sensor output voltage, V (= raw * 3.3 / 4095)' },
    celsius: { unit: 'C', range: [-40, 125], description: 'Temperature, C (= (voltage - 0.5) * 100; accuracy +-2 C)' },
  },
  commands: {
    read_temperature: ['raw', 'voltage', 'celsius'],
    read_all: ['raw', 'voltage', 'celsius'],
  },
  tools: { read_temperature: 'read_temperature' },
  readTimeMs: 0.1,
  driverMemoryBytes: 784, // measured: our MicroPython driver's share of the heap (perf --only memory)
  sample(ctx) {
    const truth = clamp(ctx.env.airTemperatureC + instanceBias(ctx, 't', 2), -40, 125);
    const raw = voltsToRaw(0.5 + truth * 0.01 + sampleNoise(ctx, 'adc', ADC_NOISE_V));
    const voltage = rawToVolts(raw);
    return { raw, voltage, celsius: round((voltage - 0.5) * 100, 1) };
  },
};
