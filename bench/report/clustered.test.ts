import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SeededRandom } from '../../devices/network/random.js';
import { clusterBootstrap, clusteredMean, clusteredRate } from './clustered.js';
import { wilson } from './statistics.js';

const width = (ci: [number, number] | null) => (ci === null ? 0 : ci[1] - ci[0]);

/** `clusters` clusters of `size` trials; each cluster succeeds wholly or not at all when `together`. */
function trials(clusters: number, size: number, rate: number, together: boolean, seed = 'trials') {
  const random = new SeededRandom(seed);
  const out: { cluster: string; success: boolean }[] = [];
  for (let c = 0; c < clusters; c++) {
    const shared = random.next() < rate;
    for (let i = 0; i < size; i++) out.push({ cluster: `c${c}`, success: together ? shared : random.next() < rate });
  }
  return out;
}

test('trials that succeed and fail together get an interval as wide as their clusters allow, not as their count', () => {
  const correlated = clusteredRate(trials(100, 10, 0.6, true));
  const binomial = wilson(correlated.successes, correlated.n)!;
  assert.equal(correlated.clusters, 100);
  assert.ok(correlated.designEffect! > 8, `design effect ${correlated.designEffect}`);
  // 1,000 trials that are really 100 observations: about sqrt(10) times the binomial width.
  assert.ok(width(correlated.ci95) > 2.8 * width(binomial), `${width(correlated.ci95)} vs ${width(binomial)}`);
  // ... and about the width of 100 independent trials at the same rate.
  const hundred = wilson(Math.round(correlated.rate! * 100), 100)!;
  assert.ok(Math.abs(width(correlated.ci95) - width(hundred)) < 0.03, `${width(correlated.ci95)} vs ${width(hundred)}`);
});

test('independent trials keep about the binomial width', () => {
  const independent = clusteredRate(trials(500, 2, 0.6, false));
  const binomial = wilson(independent.successes, independent.n)!;
  assert.ok(independent.designEffect! < 1.3, `design effect ${independent.designEffect}`);
  assert.ok(width(independent.ci95) >= width(binomial) - 1e-12);
  assert.ok(width(independent.ci95) < 1.25 * width(binomial), `${width(independent.ci95)} vs ${width(binomial)}`);
});

test('the same records give the same interval every time, in whatever order they were written', () => {
  const data = trials(60, 3, 0.4, true, 'again');
  assert.deepEqual(clusteredRate(data), clusteredRate([...data]));
  // Records come in the order trials finished, which differs from run to run: the interval does not.
  assert.deepEqual(clusteredRate([...data].reverse()), clusteredRate(data));
  assert.deepEqual(
    clusteredMean(data.map((t) => ({ cluster: t.cluster, value: t.success ? 1 : 0 }))),
    clusteredMean(data.map((t) => ({ cluster: t.cluster, value: t.success ? 1 : 0 }))),
  );
});

test('all successes, or one cluster, still leave an interval as wide as the evidence', () => {
  const perfect = clusteredRate(Array.from({ length: 30 }, (_, i) => ({ cluster: `c${i % 3}`, success: true })));
  assert.equal(perfect.rate, 1);
  assert.equal(perfect.ci95![1], 1);
  // Three clusters that all succeeded say about as much as three successes, not thirty.
  assert.ok(perfect.ci95![0] < wilson(3, 3)![0] + 0.01, `lower bound ${perfect.ci95![0]}`);
  const one = clusteredRate([
    { cluster: 'only', success: true },
    { cluster: 'only', success: false },
  ]);
  assert.ok(width(one.ci95) > 0.5, `one cluster: ${JSON.stringify(one.ci95)}`);
});

test('the headline interval of a run with three trials per task is at least as wide as a bootstrap over tasks', () => {
  // 30 basic tasks with 10 variants each, 3 trials per task; variants of a basic task share most of their fate.
  const random = new SeededRandom('families');
  const records: { cluster: string; task: string; success: boolean }[] = [];
  for (let family = 0; family < 30; family++) {
    const easy = random.next() < 0.6;
    for (let variant = 0; variant < 10; variant++) {
      const solvable = random.next() < (easy ? 0.9 : 0.25);
      for (let trial = 0; trial < 3; trial++)
        records.push({ cluster: `f${family}`, task: `f${family}.v${variant}`, success: solvable && random.next() < 0.95 });
    }
  }
  const headline = clusteredRate(records);
  const tasks = [...new Set(records.map((r) => r.task))];
  const sums = Float64Array.from(tasks.map((task) => records.filter((r) => r.task === task && r.success).length));
  const counts = Float64Array.from(tasks.map(() => 3));
  const overTasks = clusterBootstrap(sums, counts, 4000, 'over tasks')!;
  assert.ok(width(headline.ci95) >= width(overTasks), `headline ${JSON.stringify(headline.ci95)} vs tasks ${JSON.stringify(overTasks)}`);
});
