import { ADC_NOISE_V, rawToVolts, round, voltsToRaw } from './adc.js';
import { instanceBias, sampleNoise } from './inaccuracy.js';
import type { SensorSpec } from './types.js';

/** Quiescent output at 3.3 V supply (ratiometric: half the supply), V. */
const ZERO_FIELD_V = 1.65;
/** 49E linear Hall sensitivity at 3.3 V supply (1.4 mV/G at 5 V, ratiometric), V per mT. */
const VOLTS_PER_MT = 0.0092;
/** Field magnitude the driver reports as a magnet being present, mT. */
export const KY035_SWITCH_MT = 5;

/** KY-035: analog (49E linear) Hall sensor; output centred at half supply, up for one pole, down for the other. */
export const KY_035: SensorSpec = {
  name: 'KY-035',
  aliases: ['KY_035', 'KY035', 'HALL'],
  description: 'Analog Hall sensor: magnetic flux density (mT, signed by pole, about +-100 mT) and whether a magnet is near',
  bus: 'analog',
  fields: {
    raw: { range: [0, 4095], description: 'ADC reading, counts: about 2048 with no magnet' },
    voltage: { unit: 'V', range: [0, 3.3], description: 'Sensor output, V (= raw * 3.3 / 4095; 1.65 V with no magnet)' },
    field: { unit: 'mT', range: [-180, 180], description: 'Magnetic flux density, mT (= (voltage - 1.65) / 0.0092); sign = magnet pole' },
    switch: { description: `True when a magnet is near (|field| of ${KY035_SWITCH_MT} mT or more)` },
  },
  commands: {
    read_raw: ['raw'],
    read_voltage: ['voltage'],
    read_field: ['field'],
    read_switch: ['switch'],
    read_all: ['raw', 'voltage', 'field', 'switch'],
  },
  tools: { read_raw: 'read_raw', read_voltage: 'read_voltage', read_field: 'read_field', read_switch: 'read_switch', read_all: 'read_all' },
  readTimeMs: 0.1,
  driverMemoryBytes: 960, // measured: our MicroPython driver's share of the heap (perf --only memory)
  sample(ctx) {
    const volts = ZERO_FIELD_V + instanceBias(ctx, 'offset', 0.02) + ctx.env.magneticFieldMt * VOLTS_PER_MT * (1 + instanceBias(ctx, 'gain', 0.1));
    const raw = voltsToRaw(volts + sampleNoise(ctx, 'adc', ADC_NOISE_V * 2));
    const voltage = rawToVolts(raw);
    const field = round((voltage - ZERO_FIELD_V) / VOLTS_PER_MT, 2);
    return { raw, voltage, field, switch: Math.abs(field) >= KY035_SWITCH_MT };
  },
};
