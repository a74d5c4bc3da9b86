import Anthropic, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import type {
  Message as AnthropicMessage,
  ContentBlockParam,
  MessageCreateParamsNonStreaming,
  MessageParam,
  Tool,
  ToolResultBlockParam,
} from '@anthropic-ai/sdk/resources/messages';
import type { ToolDefinition } from '../host/tool-host.js';
import type { Message, ModelTurn, ToolCallRequest } from '../results/conversation.js';
import { type Provider, type ProviderConfig, ProviderError, type TurnRequest } from './provider.js';
import { abortedError, httpError, isLocalUrl, malformedResponse, networkError, serverMessageOf, timeoutError, unexpectedError } from './provider-errors.js';
import { argumentsObject, argumentsText } from './tool-arguments.js';

/**
 * Anthropic's Messages API through the official SDK. The system prompt travels apart from the messages,
 * tool calls and their results are content blocks, and results of one turn go back together in one user
 * message, as the API requires. The SDK never retries: the agent loop does.
 */

const PROVIDER = 'anthropic';
export const DEFAULT_ANTHROPIC_MODEL = 'claude-haiku-4-5';
export const ANTHROPIC_API_URL = 'https://api.anthropic.com';
/** The API requires max_tokens; this is enough for a tool call or a short answer. */
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 1024;
const PLACEHOLDER_KEY = 'no-key-needed';

export function createAnthropicProvider(config: ProviderConfig, env: NodeJS.ProcessEnv = process.env): Provider {
  const model = config.model ?? DEFAULT_ANTHROPIC_MODEL;
  const baseURL = config.baseUrl ?? (env['ANTHROPIC_BASE_URL']?.trim() || undefined) ?? ANTHROPIC_API_URL;
  const apiKey = config.apiKey ?? (env['ANTHROPIC_API_KEY']?.trim() || undefined) ?? (isLocalUrl(baseURL) ? PLACEHOLDER_KEY : undefined);
  if (apiKey === undefined) {
    throw new ProviderError('auth', `anthropic: no API key: set ANTHROPIC_API_KEY (or give a key) to use ${baseURL}`, {
      provider: PROVIDER,
    });
  }
  // An explicit key and base URL also keep the SDK from looking for credential profiles on disk.
  const client = new Anthropic({
    apiKey,
    baseURL,
    maxRetries: 0,
    ...(config.timeoutMs === undefined ? {} : { timeout: config.timeoutMs }),
    ...(config.headers === undefined ? {} : { defaultHeaders: config.headers }),
  });

  return {
    name: PROVIDER,
    kind: 'llm',
    model,
    label: `${PROVIDER} ${model}`,
    parallelToolCalls: true,
    async turn(request: TurnRequest): Promise<ModelTurn> {
      const { system, messages } = toAnthropicMessages(request.messages);
      const params: MessageCreateParamsNonStreaming = {
        model,
        max_tokens: config.maxTokens ?? DEFAULT_ANTHROPIC_MAX_TOKENS,
        messages,
      };
      if (system !== '') params.system = system;
      // No seed and no temperature: Anthropic has no seed, and API version 2026-10-21 (which this SDK
      // speaks) answers 400 to any sampling parameter. The trial record keeps both as configured.
      if (request.tools.length > 0) {
        params.tools = request.tools.map(toAnthropicTool);
        params.tool_choice = { type: request.toolChoice };
      }

      let message: AnthropicMessage;
      try {
        message = await client.messages.create(params, { signal: request.signal });
      } catch (error) {
        throw toProviderError(error, request.signal, baseURL, config.timeoutMs);
      }
      return readMessage(message, model);
    },
  };
}

function toAnthropicTool(tool: ToolDefinition): Tool {
  return { name: tool.name, description: tool.description, input_schema: { ...tool.inputSchema, type: 'object' } };
}

/**
 * System messages are joined into the separate system prompt; a run of tool messages becomes one user
 * message of tool_result blocks. An assistant turn with neither text nor calls is left out: the API
 * refuses empty content.
 */
export function toAnthropicMessages(conversation: readonly Message[]): { system: string; messages: MessageParam[] } {
  const system: string[] = [];
  const messages: MessageParam[] = [];
  let results: ToolResultBlockParam[] | null = null;
  for (const message of conversation) {
    if (message.role === 'tool') {
      const block: ToolResultBlockParam = {
        type: 'tool_result',
        tool_use_id: message.toolCallId,
        content: message.content,
        ...(message.isError ? { is_error: true } : {}),
      };
      if (results === null) {
        results = [block];
        messages.push({ role: 'user', content: results });
      } else {
        results.push(block);
      }
      continue;
    }
    results = null;
    switch (message.role) {
      case 'system':
        system.push(message.content);
        break;
      case 'user':
        messages.push({ role: 'user', content: message.content });
        break;
      case 'assistant': {
        const blocks: ContentBlockParam[] = [];
        if (message.content !== '') blocks.push({ type: 'text', text: message.content });
        for (const call of message.toolCalls) {
          blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: argumentsObject(call.arguments) });
        }
        if (blocks.length > 0) messages.push({ role: 'assistant', content: blocks });
        break;
      }
    }
  }
  return { system: system.join('\n\n'), messages };
}

function readMessage(message: AnthropicMessage, asked: string): ModelTurn {
  const content: unknown = (message as Partial<AnthropicMessage> | null)?.content;
  if (!Array.isArray(content)) throw malformedResponse(PROVIDER, 'no content blocks');
  let text = '';
  const toolCalls: ToolCallRequest[] = [];
  content.forEach((block: unknown, index) => {
    if (block === null || typeof block !== 'object') throw malformedResponse(PROVIDER, `content block ${index} is not an object`);
    const { type, text: blockText, id, name, input } = block as Record<string, unknown>;
    if (type === 'text' && typeof blockText === 'string') text += blockText;
    if (type !== 'tool_use') return; // thinking and other blocks carry nothing the harness uses
    const args = argumentsText(input);
    if (typeof name !== 'string' || name === '' || args === undefined) {
      throw malformedResponse(PROVIDER, `tool_use block ${index} has no name or no input`);
    }
    toolCalls.push({ id: typeof id === 'string' && id !== '' ? id : `toolu_${index}`, name, arguments: args });
  });
  const usage = message.usage;
  const cacheRead = usage?.cache_read_input_tokens ?? 0;
  const cacheWrite = usage?.cache_creation_input_tokens ?? 0;
  return {
    content: text,
    toolCalls,
    usage: {
      // Anthropic counts cached input apart from input_tokens; the harness counts it inside, as OpenAI does,
      // so cost and token totals mean the same for every provider.
      inputTokens: (usage?.input_tokens ?? 0) + cacheRead + cacheWrite,
      outputTokens: usage?.output_tokens ?? 0,
      ...(typeof usage?.cache_read_input_tokens === 'number' ? { cachedInputTokens: cacheRead } : {}),
    },
    model: typeof message.model === 'string' && message.model !== '' ? message.model : asked,
    stopReason: message.stop_reason ?? 'unknown',
  };
}

function toProviderError(error: unknown, signal: AbortSignal, target: string, timeoutMs: number | undefined): ProviderError {
  if (error instanceof ProviderError) return error;
  if (signal.aborted || error instanceof APIUserAbortError) return abortedError(PROVIDER, error);
  if (error instanceof APIConnectionTimeoutError) return timeoutError(PROVIDER, timeoutMs, error);
  if (error instanceof APIConnectionError) return networkError(PROVIDER, target, error);
  if (error instanceof APIError && typeof error.status === 'number') {
    return httpError(PROVIDER, error.status, error.apiMessage ?? serverMessageOf(error.error) ?? error.message, error.headers, error);
  }
  return unexpectedError(PROVIDER, target, error);
}
