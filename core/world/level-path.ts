import type { ActuatorSpec } from '../actuators/types.js';

/** One command to an actuator: from `timeMs` on, it heads for `value`. */
export interface LevelCommand {
  readonly timeMs: number;
  readonly value: number;
}

/**
 * An actuator's level over world time, as a history of commands puts it: each command moves it at once, or,
 * for a slew-limited actuator (a servo), ramps it toward the command at its fastest rate until it gets there
 * or the next command turns it. The path is piecewise linear, so it is kept as its corners (each command, and
 * the end of each ramp) and read at any time with one binary search, however long the history.
 */
export class LevelPath {
  /** Corner times, ascending; corners may share a time, and then the later one holds from that time on. */
  readonly times: Float64Array;
  /** The level at each corner. */
  readonly levels: Float64Array;
  /** How fast the level moves from each corner until the next, per ms (0 while it holds still). */
  readonly slopes: Float64Array;

  /**
   * `commands` in time order (commands at one time take effect in their order); `initial` holds before the
   * first; `slewPerMs` is the fastest the level moves (absent: it follows each command at once).
   */
  constructor(
    commands: readonly LevelCommand[],
    readonly initial: number,
    slewPerMs?: number,
  ) {
    const times: number[] = [];
    const levels: number[] = [];
    const slopes: number[] = [];
    const corner = (time: number, level: number, slope: number): void => {
      times.push(time);
      levels.push(level);
      slopes.push(slope);
    };
    let from = Number.NEGATIVE_INFINITY;
    let level = initial;
    let slope = 0;
    let target = initial;
    for (const { timeMs, value } of commands) {
      if (slope !== 0) {
        const arrival = from + (target - level) / slope;
        if (arrival <= timeMs) {
          corner(arrival, target, 0);
          from = arrival;
          level = target;
          slope = 0;
        }
      }
      const now = slope === 0 ? level : level + slope * (timeMs - from);
      from = timeMs;
      target = value;
      if (slewPerMs === undefined || now === value) {
        level = value;
        slope = 0;
      } else {
        level = now;
        slope = value > now ? slewPerMs : -slewPerMs;
      }
      corner(from, level, slope);
    }
    if (slope !== 0) corner(from + (target - level) / slope, target, 0);
    this.times = Float64Array.from(times);
    this.levels = Float64Array.from(levels);
    this.slopes = Float64Array.from(slopes);
  }

  /** Index of the last corner at or before `timeMs`; -1 before the first (the initial level holds). */
  corner(timeMs: number): number {
    let low = 0;
    let high = this.times.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.times[mid]! <= timeMs) low = mid + 1;
      else high = mid;
    }
    return low - 1;
  }

  /** The level at `timeMs`. */
  at(timeMs: number): number {
    const k = this.corner(timeMs);
    if (k < 0) return this.initial;
    const slope = this.slopes[k]!;
    return slope === 0 ? this.levels[k]! : this.levels[k]! + slope * (timeMs - this.times[k]!);
  }
}

/**
 * An actuator's level over time under `commands` (in time order), moving at its datasheet's slew rate: the one
 * reading of a history that the world and the firmware share. `initial` holds before the first command.
 */
export function actuatorLevelPath(spec: ActuatorSpec, commands: readonly LevelCommand[], initial = spec.powerOn): LevelPath {
  const slewPerMs = spec.level.slewPerS === undefined ? undefined : spec.level.slewPerS / 1000;
  return new LevelPath(commands, initial, slewPerMs);
}
