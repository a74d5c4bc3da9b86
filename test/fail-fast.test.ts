import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startOpenAiServer } from '../bench/providers/wire-servers/openai-server.test-helper.js';
import { scriptedToolUser } from '../bench/providers/wire-servers/scripted-tool-user.test-helper.js';
import type { WireReply, WireRequest } from '../bench/providers/wire-servers/wire-server.test-helper.js';
import { SUITE_FILES } from '../tasks/load.js';
import { cli, readRun } from './run-command.test-helper.js';

/**
 * A run that cannot measure anything says why within seconds and exits non-zero, and a refused run leaves
 * nothing behind: a dead endpoint, a refused key, a bad task file; a provider that dies mid-run stops the
 * run after a few failures in a row, resumable.
 */

async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'iotmcp-failfast-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('a closed port stops the run within seconds with the cause, exit 2, and no run folder', { timeout: 60_000 }, async (t) => {
  const dir = await tempDir(t);
  const results = join(dir, 'results');
  const started = performance.now();
  const result = await cli(
    [
      'run',
      '--provider',
      'openai',
      '--base-url',
      `http://127.0.0.1:${await closedPort()}/v1`,
      '--model',
      'm',
      '--limit',
      '20',
      '--results-dir',
      results,
      '--no-progress',
    ],
    { env: { OPENAI_API_KEY: 'sk-test' } },
  );
  const seconds = (performance.now() - started) / 1000;
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, /cannot reach the provider openai at http:\/\/127\.0\.0\.1:\d+\/v1/);
  assert.match(result.stderr, /hint: is the server running\?/);
  assert.ok(seconds < 15, `took ${seconds.toFixed(1)} s`);
  assert.deepEqual(await readdir(results).catch(() => []), [], 'a refused run writes nothing');
});

test('a refused key and an unknown model are named before the first trial', { timeout: 60_000 }, async (t) => {
  const dir = await tempDir(t);
  const refuse = (status: number, message: string) => (): WireReply => ({ kind: 'error', status, message });
  for (const [status, message, expected] of [
    [401, 'Incorrect API key provided', /refused the credentials \(401\)/],
    [404, 'The model `nope` does not exist', /does not know the model "nope"/],
  ] as const) {
    const server = await startOpenAiServer({ respond: refuse(status, message) });
    t.after(() => server.close());
    const result = await cli(
      ['run', '--provider', 'openai', '--base-url', server.baseUrl, '--model', 'nope', '--limit', '5', '--results-dir', join(dir, 'results'), '--no-progress'],
      { env: { OPENAI_API_KEY: 'sk-test' } },
    );
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, expected);
    assert.equal(server.requests.length, 1, 'one check request, not one per trial, and never retried');
  }
  assert.deepEqual(await readdir(join(dir, 'results')).catch(() => []), []);
});

test('run refuses what tasks validate refuses, naming the task and field, before writing anything', { timeout: 60_000 }, async (t) => {
  const dir = await tempDir(t);
  const results = join(dir, 'results');
  const line = (await readFile(SUITE_FILES.basic, 'utf8')).split('\n')[0]!;
  const task = JSON.parse(line) as { id: string; sensors: string[] };
  const cases: [string, string, RegExp][] = [
    ['unknown-sensor.jsonl', JSON.stringify({ ...task, sensors: ['NOPE-9'] }), new RegExp(`${task.id.replace(/\./g, '\\.')}.*sensors`)],
    ['duplicate.jsonl', `${line}\n${line}`, /duplicate id/],
    ['empty.jsonl', '', /no task in/],
  ];
  for (const [name, content, expected] of cases) {
    const file = join(dir, name);
    await writeFile(file, content);
    const result = await cli(['run', '--tasks', file, '--results-dir', results, '--no-progress']);
    assert.equal(result.code, 2, `${name}: ${result.stderr}`);
    assert.match(result.stderr, expected, name);
  }
  assert.deepEqual(await readdir(results).catch(() => []), [], 'no folder is left behind');
});

test('a provider that fails every trial the same way stops the run after a few in a row: exit 3, resumable', { timeout: 90_000 }, async (t) => {
  const dir = await tempDir(t);
  // The check before the first trial passes; every trial after it gets a 503.
  const respond = (request: WireRequest): WireReply =>
    request.index === 0 ? scriptedToolUser(request) : { kind: 'error', status: 503, message: 'overloaded' };
  const server = await startOpenAiServer({ respond });
  t.after(() => server.close());
  const out = join(dir, 'run');
  const result = await cli(
    [
      'run',
      '--provider',
      'openai',
      '--base-url',
      server.baseUrl,
      '--model',
      'm',
      '--suite',
      'basic',
      '--retries',
      '0',
      '--concurrency',
      '2',
      '--max-consecutive-errors',
      '4',
      '--out',
      out,
      '--no-progress',
    ],
    { env: { OPENAI_API_KEY: 'sk-test' } },
  );
  assert.equal(result.code, 3, result.stderr);
  assert.match(result.stderr, /stopped: 4 trials in a row ended in provider-error \(last: .*overloaded/);
  assert.match(result.stderr, /--resume .* --retry-errors/);
  const { trials, summary } = await readRun(out);
  assert.ok(trials.length >= 4 && trials.length < 20, `${trials.length} trials recorded before it stopped`);
  assert.equal(summary.counts.scored, 0);
  assert.ok(summary.counts.planned > trials.length, 'the rest stays to do');
});
