import assert from 'node:assert/strict';
import { describe, type TestContext, test } from 'node:test';
import { createOpenAiProvider } from './openai.js';
import type { ProviderConfig } from './provider.js';
import {
  afterCalls,
  bodyOf,
  closedPort,
  HUMIDITY_TOOL,
  hanging,
  inTurn,
  providerErrorOf,
  QUESTION,
  SYSTEM_PROMPT,
  TEMPERATURE_TOOL,
  turnRequest,
} from './provider-fixtures.test-helper.js';
import { startOpenAiServer } from './wire-servers/openai-server.test-helper.js';
import type { WireServer, WireServerOptions } from './wire-servers/wire-server.test-helper.js';

async function serve(t: TestContext, options: WireServerOptions = {}): Promise<WireServer> {
  const server = await startOpenAiServer(options);
  t.after(() => server.close());
  return server;
}

function provider(server: WireServer, config: Partial<ProviderConfig> = {}) {
  return createOpenAiProvider({ provider: 'openai', model: 'gpt-4o-mini', baseUrl: server.baseUrl, ...config }, {});
}

describe('openai adapter through the official SDK and the OpenAI wire server', () => {
  test('a text answer comes back with its stop reason, the reported model and usage', async (t) => {
    const server = await serve(t, { respond: inTurn({ kind: 'text', text: 'It is 21.5 °C in the living room.' }) });
    const turn = await provider(server).turn(turnRequest());
    assert.equal(turn.content, 'It is 21.5 °C in the living room.');
    assert.deepEqual(turn.toolCalls, []);
    assert.equal(turn.stopReason, 'stop');
    assert.equal(turn.model, 'gpt-4o-mini');
    assert.ok(turn.usage.inputTokens > 0 && turn.usage.outputTokens > 0);

    const body = bodyOf(server.requests[0]);
    assert.equal(server.requests[0]?.path, '/v1/chat/completions');
    assert.deepEqual(body['messages'], [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: QUESTION },
    ]);
  });

  test('a tool call round trip: tools offered, the call read back, its result sent as a tool message', async (t) => {
    // The default responder: it calls the temperature tool for the living room, then repeats the result.
    const server = await serve(t);
    const openai = provider(server);
    const first = await openai.turn(turnRequest());
    assert.equal(first.stopReason, 'tool_calls');
    assert.equal(first.toolCalls.length, 1);
    const call = first.toolCalls[0];
    assert.equal(call?.name, 'dht11_read_temperature');
    assert.equal(call?.arguments, '{"place":"living-room"}');
    assert.ok(call?.id);

    const offered = bodyOf(server.requests[0]);
    assert.deepEqual(offered['tools'], [
      { type: 'function', function: { name: TEMPERATURE_TOOL.name, description: TEMPERATURE_TOOL.description, parameters: TEMPERATURE_TOOL.inputSchema } },
      { type: 'function', function: { name: HUMIDITY_TOOL.name, description: HUMIDITY_TOOL.description, parameters: HUMIDITY_TOOL.inputSchema } },
    ]);
    assert.equal(offered['tool_choice'], 'auto');
    assert.equal(offered['parallel_tool_calls'], true);

    const second = await openai.turn(turnRequest({ messages: afterCalls(first.toolCalls, ['living room: 21.5 °C']) }));
    assert.match(second.content, /living room: 21\.5 °C/);
    assert.deepEqual(second.toolCalls, []);

    const messages = bodyOf(server.requests[1])['messages'] as unknown[];
    assert.deepEqual(messages.slice(2), [
      { role: 'assistant', content: null, tool_calls: [{ id: call?.id, type: 'function', function: { name: call?.name, arguments: call?.arguments } }] },
      { role: 'tool', tool_call_id: call?.id, content: 'living room: 21.5 °C' },
    ]);
  });

  test('parallel tool calls come back in order with their own ids, and their results go back as two tool messages', async (t) => {
    const server = await serve(t, {
      respond: inTurn(
        {
          kind: 'tool-calls',
          calls: [
            { id: 'call_a', name: 'dht11_read_temperature', arguments: '{"place":"kitchen"}' },
            { id: 'call_b', name: 'dht11_read_humidity', arguments: '{"place":"kitchen"}' },
          ],
        },
        { kind: 'text', text: 'done' },
      ),
    });
    const openai = provider(server);
    const turn = await openai.turn(turnRequest());
    assert.deepEqual(turn.toolCalls, [
      { id: 'call_a', name: 'dht11_read_temperature', arguments: '{"place":"kitchen"}' },
      { id: 'call_b', name: 'dht11_read_humidity', arguments: '{"place":"kitchen"}' },
    ]);
    await openai.turn(turnRequest({ messages: afterCalls(turn.toolCalls, ['22 °C', '40 %']) }));
    const tools = (bodyOf(server.requests[1])['messages'] as { role: string }[]).filter((message) => message.role === 'tool');
    assert.deepEqual(tools, [
      { role: 'tool', tool_call_id: 'call_a', content: '22 °C' },
      { role: 'tool', tool_call_id: 'call_b', content: '40 %' },
    ]);
  });

  test('malformed tool-call arguments are passed through exactly as the model wrote them', async (t) => {
    const broken = '{"place": "kitchen",';
    const server = await serve(t, { respond: inTurn({ kind: 'tool-calls', calls: [{ name: 'dht11_read_temperature', arguments: broken }] }) });
    const turn = await provider(server).turn(turnRequest());
    assert.equal(turn.toolCalls[0]?.arguments, broken);
  });

  test('usage with cached tokens and the exact model id the server reports', async (t) => {
    const server = await serve(t, {
      respond: inTurn({ kind: 'text', text: 'ok', model: 'gpt-4o-mini-2024-07-18', usage: { inputTokens: 1234, outputTokens: 56, cachedInputTokens: 1024 } }),
    });
    const turn = await provider(server).turn(turnRequest());
    assert.equal(turn.model, 'gpt-4o-mini-2024-07-18');
    assert.deepEqual(turn.usage, { inputTokens: 1234, outputTokens: 56, cachedInputTokens: 1024 });
  });

  test("toolChoice 'none' still lists the tools and sends tool_choice none", async (t) => {
    const server = await serve(t);
    const turn = await provider(server).turn(turnRequest({ toolChoice: 'none' }));
    assert.deepEqual(turn.toolCalls, []);
    const body = bodyOf(server.requests[0]);
    assert.equal(body['tool_choice'], 'none');
    assert.equal((body['tools'] as unknown[]).length, 2);
  });

  test('no tools: neither tools, tool_choice nor parallel_tool_calls are sent', async (t) => {
    const server = await serve(t, { respond: inTurn({ kind: 'text', text: 'hi' }) });
    await provider(server).turn(turnRequest({ tools: [] }));
    const body = bodyOf(server.requests[0]);
    assert.ok(!('tools' in body) && !('tool_choice' in body) && !('parallel_tool_calls' in body));
  });

  test('seed, temperature and max_tokens are sent when set, and the request seed wins over the configured one', async (t) => {
    const server = await serve(t, { respond: inTurn({ kind: 'text', text: 'ok' }) });
    const openai = provider(server, { seed: 1, temperature: 0.2, maxTokens: 300, headers: { 'x-proxy-auth': 'secret' } });
    await openai.turn(turnRequest({ seed: 7 }));
    const body = bodyOf(server.requests[0]);
    assert.equal(body['seed'], 7);
    assert.equal(body['temperature'], 0.2);
    assert.equal(body['max_tokens'], 300);
    assert.equal(server.requests[0]?.headers['x-proxy-auth'], 'secret');

    await provider(server).turn(turnRequest());
    const bare = bodyOf(server.requests[1]);
    assert.ok(!('seed' in bare) && !('temperature' in bare) && !('max_tokens' in bare));
  });

  test('HTTP 500 is a retryable server error naming provider, status and the server message', async (t) => {
    const server = await serve(t, { respond: inTurn({ kind: 'error', status: 500, message: 'The server had an error' }) });
    const error = await providerErrorOf(provider(server).turn(turnRequest()));
    assert.equal(error.kind, 'server');
    assert.equal(error.details.status, 500);
    assert.equal(error.retryable, true);
    assert.match(error.message, /^openai: HTTP 500: The server had an error/);
  });

  test('429 with Retry-After: 2 is a rate limit asking for 2000 ms', async (t) => {
    const server = await serve(t, { respond: inTurn({ kind: 'error', status: 429, message: 'Rate limit reached', headers: { 'retry-after': '2' } }) });
    const error = await providerErrorOf(provider(server).turn(turnRequest()));
    assert.equal(error.kind, 'rate-limit');
    assert.equal(error.details.retryAfterMs, 2000);
    assert.match(error.message, /429: Rate limit reached/);
  });

  test('429 with retry-after-ms uses the milliseconds', async (t) => {
    const server = await serve(t, { respond: inTurn({ kind: 'error', status: 429, headers: { 'retry-after-ms': '350', 'retry-after': '1' } }) });
    const error = await providerErrorOf(provider(server).turn(turnRequest()));
    assert.equal(error.details.retryAfterMs, 350);
  });

  test('a wrong key is an auth error (401), not retried', async (t) => {
    const server = await serve(t, { apiKey: 'sk-right' });
    const error = await providerErrorOf(provider(server, { apiKey: 'sk-wrong' }).turn(turnRequest()));
    assert.equal(error.kind, 'auth');
    assert.equal(error.details.status, 401);
    assert.equal(error.retryable, false);
    assert.match(error.message, /Incorrect API key/);
  });

  test('other 4xx are bad requests', async (t) => {
    const server = await serve(t, { respond: inTurn({ kind: 'error', status: 400, message: "Invalid 'messages'" }) });
    const error = await providerErrorOf(provider(server).turn(turnRequest()));
    assert.equal(error.kind, 'bad-request');
    assert.equal(error.retryable, false);
  });

  test('connection refused is a network error', async () => {
    const port = await closedPort();
    const openai = createOpenAiProvider({ provider: 'openai', baseUrl: `http://127.0.0.1:${port}/v1` }, {});
    const error = await providerErrorOf(openai.turn(turnRequest()));
    assert.equal(error.kind, 'network');
    assert.match(error.message, /ECONNREFUSED/);
  });

  test('aborting the signal aborts the request', async (t) => {
    const { respond, reached } = hanging();
    const server = await serve(t, { respond });
    const controller = new AbortController();
    const pending = provider(server).turn(turnRequest({ signal: controller.signal }));
    await reached;
    controller.abort();
    const error = await providerErrorOf(pending);
    assert.equal(error.kind, 'aborted');
    assert.equal(error.retryable, false);
  });

  test('a request slower than timeoutMs is a timeout', async (t) => {
    const server = await serve(t, { respond: hanging().respond });
    const error = await providerErrorOf(provider(server, { timeoutMs: 150 }).turn(turnRequest()));
    assert.equal(error.kind, 'timeout');
    assert.equal(error.retryable, true);
  });

  test('a 200 without choices is a malformed response', async (t) => {
    const server = await serve(t, { respond: inTurn({ kind: 'raw', body: '{"id":"chatcmpl-1","object":"chat.completion","model":"m"}' }) });
    const error = await providerErrorOf(provider(server).turn(turnRequest()));
    assert.equal(error.kind, 'malformed-response');
  });

  test('a 200 whose body is not JSON is a malformed response', async (t) => {
    const server = await serve(t, { respond: inTurn({ kind: 'raw', body: '<html>proxy says hello' }) });
    const error = await providerErrorOf(provider(server).turn(turnRequest()));
    assert.equal(error.kind, 'malformed-response');
  });

  test('keys: a base URL without a key sends a placeholder; neither key nor base URL is a clear error', async (t) => {
    const server = await serve(t, { respond: inTurn({ kind: 'text', text: 'ok' }) });
    await provider(server).turn(turnRequest());
    assert.equal(server.requests[0]?.headers.authorization, 'Bearer no-key-needed');

    await createOpenAiProvider({ provider: 'openai', baseUrl: server.baseUrl }, { OPENAI_API_KEY: 'sk-env' }).turn(turnRequest());
    assert.equal(server.requests[1]?.headers.authorization, 'Bearer sk-env');

    assert.throws(
      () => createOpenAiProvider({ provider: 'openai' }, {}),
      (error: Error & { kind?: string }) => error.kind === 'auth' && /OPENAI_API_KEY/.test(error.message),
    );
  });

  test('identity: name, kind, model, label and parallel tool calls', () => {
    const openai = createOpenAiProvider({ provider: 'openai', model: 'gpt-4o-mini', apiKey: 'sk-x' }, {});
    assert.deepEqual(
      { name: openai.name, kind: openai.kind, model: openai.model, label: openai.label, parallel: openai.parallelToolCalls },
      { name: 'openai', kind: 'llm', model: 'gpt-4o-mini', label: 'openai gpt-4o-mini', parallel: true },
    );
  });
});
