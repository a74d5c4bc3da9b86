import { ADC_NOISE_V, clamp, rawToVolts, round, voltsToRaw } from './adc.js';
import { instanceBias, sampleNoise } from './inaccuracy.js';
import type { SensorSpec } from './types.js';

/** Over-temperature alarm of the driver, C. */
export const LM35_ALARM_C = 40;

/** LM35: analog temperature sensor, 10 mV/C from 0 V at 0 C (basic single-supply circuit: 0..150 C). */
export const LM35: SensorSpec = {
  name: 'LM35',
  aliases: ['LM-35', 'LM_35', 'LM35DZ'],
  description: 'Analog temperature sensor (10 mV per C, 0-150 C, +-1 C) read through the 12-bit ADC',
  bus: 'analog',
  fields: {
    raw: { range: [0, 4095], description: 'ADC reading, counts (12-bit, 3.3 V reference)' },
    voltage: { unit: 'V', range: [0, 3.3], description: 'Sensor output voltage, V (= raw * 3.3 / 4095)' },
    celsius: { unit: 'C', range: [0, 150], description: 'Temperature, C (= voltage / 0.010 V per C; accuracy +-1 C)' },
    alarm: { description: `True when the temperature is at or above the ${LM35_ALARM_C} C over-temperature threshold` },
  },
  commands: {
    read_raw: ['raw'],
    read_voltage: ['voltage'],
    read_celsius: ['celsius'],
    read_alarm: ['alarm'],
    read_all: ['raw', 'voltage', 'celsius', 'alarm'],
  },
  tools: {
    read_raw: 'read_raw',
    read_voltage: 'read_voltage',
    read_celsius: 'read_celsius',
    read_alarm: 'read_alarm',
    read_all: 'read_all',
  },
  readTimeMs: 0.1,
  driverMemoryBytes: 848, // measured: our MicroPython driver's share of the heap (perf --only memory)
  sample(ctx) {
    const truth = clamp(ctx.env.airTemperatureC + instanceBias(ctx, 't', 1), 0, 150);
    const raw = voltsToRaw(truth * 0.01 + sampleNoise(ctx, 'adc', ADC_NOISE_V));
    const voltage = rawToVolts(raw);
    const celsius = round(voltage * 100, 1);
    return { raw, voltage, celsius, alarm: celsius >= LM35_ALARM_C };
  },
};
