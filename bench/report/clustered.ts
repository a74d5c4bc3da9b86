import { SeededRandom } from '../../devices/network/random.js';
import { tQuantile975, wilson } from './statistics.js';

/**
 * Intervals for success rates whose trials are not independent. The trials of one task, and the variants of
 * one basic task (they share its calls, facts and world), succeed and fail together, so a binomial interval
 * over trials is too narrow. Every interval here treats a cluster (a basic task and all its variants, with all
 * their trials) as the unit sampled:
 *
 * - a seeded cluster bootstrap: resample clusters with replacement, B = 2,000 times, and take the 2.5% and
 *   97.5% quantiles of the rate (percentile interval; Efron & Tibshirani 1993, ch. 13; Field & Welsh 2007
 *   for resampling clusters);
 * - a Wilson interval at the effective sample size n / deff, where deff is the design effect: the
 *   cluster-robust variance of the rate (Liang & Zeger 1986) over the binomial one, at least 1 (Kish 1965;
 *   the effective-sample-size Wilson interval of Korn & Graubard 1998 for clustered survey data).
 *
 * The reported interval is the hull of the two: the bootstrap follows the data's shape, the Wilson interval
 * keeps width where the bootstrap collapses (every trial succeeded, or one cluster). The seed is fixed, so
 * the same records give the same interval on every machine.
 */

export const BOOTSTRAP_REPLICATES = 2000;
export const BOOTSTRAP_SEED = 'iotmcp-bench/cluster-bootstrap';

export interface ClusteredRate {
  n: number;
  successes: number;
  rate: number | null;
  ci95: [number, number] | null;
  /** Clusters (basic tasks with their variants) the trials fall in. */
  clusters: number;
  /** Cluster-robust variance over binomial variance, at least 1; null when it cannot be told (no trials). */
  designEffect: number | null;
}

/** One observation: the cluster it belongs to and its value (1/0 for a trial's success, or a per-task score). */
export interface Observation {
  cluster: string;
  value: number;
}

/**
 * Sums and counts per cluster, in the clusters' name order: the records of a run arrive in the order trials
 * finished, which varies between runs, and the seeded resampling must see the same clusters in the same order.
 */
export function groupByCluster(observations: readonly Observation[]): { sums: Float64Array; counts: Float64Array } {
  const totals = new Map<string, { sum: number; count: number }>();
  for (const { cluster, value } of observations) {
    const total = totals.get(cluster) ?? { sum: 0, count: 0 };
    total.sum += value;
    total.count += 1;
    totals.set(cluster, total);
  }
  const names = [...totals.keys()].sort();
  return { sums: Float64Array.from(names, (name) => totals.get(name)!.sum), counts: Float64Array.from(names, (name) => totals.get(name)!.count) };
}

/** The 2.5% and 97.5% quantiles of the mean over clusters resampled with replacement. */
export function clusterBootstrap(sums: Float64Array, counts: Float64Array, replicates = BOOTSTRAP_REPLICATES, seed = BOOTSTRAP_SEED): [number, number] | null {
  const k = sums.length;
  if (k === 0) return null;
  const random = new SeededRandom(seed);
  const means = new Float64Array(replicates);
  for (let r = 0; r < replicates; r++) {
    let sum = 0;
    let count = 0;
    for (let j = 0; j < k; j++) {
      const pick = Math.floor(random.next() * k);
      sum += sums[pick]!;
      count += counts[pick]!;
    }
    means[r] = sum / count;
  }
  means.sort();
  const at = (q: number) => means[Math.min(replicates - 1, Math.max(0, Math.round(q * (replicates - 1))))]!;
  return [at(0.025), at(0.975)];
}

/** Cluster-robust (sandwich) variance of a ratio mean, with the small-sample factor k / (k - 1). */
function robustVariance(sums: Float64Array, counts: Float64Array, mean: number): number | null {
  const k = sums.length;
  if (k < 2) return null;
  let n = 0;
  let squares = 0;
  for (let j = 0; j < k; j++) {
    n += counts[j]!;
    squares += (sums[j]! - mean * counts[j]!) ** 2;
  }
  return ((k / (k - 1)) * squares) / (n * n);
}

/** A success rate over trials grouped in clusters, with its clustered 95% interval. */
export function clusteredRate(trials: readonly { cluster: string; success: boolean }[]): ClusteredRate {
  const n = trials.length;
  const successes = trials.reduce((sum, trial) => sum + (trial.success ? 1 : 0), 0);
  if (n === 0) return { n, successes, rate: null, ci95: null, clusters: 0, designEffect: null };
  const { sums, counts } = groupByCluster(trials.map((trial) => ({ cluster: trial.cluster, value: trial.success ? 1 : 0 })));
  const p = successes / n;
  const variance = robustVariance(sums, counts, p);
  const binomial = (p * (1 - p)) / n;
  // With every trial alike (p = 0 or 1) the data say nothing about the correlation; assume the worst the
  // clusters allow (each one a single observation) rather than none.
  const designEffect = variance === null || binomial === 0 ? n / sums.length : Math.max(1, variance / binomial);
  const effective = n / designEffect;
  const byWilson = wilsonAt(p, effective);
  const byBootstrap = clusterBootstrap(sums, counts);
  return { n, successes, rate: p, ci95: hull(byWilson, byBootstrap), clusters: sums.length, designEffect };
}

/** Wilson's interval for a proportion p observed over an effective (possibly fractional) sample size. */
function wilsonAt(p: number, effectiveN: number): [number, number] | null {
  return wilson(p * effectiveN, effectiveN);
}

/**
 * A mean of per-task scores in [0, 1] (pass@k, pass^k) with the clustered interval: the hull of the cluster
 * bootstrap and Student's t over clusters' means.
 */
export function clusteredMean(observations: readonly Observation[]): { value: number; ci95: [number, number] } | null {
  if (observations.length === 0) return null;
  const { sums, counts } = groupByCluster(observations);
  let total = 0;
  for (const { value } of observations) total += value;
  const mean = total / observations.length;
  const variance = robustVariance(sums, counts, mean);
  // Student's t over the clusters (k - 1 degrees of freedom); one cluster says nothing about the spread.
  const half = variance === null ? null : tQuantile975(sums.length - 1) * Math.sqrt(variance);
  const normal: [number, number] = half === null ? [0, 1] : [Math.max(0, mean - half), Math.min(1, mean + half)];
  return { value: mean, ci95: hull(normal, clusterBootstrap(sums, counts)) ?? normal };
}

function hull(a: [number, number] | null, b: [number, number] | null): [number, number] | null {
  if (a === null) return b;
  if (b === null) return a;
  return [Math.min(a[0], b[0]), Math.max(a[1], b[1])];
}
