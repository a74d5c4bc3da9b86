import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The store is a directory of numbered segment files, `00000001.jsonl`, `00000002.jsonl`...; the highest
 * number is the one being appended to. Compaction rewrites older segments into one that keeps the newest
 * input's number, so file order is record order.
 */
const SEGMENT_NAME = /^(\d+)\.jsonl$/;

/** A regular file is there (not a directory, not nothing). */
export async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export function segmentPath(dir: string, seq: number): string {
  return join(dir, `${String(seq).padStart(8, '0')}.jsonl`);
}

/** What a compaction writes before it renames its output over a segment. */
export const COMPACTING_SUFFIX = '.compacting';

/** Files a compaction cut short by a crash left behind (never renamed: their inputs are all still there). */
export async function leftoverCompactions(dir: string): Promise<string[]> {
  return (await namesIn(dir)).filter((name) => name.endsWith(COMPACTING_SUFFIX)).map((name) => join(dir, name));
}

/** Segment numbers present in `dir`, oldest first (none when the directory does not exist yet). */
export async function listSegments(dir: string): Promise<number[]> {
  const seqs: number[] = [];
  for (const name of await namesIn(dir)) {
    const match = SEGMENT_NAME.exec(name);
    // Numbers past 8 digits still sort by value (names are padded to 8, not cut to it).
    if (match !== null && Number.isSafeInteger(Number(match[1])) && (await isFile(join(dir, name)))) seqs.push(Number(match[1]));
  }
  return seqs.sort((a, b) => a - b);
}

/** The names in `dir`; none when it does not exist yet (a store not yet written). */
async function namesIn(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
