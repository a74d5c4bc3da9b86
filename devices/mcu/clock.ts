/**
 * Time as the firmware sees it: a monotonic millisecond counter and one-shot timers. Injected so that
 * tests can drive the firmware with a clock they advance by hand.
 */
export interface Timer {
  cancel(): void;
}

export interface FirmwareClock {
  /** Monotonic time, ms (any origin). */
  now(): number;
  /** Calls `fn` once after `delayMs` (0 = as soon as possible, never synchronously). */
  setTimer(fn: () => void, delayMs: number): Timer;
}

/** The process's own clock and timers. */
export const realClock: FirmwareClock = {
  now: () => performance.now(),
  setTimer(fn, delayMs) {
    // setTimeout clamps 0 to 1 ms: a due-now sample (every single read) would wait a millisecond for nothing.
    if (delayMs <= 0) {
      const handle = setImmediate(fn);
      return { cancel: () => clearImmediate(handle) };
    }
    const handle = setTimeout(fn, delayMs);
    return { cancel: () => clearTimeout(handle) };
  },
};
