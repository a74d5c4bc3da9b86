/**
 * When each actuator instance last moved, so a move that comes sooner than its interval allows is refused.
 * Only the latest allowed move of each instance is kept: a decision looks up one time, whatever the history.
 *
 * Times are whatever clock the scope runs on (a trial's world time, or the wall clock for `live`); they are
 * expected to go forward. One that goes back (a host that sends an earlier world time than a move it already
 * made, a wall clock set back) is judged as no time having passed since the last move: the wait is never
 * negative and never longer than the interval, and the last move is never forgotten for an earlier one.
 */

/** Why an instance may not move yet. */
export interface RateHold {
  /** When it last moved, on the scope's clock. */
  lastMoveAt: number;
  /** How long since the last move, ms: 0 when the time judged at is not after it. */
  sinceMs: number;
  /** How long it must still wait, ms: more than 0, at most the interval. */
  waitMs: number;
  /** The first time at which it may move: the last move plus the interval. */
  retryAt: number;
}

export class RateLimit {
  readonly #lastMoveAt = new Map<string, number>();

  /** Why the instance may not move at `now`, or undefined when it may. */
  hold(key: string, intervalMs: number, now: number): RateHold | undefined {
    const last = this.#lastMoveAt.get(key);
    if (last === undefined) return undefined;
    const sinceMs = Math.max(0, now - last);
    if (sinceMs >= intervalMs) return undefined;
    return { lastMoveAt: last, sinceMs, waitMs: intervalMs - sinceMs, retryAt: last + intervalMs };
  }

  recordMove(key: string, now: number): void {
    const last = this.#lastMoveAt.get(key);
    this.#lastMoveAt.set(key, last === undefined ? now : Math.max(last, now));
  }
}
