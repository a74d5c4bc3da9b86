import { smoothGaussian, uniform } from '../noise.js';
import type { Scenario } from './scenario.js';

export const DRY_PLANT: Scenario = {
  name: 'dry-plant',
  description: 'Nobody watered for two weeks: the soil of every pot and bed is dry (5-12 % moisture)',
  defaultHour: 11,
  focus: [],
  overlay(env, ctx) {
    const dry = 5.5 + 6 * uniform(ctx.seed, `dry:${ctx.place.id}`, 0) + 0.3 * smoothGaussian(ctx.seed, `dry:${ctx.place.id}`, ctx.timeMs, 3_600_000);
    env.soilMoisturePct = Math.min(12, Math.max(5, dry));
  },
};
