import assert from 'node:assert/strict';
import { describe, type TestContext, test } from 'node:test';
import { createOllamaProvider } from './ollama.js';
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
import { startOllamaServer } from './wire-servers/ollama-server.test-helper.js';
import type { WireServer, WireServerOptions } from './wire-servers/wire-server.test-helper.js';

async function serve(t: TestContext, options: WireServerOptions = {}): Promise<WireServer> {
  const server = await startOllamaServer(options);
  t.after(() => server.close());
  return server;
}

function provider(server: WireServer, config: Partial<ProviderConfig> = {}) {
  return createOllamaProvider({ provider: 'ollama', model: 'qwen2.5:7b', baseUrl: server.baseUrl, ...config }, {});
}

describe('ollama adapter through the official client and the Ollama wire server', () => {
  test('a text answer, not streamed, with the reported model and usage from the eval counts', async (t) => {
    const server = await serve(t, { respond: inTurn({ kind: 'text', text: 'It is 21.5 °C.', usage: { inputTokens: 321, outputTokens: 12 } }) });
    const turn = await provider(server).turn(turnRequest());
    assert.equal(turn.content, 'It is 21.5 °C.');
    assert.deepEqual(turn.toolCalls, []);
    assert.equal(turn.model, 'qwen2.5:7b');
    assert.equal(turn.stopReason, 'stop');
    assert.deepEqual(turn.usage, { inputTokens: 321, outputTokens: 12 });

    const body = bodyOf(server.requests[0]);
    assert.equal(server.requests[0]?.path, '/api/chat');
    assert.equal(body['stream'], false);
    assert.deepEqual(body['messages'], [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: QUESTION },
    ]);
    assert.ok(!('options' in body));
  });

  test('a tool call round trip: arguments object to JSON text, ids call_<n>, results sent with tool_name', async (t) => {
    const server = await serve(t); // the default responder calls the temperature tool, then repeats the result
    const ollama = provider(server);
    const first = await ollama.turn(turnRequest());
    assert.deepEqual(first.toolCalls, [{ id: 'call_0', name: 'dht11_read_temperature', arguments: '{"place":"living-room"}' }]);

    const offered = bodyOf(server.requests[0]);
    assert.deepEqual((offered['tools'] as unknown[])[0], {
      type: 'function',
      function: { name: TEMPERATURE_TOOL.name, description: TEMPERATURE_TOOL.description, parameters: TEMPERATURE_TOOL.inputSchema },
    });

    const second = await ollama.turn(turnRequest({ messages: afterCalls(first.toolCalls, ['living room: 21.5 °C']) }));
    assert.match(second.content, /living room: 21\.5 °C/);
    assert.deepEqual((bodyOf(server.requests[1])['messages'] as unknown[]).slice(2), [
      { role: 'assistant', content: '', tool_calls: [{ function: { name: 'dht11_read_temperature', arguments: { place: 'living-room' } } }] },
      { role: 'tool', content: 'living room: 21.5 °C', tool_name: 'dht11_read_temperature' },
    ]);
  });

  test('several calls in one turn get ids that continue the conversation’s count, so they never repeat', async (t) => {
    const twoCalls = {
      kind: 'tool-calls' as const,
      calls: [
        { name: 'dht11_read_temperature', arguments: '{"place":"kitchen"}' },
        { name: 'dht11_read_humidity', arguments: '{}' },
      ],
    };
    const server = await serve(t, { respond: inTurn(twoCalls) });
    const ollama = provider(server);
    const first = await ollama.turn(turnRequest());
    assert.deepEqual(
      first.toolCalls.map((call) => [call.id, call.name, call.arguments]),
      [
        ['call_0', 'dht11_read_temperature', '{"place":"kitchen"}'],
        ['call_1', 'dht11_read_humidity', '{}'],
      ],
    );
    const second = await ollama.turn(turnRequest({ messages: afterCalls(first.toolCalls, ['22 °C', '40 %']) }));
    assert.deepEqual(
      second.toolCalls.map((call) => call.id),
      ['call_2', 'call_3'],
    );
  });

  test('arguments a broken server sent as a string are passed through raw', async (t) => {
    const broken = '{"place": "kitchen",';
    const server = await serve(t, { respond: inTurn({ kind: 'tool-calls', calls: [{ name: 'dht11_read_temperature', arguments: broken }] }) });
    const turn = await provider(server).turn(turnRequest());
    assert.equal(turn.toolCalls[0]?.arguments, broken);
  });

  test("toolChoice 'none' sends no tools", async (t) => {
    const server = await serve(t);
    const turn = await provider(server).turn(turnRequest({ toolChoice: 'none' }));
    assert.deepEqual(turn.toolCalls, []);
    assert.ok(!('tools' in bodyOf(server.requests[0])));
  });

  test('seed, temperature and max tokens go in options (seed, temperature, num_predict); the model id as reported', async (t) => {
    const server = await serve(t, { respond: inTurn({ kind: 'text', text: 'ok', model: 'qwen2.5:7b-instruct-q4_K_M' }) });
    const turn = await provider(server, { temperature: 0, seed: 3, maxTokens: 256, headers: { 'x-proxy-auth': 'secret' } }).turn(turnRequest());
    assert.equal(turn.model, 'qwen2.5:7b-instruct-q4_K_M');
    assert.deepEqual(bodyOf(server.requests[0])['options'], { seed: 3, temperature: 0, num_predict: 256 });
    assert.equal(server.requests[0]?.headers['x-proxy-auth'], 'secret');
  });

  test('HTTP 500 is a server error with the server message', async (t) => {
    const server = await serve(t, { respond: inTurn({ kind: 'error', status: 500, message: 'llama runner process has terminated' }) });
    const error = await providerErrorOf(provider(server).turn(turnRequest()));
    assert.equal(error.kind, 'server');
    assert.equal(error.details.status, 500);
    assert.equal(error.message, 'ollama: HTTP 500: llama runner process has terminated');
  });

  test('429 with Retry-After: 2 is a rate limit asking for 2000 ms', async (t) => {
    const server = await serve(t, { respond: inTurn({ kind: 'error', status: 429, message: 'too many requests', headers: { 'retry-after': '2' } }) });
    const error = await providerErrorOf(provider(server).turn(turnRequest()));
    assert.equal(error.kind, 'rate-limit');
    assert.equal(error.details.retryAfterMs, 2000);
  });

  test('401 is an auth error; 404 (model not pulled) a bad request', async (t) => {
    const server = await serve(t, { apiKey: 'right' });
    const auth = await providerErrorOf(provider(server, { headers: { authorization: 'Bearer wrong' } }).turn(turnRequest()));
    assert.equal(auth.kind, 'auth');

    const missing = await serve(t, { respond: inTurn({ kind: 'error', status: 404, message: "model 'nope' not found" }) });
    const error = await providerErrorOf(provider(missing).turn(turnRequest()));
    assert.equal(error.kind, 'bad-request');
    assert.match(error.message, /model 'nope' not found/);
  });

  test('connection refused is a network error', async () => {
    const port = await closedPort();
    const ollama = createOllamaProvider({ provider: 'ollama', baseUrl: `http://127.0.0.1:${port}` }, {});
    const error = await providerErrorOf(ollama.turn(turnRequest()));
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

  test('a 200 without a message is a malformed response', async (t) => {
    const server = await serve(t, { respond: inTurn({ kind: 'raw', body: '{"model":"m","done":true}' }) });
    const error = await providerErrorOf(provider(server).turn(turnRequest()));
    assert.equal(error.kind, 'malformed-response');
  });

  test('the host: the base URL, else OLLAMA_HOST', async (t) => {
    const server = await serve(t, { respond: inTurn({ kind: 'text', text: 'ok' }) });
    const nowhere = `http://127.0.0.1:${await closedPort()}`;
    const fromEnv = createOllamaProvider({ provider: 'ollama' }, { OLLAMA_HOST: nowhere });
    const error = await providerErrorOf(fromEnv.turn(turnRequest()));
    assert.equal(error.kind, 'network');
    assert.ok(error.message.includes(nowhere), error.message);

    const configured = createOllamaProvider({ provider: 'ollama', baseUrl: server.baseUrl }, { OLLAMA_HOST: nowhere });
    assert.equal((await configured.turn(turnRequest())).content, 'ok');
    assert.equal(bodyOf(server.requests[0])['model'], 'llama3.1');
  });

  test('identity: name, kind, model, label and parallel tool calls', () => {
    const ollama = createOllamaProvider({ provider: 'ollama', model: 'llama3.1:8b' }, {});
    assert.deepEqual(
      { name: ollama.name, kind: ollama.kind, model: ollama.model, label: ollama.label, parallel: ollama.parallelToolCalls },
      { name: 'ollama', kind: 'llm', model: 'llama3.1:8b', label: 'ollama llama3.1:8b', parallel: true },
    );
  });
});
