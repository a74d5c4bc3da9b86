/**
 * Wall-clock time in ms since the epoch with sub-millisecond precision. `Date.now()` is whole ms, too coarse
 * for hops that are tens of microseconds apart; the monotonic clock anchored at `timeOrigin` is not.
 */
export function now(): number {
  return performance.timeOrigin + performance.now();
}
