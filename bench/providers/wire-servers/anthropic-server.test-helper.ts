import { scriptedToolUser } from './scripted-tool-user.test-helper.js';
import {
  argumentsValue,
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
 * A local server speaking Anthropic's Messages format (POST /v1/messages): it wants the anthropic-version
 * header, takes the key as x-api-key or as a Bearer token (SDK 1.x sends the latter), requires max_tokens,
 * answers content blocks, and errors as `{type: "error", error: {type, message}}`. Like API version
 * 2026-10-21 it refuses sampling parameters. Streaming is refused: the adapter never streams.
 */
export function startAnthropicServer(options: WireServerOptions = {}): Promise<WireServer> {
  return startWireServer(ANTHROPIC_DIALECT, options, scriptedToolUser);
}

/** From this API version on, temperature, top_p and top_k are refused. */
const NO_SAMPLING_FROM_VERSION = '2026-10-21';

const ANTHROPIC_DIALECT: WireDialect = {
  provider: 'anthropic',
  basePath: '',
  chatPath: '/v1/messages',

  check(headers, body, apiKey) {
    const version = headers['anthropic-version'];
    if (typeof version !== 'string' || version === '') return { status: 400, message: 'anthropic-version: header is required' };
    if (apiKey !== undefined && headers['x-api-key'] !== apiKey && headers.authorization !== `Bearer ${apiKey}`) {
      return { status: 401, message: 'invalid x-api-key' };
    }
    if (typeof body['model'] !== 'string' || body['model'] === '') return { status: 400, message: 'model: Field required' };
    if (typeof body['max_tokens'] !== 'number') return { status: 400, message: 'max_tokens: Field required' };
    if (!Array.isArray(body['messages'])) return { status: 400, message: 'messages: Field required' };
    if (body['stream'] === true) return { status: 400, message: 'stream: this test server does not stream' };
    if (version >= NO_SAMPLING_FROM_VERSION) {
      const sampling = ['temperature', 'top_p', 'top_k'].find((field) => field in body);
      if (sampling) return { status: 400, message: `${sampling}: Extra inputs are not permitted` };
    }
    return null;
  },

  decode(body) {
    const messages = (body['messages'] as unknown[]).map((message) => objectOf(message) ?? {});
    const hasText = (content: unknown): boolean =>
      typeof content === 'string' || (Array.isArray(content) && content.some((block) => objectOf(block)?.['type'] === 'text'));
    const lastUser = messages.findLastIndex((message) => message['role'] === 'user' && hasText(message['content']));
    const toolResults: string[] = [];
    for (const message of messages.slice(Math.max(lastUser, 0))) {
      if (message['role'] !== 'user' || !Array.isArray(message['content'])) continue;
      for (const block of message['content']) {
        const fields = objectOf(block);
        if (fields?.['type'] === 'tool_result') toolResults.push(textOf(fields['content']));
      }
    }
    const tools: WireTool[] = [];
    for (const tool of Array.isArray(body['tools']) ? body['tools'] : []) {
      const fields = objectOf(tool);
      if (fields === null || typeof fields['name'] !== 'string') continue;
      tools.push({
        name: fields['name'],
        description: typeof fields['description'] === 'string' ? fields['description'] : '',
        inputSchema: objectOf(fields['input_schema']) ?? {},
      });
    }
    const choice = objectOf(body['tool_choice'])?.['type'];
    const lastContent = lastUser < 0 ? undefined : messages[lastUser]?.['content'];
    return {
      model: body['model'] as string,
      tools,
      toolChoice: typeof choice === 'string' ? choice : 'auto',
      lastUserText: Array.isArray(lastContent) ? textOf(lastContent.filter((block) => objectOf(block)?.['type'] === 'text')) : textOf(lastContent),
      toolResults,
    };
  },

  encodeAnswer(reply, request) {
    const usage = usageFor(reply, request);
    const text = reply.kind === 'text' ? reply.text : (reply.text ?? '');
    const calls = reply.kind === 'tool-calls' ? reply.calls : [];
    const content = [
      ...(text === '' ? [] : [{ type: 'text', text, citations: null }]),
      ...calls.map((call, i) => ({
        type: 'tool_use',
        id: call.id ?? `toolu_wire_${request.index}_${i}`,
        name: call.name,
        input: argumentsValue(call.arguments),
        caller: { type: 'direct' },
      })),
    ];
    const body = {
      id: `msg_wire_${request.index}`,
      type: 'message',
      role: 'assistant',
      model: reply.model ?? request.model,
      content,
      stop_reason: reply.stopReason ?? (calls.length > 0 ? 'tool_use' : 'end_turn'),
      stop_sequence: null,
      stop_details: null,
      container: null,
      diagnostics: null,
      usage: {
        input_tokens: usage.inputTokens,
        output_tokens: usage.outputTokens,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: usage.cachedInputTokens ?? 0,
        cache_creation: null,
        inference_geo: null,
        output_tokens_details: null,
        server_tool_use: null,
        service_tier: 'standard',
        speed: null,
      },
    };
    return { contentType: 'application/json', text: JSON.stringify(body), headers: { 'request-id': `req_wire_${request.index}` } };
  },

  errorBody(status, message) {
    return { type: 'error', error: { type: ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error'), message } };
  },
};

const ERROR_TYPES: Record<number, string> = {
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};
