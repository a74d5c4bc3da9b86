import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startOpenAiServer } from '../bench/providers/wire-servers/openai-server.test-helper.js';
import { scriptedToolUser } from '../bench/providers/wire-servers/scripted-tool-user.test-helper.js';
import type { WireReply, WireRequest } from '../bench/providers/wire-servers/wire-server.test-helper.js';
import { cli, readRun } from './run-command.test-helper.js';

// The whole `run` command against a local server that speaks OpenAI's chat completions wire format, reached
// through the official openai SDK exactly as a vLLM, llama.cpp or LM Studio server would be.

test('run --provider openai --base-url works against any OpenAI-compatible server', { timeout: 120_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'iotmcp-openai-'));
  const server = await startOpenAiServer({ respond: scriptedToolUser });
  t.after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });
  const out = join(dir, 'run');
  const result = await cli([
    'run',
    '--provider',
    'openai',
    '--base-url',
    server.baseUrl,
    '--model',
    'local-qwen',
    '--filter',
    'dht11',
    '--limit',
    '6',
    '--out',
    out,
    '--no-progress',
    '--temperature',
    '0',
  ]);
  assert.equal(result.code, 0, result.stderr);
  const { manifest, trials, summary } = await readRun(out);
  assert.equal(manifest.provider.name, 'openai');
  assert.equal(manifest.provider.reportedModel, 'local-qwen');
  assert.equal(manifest.provider.baseUrl, server.baseUrl);
  assert.equal(trials.length, 6);
  for (const trial of trials) {
    assert.notEqual(trial.outcome, 'error', trial.error?.message);
    assert.ok(trial.usage.inputTokens > 0 && trial.usage.outputTokens > 0);
    assert.ok(trial.toolCalls.length >= 1, 'the scripted model called a tool');
    assert.equal(trial.costUsd, null, 'a model missing from the price table is not priced');
  }
  assert.ok(summary.tokens.input > 0);
  assert.equal(summary.cost.usd, null);
  // Every chat request carried the tools and the trial's seed, as the SDK sends them.
  const bodies = server.requests.map((request) => request.body as { tools?: unknown[]; seed?: number; temperature?: number });
  assert.ok(bodies.every((body) => (body.tools?.length ?? 0) === 82));
  assert.ok(bodies.every((body) => typeof body.seed === 'number' && body.temperature === 0));
});

test('provider errors are infrastructure errors, and --retry-errors re-runs only those trials', { timeout: 120_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'iotmcp-retry-'));
  let failing = true;
  const respond = (request: WireRequest): WireReply =>
    failing && /bedroom/i.test(request.lastUserText) ? { kind: 'error', status: 503, message: 'overloaded' } : scriptedToolUser(request);
  const server = await startOpenAiServer({ respond });
  t.after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });
  const out = join(dir, 'run');
  const args = [
    'run',
    '--provider',
    'openai',
    '--base-url',
    server.baseUrl,
    '--model',
    'm',
    '--filter',
    'dht11.',
    '--suite',
    'basic',
    '--retries',
    '0',
    '--out',
    out,
    '--no-progress',
  ];
  const first = await cli(args);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /--retry-errors/);
  const before = await readRun(out);
  const errors = before.trials.filter((trial) => trial.outcome === 'error');
  assert.ok(errors.length > 0, 'some trials hit the 503');
  assert.ok(errors.every((trial) => trial.error?.type === 'provider-error' && trial.score === null));
  assert.equal(before.summary.counts.error, errors.length);
  assert.equal(before.summary.success.n, before.trials.length - errors.length, 'errors are not scored');

  failing = false;
  const again = await cli(['run', '--resume', out, '--retry-errors', '--no-progress']);
  assert.equal(again.code, 0, again.stderr);
  const after = await readRun(out);
  assert.equal(after.trials.length, before.trials.length + errors.length, 'only the errored trials ran again');
  assert.equal(after.summary.counts.error, 0);
  assert.equal(after.summary.counts.recorded, before.trials.length);
});
