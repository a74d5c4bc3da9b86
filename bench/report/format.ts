import type { Rate } from '../results/summary-types.js';

/** How figures read in the report and the leaderboard: ms and % with one decimal, memory in KB. */

export const MISSING = '–';

export function ms(value: number | null | undefined): string {
  return value === null || value === undefined ? MISSING : `${value.toFixed(1)} ms`;
}

export function percent(fraction: number | null | undefined): string {
  return fraction === null || fraction === undefined ? MISSING : `${(fraction * 100).toFixed(1)}%`;
}

export function ci(interval: [number, number] | null | undefined): string {
  return interval ? `${(interval[0] * 100).toFixed(1)}–${(interval[1] * 100).toFixed(1)}%` : MISSING;
}

/** "97.4% (95% CI 94.0–98.9%)" */
export function rateWithCi(rate: Rate): string {
  return rate.rate === null ? MISSING : `${percent(rate.rate)} (95% CI ${ci(rate.ci95)})`;
}

/** Kibibytes, as MicroPython and the paper count them. */
export function kb(bytes: number | null | undefined): string {
  return bytes === null || bytes === undefined ? MISSING : `${(bytes / 1024).toFixed(1)} KB`;
}

export function mb(bytes: number | null | undefined): string {
  return bytes === null || bytes === undefined ? MISSING : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function gb(bytes: number | null | undefined): string {
  return bytes === null || bytes === undefined ? MISSING : `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

export function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** Cents for big sums, four decimals for the fractions of a cent small runs cost. */
export function usd(value: number | null | undefined): string {
  if (value === null || value === undefined) return MISSING;
  return value >= 1 ? `$${value.toFixed(2)}` : `$${value.toFixed(4)}`;
}

/**
 * Milliseconds with the precision the figure needs: sub-millisecond tool calls keep two decimals
 * ("0.41 ms"), tens one ("20.3 ms"), hundreds none ("205 ms").
 */
export function msPrecise(value: number | null | undefined): string {
  if (value === null || value === undefined) return MISSING;
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ms`;
}

/** A span that may be milliseconds or minutes: "812 ms", "4.3 s". */
export function duration(milliseconds: number | null | undefined): string {
  if (milliseconds === null || milliseconds === undefined) return MISSING;
  return Math.abs(milliseconds) < 1000 ? msPrecise(milliseconds) : `${(milliseconds / 1000).toFixed(1)} s`;
}

/** A rate, whole units with thousands separators: "14,210/s"; a unit such as " commands/s" may replace "/s". */
export function perSecond(value: number | null | undefined, unit = '/s'): string {
  return value === null || value === undefined ? MISSING : `${count(Math.round(value))}${unit}`;
}
