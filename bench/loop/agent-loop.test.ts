import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startTestSystem } from '../../system/test-system.test-helper.js';
import type { Task } from '../../tasks/schema.js';
import { sampleTask } from '../../tasks/task-fixtures.test-helper.js';
import { connectToolHost } from '../host/connect.js';
import type { ToolHost } from '../host/tool-host.js';
import type { SensorToolOutput } from '../mcp/tool-result.js';
import { type Provider, ProviderError, type TurnRequest } from '../providers/provider.js';
import type { RetryPolicy } from '../providers/retry.js';
import type { ModelTurn, Usage } from '../results/conversation.js';
import type { Agent, ReferenceAgent, TrialPlayer } from './agent.js';
import { runTrial, type TrialContext } from './agent-loop.js';
import { costOf, type PriceTable } from './prices.js';
import { ResponseCache } from './response-cache.js';
import { DEFAULT_SYSTEM_PROMPT } from './system-prompt.js';

/** One scripted turn: a fixed turn, an error to throw, or a function of the request. */
type Step = ModelTurn | Error | ((request: TurnRequest) => ModelTurn | Promise<ModelTurn>);

/** Turns from a list (the last step repeats), recording every request. */
class Script implements TrialPlayer {
  readonly requests: TurnRequest[] = [];
  readonly times: number[] = [];

  constructor(private readonly steps: Step[]) {}

  async turn(request: TurnRequest): Promise<ModelTurn> {
    this.requests.push(request);
    this.times.push(performance.now());
    const step = this.steps[Math.min(this.requests.length, this.steps.length) - 1]!;
    if (step instanceof Error) throw step;
    return typeof step === 'function' ? step(request) : step;
  }
}

/** A language model's provider whose turns come from a script. */
class ScriptedProvider extends Script implements Provider {
  readonly name = 'openai';
  readonly kind = 'llm';
  readonly label = 'scripted';
  readonly parallelToolCalls = true;

  constructor(
    script: Step[],
    readonly model = 'gpt-4o-mini',
  ) {
    super(script);
  }
}

/** A reference agent whose turns come from a script, recording the task each trial was started with. */
class ScriptedAgent extends Script implements ReferenceAgent {
  readonly name = 'baseline';
  readonly kind = 'baseline';
  readonly model = 'rules-v1';
  readonly label = 'scripted';
  readonly parallelToolCalls = true;
  readonly tasks: Task[] = [];

  startTrial(task: Task): TrialPlayer {
    this.tasks.push(task);
    return this;
  }
}

function turn(
  content: string,
  calls: [id: string, name: string, args: string | object][] = [],
  usage: Usage = { inputTokens: 100, outputTokens: 20 },
): ModelTurn {
  return {
    content,
    toolCalls: calls.map(([id, name, args]) => ({ id, name, arguments: typeof args === 'string' ? args : JSON.stringify(args) })),
    usage,
    model: 'gpt-4o-mini-2024-07-18',
    stopReason: calls.length > 0 ? 'tool_calls' : 'stop',
  };
}

const READ_BEDROOM = turn('', [['c1', 'dht11_read_temperature', { place: 'bedroom' }]]);

/** The answer to sampleTask() from the reading this trial's call returned (`wrongBy` degrees F off). */
function answerFromReading(wrongBy = 0): (request: TurnRequest) => ModelTurn {
  return (request) => {
    const output = request.results?.get('c1') as SensorToolOutput | undefined;
    const celsius = output?.readings[0]?.values.temperature;
    assert.equal(typeof celsius, 'number', 'the reading reached the provider through request.results');
    const fahrenheit = ((celsius as number) * 9) / 5 + 32 + wrongBy;
    const verdict = (celsius as number) > 20 ? 'above' : 'below';
    return turn(`The bedroom is ${fahrenheit.toFixed(1)} °F, which is ${verdict} 20 °C.`, [], { inputTokens: 150, outputTokens: 30, cachedInputTokens: 100 });
  };
}

const PRICES: PriceTable = {
  date: '2026-11-01',
  source: 'test',
  currency: 'USD',
  freeProviders: ['baseline', 'oracle'],
  models: { 'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 } },
};

const FAST_RETRY: RetryPolicy = { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 4 };

let host: ToolHost;
let closeSystem: () => Promise<void>;

before(async () => {
  const started = await startTestSystem();
  closeSystem = started.close;
  host = await connectToolHost({ transport: 'memory', architecture: 'gateway', datapool: started.system.server.datapool });
});

after(async () => {
  await host?.close();
  await closeSystem?.();
});

function context(agent: Agent, overrides: Partial<TrialContext> = {}): TrialContext {
  return {
    task: sampleTask(),
    trial: 0,
    agent,
    host,
    seed: 11,
    signal: new AbortController().signal,
    trialTimeoutMs: 10_000,
    callTimeoutMs: 5_000,
    retry: FAST_RETRY,
    prices: PRICES,
    cache: null,
    speed: 1,
    ...overrides,
  };
}

test('a two-step trial makes a complete record, judged by the scorer', async () => {
  const provider = new ScriptedProvider([READ_BEDROOM, answerFromReading()]);
  const record = await runTrial(context(provider));
  const task = sampleTask();

  assert.equal(record.outcome, 'success', JSON.stringify(record.score?.failures));
  assert.equal(record.score?.success, true);
  assert.equal(record.error, undefined);
  assert.equal(record.key, `${task.id}#0`);
  assert.deepEqual(record.task, { suite: 'basic', parent: null, variant: null, style: null, category: 'single-read', sensors: ['DHT11'], places: ['bedroom'] });
  assert.deepEqual(record.provider, { name: 'openai', model: 'gpt-4o-mini', kind: 'llm', reportedModel: 'gpt-4o-mini-2024-07-18' });
  assert.deepEqual(record.world, task.world);
  assert.equal(record.seed, 11);
  assert.equal(record.steps, 2);
  assert.match(record.answer ?? '', /°F, which is (above|below) 20 °C/);

  assert.deepEqual(
    record.messages.map((message) => message.role),
    ['system', 'user', 'assistant', 'tool', 'assistant'],
  );
  assert.deepEqual(record.messages[0], { role: 'system', content: DEFAULT_SYSTEM_PROMPT });
  assert.deepEqual(record.messages[1], { role: 'user', content: task.prompt });
  const toolMessage = record.messages[3]!;
  assert.ok(toolMessage.role === 'tool' && toolMessage.toolCallId === 'c1' && !toolMessage.isError);
  assert.match(toolMessage.content, /^DHT11 on esp32c6-bedroom/);

  assert.equal(record.toolCalls.length, 1);
  const call = record.toolCalls[0]!;
  assert.equal(call.step, 0);
  assert.deepEqual(call.args, { place: 'bedroom' });
  assert.equal(call.sensor, 'DHT11');
  assert.equal(call.tool, 'read_temperature');
  assert.equal(call.result?.isError, false);
  assert.equal((call.result!.structured as unknown as SensorToolOutput).mcu, 'esp32c6-bedroom');
  assert.ok(call.sent !== undefined && call.received !== undefined && call.received > call.sent);
  assert.ok(call.latency !== undefined && Math.abs(call.latency.totalMs - (call.received - call.sent)) < 1e-6);
  assert.equal(typeof call.latency.datapoolMs, 'number', 'the breakdown used the structured timing');

  const usage = { inputTokens: 250, outputTokens: 50, cachedInputTokens: 100 };
  assert.deepEqual(record.usage, usage);
  assert.equal(record.costUsd, costOf(PRICES, 'gpt-4o-mini-2024-07-18', usage));
  assert.ok(record.costUsd !== null && record.costUsd > 0);

  const { timing } = record;
  assert.ok(timing.toolMs >= call.latency.totalMs - 1e-6 && timing.toolMs > 0);
  assert.ok(Math.abs(timing.totalMs - (timing.llmMs + timing.toolMs + timing.harnessMs)) < 1e-6);
  assert.ok(!Number.isNaN(Date.parse(timing.startedAt)));
  assert.equal(record.retries, 0);

  const [first, second] = provider.requests;
  assert.equal(first?.toolChoice, 'auto');
  assert.equal(second?.toolChoice, 'auto');
  assert.equal(first?.seed, 11);
  assert.ok(!('task' in first!), 'a language model never sees the task');
  assert.equal(first?.messages.length, 2);
  assert.ok(first!.tools.some((tool) => tool.name === 'dht11_read_temperature'));
  assert.deepEqual(Object.keys(first!.tools[0]!).sort(), ['description', 'inputSchema', 'name']);
});

test('a wrong answer makes the trial a failure, not an error', async () => {
  const record = await runTrial(context(new ScriptedProvider([READ_BEDROOM, answerFromReading(15)])));
  assert.equal(record.outcome, 'failure');
  assert.ok(record.score?.failures.includes('wrong-answer'));
  assert.equal(record.score?.calls.ok, true);
});

test('the calls of one turn run in parallel and all their results reach the next turn', async () => {
  const parallel = turn('', [
    ['c1', 'dht11_read_temperature', { place: 'bedroom' }],
    ['c2', 'list_devices', {}],
  ]);
  const provider = new ScriptedAgent([parallel, answerFromReading()]);
  const record = await runTrial(context(provider));
  assert.equal(record.outcome, 'success', JSON.stringify(record.score?.failures));
  const [read, list] = record.toolCalls;
  assert.equal(read?.step, 0);
  assert.equal(list?.step, 0);
  assert.equal(list?.sensor, null);
  assert.equal(list?.latency, undefined, 'fleet tools have no sensor latency');
  assert.ok(list!.sent! < read!.received! && read!.sent! < list!.received!, 'the two calls overlapped');
  const span = Math.max(read!.received!, list!.received!) - Math.min(read!.sent!, list!.sent!);
  assert.ok(Math.abs(record.timing.toolMs - span) < 1e-6, 'parallel calls count once, by their span');
  assert.deepEqual(
    record.messages.slice(3, 5).map((m) => (m.role === 'tool' ? m.toolCallId : m.role)),
    ['c1', 'c2'],
  );

  const results = provider.requests[1]?.results;
  assert.equal((results!.get('c1') as unknown as SensorToolOutput).sensor, 'DHT11');
  assert.equal(results?.get('c2'), null, 'fleet tools have no structured result');
  assert.equal(provider.tasks[0]?.id, sampleTask().id, 'reference agents get the task');
  assert.equal(record.messages[0]?.role, 'system', 'the system prompt is recorded for every kind');
  assert.equal(record.costUsd, 0, 'reference agents cost nothing');
});

test('malformed arguments and unknown tools are refused without being sent, and told to the model', async () => {
  const bad = turn('', [
    ['c1', 'dht11_read_temperature', '{"place": "bedroom"'],
    ['c2', 'dht11_read_temperature', '["bedroom"]'],
    ['c3', 'dht11_read_temperatur', { place: 'bedroom' }],
  ]);
  const provider = new ScriptedProvider([bad, turn('It is 70 °F, above 20 °C.')]);
  const record = await runTrial(context(provider));
  const [unparsable, array, unknown] = record.toolCalls;

  assert.match(unparsable?.malformed ?? '', /^arguments are not a JSON object: /);
  assert.equal(unparsable?.args, null);
  assert.equal(unparsable?.sensor, 'DHT11', 'the tool is known even when its arguments are not');
  assert.match(array?.malformed ?? '', /not a JSON object: an array/);
  assert.equal(unknown?.malformed, 'unknown tool "dht11_read_temperatur"');
  assert.equal(unknown?.sensor, null);
  assert.deepEqual(unknown?.args, { place: 'bedroom' });
  for (const call of record.toolCalls) {
    assert.equal(call.result, null);
    assert.equal(call.sent, undefined, `${call.id} was not sent`);
  }

  const messages = record.messages.filter((message) => message.role === 'tool');
  assert.equal(messages.length, 3);
  assert.ok(messages.every((message) => message.role === 'tool' && message.isError));
  assert.match(messages[0]!.content, /^error: arguments are not a JSON object: /);
  assert.match(messages[2]!.content, /^unknown tool "dht11_read_temperatur"; did you mean "dht11_read_temperature"/);
  assert.equal(record.outcome, 'failure');
  assert.ok(record.score?.failures.includes('malformed-call'));
  assert.equal(record.timing.toolMs, 0);
});

test('the turn after the step budget forbids tools; calls asked for anyway are recorded over budget, not run', async () => {
  const task: Task = { ...sampleTask(), expect: { ...sampleTask().expect, max_steps: 1 } };
  const again = turn('', [['c2', 'dht11_read_temperature', { place: 'bedroom' }]]);
  const provider = new ScriptedProvider([READ_BEDROOM, again]);
  const record = await runTrial(context(provider, { task }));

  assert.deepEqual(
    provider.requests.map((request) => request.toolChoice),
    ['auto', 'none'],
  );
  assert.ok(provider.requests[1]!.tools.length > 0, 'tools are still listed on the answering turn');
  assert.equal(record.steps, 2);
  assert.equal(record.answer, null);
  assert.equal(record.toolCalls.length, 2);
  const over = record.toolCalls[1]!;
  assert.equal(over.overBudget, true);
  assert.equal(over.step, 1);
  assert.equal(over.result, null);
  assert.equal(over.sent, undefined);
  assert.equal(record.outcome, 'failure');
  assert.ok(record.score?.failures.includes('step-budget-exceeded'));
});

test('a rate-limited turn is retried after its Retry-After and the retry is counted', async () => {
  const provider = new ScriptedProvider([
    new ProviderError('rate-limit', 'too many requests', { status: 429, retryAfterMs: 40 }),
    READ_BEDROOM,
    answerFromReading(),
  ]);
  const record = await runTrial(context(provider));
  assert.equal(record.outcome, 'success');
  assert.equal(record.retries, 1);
  assert.equal(provider.requests.length, 3);
  assert.ok(provider.times[1]! - provider.times[0]! >= 39, `retried after ${provider.times[1]! - provider.times[0]!} ms`);
  assert.ok(record.timing.llmMs >= 39, 'the wait counts as provider time');
});

test('a provider still failing after the retries ends the trial as a provider error', async () => {
  const provider = new ScriptedProvider([new ProviderError('server', 'bad gateway', { status: 502 })]);
  const record = await runTrial(context(provider, { retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 } }));
  assert.equal(record.outcome, 'error');
  assert.equal(record.error?.type, 'provider-error');
  assert.match(record.error?.message ?? '', /HTTP 502.*after 2 retries.*bad gateway/);
  assert.equal(record.retries, 2);
  assert.equal(provider.requests.length, 3);
  assert.equal(record.score, null);
  assert.equal(record.steps, 0);

  const refused = await runTrial(context(new ScriptedProvider([new ProviderError('auth', 'invalid key', { status: 401 })])));
  assert.equal(refused.error?.type, 'provider-error');
  assert.equal(refused.retries, 0, 'auth errors are not retried');
});

test('a trial that runs out of time is a trial-timeout error, whether or not the provider heeds the signal', async () => {
  const deaf = new ScriptedProvider([() => new Promise<ModelTurn>(() => {})]);
  const heeding = new ScriptedProvider([
    READ_BEDROOM,
    (request) =>
      new Promise<ModelTurn>((_, reject) =>
        request.signal.addEventListener('abort', () => reject(new ProviderError('aborted', 'request aborted')), { once: true }),
      ),
  ]);
  for (const provider of [deaf, heeding]) {
    const started = performance.now();
    const record = await runTrial(context(provider, { trialTimeoutMs: 150 }));
    assert.equal(record.outcome, 'error');
    assert.equal(record.error?.type, 'trial-timeout');
    assert.match(record.error?.message ?? '', /150 ms/);
    assert.ok(performance.now() - started < 2000, 'the trial stopped soon after its timeout');
  }
});

test('Ctrl-C rejects the trial with an AbortError instead of recording it', async () => {
  const controller = new AbortController();
  const provider = new ScriptedProvider([
    () => {
      setImmediate(() => controller.abort());
      return new Promise<ModelTurn>(() => {});
    },
  ]);
  await assert.rejects(runTrial(context(provider, { signal: controller.signal })), { name: 'AbortError' });
  const untouched = new ScriptedProvider([turn('never')]);
  await assert.rejects(runTrial(context(untouched, { signal: controller.signal })), { name: 'AbortError' });
  assert.equal(untouched.requests.length, 0, 'an interrupted run starts no more trials');
});

test('the response cache replays an identical request of the same trial and never another trial', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'iotmcp-loop-cache-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const cache = new ResponseCache(dir, { temperature: 0 });
  const answer = turn('I cannot read sensors today.', [], { inputTokens: 80, outputTokens: 9 });

  const first = new ScriptedProvider([answer]);
  const original = await runTrial(context(first, { cache }));
  assert.equal(first.requests.length, 1);

  const replay = new ScriptedProvider([turn('a different answer')]);
  const replayed = await runTrial(context(replay, { cache }));
  assert.equal(replay.requests.length, 0, 'served from the cache');
  assert.equal(replayed.answer, original.answer);
  assert.deepEqual(replayed.usage, original.usage);
  assert.equal(replayed.provider.reportedModel, 'gpt-4o-mini-2024-07-18');

  const another = new ScriptedProvider([turn('a fresh sample')]);
  const repeated = await runTrial(context(another, { cache, trial: 1 }));
  assert.equal(another.requests.length, 1, 'another trial index asks the model again');
  assert.equal(repeated.answer, 'a fresh sample');

  const baseline = new ScriptedAgent([turn('rule answer')]);
  await runTrial(context(baseline, { cache }));
  await runTrial(context(baseline, { cache }));
  assert.equal(baseline.requests.length, 2, 'reference agents are never cached');
});

// Last: it closes the shared host (closing twice is harmless), which saves connecting a second one.
test('a tool host whose transport is gone ends the trial as a transport error', async () => {
  await host.close();
  const record = await runTrial(context(new ScriptedProvider([READ_BEDROOM, turn('done')])));
  assert.equal(record.outcome, 'error');
  assert.equal(record.error?.type, 'transport-error');
  assert.match(record.error?.message ?? '', /^dht11_read_temperature: /);
  assert.equal(record.toolCalls[0]?.result, null);
  assert.equal(typeof record.toolCalls[0]?.transportError, 'string');
  assert.equal(record.steps, 1);
  assert.equal(record.score, null);
});
