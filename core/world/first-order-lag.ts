import type { LevelPath } from './level-path.js';

/** How fast a lagging quantity moves toward its input, ms: `rising` while the input is above it, `falling` below. */
export interface TimeConstants {
  rising: number;
  falling: number;
}

/**
 * A quantity that follows an actuator with first-order dynamics, dx/dt = (u - x) / tau: a room cooling under a
 * fan, a window's air exchange, a soaking bed. The input u is the actuator's level times a gain. The level path
 * is piecewise linear, and over a linear input the equation has a closed form, so the quantity is computed once
 * at each corner of the path and read at any time with one binary search and one exponential, never by stepping
 * through time.
 *
 * Before the first command the quantity rests where the power-on level holds it (u = gain * initial level).
 * The time constant of each stretch is chosen at its first corner, by whether the input is then above or below
 * the quantity: exact whenever the level jumps (the quantity then moves one way until the next corner), so a
 * path that ramps needs one time constant for both ways.
 */
export class FirstOrderLag {
  /** Where the quantity rests before any command. */
  readonly initial: number;
  private readonly states: Float64Array;
  private readonly taus: Float64Array;

  constructor(
    private readonly path: LevelPath,
    private readonly gain: number,
    tau: TimeConstants,
  ) {
    if (tau.rising !== tau.falling && path.slopes.some((slope) => slope !== 0)) {
      throw new Error('a ramping level needs the same time constant rising and falling');
    }
    this.initial = gain * path.initial;
    const count = path.times.length;
    this.states = new Float64Array(count);
    this.taus = new Float64Array(count);
    let state = this.initial;
    for (let k = 0; k < count; k++) {
      if (k > 0) state = this.follow(k - 1, state, path.times[k]! - path.times[k - 1]!);
      this.states[k] = state;
      this.taus[k] = gain * path.levels[k]! > state ? tau.rising : tau.falling;
    }
  }

  /** The quantity at `timeMs`. */
  at(timeMs: number): number {
    const k = this.path.corner(timeMs);
    return k < 0 ? this.initial : this.follow(k, this.states[k]!, timeMs - this.path.times[k]!);
  }

  /** The quantity `elapsedMs` after corner `k`, where it was `start`: u = a + r t gives x = u - r tau + (start - a + r tau) e^(-t/tau). */
  private follow(k: number, start: number, elapsedMs: number): number {
    if (elapsedMs === 0) return start;
    const input = this.gain * this.path.levels[k]!;
    const rate = this.gain * this.path.slopes[k]!;
    const tau = this.taus[k]!;
    const decay = Math.exp(-elapsedMs / tau);
    if (rate === 0) return input + (start - input) * decay;
    return input + rate * (elapsedMs - tau) + (start - input + rate * tau) * decay;
  }
}
