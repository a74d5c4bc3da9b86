import { join } from 'node:path';
import { writeFileAtomic } from '../../core/write-file-atomic.js';
import { loadTasks } from '../../tasks/load.js';
import type { Task } from '../../tasks/schema.js';
import { writeRunOutputs } from '../report/write-outputs.js';
import { readManifest, readTrials, TRIALS_FILE, writeManifest } from '../results/run-directory.js';
import type { RunSummary } from '../results/summary-types.js';
import type { TrialRecord } from '../results/trial-record.js';
import { lastRecordPerKey } from '../results/trial-record.js';
import { scoreTrial } from '../scoring/score-trial.js';
import { taskFilePaths } from './plan.js';
import { currentFormats, UNKNOWN_FORMATS } from './versions.js';

/**
 * Re-scoring without the model: every trial record holds its tool calls, their results and the answer, so a
 * fixed scorer (or an edited task) can judge a finished run again. Infrastructure errors stay errors.
 */

/** The tasks a run used, by id, from the files its manifest names. */
export async function tasksOfRun(files: readonly string[]): Promise<Map<string, Task>> {
  const loaded = await loadTasks({ files: taskFilePaths(files), suite: 'all' });
  return new Map(loaded.tasks.map(({ task }) => [task.id, task]));
}

export async function rescoreRun(dir: string, options: { rescore: boolean }): Promise<{ summary: RunSummary; changed: number; missing: string[] }> {
  const manifest = await readManifest(dir);
  const { trials, skipped } = await readTrials(dir);
  if (skipped.length > 0) process.stderr.write(`${dir}: ${skipped.length} unreadable line(s) in ${TRIALS_FILE} left out\n`);
  let changed = 0;
  const missing: string[] = [];
  if (options.rescore) {
    const tasks = await tasksOfRun(manifest.dataset.files);
    for (const record of trials) {
      if (record.outcome === 'error') continue;
      const task = tasks.get(record.taskId);
      if (task === undefined) {
        missing.push(record.taskId);
        continue;
      }
      const score = scoreTrial(task, { toolCalls: record.toolCalls, steps: record.steps, answer: record.answer, worldElapsedMs: record.world.elapsedMs });
      const outcome: TrialRecord['outcome'] = score.success ? 'success' : 'failure';
      if (outcome !== record.outcome) changed++;
      record.score = score;
      record.outcome = outcome;
    }
    await writeFileAtomic(join(dir, TRIALS_FILE), trials.map((t) => `${JSON.stringify(t)}\n`).join(''));
    // Only when every trial was re-judged is the run scored by this scorer; the rest of the formats stay as
    // recorded (unknown for runs from before formats were recorded).
    if (missing.length === 0) {
      manifest.formats = { ...(manifest.formats ?? UNKNOWN_FORMATS), scoring: currentFormats().scoring };
      await writeManifest(dir, manifest);
    }
  }
  if (missing.length > 0) process.stderr.write(`${missing.length} trial(s) name tasks the run's task files no longer have; their old scores stay\n`);
  const summary = await writeRunOutputs(dir, manifest, lastRecordPerKey(trials));
  return { summary, changed, missing };
}
