import { ADC_NOISE_V, clamp, rawToVolts, round, voltsToRaw } from './adc.js';
import { instanceBias, sampleNoise } from './inaccuracy.js';
import type { SensorSpec } from './types.js';

/** Probe output in air (bone dry), V: about 3950 counts. */
const DRY_V = 3.183;
/** Probe output in water (saturated), V: about 1350 counts. */
const WET_V = 1.088;
/** Moisture below which the module's comparator reports dry, %. */
export const HW080_DRY_BELOW_PCT = 20;

/**
 * HW-080: resistive soil moisture probe with an LM393 module. Wet soil conducts and pulls the output down,
 * so a higher reading means drier soil. Moisture is scaled linearly between the in-air and in-water outputs.
 */
export const HW_080: SensorSpec = {
  name: 'HW-080',
  aliases: ['HW_080', 'HW080', 'YL-69', 'YL69', 'FC-28', 'SOIL'],
  description: 'Soil moisture probe: moisture (%, 0 dry air to 100 in water), analog output (higher = drier) and a dry flag',
  bus: 'analog',
  fields: {
    raw: { range: [0, 4095], description: 'ADC reading, counts: about 3950 in dry air, about 1350 in water (higher = drier)' },
    voltage: { unit: 'V', range: [0, 3.3], description: 'Probe output, V (= raw * 3.3 / 4095); higher = drier' },
    moisture: {
      unit: '%',
      range: [0, 100],
      description: 'Soil moisture, % (= (3.183 - voltage) / (3.183 - 1.088) * 100): below 20 dry, 20-60 moist, above 60 wet; +-5 %',
    },
    dry: { description: `True when the soil is dry (moisture below ${HW080_DRY_BELOW_PCT} %): the plant needs water` },
  },
  commands: {
    read_raw: ['raw'],
    read_voltage: ['voltage'],
    read_moisture: ['moisture', 'dry'],
    read_all: ['raw', 'voltage', 'moisture', 'dry'],
  },
  tools: { read_raw: 'read_raw', read_voltage: 'read_voltage', read_moisture: 'read_moisture', read_all: 'read_all' },
  readTimeMs: 0.1,
  driverMemoryBytes: 1056, // measured: our MicroPython driver's share of the heap (perf --only memory)
  sample(ctx) {
    const truth = clamp(ctx.env.soilMoisturePct + instanceBias(ctx, 'm', 5), 0, 100);
    const raw = voltsToRaw(DRY_V - ((DRY_V - WET_V) * truth) / 100 + sampleNoise(ctx, 'adc', ADC_NOISE_V * 3));
    const voltage = rawToVolts(raw);
    const moisture = round(clamp(((DRY_V - voltage) / (DRY_V - WET_V)) * 100, 0, 100), 1);
    return { raw, voltage, moisture, dry: moisture < HW080_DRY_BELOW_PCT };
  },
};
