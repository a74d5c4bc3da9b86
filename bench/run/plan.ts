import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { SUITE_FILES, type SuiteChoice } from '../../tasks/load.js';
import { SUITES, type Suite, type Task } from '../../tasks/schema.js';
import { suitesOf } from '../../tasks/suite-names.js';
import type { TrialRecord } from '../results/trial-record.js';

/**
 * Which trials a run makes: the selected tasks (suite, filter, shard, limit) times `--trials`, each under a
 * key that resume, retry and merge agree on.
 */

export interface Selection {
  /** Substring of the id, or /regex/ over the id, suite, variant, category and sensors. */
  filter: string | null;
  limit: number | null;
  /** 1-based shard index of `count`. */
  shard: { index: number; count: number } | null;
}

export interface PlannedTrial {
  key: string;
  task: Task;
  trial: number;
}

export function trialKey(taskId: string, trial: number): string {
  return `${taskId}#${trial}`;
}

/** `3/8` -> {index: 3, count: 8}. */
export function parseShard(text: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new Error(`--shard expects i/n with 1 <= i <= n, got "${text}"`);
  return { index, count };
}

function matcher(filter: string): (task: Task) => boolean {
  const regex = /^\/(.*)\/([a-z]*)$/.exec(filter);
  if (regex) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(regex[1]!, regex[2]);
    } catch (error) {
      throw new Error(`--filter: ${(error as Error).message}`);
    }
    return (task) => [task.id, task.suite, task.variant ?? '', task.category, ...task.sensors].some((field) => pattern.test(field));
  }
  const needle = filter.toLowerCase();
  return (task) => task.id.toLowerCase().includes(needle);
}

/**
 * Filter, then shard (round robin over the filtered list, so every shard gets a mix of suites), then limit.
 * Sharding before the limit keeps `--limit` meaning "at most this many on this machine".
 */
export function selectTasks(tasks: readonly Task[], selection: Selection): Task[] {
  let selected = selection.filter === null ? [...tasks] : tasks.filter(matcher(selection.filter));
  const shard = selection.shard;
  if (shard !== null) selected = selected.filter((_, i) => i % shard.count === shard.index - 1);
  if (selection.limit !== null) selected = selected.slice(0, selection.limit);
  return selected;
}

export function planTrials(tasks: readonly Task[], trials: number): PlannedTrial[] {
  const plan: PlannedTrial[] = [];
  // Trial 0 of every task first, so a run stopped early still covers as many tasks as it can.
  for (let trial = 0; trial < trials; trial++) for (const task of tasks) plan.push({ key: trialKey(task.id, trial), task, trial });
  return plan;
}

/**
 * What is left to do given what the run directory holds: keys with no record, and with `retryErrors` also
 * keys whose latest record is an infrastructure error.
 */
export function remainingTrials(plan: readonly PlannedTrial[], recorded: readonly TrialRecord[], retryErrors: boolean): PlannedTrial[] {
  const latest = new Map<string, TrialRecord>();
  for (const record of recorded) latest.set(record.key, record);
  return plan.filter((planned) => {
    const record = latest.get(planned.key);
    if (record === undefined) return true;
    return retryErrors && record.outcome === 'error';
  });
}

/** sha256 over the tasks' canonical JSON in run order: the dataset a run's figures are about. */
export function datasetHash(tasks: readonly Task[]): string {
  const hash = createHash('sha256');
  for (const task of tasks) hash.update(JSON.stringify(task)).update('\n');
  return `sha256:${hash.digest('hex')}`;
}

/** A trial's seed, from the run seed, the task and the trial index: stable across resume and shards. */
export function trialSeed(runSeed: number, taskId: string, trial: number): number {
  const digest = createHash('sha256').update(`${runSeed}\u0000${taskId}\u0000${trial}`).digest();
  return digest.readUInt32BE(0) & 0x7fffffff;
}

const BUILTIN = 'builtin:';

/**
 * How a manifest names the task files: absolute paths for the user's own, `builtin:basic` for the shipped
 * suites, so a run resumes or re-scores from another install of the package.
 */
export function taskFileLabels(files: readonly string[], suite: SuiteChoice): string[] {
  if (files.length > 0) return files.map((file) => resolve(file));
  return suitesOf(suite).map((name) => `${BUILTIN}${name}`);
}

/** The files behind a manifest's labels, in this install. */
export function taskFilePaths(labels: readonly string[]): string[] {
  return labels.map((label) => {
    if (!label.startsWith(BUILTIN)) return label;
    const suite = label.slice(BUILTIN.length);
    if (!(SUITES as readonly string[]).includes(suite)) throw new Error(`${label}: no shipped suite "${suite}" in this install (suites: ${SUITES.join(', ')})`);
    return SUITE_FILES[suite as Suite];
  });
}
