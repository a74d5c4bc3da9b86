import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli, readRun } from './run-command.test-helper.js';

// The oracle plays every task's expected calls against the real system and states the values it read: if it
// does not score 100% on all 1,254 tasks, the harness (servers, host, scoring or the tasks) is wrong.
test('the oracle scores 100% on all 1,254 tasks through the real system', { timeout: 600_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'iotmcp-oracle-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const out = join(dir, 'run');
  const result = await cli(
    ['run', '--provider', 'oracle', '--device-speed', '50', '--concurrency', '24', '--out', out, '--no-progress', '--min-success', '1'],
    {
      timeoutMs: 590_000,
    },
  );
  const { manifest, trials, summary } = await readRun(out);
  const failed = trials.filter((trial) => trial.outcome !== 'success');
  const why = failed
    .slice(0, 5)
    .map(
      (trial) =>
        `${trial.key}: ${trial.outcome} ${trial.error?.message ?? ''} ${JSON.stringify(trial.score?.calls.failures ?? [])} ${JSON.stringify(trial.score?.answer.facts.filter((f) => !f.ok) ?? [])}`,
    );
  assert.deepEqual(why, []);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(trials.length, 1254);
  assert.equal(manifest.dataset.totalTasks, 1254);
  assert.equal(summary.success.rate, 1);
  assert.equal(summary.counts.error, 0);
  assert.equal(summary.by.suite['basic']?.n, 114);
  assert.equal(summary.by.suite['complex']?.n, 1140);
});
