import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
  ChatCompletionMessageToolCall,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import type { ToolDefinition } from '../host/tool-host.js';
import type { Message, ModelTurn, ToolCallRequest } from '../results/conversation.js';
import { type Provider, type ProviderConfig, ProviderError, type TurnRequest } from './provider.js';
import { abortedError, httpError, malformedResponse, networkError, serverMessageOf, timeoutError, unexpectedError } from './provider-errors.js';
import { argumentsText } from './tool-arguments.js';

/**
 * OpenAI's Chat Completions API through the official SDK, and with `baseUrl` any server that speaks it
 * (vLLM, llama.cpp's server, LM Studio, OpenRouter). The SDK never retries: the agent loop does, so a
 * retry is visible in the trial record and honours the server's Retry-After.
 */

const PROVIDER = 'openai';
export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';
export const OPENAI_API_URL = 'https://api.openai.com/v1';
/** Local servers ignore the key, but the SDK will not start without one. */
const PLACEHOLDER_KEY = 'no-key-needed';

export function createOpenAiProvider(config: ProviderConfig, env: NodeJS.ProcessEnv = process.env): Provider {
  const model = config.model ?? DEFAULT_OPENAI_MODEL;
  const customUrl = config.baseUrl ?? (env['OPENAI_BASE_URL']?.trim() || undefined);
  const baseURL = customUrl ?? OPENAI_API_URL;
  const apiKey = config.apiKey ?? (env['OPENAI_API_KEY']?.trim() || undefined) ?? (customUrl === undefined ? undefined : PLACEHOLDER_KEY);
  if (apiKey === undefined) {
    throw new ProviderError('auth', 'openai: no API key: set OPENAI_API_KEY (or give a key), or a base URL for a local server', {
      provider: PROVIDER,
    });
  }
  const client = new OpenAI({
    apiKey,
    baseURL,
    maxRetries: 0,
    ...(config.timeoutMs === undefined ? {} : { timeout: config.timeoutMs }),
    ...(config.headers === undefined ? {} : { defaultHeaders: config.headers }),
  });
  // OpenAI's own API refuses max_tokens for its reasoning models; the servers that copy the API all know
  // max_tokens, not all know its successor.
  const maxTokensField = customUrl === undefined ? 'max_completion_tokens' : 'max_tokens';

  return {
    name: PROVIDER,
    kind: 'llm',
    model,
    label: `${PROVIDER} ${model}`,
    parallelToolCalls: true,
    async turn(request: TurnRequest): Promise<ModelTurn> {
      const body: ChatCompletionCreateParamsNonStreaming = { model, messages: request.messages.map(toOpenAiMessage) };
      if (request.tools.length > 0) {
        body.tools = request.tools.map(toOpenAiTool);
        body.tool_choice = request.toolChoice;
        body.parallel_tool_calls = true;
      }
      const seed = request.seed ?? config.seed;
      if (seed !== undefined) body.seed = seed;
      if (config.temperature !== undefined) body.temperature = config.temperature;
      if (config.maxTokens !== undefined) body[maxTokensField] = config.maxTokens;

      let completion: ChatCompletion;
      try {
        completion = await client.chat.completions.create(body, { signal: request.signal });
      } catch (error) {
        throw toProviderError(error, request.signal, baseURL, config.timeoutMs);
      }
      return readCompletion(completion, model);
    },
  };
}

function toOpenAiTool(tool: ToolDefinition): ChatCompletionTool {
  return { type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.inputSchema } };
}

function toOpenAiMessage(message: Message): ChatCompletionMessageParam {
  switch (message.role) {
    case 'system':
      return { role: 'system', content: message.content };
    case 'user':
      return { role: 'user', content: message.content };
    case 'assistant':
      if (message.toolCalls.length === 0) return { role: 'assistant', content: message.content };
      return {
        role: 'assistant',
        // The API's own convention for a turn that only calls tools.
        content: message.content === '' ? null : message.content,
        tool_calls: message.toolCalls.map((call) => ({
          id: call.id,
          type: 'function' as const,
          function: { name: call.name, arguments: call.arguments },
        })),
      };
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
  }
}

/** The SDK's types describe OpenAI; a compatible server may leave things out, so nothing is taken on trust. */
function readCompletion(completion: ChatCompletion, asked: string): ModelTurn {
  const choices: unknown = (completion as Partial<ChatCompletion> | null)?.choices;
  if (!Array.isArray(choices) || choices.length === 0) throw malformedResponse(PROVIDER, 'no choices');
  const choice = choices[0] as Partial<ChatCompletion.Choice> | null;
  const message = choice?.message;
  if (!message || typeof message !== 'object') throw malformedResponse(PROVIDER, 'the choice has no message');
  const calls: unknown = message.tool_calls ?? [];
  if (!Array.isArray(calls)) throw malformedResponse(PROVIDER, 'tool_calls is not a list');
  const usage = completion.usage;
  const cached = usage?.prompt_tokens_details?.cached_tokens;
  return {
    content: message.content ?? message.refusal ?? '',
    toolCalls: calls.map((call: ChatCompletionMessageToolCall, index) => readToolCall(call, index)),
    usage: {
      inputTokens: usage?.prompt_tokens ?? 0,
      outputTokens: usage?.completion_tokens ?? 0,
      ...(typeof cached === 'number' ? { cachedInputTokens: cached } : {}),
    },
    model: typeof completion.model === 'string' && completion.model !== '' ? completion.model : asked,
    stopReason: choice?.finish_reason ?? 'unknown',
  };
}

function readToolCall(call: ChatCompletionMessageToolCall, index: number): ToolCallRequest {
  const fn = call !== null && typeof call === 'object' && 'function' in call ? call.function : undefined;
  if (!fn || typeof fn.name !== 'string' || fn.name === '') {
    throw malformedResponse(PROVIDER, `tool call ${index} has no function name`);
  }
  return {
    id: typeof call.id === 'string' && call.id !== '' ? call.id : `call_${index}`,
    name: fn.name,
    // Some compatible servers leave out the arguments of a call that takes none.
    arguments: argumentsText(fn.arguments ?? undefined) ?? '{}',
  };
}

function toProviderError(error: unknown, signal: AbortSignal, target: string, timeoutMs: number | undefined): ProviderError {
  if (error instanceof ProviderError) return error;
  if (signal.aborted || error instanceof APIUserAbortError) return abortedError(PROVIDER, error);
  if (error instanceof APIConnectionTimeoutError) return timeoutError(PROVIDER, timeoutMs, error);
  if (error instanceof APIConnectionError) return networkError(PROVIDER, target, error);
  if (error instanceof APIError && typeof error.status === 'number') {
    return httpError(PROVIDER, error.status, serverMessageOf(error.error) ?? error.message, error.headers, error);
  }
  return unexpectedError(PROVIDER, target, error);
}
