import { DEFAULT_REAL_TIME_WINDOW_S } from '../../core/sensor-tool-limits.js';

/**
 * How long a call asks the board to sample, in world time, ms: its `duration`, or the default window of a
 * real-time call; 0 for one sample. A series or a window takes this long in the simulated world whatever the
 * boards' speed-up, so it is what a trial's clock moves on by, and (divided by the speed-up) what a call's
 * timeout allows on top of its own allowance.
 */
export function worldTimeOf(args: Readonly<Record<string, unknown>>): number {
  const duration = typeof args['duration'] === 'number' && Number.isFinite(args['duration']) && args['duration'] > 0 ? args['duration'] : 0;
  if (args['real_time'] === true && duration === 0) return DEFAULT_REAL_TIME_WINDOW_S * 1000;
  return duration * 1000;
}
