import type { RunManifest } from '../results/manifest.js';
import type { RunSummary } from '../results/summary-types.js';
import type { TrialRecord } from '../results/trial-record.js';
import { lastRecordPerKey } from '../results/trial-record.js';
import { comparePaired, type PairedComparison } from './paired.js';
import { clusterOf, summarizeRun } from './summarize.js';

/**
 * `compare RUN...`: runs ranked by success on one task set. Runs over different task sets (dataset hashes)
 * are not ranked together unless asked to compare their common tasks, and then every figure is recomputed on
 * those tasks alone. Each pair of runs next to each other in the ranking gets a paired test on the trials both
 * scored, which says whether the two can be told apart at all.
 */

export interface LoadedRun {
  dir: string;
  manifest: RunManifest;
  trials: readonly TrialRecord[];
}

export interface ComparedRun {
  dir: string;
  summary: RunSummary;
  datasetHash: string;
}

export interface AdjacentPair {
  better: string;
  worse: string;
  test: PairedComparison;
}

export interface Comparison {
  /** All runs share one task set, or only their common tasks were compared. */
  scope: { kind: 'same-tasks' | 'common-tasks'; tasks: number; note: string };
  /** Best first. */
  ranked: ComparedRun[];
  /** Rank i against rank i + 1. */
  adjacent: AdjacentPair[];
}

export class CompareError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CompareError';
  }
}

export function compareRuns(runs: readonly LoadedRun[], options: { common: boolean }): Comparison {
  if (runs.length === 0) throw new CompareError('no runs to compare');
  const hashes = new Set(runs.map((run) => run.manifest.dataset.hash));
  let scoped = runs.map((run) => ({ ...run, trials: lastRecordPerKey(run.trials) }));
  let scope: Comparison['scope'];
  if (hashes.size === 1) {
    scope = {
      kind: 'same-tasks',
      tasks: runs[0]!.manifest.dataset.taskIds.length,
      note: `all runs are over the same ${runs[0]!.manifest.dataset.taskIds.length} tasks`,
    };
  } else if (!options.common) {
    const groups = [...hashes].map(
      (hash) =>
        `${hash.replace(/^sha256:/, '').slice(0, 12)}: ${runs
          .filter((run) => run.manifest.dataset.hash === hash)
          .map((run) => `${run.dir} (${run.manifest.dataset.taskIds.length} tasks)`)
          .join(', ')}`,
    );
    throw new CompareError(
      `these runs are over different task sets, so their rates are not comparable:\n  ${groups.join('\n  ')}\ncompare runs over one task set, or add --common to compare them on the tasks they share`,
    );
  } else {
    const taskSets = runs.map((run) => new Set(run.manifest.dataset.taskIds));
    const shared = new Set(runs[0]!.manifest.dataset.taskIds.filter((id) => taskSets.every((set) => set.has(id))));
    if (shared.size === 0) throw new CompareError('these runs share no task: there is nothing to compare them on');
    scoped = scoped.map((run) => ({
      ...run,
      manifest: { ...run.manifest, dataset: { ...run.manifest.dataset, taskIds: run.manifest.dataset.taskIds.filter((id) => shared.has(id)) } },
      trials: run.trials.filter((trial) => shared.has(trial.taskId)),
    }));
    const sizes = runs.map((run) => run.manifest.dataset.taskIds.length).join(', ');
    scope = {
      kind: 'common-tasks',
      tasks: shared.size,
      note: `compared on the ${shared.size} tasks all runs share (of ${sizes}); every figure is recomputed on those tasks`,
    };
  }
  const compared = scoped.map((run) => ({ run, summary: summarizeRun(run.manifest, run.trials) }));
  compared.sort((a, b) => (b.summary.success.rate ?? -1) - (a.summary.success.rate ?? -1) || a.summary.runId.localeCompare(b.summary.runId));
  const adjacent: AdjacentPair[] = [];
  for (let i = 0; i + 1 < compared.length; i++) {
    const [better, worse] = [compared[i]!, compared[i + 1]!];
    adjacent.push({ better: better.summary.runId, worse: worse.summary.runId, test: comparePaired(pairsOf(better.run.trials, worse.run.trials)) });
  }
  return { scope, ranked: compared.map(({ run, summary }) => ({ dir: run.dir, summary, datasetHash: run.manifest.dataset.hash })), adjacent };
}

/** The trials both runs scored (same task, same trial index), in the clusters the intervals use. */
function pairsOf(a: readonly TrialRecord[], b: readonly TrialRecord[]) {
  const other = new Map(b.filter((trial) => trial.outcome !== 'error').map((trial) => [trial.key, trial]));
  return a.flatMap((trial) => {
    const match = other.get(trial.key);
    if (trial.outcome === 'error' || match === undefined) return [];
    return [{ cluster: clusterOf(trial), a: trial.outcome === 'success', b: match.outcome === 'success' }];
  });
}
