import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { startAnthropicServer } from './anthropic-server.test-helper.js';
import { startOllamaServer } from './ollama-server.test-helper.js';
import { startOpenAiServer } from './openai-server.test-helper.js';
import type { WireServer } from './wire-server.test-helper.js';

/** The servers as any HTTP client sees them: bad input gets the provider's error shape and breaks nothing. */

async function keep(t: TestContext, server: Promise<WireServer>): Promise<WireServer> {
  const started = await server;
  t.after(() => started.close());
  return started;
}

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; text: string }> {
  const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

const ANTHROPIC_HEADERS = { 'anthropic-version': '2026-10-21', 'x-api-key': 'k' };
const ask = (extra: Record<string, unknown> = {}) => JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }], ...extra });

test('invalid JSON, a wrong route and a missing model get 4xx in each provider’s error shape, and are recorded', async (t) => {
  const openai = await keep(t, startOpenAiServer());
  const bad = await post(`${openai.baseUrl}/chat/completions`, '{not json');
  assert.equal(bad.status, 400);
  assert.equal(typeof JSON.parse(bad.text).error.message, 'string');
  assert.equal((await post(`${openai.baseUrl}/completions`, ask())).status, 404);
  assert.equal((await post(`${openai.baseUrl}/chat/completions`, JSON.stringify({ messages: [] }))).status, 400);
  assert.deepEqual(
    openai.requests.map((request) => request.body),
    ['{not json', JSON.parse(ask()), { messages: [] }],
  );

  const anthropic = await keep(t, startAnthropicServer());
  const noModel = JSON.parse((await post(`${anthropic.baseUrl}/v1/messages`, JSON.stringify({ max_tokens: 5, messages: [] }), ANTHROPIC_HEADERS)).text);
  assert.equal(noModel.type, 'error');
  assert.equal(noModel.error.type, 'invalid_request_error');

  const ollama = await keep(t, startOllamaServer());
  const notFound = await post(`${ollama.baseUrl}/api/generate`, ask());
  assert.equal(notFound.status, 404);
  assert.equal(typeof JSON.parse(notFound.text).error, 'string');
});

test('the Anthropic server wants its version header and max_tokens, and refuses sampling parameters at 2026-10-21', async (t) => {
  const server = await keep(t, startAnthropicServer());
  const url = `${server.baseUrl}/v1/messages`;
  const noVersion = await post(url, ask({ max_tokens: 10 }), { 'x-api-key': 'k' });
  assert.equal(noVersion.status, 400);
  assert.match(JSON.parse(noVersion.text).error.message, /anthropic-version/);
  assert.equal((await post(url, ask(), ANTHROPIC_HEADERS)).status, 400, 'max_tokens is required');
  const sampling = await post(url, ask({ max_tokens: 10, temperature: 0 }), ANTHROPIC_HEADERS);
  assert.equal(sampling.status, 400);
  assert.match(JSON.parse(sampling.text).error.message, /temperature/);
  assert.equal((await post(url, ask({ max_tokens: 10, temperature: 0 }), { ...ANTHROPIC_HEADERS, 'anthropic-version': '2023-06-01' })).status, 200);
});

test('Ollama streams newline-delimited JSON unless told stream: false', async (t) => {
  const server = await keep(t, startOllamaServer({ respond: () => ({ kind: 'text', text: 'hello' }) }));
  const streamed = await post(`${server.baseUrl}/api/chat`, ask());
  assert.equal(streamed.type, 'application/x-ndjson');
  const lines = streamed.text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { done: boolean; message: { content: string } });
  assert.deepEqual(
    lines.map((line) => [line.done, line.message.content]),
    [
      [false, 'hello'],
      [true, ''],
    ],
  );

  const whole = JSON.parse((await post(`${server.baseUrl}/api/chat`, ask({ stream: false }))).text);
  assert.deepEqual([whole.done, whole.message.content, whole.model], [true, 'hello', 'm']);
  assert.ok(whole.prompt_eval_count > 0 && whole.eval_count > 0);
});

test('a responder that throws gets a 500, and the server goes on answering', async (t) => {
  let calls = 0;
  const server = await keep(
    t,
    startOpenAiServer({
      respond: () => {
        calls += 1;
        if (calls === 1) throw new Error('responder bug');
        return { kind: 'text', text: 'fine' };
      },
    }),
  );
  const failed = await post(`${server.baseUrl}/chat/completions`, ask());
  assert.equal(failed.status, 500);
  assert.match(JSON.parse(failed.text).error.message, /responder bug/);
  const next = JSON.parse((await post(`${server.baseUrl}/chat/completions`, ask())).text);
  assert.equal(next.choices[0].message.content, 'fine');
});

test('close() returns while a responder still holds a request', async () => {
  let reached!: () => void;
  const held = new Promise<void>((resolve) => (reached = resolve));
  const server = await startOpenAiServer({
    respond: () => {
      reached();
      return new Promise(() => {});
    },
  });
  const pending = post(`${server.baseUrl}/chat/completions`, ask()).catch((error: unknown) => error);
  await held;
  await server.close();
  assert.ok((await pending) instanceof Error, 'the held request fails once the server is closed');
});
