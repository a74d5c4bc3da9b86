import { type FileHandle, mkdir, open, readFile, rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../core/write-file-atomic.js';
import type { RunManifest } from './manifest.js';
import type { TrialRecord } from './trial-record.js';

/** The last record of each key: what a run's figures are made of (a retried error is superseded). */

/**
 * A run directory: `manifest.json`, `trials.jsonl` (appended as trials finish) and the outputs made from
 * them. Every finished trial is one `write` of one line, so a crash loses at most the line being written;
 * opening the directory again drops such a torn line and the run continues from what was complete.
 */

export const MANIFEST_FILE = 'manifest.json';
export const TRIALS_FILE = 'trials.jsonl';

export async function writeManifest(dir: string, manifest: RunManifest): Promise<void> {
  await writeFileAtomic(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

export async function readManifest(dir: string): Promise<RunManifest> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    throw new Error(`${dir} is not a run directory (no ${MANIFEST_FILE}): ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as RunManifest;
  } catch (error) {
    throw new Error(`${join(dir, MANIFEST_FILE)} is not valid JSON: ${(error as Error).message}`);
  }
}

export interface ReadTrials {
  trials: TrialRecord[];
  /** Bytes of complete lines; anything after is a torn write. */
  completeBytes: number;
  /** Lines that could not be read (a torn last line, or damage), with their line numbers. */
  skipped: { line: number; reason: string }[];
}

/** Every trial record in the file, in order (a retried key appears again later: the last one counts). */
export async function readTrials(dir: string): Promise<ReadTrials> {
  let text: string;
  try {
    text = await readFile(join(dir, TRIALS_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { trials: [], completeBytes: 0, skipped: [] };
    throw error;
  }
  const trials: TrialRecord[] = [];
  const skipped: ReadTrials['skipped'] = [];
  let offset = 0;
  let completeBytes = 0;
  let line = 0;
  while (offset < text.length) {
    const end = text.indexOf('\n', offset);
    line++;
    if (end === -1) {
      skipped.push({ line, reason: 'incomplete last line (the run stopped while writing it)' });
      break;
    }
    const body = text.slice(offset, end);
    offset = end + 1;
    if (body.trim() === '') {
      completeBytes = Buffer.byteLength(text.slice(0, offset));
      continue;
    }
    try {
      const record = JSON.parse(body) as TrialRecord;
      if (typeof record.key !== 'string' || typeof record.taskId !== 'string') throw new Error('not a trial record');
      trials.push(record);
    } catch (error) {
      skipped.push({ line, reason: (error as Error).message });
    }
    completeBytes = Buffer.byteLength(text.slice(0, offset));
  }
  return { trials, completeBytes, skipped };
}

/** Appends trial records, one line per write. */
export class TrialLog {
  private constructor(private readonly handle: FileHandle) {}

  /** Opens `trials.jsonl` for appending, first cutting off a torn last line so new lines start clean. */
  static async open(dir: string): Promise<TrialLog> {
    await mkdir(dir, { recursive: true });
    const { completeBytes, skipped } = await readTrials(dir);
    const torn = skipped.some((s) => s.reason.startsWith('incomplete'));
    if (torn) await truncate(join(dir, TRIALS_FILE), completeBytes);
    return new TrialLog(await open(join(dir, TRIALS_FILE), 'a'));
  }

  async append(record: TrialRecord): Promise<void> {
    await this.handle.write(`${JSON.stringify(record)}\n`);
  }

  async close(): Promise<void> {
    await this.handle.sync().catch(() => {});
    await this.handle.close();
  }
}

/** The file that says a process is working on a run directory. */
export const LOCK_FILE = '.lock';

/**
 * Claims a run directory for this process: two processes resuming one run would run the same trials twice
 * and lose a session from the manifest. A lock whose process is gone (killed, the machine restarted) is taken
 * over. Returns the release function; throws when another live process holds it.
 */
export async function lockRunDirectory(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return async () => {
        await rm(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) {
        throw Object.assign(new Error(`${dir} is being run by another process (pid ${pid}): wait for it, or stop it first`), { exitCode: 2 });
      }
      // Left by a process that is gone: take it over.
      await rm(path, { force: true });
    }
  }
  throw new Error(`${dir}: could not take the run's lock file ${path}`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
