import { ADC_NOISE_V, clamp, rawToVolts, round, voltsToRaw } from './adc.js';
import { instanceBias, sampleNoise } from './inaccuracy.js';
import type { SensorSpec } from './types.js';

/** Module output per UV index unit, V (the module's rule of thumb: UV index = Vout / 0.1 V). */
const VOLTS_PER_UVI = 0.1;

/** GUVA-S12SD: analog UV photodiode module (240-370 nm), output voltage proportional to the UV index. */
export const GUVA_S12SD: SensorSpec = {
  name: 'GUVA-S12SD',
  aliases: ['GUVA_S12SD', 'GUVAS12SD', 'S12SD'],
  description: 'Analog UV sensor: UV index (0-15, about +-1) from the module voltage (0.1 V per UV index unit)',
  bus: 'analog',
  fields: {
    raw: { range: [0, 4095], description: 'ADC reading, counts (12-bit, 3.3 V reference)' },
    voltage: { unit: 'V', range: [0, 3.3], description: 'Module output voltage, V (= raw * 3.3 / 4095)' },
    uvi: { range: [0, 33], description: 'UV index (= voltage / 0.1 V): 0-2 low, 3-5 moderate, 6-7 high, 8-10 very high, 11+ extreme' },
  },
  commands: { read_raw: ['raw'], read_voltage: ['voltage'], read_uvi: ['uvi'], read_all: ['raw', 'voltage', 'uvi'] },
  tools: { read_raw: 'read_raw', read_voltage: 'read_voltage', read_uvi: 'read_uvi', read_all: 'read_all' },
  readTimeMs: 0.1,
  driverMemoryBytes: 896, // measured: our MicroPython driver's share of the heap (perf --only memory)
  sample(ctx) {
    const uv = clamp(ctx.env.uvIndex, 0, 15) * (1 + instanceBias(ctx, 'gain', 0.2));
    // A few millivolts of dark output even in the dark.
    const dark = 0.002 + instanceBias(ctx, 'dark', 0.004);
    const raw = voltsToRaw(dark + uv * VOLTS_PER_UVI + sampleNoise(ctx, 'adc', ADC_NOISE_V));
    const voltage = rawToVolts(raw);
    return { raw, voltage, uvi: round(voltage / VOLTS_PER_UVI, 1) };
  },
};
