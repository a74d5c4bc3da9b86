import { type ChatResponse, Ollama, type Message as OllamaMessage, type Options, type Tool } from 'ollama';
import type { ToolDefinition } from '../host/tool-host.js';
import type { Message, ModelTurn, ToolCallRequest } from '../results/conversation.js';
import { type Provider, type ProviderConfig, ProviderError, type TurnRequest } from './provider.js';
import { abortedError, type HeaderLookup, httpError, malformedResponse, serverMessageOf, timeoutError, unexpectedError } from './provider-errors.js';
import { argumentsObject, argumentsText } from './tool-arguments.js';

/**
 * Ollama's chat API through the official client, not streamed. Ollama hands tool arguments over as objects
 * and gives calls no ids, so the adapter serialises the one and numbers the other (`call_<n>`, counting
 * every call of the conversation, so ids never repeat within a trial).
 */

const PROVIDER = 'ollama';
export const DEFAULT_OLLAMA_MODEL = 'llama3.1';
export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';

export function createOllamaProvider(config: ProviderConfig, env: NodeJS.ProcessEnv = process.env): Provider {
  const model = config.model ?? DEFAULT_OLLAMA_MODEL;
  const host = config.baseUrl ?? (env['OLLAMA_HOST']?.trim() || undefined) ?? DEFAULT_OLLAMA_HOST;

  return {
    name: PROVIDER,
    kind: 'llm',
    model,
    label: `${PROVIDER} ${model}`,
    // Ollama returns several tool_calls in one message for the models that make them.
    parallelToolCalls: true,
    async turn(request: TurnRequest): Promise<ModelTurn> {
      const options: Partial<Options> = {};
      const seed = request.seed ?? config.seed;
      if (seed !== undefined) options.seed = seed;
      if (config.temperature !== undefined) options.temperature = config.temperature;
      if (config.maxTokens !== undefined) options.num_predict = config.maxTokens;
      const offerTools = request.toolChoice !== 'none' && request.tools.length > 0;

      // The client aborts only streamed requests and keeps no response headers, so each request gets its
      // own client whose fetch carries this turn's signal (plus the timeout) and remembers the headers
      // (a 429's Retry-After).
      const timeout = config.timeoutMs === undefined ? null : AbortSignal.timeout(config.timeoutMs);
      const signal = timeout === null ? request.signal : AbortSignal.any([request.signal, timeout]);
      let headers: HeaderLookup | null = null;
      const client = new Ollama({
        host,
        ...(config.headers === undefined ? {} : { headers: config.headers }),
        fetch: async (input, init) => {
          const response = await fetch(input, { ...init, signal });
          headers = response.headers;
          return response;
        },
      });

      let response: ChatResponse;
      try {
        response = await client.chat({
          model,
          messages: request.messages.map(toOllamaMessage),
          stream: false,
          ...(offerTools ? { tools: request.tools.map(toOllamaTool) } : {}),
          ...(Object.keys(options).length > 0 ? { options } : {}),
        });
      } catch (error) {
        if (request.signal.aborted) throw abortedError(PROVIDER, error);
        if (timeout?.aborted) throw timeoutError(PROVIDER, config.timeoutMs, error);
        throw toProviderError(error, host, headers);
      }
      return readResponse(response, model, toolCallsSoFar(request.messages));
    },
  };
}

function toOllamaTool(tool: ToolDefinition): Tool {
  return {
    type: 'function',
    // The client's type for parameters is narrower than JSON Schema; the server takes any schema.
    function: { name: tool.name, description: tool.description, parameters: tool.inputSchema } as Tool['function'],
  };
}

function toOllamaMessage(message: Message): OllamaMessage {
  switch (message.role) {
    case 'system':
    case 'user':
      return { role: message.role, content: message.content };
    case 'assistant':
      if (message.toolCalls.length === 0) return { role: 'assistant', content: message.content };
      return {
        role: 'assistant',
        content: message.content,
        tool_calls: message.toolCalls.map((call) => ({ function: { name: call.name, arguments: argumentsObject(call.arguments) } })),
      };
    case 'tool':
      return { role: 'tool', content: message.content, tool_name: message.name };
  }
}

function toolCallsSoFar(messages: readonly Message[]): number {
  let count = 0;
  for (const message of messages) if (message.role === 'assistant') count += message.toolCalls.length;
  return count;
}

function readResponse(response: ChatResponse, asked: string, firstCallNumber: number): ModelTurn {
  const message: unknown = (response as Partial<ChatResponse> | null)?.message;
  if (message === null || typeof message !== 'object') throw malformedResponse(PROVIDER, 'no message');
  const { content, tool_calls: calls } = message as Partial<OllamaMessage>;
  if (calls !== undefined && calls !== null && !Array.isArray(calls)) throw malformedResponse(PROVIDER, 'tool_calls is not a list');
  const toolCalls = (calls ?? []).map((call: unknown, index): ToolCallRequest => {
    const fn = call !== null && typeof call === 'object' ? (call as { function?: { name?: unknown; arguments?: unknown } }).function : undefined;
    if (typeof fn?.name !== 'string' || fn.name === '') throw malformedResponse(PROVIDER, `tool call ${index} has no function name`);
    return { id: `call_${firstCallNumber + index}`, name: fn.name, arguments: argumentsText(fn.arguments) ?? '{}' };
  });
  return {
    content: typeof content === 'string' ? content : '',
    toolCalls,
    // Ollama leaves prompt_eval_count out when the whole prompt came from its cache.
    usage: { inputTokens: numberOr0(response.prompt_eval_count), outputTokens: numberOr0(response.eval_count) },
    model: typeof response.model === 'string' && response.model !== '' ? response.model : asked,
    stopReason: typeof response.done_reason === 'string' && response.done_reason !== '' ? response.done_reason : 'stop',
  };
}

function numberOr0(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** The client throws a `ResponseError` (not exported) for HTTP failures, and fetch's own errors otherwise. */
function toProviderError(error: unknown, host: string, headers: HeaderLookup | null): ProviderError {
  if (error instanceof ProviderError) return error;
  const status = (error as { status_code?: unknown } | null)?.status_code;
  if (typeof status === 'number') {
    return httpError(PROVIDER, status, serverMessageOf((error as { error?: unknown }).error), headers, error);
  }
  return unexpectedError(PROVIDER, host, error);
}
