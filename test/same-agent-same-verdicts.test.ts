import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { TrialRecord } from '../bench/results/trial-record.js';
import { cli, readRun } from './run-command.test-helper.js';

/**
 * A trial's world clock is the task's time plus what the trial did in the world, so a deterministic agent
 * reads the same values, byte for byte, and gets the same verdicts whatever the concurrency, the boards'
 * speed-up or the MCP transport. Two runs of the baseline on a sample of every kind of task (every third and
 * seventh variant, and the basic tasks they come from) must agree on every trial.
 */

const SAMPLE = '/\\.v0[37]$|^[a-z0-9-]+\\.[a-z0-9-]+$/';

function seen(trial: TrialRecord): string {
  return JSON.stringify({
    outcome: trial.outcome,
    facts: trial.score?.answer.facts.map((fact) => [fact.id, fact.ok]) ?? null,
    calls: trial.score?.calls.failures ?? null,
    answer: trial.answer,
    tools: trial.toolCalls.map((call) => call.result?.text ?? null),
  });
}

test('the same agent and seeds give byte-identical tool results and verdicts across concurrency, speed and transport', { timeout: 300_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'iotmcp-same-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const runs = [
    ['--concurrency', '8', '--device-speed', '50', '--mcp', 'memory'],
    ['--concurrency', '3', '--device-speed', '20', '--mcp', 'http'],
  ];
  const records: Map<string, TrialRecord>[] = [];
  for (const [i, flags] of runs.entries()) {
    const out = join(dir, `run-${i}`);
    const result = await cli(['run', '--filter', SAMPLE, ...flags, '--out', out, '--no-progress'], { timeoutMs: 280_000 });
    assert.equal(result.code, 0, result.stderr);
    const { trials } = await readRun(out);
    records.push(new Map(trials.map((trial) => [trial.key, trial])));
  }
  const [first, second] = records as [Map<string, TrialRecord>, Map<string, TrialRecord>];
  assert.ok(first.size >= 300, `a sample of ${first.size} trials`);
  assert.deepEqual([...second.keys()].sort(), [...first.keys()].sort());
  const differing = [...first].filter(([key, trial]) => seen(trial) !== seen(second.get(key)!)).map(([key]) => key);
  assert.deepEqual(differing, [], 'trials that read or were judged differently');
  // Real-time windows and series are in the sample, and they came back whole.
  const windows = [...first.values()].flatMap((trial) => trial.toolCalls).filter((call) => /real-time window of/.test(call.result?.text ?? ''));
  assert.ok(windows.length >= 20, `${windows.length} real-time windows in the sample`);
});
