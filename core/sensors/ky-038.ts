import { ADC_MAX, clamp, rawToVolts, round } from './adc.js';
import { instanceBias, sampleNoise } from './inaccuracy.js';
import type { SensorSpec } from './types.js';

/** Sound level that swings the output over the whole ADC range (module gain as set), dBA. */
const FULL_SCALE_DB = 100;
/** Sound level at which the module's comparator (its potentiometer) trips, dBA. */
export const KY038_TRIGGER_DB = 60;

function countsAt(db: number): number {
  return ADC_MAX * 10 ** ((db - FULL_SCALE_DB) / 20);
}

/**
 * KY-038: electret microphone with an amplifier and comparator. The driver samples the analog output over
 * a 20 ms window and reports its peak-to-peak swing; the sound level follows from it logarithmically.
 * One count is the quietest it can tell apart (about 28 dBA).
 */
export const KY_038: SensorSpec = {
  name: 'KY-038',
  aliases: ['KY_038', 'KY038', 'MIC', 'MICROPHONE'],
  description: 'Microphone: sound level (dBA, about 28-100), peak-to-peak signal and whether it is louder than the trigger level',
  bus: 'analog',
  fields: {
    raw: { range: [0, 4095], description: 'Peak-to-peak swing of the microphone signal over 20 ms, ADC counts' },
    voltage: { unit: 'V', range: [0, 3.3], description: 'Peak-to-peak signal voltage, V (= raw * 3.3 / 4095)' },
    triggered: { description: `True when the sound is louder than the trigger level (about ${KY038_TRIGGER_DB} dBA)` },
    level: {
      unit: 'dBA',
      range: [20, 100],
      description: 'Sound level, dBA (= 100 + 20 log10(raw / 4095)): ~30 very quiet night, 40 quiet room, 60 talking, 85 alarm',
    },
  },
  commands: {
    read_raw: ['raw'],
    read_voltage: ['voltage'],
    read_trigger: ['triggered'],
    read_all: ['raw', 'voltage', 'triggered', 'level'],
  },
  tools: { read_raw: 'read_raw', read_voltage: 'read_voltage', read_trigger: 'read_trigger', read_all: 'read_all' },
  // The 20 ms sampling window.
  readTimeMs: 20,
  driverMemoryBytes: 1136, // measured: our MicroPython driver's share of the heap (perf --only memory)
  sample(ctx) {
    const db = ctx.env.soundDb + instanceBias(ctx, 'gain', 3) + sampleNoise(ctx, 'db', 0.5);
    const raw = clamp(Math.round(countsAt(db) + sampleNoise(ctx, 'adc', 0.3)), 0, ADC_MAX);
    const level = round(FULL_SCALE_DB + 20 * Math.log10(Math.max(raw, 1) / ADC_MAX), 1);
    return { raw, voltage: rawToVolts(raw), triggered: raw >= countsAt(KY038_TRIGGER_DB), level };
  },
};
