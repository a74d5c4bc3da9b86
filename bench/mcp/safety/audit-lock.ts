import { readFile, unlink, writeFile } from 'node:fs/promises';

/**
 * The lock that keeps one writer on an audit log: two writers would each continue the chain from the same line
 * and fork it. The lock is `<log>.lock`, created only when absent (`wx`), holding the writer's process id, and
 * removed when the writer closes.
 *
 * A lock whose process is no longer running is stale (its writer died without closing) and is taken over. What
 * it does not guard against: a log on a disk shared between hosts (process ids are of one host), a process id
 * reused by an unrelated process (the lock then looks held, and the error says which file to remove), and two
 * processes taking over the same stale lock at the same instant. It stops a second writer started by mistake.
 */

/** Takes the lock of the log at `path`; returns the lock file's path. Rejects, naming the holder, when the log is held. */
export async function lockAuditLog(path: string): Promise<string> {
  const lock = `${path}.lock`;
  let tookOver = false;
  for (;;) {
    try {
      await writeFile(lock, `${process.pid}\n`, { flag: 'wx' });
      return lock;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await lockHolder(lock);
    if (holder === 'gone') continue;
    if (holder !== 'unknown' && !isRunning(holder) && !tookOver) {
      // Stale; taken over once, so that a lock someone else has just taken is never removed in a loop.
      tookOver = true;
      await removeLock(lock);
      continue;
    }
    if (holder === 'unknown') {
      throw new Error(
        `audit log ${path} is locked by ${lock}, which holds no process id: another writer may be opening it; one writer per file, or the chain forks (remove the lock only if no process writes the log)`,
      );
    }
    const who = holder === process.pid ? 'this process' : `process ${holder}`;
    throw new Error(
      `audit log ${path} is already open for writing by ${who}: one writer per file, or the chain forks (the lock is ${lock}; remove it only if process ${holder} is not a writer of the log)`,
    );
  }
}

/** Gives the lock back, if this process still holds it. */
export async function unlockAuditLog(lock: string): Promise<void> {
  if ((await lockHolder(lock)) === process.pid) await removeLock(lock);
}

/** The process id a lock holds; `unknown` when it holds none, `gone` when there is no lock any more. */
async function lockHolder(lock: string): Promise<number | 'unknown' | 'gone'> {
  let text: string;
  try {
    text = await readFile(lock, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  const pid = text.trim();
  return /^[1-9][0-9]{0,9}$/.test(pid) ? Number(pid) : 'unknown';
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function removeLock(lock: string): Promise<void> {
  try {
    await unlink(lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
