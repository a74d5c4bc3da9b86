import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { LOCK_FILE, lockRunDirectory } from '../results/run-directory.js';

test('one process at a time works on a run directory; a lock left by a dead process is taken over', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'iotmcp-lock-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  // Another live process holds it (this test's parent stands in for a second `run --resume`).
  await writeFile(join(dir, LOCK_FILE), `${process.ppid}\n`);
  await assert.rejects(lockRunDirectory(dir), (error: Error & { exitCode?: number }) => {
    assert.match(error.message, new RegExp(`is being run by another process \\(pid ${process.ppid}\\)`));
    assert.equal(error.exitCode, 2);
    return true;
  });
  // A process that has exited left it behind.
  const gone = spawnSync(process.execPath, ['-e', '0']).pid;
  await writeFile(join(dir, LOCK_FILE), `${gone}\n`);
  const release = await lockRunDirectory(dir);
  assert.equal((await readFile(join(dir, LOCK_FILE), 'utf8')).trim(), String(process.pid));
  await release();
  await assert.rejects(readFile(join(dir, LOCK_FILE)), { code: 'ENOENT' });
});
