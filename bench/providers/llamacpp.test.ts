import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { TINY_GGUF_CALL, TINY_GGUF_NAME, writeTinyGguf } from '../../scripts/make-tiny-gguf.js';
import type { ToolDefinition } from '../host/tool-host.js';
import type { Message } from '../results/conversation.js';
import { createLlamaCppProvider } from './llamacpp.js';
import { ProviderError } from './provider.js';

const SKIP = process.env.IOTMCP_SKIP_LLAMACPP === '1' ? 'IOTMCP_SKIP_LLAMACPP=1: not running llama.cpp (nor installing node-llama-cpp)' : false;
// The first run installs node-llama-cpp from the npm registry (~85 MB); later runs find it in the cache.
const INSTALL_TIMEOUT_MS = 10 * 60_000;

const READ_SENSOR: ToolDefinition = {
  name: TINY_GGUF_CALL.name,
  description: 'Read the temperature sensor at a place.',
  inputSchema: {
    type: 'object',
    properties: { place: { type: 'string', description: 'Where, e.g. kitchen' } },
    required: ['place'],
    additionalProperties: false,
  },
};

async function rejectsWithBadRequest(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ProviderError, `expected a ProviderError, got ${String(error)}`);
    assert.equal(error.kind, 'bad-request');
    assert.match(error.message, pattern);
    return true;
  });
}

describe('a model file that cannot work is refused before anything is installed or loaded', () => {
  test('a missing model file names the path', async () => {
    const missing = path.join(tmpdir(), 'iotmcp-no-such-model.gguf');
    await rejectsWithBadRequest(createLlamaCppProvider({ provider: 'llamacpp', modelPath: missing }), /model file not found: .*iotmcp-no-such-model\.gguf/);
  });

  test('no model file at all says how to give one', async () => {
    await rejectsWithBadRequest(createLlamaCppProvider({ provider: 'llamacpp', model: 'llama3' }), /--model-path/);
  });

  test('a file that is not GGUF is named as such', async (t) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'iotmcp-llamacpp-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'notes.gguf');
    await writeFile(file, 'just some text');
    await rejectsWithBadRequest(createLlamaCppProvider({ provider: 'llamacpp', model: file }), /is not a GGUF model/);
  });
});

describe('the tiny GGUF model through node-llama-cpp', { skip: SKIP, timeout: INSTALL_TIMEOUT_MS }, () => {
  test('answers a turn with its tool call, then a text answer, and closes', async (t) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'iotmcp-llamacpp-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const modelPath = path.join(dir, 'tiny.gguf');
    await writeTinyGguf(modelPath);

    // One thread: the model is tiny, and more threads than idle cores slow llama.cpp down many times over.
    const provider = await createLlamaCppProvider({ provider: 'llamacpp', modelPath, maxTokens: 64 }, { threads: 1 });
    let closed = false;
    t.after(() => (closed ? undefined : provider.close()));
    assert.equal(provider.name, 'llamacpp');
    assert.equal(provider.kind, 'llm');
    assert.equal(provider.model, TINY_GGUF_NAME);
    assert.equal(provider.label, `llamacpp ${TINY_GGUF_NAME}`);
    assert.equal(provider.parallelToolCalls, false);

    const messages: Message[] = [
      { role: 'system', content: 'You answer with the tools.' },
      { role: 'user', content: 'What is the temperature in the kitchen?' },
    ];
    const first = await provider.turn({ messages, tools: [READ_SENSOR], toolChoice: 'auto', signal: AbortSignal.timeout(60_000) });
    assert.equal(typeof first.content, 'string');
    assert.deepEqual(first.toolCalls, [{ id: 'llamacpp_1', name: TINY_GGUF_CALL.name, arguments: JSON.stringify(TINY_GGUF_CALL.arguments) }]);
    assert.equal(first.stopReason, 'functionCalls');
    assert.equal(first.model, TINY_GGUF_NAME);
    assert.ok(first.usage.inputTokens > 0, `input tokens ${first.usage.inputTokens}`);
    assert.ok(first.usage.outputTokens > 0, `output tokens ${first.usage.outputTokens}`);

    // The call's result goes back in; with toolChoice 'none' the model gets no functions and must answer in text.
    messages.push(
      { role: 'assistant', content: first.content, toolCalls: first.toolCalls },
      { role: 'tool', toolCallId: 'llamacpp_1', name: TINY_GGUF_CALL.name, content: '{"temperature_c":21.5}', isError: false },
    );
    const last = await provider.turn({ messages, tools: [READ_SENSOR], toolChoice: 'none', signal: AbortSignal.timeout(60_000) });
    assert.deepEqual(last.toolCalls, []);
    assert.ok(last.content.length > 0, 'a text answer');
    assert.ok(last.usage.outputTokens > 0);

    // Concurrent trials share the one context sequence: their turns queue and both complete.
    const fresh = messages.slice(0, 2);
    const both = await Promise.all(
      [1, 2].map(() => provider.turn({ messages: fresh, tools: [READ_SENSOR], toolChoice: 'auto', signal: AbortSignal.timeout(60_000) })),
    );
    assert.deepEqual(
      both.map((turn) => turn.toolCalls.map((call) => call.id)),
      [['llamacpp_2'], ['llamacpp_3']],
    );

    const aborted = new AbortController();
    aborted.abort();
    await assert.rejects(provider.turn({ messages, tools: [READ_SENSOR], toolChoice: 'auto', signal: aborted.signal }), (error: unknown) => {
      return error instanceof ProviderError && error.kind === 'aborted';
    });

    await provider.close();
    closed = true;
    await rejectsWithBadRequest(provider.turn({ messages, tools: [], toolChoice: 'auto', signal: AbortSignal.timeout(1000) }), /closed/);
  });

  test('a corrupt GGUF file is a bad-request saying it could not be loaded', async (t) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'iotmcp-llamacpp-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const modelPath = path.join(dir, 'corrupt.gguf');
    // A valid header (GGUF v3, one tensor, one key) whose first key claims to be exabytes long.
    const header = Buffer.alloc(24);
    header.write('GGUF', 0, 'latin1');
    header.writeUInt32LE(3, 4);
    header.writeBigUInt64LE(1n, 8);
    header.writeBigUInt64LE(1n, 16);
    await writeFile(modelPath, Buffer.concat([header, Buffer.alloc(40, 0xff)]));
    await rejectsWithBadRequest(createLlamaCppProvider({ provider: 'llamacpp', modelPath }, { threads: 1 }), /could not load the model .*corrupt\.gguf/);
  });
});
