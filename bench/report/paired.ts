import { BOOTSTRAP_REPLICATES, BOOTSTRAP_SEED, clusterBootstrap, groupByCluster } from './clustered.js';

/**
 * Whether two runs over the same tasks can be told apart. Each trial both runs scored is a pair; pairs are
 * grouped in the clusters of clustered.ts (a basic task and its variants). The difference in success rate gets
 * a paired cluster bootstrap interval (the clusters resampled together for both runs), and the discordant pairs
 * the exact McNemar test. The runs are told apart when the 95% interval leaves out 0 and McNemar's p is below
 * 0.05: the bootstrap alone is optimistic with few clusters, McNemar alone takes the pairs as independent, which
 * variants of one task are not.
 */

export interface Pair {
  cluster: string;
  /** Whether each run succeeded on this trial. */
  a: boolean;
  b: boolean;
}

export interface PairedComparison {
  /** Trials both runs scored. */
  pairs: number;
  clusters: number;
  /** Pairs where only A succeeded, and only B. */
  onlyA: number;
  onlyB: number;
  /** Success rate of A minus B over the pairs, with its paired cluster bootstrap 95% interval. */
  difference: number | null;
  ci95: [number, number] | null;
  /** Exact two-sided McNemar p-value. */
  mcnemarP: number | null;
  /** The interval leaves out 0. */
  toldApart: boolean;
}

export function comparePaired(pairs: readonly Pair[]): PairedComparison {
  const differences = pairs.map((pair) => ({ cluster: pair.cluster, value: (pair.a ? 1 : 0) - (pair.b ? 1 : 0) }));
  const onlyA = differences.filter((d) => d.value > 0).length;
  const onlyB = differences.filter((d) => d.value < 0).length;
  const n = pairs.length;
  if (n === 0) return { pairs: 0, clusters: 0, onlyA, onlyB, difference: null, ci95: null, mcnemarP: null, toldApart: false };
  const difference = (onlyA - onlyB) / n;
  // The mean of the per-pair differences, clusters resampled together: the same bootstrap as a rate's.
  const { sums, counts } = groupByCluster(differences);
  const ci95 = clusterBootstrap(sums, counts, BOOTSTRAP_REPLICATES, `${BOOTSTRAP_SEED}/paired`)!;
  const mcnemarP = mcnemarExact(onlyA, onlyB);
  // Told apart only when both say so: the bootstrap is optimistic with few clusters (one is one observation,
  // and no interval comes of it), McNemar with pairs that move together.
  const toldApart = sums.length > 1 && (ci95[0] > 0 || ci95[1] < 0) && mcnemarP < 0.05;
  return { pairs: n, clusters: sums.length, onlyA, onlyB, difference, ci95, mcnemarP, toldApart };
}

/**
 * Exact two-sided McNemar test: under no difference, the b + c discordant pairs split as a fair coin, so
 * p = min(1, 2 P(X <= min(b, c))) with X ~ Binomial(b + c, 1/2). 1 when there is no discordant pair.
 */
export function mcnemarExact(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  const low = Math.min(b, c);
  // Sum the binomial terms in log space: C(n, i) / 2^n overflows for large n otherwise.
  let logTerm = -n * Math.LN2; // i = 0
  let tail = Math.exp(logTerm);
  for (let i = 1; i <= low; i++) {
    logTerm += Math.log(n - i + 1) - Math.log(i);
    tail += Math.exp(logTerm);
  }
  return Math.min(1, 2 * tail);
}
