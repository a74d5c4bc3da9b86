/**
 * When each actuator instance last moved, so a move that comes sooner than its interval allows is refused.
 * Only the latest allowed move of each instance is kept: a decision looks up one time, whatever the history.
 */
export class RateLimit {
  readonly #lastMoveAt = new Map<string, number>();

  /** How long the instance must still wait before it may move again, ms; 0 when it may move now. */
  waitMs(key: string, intervalMs: number, now: number): number {
    const last = this.#lastMoveAt.get(key);
    if (last === undefined) return 0;
    return Math.max(0, last + intervalMs - now);
  }

  recordMove(key: string, now: number): void {
    this.#lastMoveAt.set(key, now);
  }
}
