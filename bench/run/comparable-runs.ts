import { access } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadedRun } from '../report/compare.js';
import { MANIFEST_FILE, readManifest, readTrials, TRIALS_FILE } from '../results/run-directory.js';

/**
 * The run directories among the folders given to `compare` (`compare results/*` meets perf and soak output,
 * empty folders and leaderboards too): each folder that is not a run is skipped with the reason, so a glob
 * over a results folder works. A folder that is a run but cannot be read is an error: it would be left out
 * of the ranking silently otherwise.
 */
export async function loadComparableRuns(dirs: readonly string[]): Promise<{ runs: LoadedRun[]; skipped: string[] }> {
  const runs: LoadedRun[] = [];
  const skipped: string[] = [];
  for (const dir of dirs) {
    const has = async (file: string) =>
      access(join(dir, file)).then(
        () => true,
        () => false,
      );
    if (!(await has(MANIFEST_FILE))) {
      skipped.push(
        `${dir}: not a run directory (no ${MANIFEST_FILE}${(await has('perf.json')) ? '; it is perf output' : (await has('soak.json')) ? '; it is soak output' : ''})`,
      );
      continue;
    }
    const manifest = await readManifest(dir);
    if (manifest.dataset === undefined || manifest.provider === undefined) {
      skipped.push(`${dir}: its ${MANIFEST_FILE} is not a benchmark run's`);
      continue;
    }
    if (!(await has(TRIALS_FILE))) {
      skipped.push(`${dir}: no ${TRIALS_FILE}: the run recorded no trial`);
      continue;
    }
    const { trials } = await readTrials(dir);
    if (trials.length === 0) {
      skipped.push(`${dir}: the run recorded no trial`);
      continue;
    }
    runs.push({ dir, manifest, trials });
  }
  return { runs, skipped };
}
