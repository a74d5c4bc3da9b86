import { readdir, readFile } from 'node:fs/promises';

/**
 * Child processes of this process still alive (Linux, from /proc), with their command lines; null where
 * /proc does not exist, so a leak check is skipped rather than passed blindly.
 */
export async function liveChildren(): Promise<{ pid: number; command: string }[] | null> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return null;
  }
  const children: { pid: number; command: string }[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid ...": comm may hold spaces, so read after its closing parenthesis.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const command = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      children.push({ pid: Number(entry), command });
    } catch {
      // Gone between readdir and read: not alive.
    }
  }
  return children;
}
