import { readdir, readFile } from 'node:fs/promises';

/**
 * How many more sockets this process may open. Every emulated board holds one socket in the fleet process
 * and one in the datapool's, so the open-file limit (`ulimit -n`, often 1,024 on a fresh machine) bounds
 * the fleet a process can serve. Linux only (from /proc); null elsewhere, where nothing is checked.
 */

/** The soft limit on open files of this process, or null when it cannot be read (not Linux) or is unlimited. */
export async function openFileLimit(): Promise<number | null> {
  try {
    const limits = await readFile('/proc/self/limits', 'utf8');
    const line = limits.split('\n').find((l) => l.startsWith('Max open files'));
    const soft = line?.slice('Max open files'.length).trim().split(/\s+/)[0];
    const value = Number(soft);
    return soft === undefined || !Number.isFinite(value) ? null : value;
  } catch {
    return null;
  }
}

/** File descriptors this process holds now, or null when it cannot tell. */
export async function openFileCount(): Promise<number | null> {
  try {
    return (await readdir('/proc/self/fd')).length;
  } catch {
    return null;
  }
}

/** Descriptors a process needs beyond the boards' sockets: listeners, the store, pipes, Node's own. */
const SPARE_FILES = 64;

/**
 * Why `sockets` more sockets would not fit under the limit (a sentence naming `ulimit -n`), or null when
 * they fit or the limit is unknown.
 */
export async function socketShortfall(sockets: number, what: string): Promise<string | null> {
  const limit = await openFileLimit();
  if (limit === null) return null;
  const open = (await openFileCount()) ?? 0;
  const needed = open + sockets + SPARE_FILES;
  if (needed <= limit) return null;
  return (
    `${what} need about ${needed} open files in each process (one socket per board, ${open} already open), ` +
    `more than the limit of ${limit}: raise it with \`ulimit -n ${roundUp(needed)}\` before running`
  );
}

function roundUp(n: number): number {
  const step = n > 10_000 ? 10_000 : 1_000;
  return Math.ceil(n / step) * step;
}
