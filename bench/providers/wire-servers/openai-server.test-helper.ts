import { scriptedToolUser } from './scripted-tool-user.test-helper.js';
import {
  objectOf,
  startWireServer,
  textOf,
  usageFor,
  type WireDialect,
  type WireServer,
  type WireServerOptions,
  type WireTool,
} from './wire-server.test-helper.js';

/**
 * A local server speaking OpenAI's Chat Completions format (POST /v1/chat/completions), as OpenAI and the
 * compatible servers (vLLM, llama.cpp, LM Studio) do. Its `baseUrl` ends in /v1, as the SDK expects.
 * Streaming is refused: the adapter never streams.
 */
export function startOpenAiServer(options: WireServerOptions = {}): Promise<WireServer> {
  return startWireServer(OPENAI_DIALECT, options, scriptedToolUser);
}

const OPENAI_DIALECT: WireDialect = {
  provider: 'openai',
  basePath: '/v1',
  chatPath: '/v1/chat/completions',

  check(headers, body, apiKey) {
    if (apiKey !== undefined && headers.authorization !== `Bearer ${apiKey}`) {
      return { status: 401, message: 'Incorrect API key provided.' };
    }
    if (typeof body['model'] !== 'string' || body['model'] === '') return { status: 400, message: 'you must provide a model parameter' };
    if (!Array.isArray(body['messages'])) return { status: 400, message: "Missing required parameter: 'messages'." };
    if (body['stream'] === true) return { status: 400, message: 'stream: this test server does not stream' };
    return null;
  },

  decode(body) {
    const messages = (body['messages'] as unknown[]).map((message) => objectOf(message) ?? {});
    const lastUser = messages.findLastIndex((message) => message['role'] === 'user');
    const tools: WireTool[] = [];
    for (const tool of Array.isArray(body['tools']) ? body['tools'] : []) {
      const fn = objectOf(objectOf(tool)?.['function']);
      if (fn === null || typeof fn['name'] !== 'string') continue;
      tools.push({
        name: fn['name'],
        description: typeof fn['description'] === 'string' ? fn['description'] : '',
        inputSchema: objectOf(fn['parameters']) ?? {},
      });
    }
    const choice = body['tool_choice'];
    return {
      model: body['model'] as string,
      tools,
      toolChoice: typeof choice === 'string' ? choice : choice === undefined ? 'auto' : 'function',
      lastUserText: lastUser < 0 ? '' : textOf(messages[lastUser]?.['content']),
      toolResults: messages
        .slice(lastUser + 1)
        .filter((message) => message['role'] === 'tool')
        .map((message) => textOf(message['content'])),
    };
  },

  encodeAnswer(reply, request) {
    const usage = usageFor(reply, request);
    const calls = reply.kind === 'tool-calls' ? reply.calls : [];
    const message = {
      role: 'assistant',
      content: reply.kind === 'text' ? reply.text : (reply.text ?? null),
      refusal: null,
      ...(calls.length === 0
        ? {}
        : {
            tool_calls: calls.map((call, i) => ({
              id: call.id ?? `call_${request.index}_${i}`,
              type: 'function',
              function: { name: call.name, arguments: call.arguments },
            })),
          }),
    };
    const body = {
      id: `chatcmpl-wire-${request.index}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: reply.model ?? request.model,
      system_fingerprint: 'fp_wire',
      choices: [{ index: 0, message, logprobs: null, finish_reason: reply.stopReason ?? (calls.length > 0 ? 'tool_calls' : 'stop') }],
      usage: {
        prompt_tokens: usage.inputTokens,
        completion_tokens: usage.outputTokens,
        total_tokens: usage.inputTokens + usage.outputTokens,
        prompt_tokens_details: { cached_tokens: usage.cachedInputTokens ?? 0, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
      },
    };
    return { contentType: 'application/json', text: JSON.stringify(body), headers: { 'x-request-id': `req_wire_${request.index}` } };
  },

  errorBody(status, message) {
    return {
      error: {
        message,
        type: ERROR_TYPES[status] ?? (status >= 500 ? 'server_error' : 'invalid_request_error'),
        param: null,
        code: ERROR_CODES[status] ?? null,
      },
    };
  },
};

const ERROR_TYPES: Record<number, string> = { 401: 'invalid_request_error', 403: 'invalid_request_error', 404: 'invalid_request_error', 429: 'requests' };
const ERROR_CODES: Record<number, string> = { 401: 'invalid_api_key', 404: 'not_found', 429: 'rate_limit_exceeded' };
