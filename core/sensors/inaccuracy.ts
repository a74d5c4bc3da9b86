import type { SampleContext } from './types.js';

/**
 * How a sensor instance departs from the truth: a constant bias (this particular part's calibration error)
 * plus fresh noise on every sample. Both come from the world's deterministic noise keyed by the instance,
 * so a replayed world gives the same readings, and two parts of one type disagree the way real ones do.
 * Bias and noise are bounded so bias + noise + rounding stays within the datasheet accuracy.
 */

/** Constant for an instance: about `accuracy` / 4 standard deviation, never beyond half the accuracy. */
export function instanceBias(ctx: SampleContext, what: string, accuracy: number): number {
  const g = ctx.world.gaussian(`${ctx.instanceKey}|bias|${what}`, 0);
  const limit = accuracy / 2;
  const b = g * (accuracy / 4);
  return b < -limit ? -limit : Math.min(b, limit);
}

/** Fresh for every sample: standard deviation `sigma`, cut at 3 sigma. */
export function sampleNoise(ctx: SampleContext, what: string, sigma: number): number {
  const g = ctx.world.gaussian(`${ctx.instanceKey}|noise|${what}`, ctx.env.timeMs);
  return (g < -3 ? -3 : Math.min(g, 3)) * sigma;
}

/** A uniform draw in [0, 1) for this sample (chatter of switches, a comparator's decision near its edge). */
export function sampleUniform(ctx: SampleContext, what: string): number {
  return ctx.world.uniform(`${ctx.instanceKey}|u|${what}`, ctx.env.timeMs);
}

/** A uniform draw in [0, 1) that is constant for the instance (a potentiometer's setting, a probe's ROM). */
export function instanceUniform(ctx: SampleContext, what: string): number {
  return ctx.world.uniform(`${ctx.instanceKey}|part|${what}`, 0);
}
