import { smoothGaussian, uniform } from '../noise.js';
import type { Scenario } from './scenario.js';

export const LEAK: Scenario = {
  name: 'leak',
  description: 'A burst hose: water on the kitchen floor that has run under the door into the garage; damp air there',
  defaultHour: 8,
  focus: ['kitchen', 'garage'],
  overlay(env, ctx) {
    const { place, focus } = ctx;
    if (focus.includes(place.id)) {
      const depth = 4 + 4 * uniform(ctx.seed, `leak:${place.id}`, 0) + 0.5 * smoothGaussian(ctx.seed, `ripple:${place.id}`, ctx.timeMs, 5000);
      env.waterDepthMm = Math.max(2.5, depth);
      env.humidityPct = Math.min(97, env.humidityPct + 12);
    } else if (place.neighbours.some((n) => focus.includes(n))) {
      env.humidityPct = Math.min(97, env.humidityPct + 3);
    }
  },
};
