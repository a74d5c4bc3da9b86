import type { Distribution } from '../results/summary-types.js';

/**
 * The few statistics a run report needs, written out so a reader can check them: Wilson intervals for
 * success rates, percentiles of durations, and the pass@k / pass^k estimators of repeated trials.
 */

/** The standard normal quantile for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/**
 * 95% Wilson score interval of a binomial proportion. Unlike the normal ("Wald") interval it stays inside
 * [0, 1] and does not collapse to a point at 0/n or n/n, which is exactly where benchmark rates sit.
 * Null when there is nothing to estimate (n = 0).
 */
export function wilson(successes: number, n: number): [number, number] | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = Z95 * Z95;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // At 0/n and n/n the bound is exactly 0 or 1; rounding would otherwise leave 0.9999999999999999.
  const low = successes === 0 ? 0 : clamp01(centre - half);
  const high = successes === n ? 1 : clamp01(centre + half);
  return [low, high];
}

/**
 * Exact 95% interval of a Poisson count's mean per unit of exposure (events per trial; Garwood 1936): the means
 * under which seeing at least, and at most, `events` has a 2.5% chance, found by bisection on the Poisson
 * distribution function. At zero events it runs from 0 to -ln(0.025) / exposure. Null with no exposure.
 */
export function poissonInterval(events: number, exposure: number): [number, number] | null {
  if (exposure <= 0 || !Number.isFinite(exposure) || events < 0 || !Number.isInteger(events)) return null;
  const tail = (1 - 0.95) / 2;
  // P(X <= k) falls as the mean grows: the upper limit is where it reaches 2.5%, the lower where P(X <= k - 1) reaches 97.5%.
  const upper = bisect((mean) => poissonCdf(events, mean) > tail, events);
  const lower = events === 0 ? 0 : bisect((mean) => poissonCdf(events - 1, mean) > 1 - tail, events);
  return [lower / exposure, upper / exposure];
}

/** P(X <= k) for a Poisson mean, summed in log space so large means do not underflow. */
function poissonCdf(k: number, mean: number): number {
  if (mean === 0) return 1;
  const logTerms: number[] = [];
  let logTerm = -mean;
  logTerms.push(logTerm);
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log(mean) - Math.log(i);
    logTerms.push(logTerm);
  }
  const top = Math.max(...logTerms);
  let sum = 0;
  for (const term of logTerms) sum += Math.exp(term - top);
  return Math.min(1, Math.exp(top) * sum);
}

/** The mean where `below` stops holding, between 0 and well past `events`, to a part in a billion. */
function bisect(below: (mean: number) => boolean, events: number): number {
  let low = 0;
  let high = events + 20 * Math.sqrt(events + 1) + 20;
  for (let step = 0; step < 200 && high - low > 1e-9 * Math.max(1, high); step++) {
    const mid = (low + high) / 2;
    if (below(mid)) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/**
 * Mean, extremes and p50/p95/p99 of a set of values. Percentiles interpolate linearly between the two
 * nearest ranks of the sorted values (rank = q * (n - 1), Hyndman & Fan type 7, what numpy and R default to).
 */
export function distribution(values: readonly number[]): Distribution {
  const n = values.length;
  if (n === 0) return { n: 0, mean: null, p50: null, p95: null, p99: null, min: null, max: null };
  // A Float64Array sorts numerically and leaves the caller's array alone.
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    n,
    mean: sum / n,
    p50: percentileOfSorted(sorted, 0.5),
    p95: percentileOfSorted(sorted, 0.95),
    p99: percentileOfSorted(sorted, 0.99),
    min: sorted[0]!,
    max: sorted[n - 1]!,
  };
}

/** The q-quantile (0..1) of values sorted ascending, by linear interpolation; NaN when empty. */
export function percentileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const rank = Math.min(Math.max(q, 0), 1) * (n - 1);
  const below = Math.floor(rank);
  const above = Math.min(below + 1, n - 1);
  const low = sorted[below]!;
  const high = sorted[above]!;
  return low + (high - low) * (rank - below);
}

/**
 * Unbiased estimator of pass@k from n trials of which c succeeded (Chen et al. 2021): the chance that at
 * least one of k trials drawn without replacement succeeds, 1 - C(n-c, k) / C(n, k). Computed as the product
 * 1 - prod_{i=n-c+1..n} (1 - k/i), which never forms the huge binomials.
 */
export function passAtK(n: number, c: number, k: number): number {
  checkCounts(n, c, k);
  if (n - c < k) return 1;
  let allFail = 1;
  for (let i = n - c + 1; i <= n; i++) allFail *= 1 - k / i;
  return 1 - allFail;
}

/**
 * pass^k (Yao et al. 2024, tau-bench): the chance that k trials drawn without replacement ALL succeed,
 * C(c, k) / C(n, k) = prod_{i=0..k-1} (c - i) / (n - i).
 */
export function passHatK(n: number, c: number, k: number): number {
  checkCounts(n, c, k);
  if (c < k) return 0;
  let all = 1;
  for (let i = 0; i < k; i++) all *= (c - i) / (n - i);
  return all;
}

function checkCounts(n: number, c: number, k: number): void {
  const whole = Number.isInteger(n) && Number.isInteger(c) && Number.isInteger(k);
  if (!whole || c < 0 || c > n || k < 1 || k > n) {
    throw new RangeError(`need whole numbers with 0 <= c <= n and 1 <= k <= n, got n=${n}, c=${c}, k=${k}`);
  }
}

/**
 * Mean of per-task scores in [0, 1] with a 95% confidence interval from Student's t distribution with
 * n - 1 degrees of freedom (the tasks are the sample), clamped to [0, 1]. One task says nothing about the
 * spread, so its interval is all of [0, 1]. Null when there are no values.
 */
export function meanWithCi(values: readonly number[]): { value: number; ci95: [number, number] } | null {
  const n = values.length;
  if (n === 0) return null;
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / n;
  if (n === 1) return { value: mean, ci95: [0, 1] };
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  const standardError = Math.sqrt(squares / (n - 1) / n);
  const half = tQuantile975(n - 1) * standardError;
  return { value: mean, ci95: [clamp01(mean - half), clamp01(mean + half)] };
}

/** Two-sided 95% critical values of Student's t for 1..30 degrees of freedom (standard tables). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069,
  2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/**
 * The 0.975 quantile of Student's t. Past 30 degrees of freedom the Cornish-Fisher expansion around the
 * normal quantile is accurate to better than 1e-4, which is far below what a CI's width needs.
 */
export function tQuantile975(degreesOfFreedom: number): number {
  const df = Math.floor(degreesOfFreedom);
  if (df < 1) return Number.POSITIVE_INFINITY;
  const tabled = T975[df - 1];
  if (tabled !== undefined) return tabled;
  const z = Z95;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3);
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
