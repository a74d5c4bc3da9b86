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
  /** Calls `fn` once after `delayMs`, never earlier (0 = as soon as possible, never synchronously). */
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
    // setTimeout counts whole ms of the event loop's cached time, so it can fire a fraction of a ms early;
    // a board's sleep never returns early (a conversion is never cut short), so wait out the rest.
    const due = performance.now() + delayMs;
    let handle: NodeJS.Timeout;
    const fire = (): void => {
      const left = due - performance.now();
      if (left > 0) handle = setTimeout(fire, left);
      else fn();
    };
    handle = setTimeout(fire, delayMs);
    return { cancel: () => clearTimeout(handle) };
  },
};
