import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import type { ToolDefinition } from '../host/tool-host.js';
import type { Message, ToolCallRequest } from '../results/conversation.js';
import { ProviderError, type TurnRequest } from './provider.js';
import type { Responder, WireReply, WireRequest } from './wire-servers/wire-server.test-helper.js';

/** What the adapters' tests share: two sensor tools, a conversation, and ways to await failures. */

const PLACE = { type: 'string', description: 'Optional place: bedroom, kitchen, living-room. Default: any place.' };

export const TEMPERATURE_TOOL: ToolDefinition = {
  name: 'dht11_read_temperature',
  description: 'DHT11 (air temperature and humidity): read temperature, live.',
  inputSchema: { type: 'object', properties: { place: PLACE }, additionalProperties: false },
};

export const HUMIDITY_TOOL: ToolDefinition = {
  name: 'dht11_read_humidity',
  description: 'DHT11 (air temperature and humidity): read humidity, live.',
  inputSchema: { type: 'object', properties: { place: PLACE }, additionalProperties: false },
};

export const SYSTEM_PROMPT = 'You answer questions about a home from its IoT sensors.';
export const QUESTION = 'What is the temperature in the living room?';

export function turnRequest(overrides: Partial<TurnRequest> = {}): TurnRequest {
  return {
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: QUESTION },
    ],
    tools: [TEMPERATURE_TOOL, HUMIDITY_TOOL],
    toolChoice: 'auto',
    signal: new AbortController().signal,
    ...overrides,
  };
}

/** The conversation after the model made `calls` and the host answered each with `results[i]`. */
export function afterCalls(calls: ToolCallRequest[], results: string[], errors: boolean[] = []): Message[] {
  return [
    ...turnRequest().messages,
    { role: 'assistant', content: '', toolCalls: calls },
    ...calls.map((call, i): Message => ({ role: 'tool', toolCallId: call.id, name: call.name, content: results[i] ?? '', isError: errors[i] ?? false })),
  ];
}

/** A responder giving these replies in turn (the last one again when they run out). */
export function inTurn(...replies: WireReply[]): Responder {
  let next = 0;
  return () => replies[Math.min(next++, replies.length - 1)] as WireReply;
}

/**
 * A responder that never answers, and a promise settled when it is first asked: tests abort or time out
 * only once the request has really reached the server.
 */
export function hanging(): { respond: Responder; reached: Promise<WireRequest> } {
  let reachedServer!: (request: WireRequest) => void;
  const reached = new Promise<WireRequest>((resolve) => (reachedServer = resolve));
  return {
    reached,
    respond: (request) => {
      reachedServer(request);
      return new Promise<WireReply>(() => {});
    },
  };
}

/** The ProviderError a promise rejects with (fails the test when it resolves or throws something else). */
export async function providerErrorOf(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ProviderError, `expected a ProviderError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

/** A port nothing listens on (it was free a moment ago): connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A recorded request body as an object (fails the test otherwise). */
export function bodyOf(recorded: { body: unknown } | undefined): Record<string, unknown> {
  assert.ok(recorded, 'no request was recorded');
  assert.ok(recorded.body !== null && typeof recorded.body === 'object', 'the recorded body is not an object');
  return recorded.body as Record<string, unknown>;
}
