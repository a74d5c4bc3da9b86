import assert from 'node:assert/strict';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DEFAULT_FLEET_PATH } from '../../devices/fleet/fleet-file.js';
import { startBenchSystem } from '../../system/bench-system.js';
import type { Task } from '../../tasks/schema.js';
import { sampleTask } from '../../tasks/task-fixtures.test-helper.js';
import { fanTask, windowTask } from '../loop/actuator-task-fixtures.test-helper.js';
import { DEFAULT_BROKER_URL } from '../mcp/mqtt/defaults.js';
import { verifyAuditLog } from '../mcp/safety/audit-verify.js';
import type { RunManifest } from '../results/manifest.js';
import { readManifest, readTrials, writeManifest } from '../results/run-directory.js';
import { manifestSuite } from './manifest-suite.js';
import { taskFileLabels } from './plan.js';
import { RunRefused } from './preflight.js';
import { resumeConflicts } from './resume-check.js';
import { optionsFromManifest, type RunControl, type RunOptions, runBenchmark } from './run-benchmark.js';

/**
 * `run` over tasks that move actuators, in this process: the oracle on a small task file over the memory
 * transport, with the run's safety gate and its audit log in the run directory; the transports that cannot
 * put one gate before every move refused; and runs made before the actuator suites resumed as they were.
 */

let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iotmcp-actuator-run-'));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function taskFile(name: string, tasks: readonly Task[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `${tasks.map((task) => JSON.stringify(task)).join('\n')}\n`);
  return path;
}

function options(overrides: Partial<RunOptions>): RunOptions {
  return {
    provider: { provider: 'oracle' },
    suite: 'all',
    taskFiles: [],
    selection: { filter: null, limit: null, shard: null },
    trials: 1,
    concurrency: 2,
    mcp: 'memory',
    architecture: 'gateway',
    brokerUrl: DEFAULT_BROKER_URL,
    datapoolUrl: null,
    fleetPath: null,
    speed: 50,
    trialTimeoutMs: 30_000,
    callTimeoutMs: 10_000,
    seed: 1,
    retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
    cacheDir: null,
    pricesPath: null,
    out: null,
    resultsDir: dir,
    minSuccess: null,
    maxConsecutiveErrors: 0,
    ...overrides,
  };
}

const lines: string[] = [];
const control: RunControl = { signal: new AbortController().signal, log: (line) => lines.push(line), progress: false, startSystem: startBenchSystem };

test('a run of actuator tasks puts its moves through one gate, whose audit log in the run directory verifies', { timeout: 60_000 }, async () => {
  const tasks = [windowTask('window.confirmed', true), windowTask('window.declined', false), fanTask('fan.on')];
  const out = join(dir, 'actuators');
  const outcome = await runBenchmark(options({ taskFiles: [await taskFile('actuators.jsonl', tasks)], trials: 2, out }), control);
  const { trials } = await readTrials(out);
  assert.equal(trials.length, 6);
  for (const record of trials) {
    assert.notEqual(record.outcome, 'error', `${record.key}: ${record.error?.message}`);
    assert.match(record.world.trial ?? '', /#[01]\/[0-9a-f-]{36}$/);
    assert.equal(typeof record.world.elapsedMs, 'number');
  }
  // Two trials of one task are two trials in the world: each moved the fan, neither was held back by the other.
  const fans = trials.filter((record) => record.taskId === 'fan.on');
  assert.notEqual(fans[0]!.world.trial, fans[1]!.world.trial);
  for (const record of fans) assert.equal(record.toolCalls.find((call) => call.actuator === 'RELAY-FAN')?.result?.isError, false);

  const audit = join(out, 'audit.jsonl');
  const verdict = await verifyAuditLog(audit);
  assert.equal(verdict.ok, true, JSON.stringify(verdict.problem));
  assert.ok(verdict.entries >= 6, `every move is on record (${verdict.entries} entries)`);
  const manifest = await readManifest(out);
  assert.deepEqual(manifest.actuators, {
    policyFile: null,
    auditLog: 'audit.jsonl',
    audit: { ok: true, entries: verdict.entries, head: verdict.head },
  });
  assert.deepEqual(manifest.options.suites, ['basic', 'complex', 'actuation', 'safety']);
  assert.ok(lines.some((line) => line.includes(`audit log: ${verdict.entries} entries, verified`)));
  assert.notEqual(outcome.exitCode, 3);
});

test('a run of the actuator suites over stdio, on the native architecture or with more trials at once than the gate keeps apart is refused before anything is written', async () => {
  const out = join(dir, 'refused');
  await assert.rejects(
    runBenchmark(options({ suite: 'actuation', mcp: 'stdio', out }), control),
    (error: unknown) => error instanceof RunRefused && /not offered over stdio/.test(error.message) && /--mcp memory, http or mqtt/.test(error.hint),
  );
  const file = await taskFile('one-move.jsonl', [fanTask('fan.native')]);
  await assert.rejects(
    runBenchmark(options({ taskFiles: [file], mcp: 'mqtt', architecture: 'native', out }), control),
    (error: unknown) => error instanceof RunRefused && /native architecture/.test(error.message) && /fan\.native/.test(error.message),
  );
  await assert.rejects(
    runBenchmark(options({ suite: 'safety', concurrency: 500, out }), control),
    (error: unknown) => error instanceof RunRefused && /--concurrency 500/.test(error.message) && /--concurrency 128 or less/.test(error.hint),
  );
  await assert.rejects(access(out), 'nothing was written');
});

test('a run that moves actuators on a fleet whose actuator boards run the MicroPython firmware is refused: it cannot play each trial its own history', async () => {
  const fleet = JSON.parse(await readFile(DEFAULT_FLEET_PATH, 'utf8')) as { mcus: { firmware?: string; actuators?: string[] }[] };
  for (const mcu of fleet.mcus) if (mcu.actuators !== undefined) mcu.firmware = 'micropython';
  const fleetPath = join(dir, 'micropython-fleet.json');
  await writeFile(fleetPath, JSON.stringify(fleet));
  const out = join(dir, 'refused-micropython');
  await assert.rejects(
    runBenchmark(options({ suite: 'actuation', fleetPath, out }), control),
    (error: unknown) =>
      error instanceof RunRefused && /MicroPython firmware/.test(error.message) && /esp32s3-kitchen/.test(error.message) && /emulator boards/.test(error.hint),
  );
  await assert.rejects(access(out), 'nothing was written');
});

test("a run made before the actuator suites, whose suite 'all' meant the paper's two, resumes over the tasks it started with", {
  timeout: 60_000,
}, async () => {
  const paper = sampleTask();
  const file = await taskFile('mixed.jsonl', [paper, fanTask('fan.later')]);
  const out = join(dir, 'old-all');
  const first = await runBenchmark(options({ provider: { provider: 'baseline' }, suite: 'paper', taskFiles: [file], out }), control);
  assert.equal(first.summary.counts.recorded, 1);
  // As a build before the actuator suites wrote it: `all`, and no list of suites.
  const manifest = await readManifest(out);
  const { suites: _dropped, ...kept } = manifest.options;
  const old: RunManifest = { ...manifest, options: { ...kept, suite: 'all' } };
  await writeManifest(out, old);

  assert.equal(manifestSuite(old), 'paper');
  assert.equal(manifestSuite({ options: { ...manifest.options, suite: 'all' } }), 'all', "a run that recorded its suites meant what 'all' means now");
  assert.deepEqual(taskFileLabels([], 'paper'), ['builtin:basic', 'builtin:complex'], "the files an old 'all' run named");
  assert.deepEqual(resumeConflicts(old, { suite: 'paper' }), []);
  assert.deepEqual(resumeConflicts(old, { suite: 'all' }), ['--suite all (the run has paper)']);
  const resumedOptions = optionsFromManifest(old, { retry: options({}).retry });
  assert.equal(resumedOptions.suite, 'paper');

  // Read as every suite, the file's actuator task would change the dataset and the resume would be refused.
  const resumed = await runBenchmark(resumedOptions, control, { dir: out, retryErrors: false });
  assert.equal(resumed.summary.counts.recorded, 1, 'the resumed run holds its trial and found nothing left to do');
  assert.deepEqual((await readManifest(out)).dataset.taskIds, [paper.id]);
  assert.equal(JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')).actuators, undefined);
});
