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
 * A local server speaking Ollama's chat format (POST /api/chat): tool arguments as objects, calls without
 * ids, errors as `{error: "..."}`, durations in nanoseconds. Ollama streams unless told `stream: false`,
 * so a request that does not say so gets newline-delimited JSON, as from the real server.
 */
export function startOllamaServer(options: WireServerOptions = {}): Promise<WireServer> {
  return startWireServer(OLLAMA_DIALECT, options, scriptedToolUser);
}

/** Nanoseconds spent per token in the durations reported (numbers look real; nothing waits). */
const NS_PER_TOKEN = 20_000_000;

const OLLAMA_DIALECT: WireDialect = {
  provider: 'ollama',
  basePath: '',
  chatPath: '/api/chat',

  check(headers, body, apiKey) {
    if (apiKey !== undefined && headers.authorization !== `Bearer ${apiKey}`) return { status: 401, message: 'unauthorized' };
    if (typeof body['model'] !== 'string' || body['model'] === '') return { status: 400, message: 'model is required' };
    if (body['messages'] !== undefined && !Array.isArray(body['messages'])) return { status: 400, message: 'messages must be a list' };
    return null;
  },

  decode(body) {
    const messages = (Array.isArray(body['messages']) ? body['messages'] : []).map((message: unknown) => objectOf(message) ?? {});
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
    return {
      model: body['model'] as string,
      tools,
      // Ollama has no tool_choice: a client that wants no calls sends no tools.
      toolChoice: 'auto',
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
    const model = reply.model ?? request.model;
    const createdAt = new Date().toISOString();
    const message = {
      role: 'assistant',
      content: reply.kind === 'text' ? reply.text : (reply.text ?? ''),
      ...(calls.length === 0
        ? {}
        : {
            tool_calls: calls.map((call, index) => ({
              ...(call.id === undefined ? {} : { id: call.id }),
              function: { index, name: call.name, arguments: argumentsValue(call.arguments) },
            })),
          }),
    };
    const final = {
      model,
      created_at: createdAt,
      done: true,
      done_reason: reply.stopReason ?? 'stop',
      total_duration: (usage.inputTokens + usage.outputTokens) * NS_PER_TOKEN,
      load_duration: 0,
      prompt_eval_count: usage.inputTokens,
      prompt_eval_duration: usage.inputTokens * NS_PER_TOKEN,
      eval_count: usage.outputTokens,
      eval_duration: usage.outputTokens * NS_PER_TOKEN,
    };
    if (request.body['stream'] === false) {
      return { contentType: 'application/json', text: JSON.stringify({ ...final, message }) };
    }
    const chunk = { model, created_at: createdAt, message, done: false };
    const last = { ...final, message: { role: 'assistant', content: '' } };
    return { contentType: 'application/x-ndjson', text: `${JSON.stringify(chunk)}\n${JSON.stringify(last)}\n` };
  },

  errorBody(_status, message) {
    return { error: message };
  },
};
