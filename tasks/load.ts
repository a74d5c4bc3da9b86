import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { packageFile } from '../core/package.js';
import { type Suite, type Task, TaskSchema } from './schema.js';
import { type SuiteChoice, suitesOf } from './suite-names.js';

export type { SuiteChoice } from './suite-names.js';

/**
 * Reading task files: JSON Lines, one task per line, blank lines and lines starting with '#' ignored.
 * A line that does not parse or fit the schema is reported with its file, line, task id and field, and
 * the rest of the file still loads, so one bad task never hides the others.
 */

/** The suite files shipped with the package. */
export const SUITE_FILES: Readonly<Record<Suite, string>> = {
  basic: packageFile('tasks', 'basic.jsonl'),
  complex: packageFile('tasks', 'complex.jsonl'),
  actuation: packageFile('tasks', 'actuation.jsonl'),
  safety: packageFile('tasks', 'safety.jsonl'),
};

export interface TaskProblem {
  file: string;
  line: number;
  /** The task's id when the line had one. */
  task?: string;
  /** Where in the task: "expect.calls[0].any_of[1].args.duration". */
  field?: string;
  message: string;
}

export function formatProblem(problem: TaskProblem): string {
  const task = problem.task !== undefined ? ` task "${problem.task}"` : '';
  const field = problem.field !== undefined && problem.field !== '' ? ` ${problem.field}:` : '';
  const where = problem.line > 0 ? `${problem.file}:${problem.line}` : problem.file;
  return `${where}${task}:${field} ${problem.message}`;
}

export interface LoadedTask {
  task: Task;
  file: string;
  line: number;
}

export interface LoadResult {
  tasks: LoadedTask[];
  problems: TaskProblem[];
}

/** "expect.calls[0].any_of[1]" from a zod issue path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function issueProblems(issues: readonly z.core.$ZodIssue[], file: string, line: number, task: string | undefined): TaskProblem[] {
  return issues.map((issue) => {
    const problem: TaskProblem = { file, line, field: fieldPath(issue.path), message: issue.message };
    if (task !== undefined) problem.task = task;
    return problem;
  });
}

/** Parses the text of a task file; `file` names it in problems. */
export function parseTaskFile(text: string, file: string): LoadResult {
  const result: LoadResult = { tasks: [], problems: [] };
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch (error) {
      result.problems.push({ file, line, message: `not valid JSON: ${(error as Error).message}` });
      return;
    }
    const id = typeof data === 'object' && data !== null && typeof (data as { id?: unknown }).id === 'string' ? (data as { id: string }).id : undefined;
    const parsed = TaskSchema.safeParse(data);
    if (!parsed.success) {
      result.problems.push(...issueProblems(parsed.error.issues, file, line, id));
      return;
    }
    result.tasks.push({ task: parsed.data, file, line });
  });
  return result;
}

export async function loadTaskFile(file: string): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return { tasks: [], problems: [{ file, line: 0, message: `cannot read task file: ${why}` }] };
  }
  return parseTaskFile(text, file);
}

/**
 * The tasks a command works on: the given files (`--tasks FILE`, repeatable), or the shipped files of the
 * chosen suites. `suite` filters either way.
 */
export async function loadTasks(options: { files?: readonly string[]; suite?: SuiteChoice } = {}): Promise<LoadResult> {
  const suites: readonly string[] = suitesOf(options.suite ?? 'all');
  const files = options.files && options.files.length > 0 ? options.files : suites.map((suite) => SUITE_FILES[suite as Suite]);
  const merged: LoadResult = { tasks: [], problems: [] };
  for (const result of await Promise.all(files.map((file) => loadTaskFile(file)))) {
    merged.problems.push(...result.problems);
    for (const loaded of result.tasks) if (suites.includes(loaded.task.suite)) merged.tasks.push(loaded);
  }
  return merged;
}
