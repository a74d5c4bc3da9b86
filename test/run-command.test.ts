import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunManifest } from '../bench/results/manifest.js';
import { currentFormats } from '../bench/run/versions.js';
import { cli, readRun, spawnCli } from './run-command.test-helper.js';

async function tempDir(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'iotmcp-run-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('a baseline run writes a complete run directory: manifest, one trial line per task, summary, CSV, report and charts', { timeout: 120_000 }, async (t) => {
  const out = join(await tempDir(t), 'run');
  const result = await cli(['run', '--filter', 'dht11', '--limit', '12', '--device-speed', '20', '--out', out, '--no-progress']);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /baseline \(keyword rules, not a language model\)/);
  assert.match(result.stdout, /success\s+\d+\.\d%/);

  const { manifest, trials, summary } = await readRun(out);
  assert.equal(manifest.provider.name, 'baseline');
  assert.equal(manifest.provider.kind, 'baseline');
  assert.match(manifest.dataset.hash, /^sha256:[0-9a-f]{64}$/);
  assert.equal(manifest.dataset.totalTasks, 12);
  assert.ok(manifest.versions['@modelcontextprotocol/sdk']);
  assert.equal(manifest.devices.length, 6);
  assert.equal(manifest.sessions.length, 1);
  assert.ok((manifest.sessions[0]!.peakRssBytes ?? 0) > 10_000_000);
  assert.deepEqual(manifest.formats, currentFormats());

  assert.equal(trials.length, 12);
  assert.deepEqual(new Set(trials.map((t) => t.key)).size, 12);
  for (const trial of trials) {
    assert.ok(trial.taskId.startsWith('dht11.'));
    assert.ok(trial.outcome === 'success' || trial.outcome === 'failure', `${trial.key}: ${trial.outcome} ${trial.error?.message}`);
    assert.ok(trial.score !== null);
    assert.equal(trial.messages[trial.messages.length - 1]?.role, 'assistant');
  }
  const sensorCalls = trials.flatMap((t) => t.toolCalls).filter((c) => c.sensor === 'DHT11' && c.result?.isError === false);
  assert.ok(sensorCalls.length >= 10, 'the baseline reads the DHT11');
  for (const call of sensorCalls) {
    assert.ok(call.latency !== undefined && call.latency.totalMs > 0);
    const parts = [call.latency.mcpMs, call.latency.datapoolMs, call.latency.deviceRoundTripMs, call.latency.samplingMs];
    assert.ok(parts.every((p) => p !== null && p >= 0));
  }

  assert.equal(summary.counts.recorded, 12);
  assert.equal(summary.success.n, 12);
  assert.equal(summary.success.successes, trials.filter((t) => t.outcome === 'success').length);
  assert.ok(summary.latency.singleRead.n > 0);
  assert.ok(summary.memory.devices.some((d) => d.peakBytes !== null && d.source === 'modeled'));
  const files = await readdir(out);
  for (const file of ['manifest.json', 'trials.jsonl', 'summary.json', 'summary.csv', 'report.md']) assert.ok(files.includes(file), file);
  assert.ok(files.filter((f) => f.endsWith('.svg')).length >= 3);
  const report = await readFile(join(out, 'report.md'), 'utf8');
  assert.match(report, /205/);
  assert.match(report, /not a language model/);
  assert.match(report, /Formats: task \d+, tool output \d+, scorer \d+/);
  assert.match(report, /Tool calls per trial: \d+\.\d\d over 12 scored trials, \d+\.\d\d times the/);
  const csv = await readFile(join(out, 'summary.csv'), 'utf8');
  assert.ok(csv.split('\n').length > 5);
});

test('a run killed mid-way resumes without repeating or losing a trial', { timeout: 180_000 }, async (t) => {
  const out = join(await tempDir(t), 'run');
  const args = ['run', '--suite', 'basic', '--limit', '30', '--concurrency', '2', '--device-speed', '10', '--out', out, '--no-progress'];
  const child = spawnCli(args);
  // Wait for a few trials to be on disk, then kill without warning (no chance to clean up).
  const trialsFile = join(out, 'trials.jsonl');
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const lines = await readFile(trialsFile, 'utf8').then(
      (text) => text.split('\n').length - 1,
      () => 0,
    );
    if (lines >= 5) break;
    if (child.exitCode !== null) assert.fail('the run ended before it could be killed');
  }
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  const before = (await readFile(trialsFile, 'utf8')).split('\n').filter(Boolean).length;
  assert.ok(before >= 5 && before < 30, `${before} trials before the kill`);

  // A flag that would change what the rest measures is refused, naming each difference; nothing runs.
  const changed = await cli(['run', '--resume', out, '--provider', 'oracle', '--device-speed', '50', '--seed', '1', '--no-progress']);
  assert.notEqual(changed.code, 0);
  assert.match(changed.stderr, /--provider oracle \(the run has baseline\); --device-speed 50 \(the run has 10\)/);
  assert.doesNotMatch(changed.stderr, /--seed/, 'a flag given with the value the run has is no difference');
  assert.equal((await readFile(trialsFile, 'utf8')).split('\n').filter(Boolean).length, before);

  // What only changes how fast it goes may change.
  const resumed = await cli(['run', '--resume', out, '--concurrency', '4', '--device-speed', '10', '--no-progress']);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stderr, /already done/);
  const { trials, manifest, summary } = await readRun(out);
  const keys = trials.map((trial) => trial.key);
  assert.equal(new Set(keys).size, keys.length, 'no trial ran twice');
  assert.equal(keys.length, 30);
  assert.equal(manifest.sessions.length, 2);
  assert.equal(summary.counts.recorded, 30);
});

test('a run is resumed only by a build that shows tools and scores the same way; report catches the scorer up', { timeout: 120_000 }, async (t) => {
  const out = join(await tempDir(t), 'run');
  const first = await cli(['run', '--suite', 'basic', '--limit', '3', '--device-speed', '20', '--out', out, '--no-progress']);
  assert.equal(first.code, 0, first.stderr);
  const manifestFile = join(out, 'manifest.json');
  const original = JSON.parse(await readFile(manifestFile, 'utf8')) as RunManifest;
  const now = currentFormats();

  await writeFile(manifestFile, JSON.stringify({ ...original, formats: { ...now, toolOutput: now.toolOutput - 1 } }));
  const otherTools = await cli(['run', '--resume', out, '--no-progress']);
  assert.notEqual(otherTools.code, 0);
  assert.match(otherTools.stderr, /tool output \d+; this build uses .* start a new run instead/);

  await writeFile(manifestFile, JSON.stringify({ ...original, formats: { ...now, scoring: now.scoring - 1 } }));
  const otherScorer = await cli(['run', '--resume', out, '--no-progress']);
  assert.notEqual(otherScorer.code, 0);
  assert.match(otherScorer.stderr, new RegExp(`scorer version ${now.scoring - 1}; this build scores with ${now.scoring}`));

  const report = await cli(['report', out]);
  assert.equal(report.code, 0, report.stderr);
  assert.deepEqual((await readRun(out)).manifest.formats, now, 're-scoring records the scorer that judged the run');
  const resumed = await cli(['run', '--resume', out, '--no-progress']);
  assert.equal(resumed.code, 0, resumed.stderr);

  // A run from before formats were recorded: refused, and still refused once re-scored (its tools are unknown).
  const { formats: _recorded, ...older } = original;
  await writeFile(manifestFile, JSON.stringify(older));
  const unknown = await cli(['run', '--resume', out, '--no-progress']);
  assert.match(unknown.stderr, /task format 0 and tool output 0; this build uses/);
  assert.equal((await cli(['report', out])).code, 0);
  assert.deepEqual((await readRun(out)).manifest.formats, { task: 0, toolOutput: 0, scoring: now.scoring });
  const stillUnknown = await cli(['run', '--resume', out, '--no-progress']);
  assert.notEqual(stillUnknown.code, 0);
  assert.match(stillUnknown.stderr, /start a new run instead/);
});

test('Ctrl-C stops a run with exit code 130 and leaves it resumable', { timeout: 120_000 }, async (t) => {
  const out = join(await tempDir(t), 'run');
  const child = spawnCli(['run', '--suite', 'basic', '--limit', '40', '--concurrency', '2', '--out', out, '--no-progress']);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const trialsFile = join(out, 'trials.jsonl');
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const size = await stat(trialsFile).then(
      (s) => s.size,
      () => 0,
    );
    if (size > 0) break;
  }
  child.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  assert.equal(code, 130, stderr);
  assert.match(stderr, /--resume/);
  const { manifest, trials } = await readRun(out);
  assert.equal(manifest.sessions[0]!.interrupted, true);
  assert.ok(trials.length < 40);
});

test('shards run apart and merge into one run; report re-scores it and compare ranks runs', { timeout: 180_000 }, async (t) => {
  const dir = await tempDir(t);
  const common = ['run', '--suite', 'basic', '--filter', '/^(dht11|bh1750)/', '--device-speed', '20', '--no-progress'];
  const one = await cli([...common, '--shard', '1/2', '--out', join(dir, 's1')]);
  const two = await cli([...common, '--shard', '2/2', '--out', join(dir, 's2')]);
  assert.equal(one.code, 0, one.stderr);
  assert.equal(two.code, 0, two.stderr);
  const s1 = await readRun(join(dir, 's1'));
  const s2 = await readRun(join(dir, 's2'));
  const ids1 = new Set(s1.trials.map((t) => t.taskId));
  assert.ok(
    s2.trials.every((t) => !ids1.has(t.taskId)),
    'shards share no task',
  );

  const merged = await cli(['merge', join(dir, 'merged'), join(dir, 's1'), join(dir, 's2')]);
  assert.equal(merged.code, 0, merged.stderr);
  const m = await readRun(join(dir, 'merged'));
  assert.equal(m.trials.length, s1.trials.length + s2.trials.length);
  assert.equal(m.summary.counts.recorded, m.trials.length);

  const oracle = await cli([
    'run',
    '--provider',
    'oracle',
    '--suite',
    'basic',
    '--filter',
    '/^(dht11|bh1750)/',
    '--device-speed',
    '20',
    '--no-progress',
    '--out',
    join(dir, 'oracle'),
  ]);
  assert.equal(oracle.code, 0, oracle.stderr);

  const report = await cli(['report', join(dir, 'merged')]);
  assert.equal(report.code, 0, report.stderr);
  assert.match(report.stdout, /success/);

  // `compare results/*/` meets folders that are not runs: they are skipped with a note, not an error.
  await mkdir(join(dir, 'empty'));
  await mkdir(join(dir, 'perf'));
  await writeFile(join(dir, 'perf', 'perf.json'), '{}');
  const board = join(dir, 'board');
  const compare = await cli(['compare', join(dir, 'merged'), join(dir, 'oracle'), join(dir, 'empty'), join(dir, 'perf'), '--out', board]);
  assert.equal(compare.code, 0, compare.stderr);
  assert.match(compare.stderr, /skipped .*empty: not a run directory/);
  assert.match(compare.stderr, /skipped .*perf: not a run directory \(no manifest\.json; it is perf output\)/);
  for (const file of ['leaderboard.md', 'leaderboard.csv', 'leaderboard.json', 'leaderboard.svg', 'leaderboard-cost.svg'])
    assert.ok((await readFile(join(board, file), 'utf8')).length > 0, file);
  assert.match(compare.stdout, /^all runs are over the same \d+ tasks/);
  const lines = compare.stdout.trim().split('\n').slice(2);
  assert.equal(lines.length, 3);
  // A shard alone is over other tasks than the whole: refused, naming the way to compare anyway.
  const mixed = await cli(['compare', join(dir, 's1'), join(dir, 'oracle'), '--out', board]);
  assert.notEqual(mixed.code, 0);
  assert.match(mixed.stderr, /different task sets[\s\S]*--common/);
  const onCommon = await cli(['compare', join(dir, 's1'), join(dir, 'oracle'), '--common', '--out', board]);
  assert.equal(onCommon.code, 0, onCommon.stderr);
  assert.match(onCommon.stdout, /^compared on the \d+ tasks all runs share/);
  const oracleRow = lines.slice(1).find((line) => /oracle/.test(line));
  assert.match(oracleRow ?? '', /100\.0%/, 'the oracle scores 100%');
  // Rows are ranked by success rate: the first row's rate is at least the second's.
  const rateOf = (line: string): number => Number(/(\d+\.\d)% \(/.exec(line)?.[1]);
  assert.ok(rateOf(lines[1]!) >= rateOf(lines[2]!), compare.stdout);
});

test('--min-success fails the command when the success rate is below it', { timeout: 60_000 }, async (t) => {
  const out = join(await tempDir(t), 'run');
  const result = await cli([
    'run',
    '--filter',
    'dht11.living-room-temperature',
    '--device-speed',
    '20',
    '--out',
    out,
    '--no-progress',
    '--min-success',
    '100%',
  ]);
  const { summary } = await readRun(out);
  assert.equal(result.code, summary.success.rate === 1 ? 0 : 1);
});

test('a config file sets the run and flags win over it; bad keys are named', { timeout: 60_000 }, async (t) => {
  const dir = await tempDir(t);
  const config = join(dir, 'bench.json');
  await writeFile(config, JSON.stringify({ provider: 'oracle', filter: 'bh1750.', limit: 3, deviceSpeed: 20 }));
  const out = join(dir, 'run');
  const result = await cli(['run', '--config', config, '--limit', '2', '--out', out, '--no-progress']);
  assert.equal(result.code, 0, result.stderr);
  const { manifest } = await readRun(out);
  assert.equal(manifest.provider.name, 'oracle');
  assert.equal(manifest.dataset.totalTasks, 2);
  assert.ok(manifest.dataset.taskIds.every((id) => id.startsWith('bh1750.')));

  await writeFile(config, JSON.stringify({ provider: 'oracle', concurency: 3 }));
  const bad = await cli(['run', '--config', config, '--out', join(dir, 'bad'), '--no-progress']);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /concurency/);
});

test('a YAML config with several models runs each and compares them; a bad YAML file is named as YAML', { timeout: 120_000 }, async (t) => {
  const dir = await tempDir(t);
  const config = join(dir, 'bench.yaml');
  await writeFile(config, 'provider: adversary\nmodels: [hedge, echo]\nfilter: "dht11.bedroom"\ndeviceSpeed: 50\n');
  const results = join(dir, 'results');
  const result = await cli(['run', '--config', config, '--results-dir', results, '--no-progress']);
  // Both attacks score nothing, which is a finished run that scored trials: exit 0.
  assert.equal(result.code, 0, result.stderr);
  const entries = (await readdir(results)).sort();
  assert.equal(entries.filter((name) => /-adversary-(hedge|echo)-/.test(name)).length, 2, entries.join(', '));
  const board = entries.find((name) => name.startsWith('leaderboard-'));
  assert.ok(board !== undefined, entries.join(', '));
  assert.match(await readFile(join(results, board, 'leaderboard.md'), 'utf8'), /adversary-hedge[\s\S]*adversary-echo|adversary-echo[\s\S]*adversary-hedge/);
  assert.match(result.stdout, /all runs are over the same \d+ tasks/);

  // A --model on the command line wins over the file's list: one run.
  const single = join(dir, 'single');
  const one = await cli(['run', '--config', config, '--model', 'dump', '--results-dir', single, '--no-progress']);
  assert.equal(one.code, 0, one.stderr);
  assert.deepEqual(
    (await readdir(single)).map((name) => /-adversary-(\w+)-/.exec(name)?.[1]),
    ['dump'],
  );

  await writeFile(config, 'provider: adversary\nmodels: [hedge\n');
  const bad = await cli(['run', '--config', config, '--results-dir', results, '--no-progress']);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /--config .*bench\.yaml: not valid YAML/);
});

test('a .env in the working directory supplies variables the shell has not set', { timeout: 60_000 }, async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, '.env'), 'IOTMCP_TEST_KEY=from-dotenv\n');
  await writeFile(join(dir, 'bench.json'), JSON.stringify({ provider: 'openai', apiKeyEnv: 'IOTMCP_TEST_KEY', baseUrl: 'http://127.0.0.1:9/v1', model: 'm' }));
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const { CLI_PATH } = await import('../core/package.js');
  // The key is found (the check then fails on the closed port, not on a missing key).
  const outcome = await promisify(execFile)(process.execPath, [CLI_PATH, 'run', '--config', 'bench.json', '--no-progress'], {
    cwd: dir,
    env: Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'IOTMCP_TEST_KEY')),
  }).then(
    () => ({ code: 0, stderr: '' }),
    (error: { code: number; stderr: string }) => error,
  );
  assert.equal(outcome.code, 2, outcome.stderr);
  assert.match(outcome.stderr, /cannot reach the provider/);
});
