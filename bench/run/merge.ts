import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { writeRunOutputs } from '../report/write-outputs.js';
import type { RunManifest } from '../results/manifest.js';
import { readManifest, readTrials, TrialLog, writeManifest } from '../results/run-directory.js';
import type { RunSummary } from '../results/summary-types.js';
import type { TrialRecord } from '../results/trial-record.js';
import { lastRecordPerKey } from '../results/trial-record.js';
import { manifestSuite } from './manifest-suite.js';
import { datasetHash } from './plan.js';
import { selectedTasks } from './run-benchmark.js';

/**
 * Joins the shards of one run (`run --shard i/n` on several machines) into one run directory. The shards
 * must be the same run: same provider and model, same task files and selection, same seed and trials.
 */

function sameRun(a: RunManifest, b: RunManifest): string | null {
  const checks: [string, unknown, unknown][] = [
    ['provider', a.provider.name, b.provider.name],
    ['model', a.provider.model, b.provider.model],
    ['task files', a.dataset.files.join(','), b.dataset.files.join(',')],
    ['suite', a.options.suite, b.options.suite],
    ['filter', a.options.filter, b.options.filter],
    ['trials per task', a.options.trials, b.options.trials],
    ['seed', a.seed, b.seed],
    ['shard count', a.options.shard?.count, b.options.shard?.count],
    ['formats (task/tool output/scorer)', formatsLabel(a), formatsLabel(b)],
  ];
  for (const [what, x, y] of checks) if (x !== y) return `${what} differs (${String(x)} vs ${String(y)})`;
  return null;
}

function formatsLabel(manifest: RunManifest): string {
  const f = manifest.formats;
  return f === undefined ? 'not recorded' : `${f.task}/${f.toolOutput}/${f.scoring}`;
}

export async function mergeRuns(out: string, shardDirs: readonly string[]): Promise<RunSummary> {
  if (shardDirs.length === 0) throw new Error('merge needs at least one shard directory');
  const manifests = await Promise.all(shardDirs.map((dir) => readManifest(dir)));
  const first = manifests[0]!;
  const seen = new Set<number>();
  manifests.forEach((manifest, i) => {
    if (manifest.options.shard === null) throw new Error(`${shardDirs[i]} is not a shard (it was not run with --shard)`);
    const problem = sameRun(first, manifest);
    if (problem !== null) throw new Error(`${shardDirs[i]} is not a shard of the same run as ${shardDirs[0]}: ${problem}`);
    if (seen.has(manifest.options.shard.index)) throw new Error(`shard ${manifest.options.shard.index} is given twice`);
    seen.add(manifest.options.shard.index);
  });
  const count = first.options.shard!.count;
  const absent = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));

  const trials: TrialRecord[] = [];
  for (const dir of shardDirs) trials.push(...lastRecordPerKey((await readTrials(dir)).trials));
  // The merged run is over the tasks its shards ran, in the order the whole run would have run them, so its
  // dataset hash is the one an unsharded run of the same selection has and `compare` can rank them together.
  const inShards = new Set(manifests.flatMap((m) => m.dataset.taskIds));
  const o = first.options;
  const tasks = (await selectedTasks(first.dataset.files, manifestSuite(first), { filter: o.filter, limit: o.limit, shard: null })).filter((task) =>
    inShards.has(task.id),
  );
  const merged: RunManifest = {
    ...first,
    runId: `${first.runId}-merged`,
    createdAt: new Date().toISOString(),
    options: { ...first.options, shard: null },
    dataset: {
      ...first.dataset,
      hash: datasetHash(tasks),
      taskIds: tasks.map((task) => task.id),
    },
    provider: { ...first.provider, reportedModel: manifests.find((m) => m.provider.reportedModel !== null)?.provider.reportedModel ?? null },
    sessions: manifests.flatMap((m) => m.sessions),
  };
  const dir = resolve(out);
  await mkdir(dir, { recursive: true });
  const existing = await readTrials(dir);
  if (existing.trials.length > 0) throw new Error(`${dir} already holds trials: merge into a new directory`);
  await writeManifest(dir, merged);
  const log = await TrialLog.open(dir);
  try {
    for (const trial of trials) await log.append(trial);
  } finally {
    await log.close();
  }
  if (absent.length > 0) process.stderr.write(`note: shard(s) ${absent.join(', ')} of ${count} are missing; the merged run covers the others\n`);
  return writeRunOutputs(dir, merged, trials);
}
