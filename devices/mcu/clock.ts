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
    const handle = setTimeout(fn, Math.max(0, delayMs));
    return { cancel: () => clearTimeout(handle) };
  },
};
