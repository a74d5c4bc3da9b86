import { smoothGaussian } from '../noise.js';
import type { Scenario } from './scenario.js';

/** Relative humidity falls about 6 % per degree as air warms (saturation pressure rises). */
function heatedHumidity(rh: number, warmingC: number): number {
  return Math.max(8, rh * Math.exp(-0.06 * warmingC));
}

export const FIRE: Scenario = {
  name: 'fire',
  description: 'A fire in the kitchen: open flame, 45-70 C there, hot next door, smoke alarm sounding, firelight',
  defaultHour: 19,
  focus: ['kitchen'],
  overlay(env, ctx) {
    const { place, focus, seed, timeMs } = ctx;
    const flicker = smoothGaussian(seed, 'flicker', timeMs, 400);
    if (focus.includes(place.id)) {
      const before = env.airTemperatureC;
      env.airTemperatureC = Math.min(70, Math.max(45, before + 32 + 6 * smoothGaussian(seed, 'fire-t', timeMs, 30_000) + 2 * flicker));
      env.humidityPct = heatedHumidity(env.humidityPct, env.airTemperatureC - before);
      env.probeTemperatureC += 6;
      env.flameIntensity = Math.min(1, Math.max(0.5, 0.8 + 0.1 * flicker));
      env.illuminanceLux += 400 + 120 * flicker;
      env.soundDb = Math.max(env.soundDb, 82 + 1.5 * flicker);
    } else if (place.neighbours.some((n) => focus.includes(n))) {
      const warming = 7 + 1.5 * smoothGaussian(seed, `fire-t:${place.id}`, timeMs, 30_000);
      env.airTemperatureC += warming;
      env.humidityPct = heatedHumidity(env.humidityPct, warming);
      // A glow through the doorway: far below what a flame sensor calls a flame.
      env.flameIntensity = 0.04;
      env.illuminanceLux += 15;
      env.soundDb = Math.max(env.soundDb, 68 + flicker);
    } else if (place.indoor) {
      env.soundDb = Math.max(env.soundDb, 55 + flicker);
    }
  },
};
