import assert from 'node:assert/strict';
import { describe, type TestContext, test } from 'node:test';
import { createAnthropicProvider, toAnthropicMessages } from './anthropic.js';
import type { ProviderConfig } from './provider.js';
import {
  afterCalls,
  bodyOf,
  closedPort,
  hanging,
  inTurn,
  providerErrorOf,
  QUESTION,
  SYSTEM_PROMPT,
  TEMPERATURE_TOOL,
  turnRequest,
} from './provider-fixtures.test-helper.js';
import { startAnthropicServer } from './wire-servers/anthropic-server.test-helper.js';
import type { WireServer, WireServerOptions } from './wire-servers/wire-server.test-helper.js';

async function serve(t: TestContext, options: WireServerOptions = {}): Promise<WireServer> {
  const server = await startAnthropicServer(options);
  t.after(() => server.close());
  return server;
}

function provider(server: WireServer, config: Partial<ProviderConfig> = {}) {
  return createAnthropicProvider({ provider: 'anthropic', model: 'claude-haiku-4-5', baseUrl: server.baseUrl, ...config }, {});
}

describe('anthropic adapter through the official SDK and the Anthropic wire server', () => {
  test('a text answer: system prompt apart, max_tokens defaulted, no seed or temperature sent', async (t) => {
    const server = await serve(t, { respond: inTurn({ kind: 'text', text: 'It is 21.5 °C.' }) });
    const turn = await provider(server, { temperature: 0.3, seed: 9 }).turn(turnRequest({ seed: 9 }));
    assert.equal(turn.content, 'It is 21.5 °C.');
    assert.deepEqual(turn.toolCalls, []);
    assert.equal(turn.stopReason, 'end_turn');
    assert.equal(turn.model, 'claude-haiku-4-5');
    assert.ok(turn.usage.inputTokens > 0 && turn.usage.outputTokens > 0);

    const recorded = server.requests[0];
    assert.equal(recorded?.path, '/v1/messages');
    assert.ok(recorded?.headers['anthropic-version']);
    const body = bodyOf(recorded);
    assert.equal(body['system'], SYSTEM_PROMPT);
    assert.deepEqual(body['messages'], [{ role: 'user', content: QUESTION }]);
    assert.equal(body['max_tokens'], 1024);
    assert.ok(!('seed' in body) && !('temperature' in body));
  });

  test('a tool call round trip: tools offered with input_schema, tool_use read back, tool_result sent back', async (t) => {
    const server = await serve(t); // the default responder calls the temperature tool, then repeats the result
    const anthropic = provider(server, { maxTokens: 200 });
    const first = await anthropic.turn(turnRequest());
    assert.equal(first.stopReason, 'tool_use');
    const call = first.toolCalls[0];
    assert.equal(first.toolCalls.length, 1);
    assert.equal(call?.name, 'dht11_read_temperature');
    assert.equal(call?.arguments, '{"place":"living-room"}');
    assert.match(call?.id ?? '', /^toolu_/);

    const offered = bodyOf(server.requests[0]);
    assert.equal(offered['max_tokens'], 200);
    assert.deepEqual((offered['tools'] as unknown[])[0], {
      name: TEMPERATURE_TOOL.name,
      description: TEMPERATURE_TOOL.description,
      input_schema: TEMPERATURE_TOOL.inputSchema,
    });
    assert.deepEqual(offered['tool_choice'], { type: 'auto' });

    const second = await anthropic.turn(turnRequest({ messages: afterCalls(first.toolCalls, ['living room: 21.5 °C']) }));
    assert.match(second.content, /living room: 21\.5 °C/);
    assert.deepEqual((bodyOf(server.requests[1])['messages'] as unknown[]).slice(1), [
      { role: 'assistant', content: [{ type: 'tool_use', id: call?.id, name: call?.name, input: { place: 'living-room' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: call?.id, content: 'living room: 21.5 °C' }] },
    ]);
  });

  test('parallel tool_use blocks; their results merge into one user message, errors flagged is_error', async (t) => {
    const server = await serve(t, {
      respond: inTurn(
        {
          kind: 'tool-calls',
          text: 'Reading both.',
          calls: [
            { id: 'toolu_a', name: 'dht11_read_temperature', arguments: '{"place":"kitchen"}' },
            { id: 'toolu_b', name: 'dht11_read_humidity', arguments: '{"place":"kitchen"}' },
          ],
        },
        { kind: 'text', text: 'done' },
      ),
    });
    const anthropic = provider(server);
    const turn = await anthropic.turn(turnRequest());
    assert.equal(turn.content, 'Reading both.');
    assert.deepEqual(turn.toolCalls, [
      { id: 'toolu_a', name: 'dht11_read_temperature', arguments: '{"place":"kitchen"}' },
      { id: 'toolu_b', name: 'dht11_read_humidity', arguments: '{"place":"kitchen"}' },
    ]);
    await anthropic.turn(turnRequest({ messages: afterCalls(turn.toolCalls, ['22 °C', 'device offline'], [false, true]) }));
    const messages = bodyOf(server.requests[1])['messages'] as unknown[];
    assert.equal(messages.length, 3);
    assert.deepEqual(messages[2], {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_a', content: '22 °C' },
        { type: 'tool_result', tool_use_id: 'toolu_b', content: 'device offline', is_error: true },
      ],
    });
  });

  test('input a broken server sent as text is passed through raw', async (t) => {
    const broken = '{"place": "kitchen",';
    const server = await serve(t, { respond: inTurn({ kind: 'tool-calls', calls: [{ name: 'dht11_read_temperature', arguments: broken }] }) });
    const turn = await provider(server).turn(turnRequest());
    assert.equal(turn.toolCalls[0]?.arguments, broken);
  });

  test('usage counts cache reads inside input tokens, and the exact model id the server reports', async (t) => {
    const server = await serve(t, {
      respond: inTurn({ kind: 'text', text: 'ok', model: 'claude-haiku-4-5-20251001', usage: { inputTokens: 200, outputTokens: 30, cachedInputTokens: 1000 } }),
    });
    const turn = await provider(server).turn(turnRequest());
    assert.equal(turn.model, 'claude-haiku-4-5-20251001');
    assert.deepEqual(turn.usage, { inputTokens: 1200, outputTokens: 30, cachedInputTokens: 1000 });
  });

  test("toolChoice 'none' sends tool_choice {type: none} and still lists the tools", async (t) => {
    const server = await serve(t);
    const turn = await provider(server).turn(turnRequest({ toolChoice: 'none' }));
    assert.deepEqual(turn.toolCalls, []);
    const body = bodyOf(server.requests[0]);
    assert.deepEqual(body['tool_choice'], { type: 'none' });
    assert.equal((body['tools'] as unknown[]).length, 2);
  });

  test('HTTP 500 is a server error with the message from the Anthropic error body', async (t) => {
    const server = await serve(t, { respond: inTurn({ kind: 'error', status: 500, message: 'Internal server error' }) });
    const error = await providerErrorOf(provider(server).turn(turnRequest()));
    assert.equal(error.kind, 'server');
    assert.equal(error.details.status, 500);
    assert.equal(error.message, 'anthropic: HTTP 500: Internal server error');
  });

  test('529 overloaded is a retryable server error', async (t) => {
    const server = await serve(t, { respond: inTurn({ kind: 'error', status: 529, message: 'Overloaded' }) });
    const error = await providerErrorOf(provider(server).turn(turnRequest()));
    assert.equal(error.kind, 'server');
    assert.equal(error.retryable, true);
  });

  test('429 with Retry-After: 2 is a rate limit asking for 2000 ms', async (t) => {
    const server = await serve(t, {
      respond: inTurn({ kind: 'error', status: 429, message: 'Number of requests has exceeded your rate limit', headers: { 'retry-after': '2' } }),
    });
    const error = await providerErrorOf(provider(server).turn(turnRequest()));
    assert.equal(error.kind, 'rate-limit');
    assert.equal(error.details.retryAfterMs, 2000);
    assert.match(error.message, /rate limit/);
  });

  test('a wrong key is an auth error (401)', async (t) => {
    const server = await serve(t, { apiKey: 'sk-ant-right' });
    const error = await providerErrorOf(provider(server, { apiKey: 'sk-ant-wrong' }).turn(turnRequest()));
    assert.equal(error.kind, 'auth');
    assert.equal(error.details.status, 401);
    assert.match(error.message, /invalid x-api-key/);

    await provider(server, { apiKey: 'sk-ant-right' }).turn(turnRequest());
    assert.equal(server.requests.length, 2);
  });

  test('connection refused is a network error', async () => {
    const port = await closedPort();
    const anthropic = createAnthropicProvider({ provider: 'anthropic', baseUrl: `http://127.0.0.1:${port}` }, {});
    const error = await providerErrorOf(anthropic.turn(turnRequest()));
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
    assert.equal((await providerErrorOf(pending)).kind, 'aborted');
  });

  test('a request slower than timeoutMs is a timeout', async (t) => {
    const server = await serve(t, { respond: hanging().respond });
    const error = await providerErrorOf(provider(server, { timeoutMs: 150 }).turn(turnRequest()));
    assert.equal(error.kind, 'timeout');
  });

  test('a 200 without content blocks is a malformed response', async (t) => {
    const server = await serve(t, { respond: inTurn({ kind: 'raw', body: '{"id":"msg_1","type":"message","role":"assistant","model":"m"}' }) });
    const error = await providerErrorOf(provider(server).turn(turnRequest()));
    assert.equal(error.kind, 'malformed-response');
  });

  test('keys: absent is a clear error for a remote URL, a placeholder for a local server', () => {
    assert.throws(
      () => createAnthropicProvider({ provider: 'anthropic' }, {}),
      (error: Error & { kind?: string }) => error.kind === 'auth' && /ANTHROPIC_API_KEY/.test(error.message),
    );
    assert.throws(() => createAnthropicProvider({ provider: 'anthropic', baseUrl: 'https://proxy.example.com' }, {}));
    assert.doesNotThrow(() => createAnthropicProvider({ provider: 'anthropic', baseUrl: 'http://localhost:8080' }, {}));
    assert.doesNotThrow(() => createAnthropicProvider({ provider: 'anthropic' }, { ANTHROPIC_API_KEY: 'sk-ant-env' }));
  });

  test('identity: name, kind, model, label and parallel tool calls', () => {
    const anthropic = createAnthropicProvider({ provider: 'anthropic', model: 'claude-sonnet-4-6', apiKey: 'k' }, {});
    assert.deepEqual(
      { name: anthropic.name, kind: anthropic.kind, model: anthropic.model, label: anthropic.label, parallel: anthropic.parallelToolCalls },
      { name: 'anthropic', kind: 'llm', model: 'claude-sonnet-4-6', label: 'anthropic claude-sonnet-4-6', parallel: true },
    );
  });
});

describe('conversation to Anthropic messages', () => {
  test('system messages join the system prompt; empty assistant turns are left out; text and calls share a turn', () => {
    const { system, messages } = toAnthropicMessages([
      { role: 'system', content: 'one' },
      { role: 'system', content: 'two' },
      { role: 'user', content: 'q' },
      { role: 'assistant', content: '', toolCalls: [] },
      { role: 'assistant', content: 'let me look', toolCalls: [{ id: 't1', name: 'x', arguments: 'not json' }] },
      { role: 'tool', toolCallId: 't1', name: 'x', content: 'r', isError: false },
      { role: 'user', content: 'and now?' },
    ]);
    assert.equal(system, 'one\n\ntwo');
    assert.deepEqual(messages, [
      { role: 'user', content: 'q' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'let me look' },
          { type: 'tool_use', id: 't1', name: 'x', input: {} },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'r' }] },
      { role: 'user', content: 'and now?' },
    ]);
  });
});
