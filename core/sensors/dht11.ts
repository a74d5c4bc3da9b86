import { clamp } from './adc.js';
import { instanceBias, sampleNoise } from './inaccuracy.js';
import type { SensorSpec } from './types.js';

/** DHT11: single-wire digital temperature and humidity sensor; whole degrees and whole percent. */
export const DHT11: SensorSpec = {
  name: 'DHT11',
  aliases: ['DHT-11', 'DHT_11'],
  description: 'Air temperature (C, 0-50, +-2 C) and relative humidity (%RH, 20-90, +-5 %RH), whole numbers',
  bus: 'digital',
  fields: {
    temperature: { unit: 'C', range: [0, 50], description: 'Air temperature in whole degrees Celsius (accuracy +-2 C)' },
    humidity: { unit: '%RH', range: [20, 90], description: 'Relative humidity in whole percent (accuracy +-5 %RH)' },
  },
  commands: {
    read_temp: ['temperature'],
    read_hum: ['humidity'],
    read_all: ['temperature', 'humidity'],
  },
  tools: { read_temperature: 'read_temp', read_humidity: 'read_hum', read_all: 'read_all' },
  // Host start signal (18 ms) plus the 40-bit reply (~4 ms).
  readTimeMs: 25,
  driverMemoryBytes: 832, // measured: our MicroPython driver's share of the heap (perf --only memory)
  sample(ctx) {
    const t = ctx.env.airTemperatureC + instanceBias(ctx, 't', 2) + sampleNoise(ctx, 't', 0.15);
    const h = ctx.env.humidityPct + instanceBias(ctx, 'h', 5) + sampleNoise(ctx, 'h', 0.5);
    return {
      temperature: clamp(Math.round(t), 0, 50),
      humidity: clamp(Math.round(h), 20, 90),
    };
  },
};
