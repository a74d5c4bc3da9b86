import { clamp, round } from './adc.js';
import { instanceBias, sampleNoise } from './inaccuracy.js';
import type { SensorSpec } from './types.js';

/** Speed of sound the firmware assumes (20 C), m/s: distance = echo time / 58.2 us per cm. */
const ASSUMED_SOUND_SPEED = 343.4;

/** HC-SR04: ultrasonic ranger timed by GPIO (trigger pulse, echo width), 2-400 cm. */
export const HC_SR04: SensorSpec = {
  name: 'HC-SR04',
  aliases: ['HC_SR04', 'HCSR04', 'SR04'],
  description: 'Ultrasonic distance to the nearest object in front, cm (2-400 cm, about +-0.3 cm)',
  bus: 'gpio-timing',
  fields: {
    distance_cm: {
      unit: 'cm',
      range: [2, 400],
      description: 'Distance to the nearest object, cm (from the echo time assuming sound at 20 C)',
    },
  },
  commands: { read_distance: ['distance_cm'], read_all: ['distance_cm'] },
  tools: { read_distance: 'read_distance' },
  // Trigger pulse plus an echo from about 4 m (the longest in range).
  readTimeMs: 24,
  driverMemoryBytes: 1328, // measured: our MicroPython driver's share of the heap (perf --only memory)
  sample(ctx) {
    const truth = clamp(ctx.env.distanceCm, 2, 400);
    // The echo really travels at the speed of sound of the air it crosses; the firmware assumes 20 C.
    const soundSpeed = 331.3 + 0.606 * ctx.env.airTemperatureC;
    const measured = (truth * ASSUMED_SOUND_SPEED) / soundSpeed + instanceBias(ctx, 'd', 0.6) + sampleNoise(ctx, 'd', 0.1);
    return { distance_cm: round(clamp(measured, 2, 400), 1) };
  },
};
