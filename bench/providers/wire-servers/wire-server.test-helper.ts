import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody, sendJson } from '../../../core/net/http-body.js';

/**
 * Local servers that speak the real wire formats of OpenAI, Anthropic and Ollama, so the official SDKs can
 * be driven end to end without a model or a network: in the adapters' tests, the runner's end-to-end
 * tests and a user's smoke test. This file is what the three share: listening, recording every request,
 * asking the caller's `respond` function what to say, and never crashing on bad input. Each dialect file
 * only knows its provider's shapes. node:http only, no dependencies.
 *
 *   const server = await startOpenAiServer();            // answers with scriptedToolUser
 *   createOpenAiProvider({ provider: 'openai', baseUrl: server.baseUrl });
 *   ...; server.requests[0].body; await server.close();
 */

export type WireProvider = 'openai' | 'anthropic' | 'ollama';

/** A tool as the request offered it. */
export interface WireTool {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

/** A request as every dialect decodes it, so one responder can answer all three formats. */
export interface WireRequest {
  provider: WireProvider;
  /** 0 for the first chat request this server answered, then 1, 2... */
  index: number;
  /** The model the client asked for. */
  model: string;
  tools: WireTool[];
  /** As the client sent it: 'auto', 'none', 'required', 'any'... ('auto' when absent). */
  toolChoice: string;
  /** Text of the last user message that holds text (tool results are not user text). */
  lastUserText: string;
  /** Texts of the tool results sent since that user message, in order. */
  toolResults: string[];
  /** The request body as received. */
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
}

export interface WireToolCall {
  name: string;
  /** Raw JSON text, sent as it is: tests can send malformed JSON. */
  arguments: string;
  /** Defaults to a deterministic id in the provider's style (none for Ollama, which has none). */
  id?: string;
}

export interface WireUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
}

/** What to report beside an answer; defaults are the asked model, estimated usage, the natural stop reason. */
export interface ReplyDetails {
  model?: string;
  usage?: WireUsage;
  stopReason?: string;
}

export type WireReply =
  | ({ kind: 'text'; text: string } & ReplyDetails)
  | ({ kind: 'tool-calls'; calls: WireToolCall[]; text?: string } & ReplyDetails)
  /** An HTTP error in the provider's error shape (or `body` as given), with headers such as Retry-After. */
  | { kind: 'error'; status: number; message?: string; headers?: Record<string, string>; body?: unknown }
  /** Exactly these bytes, for answers no real server would give. */
  | { kind: 'raw'; status?: number; body: string; headers?: Record<string, string> };

/** Answers one request; may wait (a promise that never settles makes a server that hangs). */
export type Responder = (request: WireRequest) => WireReply | Promise<WireReply>;

export interface WireServerOptions {
  /** Defaults to `scriptedToolUser`. */
  respond?: Responder;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** Defaults to 0: a free port. */
  port?: number;
  /** When set, requests must carry this key the way the provider's SDK sends it, or get a 401. */
  apiKey?: string;
}

export interface RecordedRequest {
  method: string;
  /** Without the query string. */
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, the raw text when it was not JSON, undefined when empty. */
  body: unknown;
}

export interface WireServer {
  /** What a client takes as its base URL: `ProviderConfig.baseUrl`. */
  readonly baseUrl: string;
  readonly port: number;
  /** Every request received, in order, including refused ones. */
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A refusal before the responder is asked: a missing header, a wrong key, a missing field. */
export interface Refusal {
  status: number;
  message: string;
}

/** An encoded HTTP answer. */
export interface Encoded {
  status?: number;
  contentType: string;
  text: string;
  headers?: Record<string, string>;
}

/** What a provider's format adds to the shared server. */
export interface WireDialect {
  provider: WireProvider;
  /** Appended to http://host:port to make the base URL clients take ('/v1' for OpenAI). */
  basePath: string;
  /** The chat endpoint, e.g. '/v1/chat/completions'. */
  chatPath: string;
  /** Checks headers and body before anything else; null when the request may go on. */
  check(headers: IncomingHttpHeaders, body: Record<string, unknown>, apiKey: string | undefined): Refusal | null;
  decode(body: Record<string, unknown>): Pick<WireRequest, 'model' | 'tools' | 'toolChoice' | 'lastUserText' | 'toolResults'>;
  encodeAnswer(reply: Extract<WireReply, { kind: 'text' | 'tool-calls' }>, request: WireRequest): Encoded;
  errorBody(status: number, message: string): unknown;
}

const MAX_BODY_BYTES = 32 * 1024 * 1024;

export async function startWireServer(dialect: WireDialect, options: WireServerOptions, defaultResponder: Responder): Promise<WireServer> {
  const respond = options.respond ?? defaultResponder;
  const requests: RecordedRequest[] = [];
  let answered = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // The responder threw, or a dialect met a body it did not expect: a 500, never a crash.
      const message = `wire server error: ${error instanceof Error ? error.message : String(error)}`;
      if (!res.headersSent) sendJson(res, 500, dialect.errorBody(500, message));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const raw = await readCappedBody(req);
    if (raw === null) return sendJson(res, 413, dialect.errorBody(413, `request body over ${MAX_BODY_BYTES} bytes`));
    const body = parseBody(raw);
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body });

    if (req.method !== 'POST' || path !== dialect.chatPath) {
      return sendJson(res, 404, dialect.errorBody(404, `no route for ${req.method ?? 'GET'} ${path}; this server answers POST ${dialect.chatPath}`));
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return sendJson(res, 400, dialect.errorBody(400, 'the request body must be a JSON object'));
    }
    const fields = body as Record<string, unknown>;
    const refusal = dialect.check(req.headers, fields, options.apiKey);
    if (refusal !== null) return sendJson(res, refusal.status, dialect.errorBody(refusal.status, refusal.message));

    const request: WireRequest = { provider: dialect.provider, index: answered++, ...dialect.decode(fields), body: fields, headers: req.headers };
    const reply = await respond(request);
    if (res.destroyed) return; // the client gave up (abort, timeout) while the responder thought
    switch (reply.kind) {
      case 'error': {
        const errorBody = reply.body ?? dialect.errorBody(reply.status, reply.message ?? `error ${reply.status}`);
        const text = typeof errorBody === 'string' ? errorBody : JSON.stringify(errorBody);
        const type = typeof errorBody === 'string' ? 'text/plain' : 'application/json';
        return send(res, { status: reply.status, contentType: type, text, ...(reply.headers ? { headers: reply.headers } : {}) });
      }
      case 'raw':
        return send(res, {
          status: reply.status ?? 200,
          contentType: 'application/json',
          text: reply.body,
          ...(reply.headers ? { headers: reply.headers } : {}),
        });
      default:
        return send(res, dialect.encodeAnswer(reply, request));
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    baseUrl: `http://${host}:${address.port}${dialect.basePath}`,
    port: address.port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Requests a responder never answers would keep close() waiting forever.
        server.closeAllConnections();
      }),
  };
}

/** The body as text, or null when it is too big to keep. */
async function readCappedBody(req: IncomingMessage): Promise<string | null> {
  const body = await readBody(req, MAX_BODY_BYTES);
  if (body.ok) return body.text;
  if (body.reason === 'too-large') return null;
  throw new Error('the request was cut off');
}

function parseBody(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function send(res: ServerResponse, answer: Encoded): void {
  if (res.destroyed) return;
  res.writeHead(answer.status ?? 200, { ...answer.headers, 'content-type': answer.contentType, 'content-length': Buffer.byteLength(answer.text) });
  res.end(answer.text);
}

/** Rough token count of a text, as a real server would report it: ~4 characters a token. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** The text of a message content in any of the three formats: a string, or a list of parts with `text`. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) =>
      part !== null && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string' ? (part as { text: string }).text : '',
    )
    .filter((text) => text !== '')
    .join('\n');
}

/** A value as a plain object, or null. */
export function objectOf(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** The usage to report: the reply's own, or estimated from the request and the answer. */
export function usageFor(reply: Extract<WireReply, { kind: 'text' | 'tool-calls' }>, request: WireRequest): WireUsage {
  if (reply.usage) return reply.usage;
  const answer = reply.kind === 'text' ? reply.text : (reply.text ?? '') + reply.calls.map((call) => call.name + call.arguments).join('');
  const prompt = JSON.stringify(request.body['messages'] ?? '') + JSON.stringify(request.body['tools'] ?? '') + textOf(request.body['system']);
  return { inputTokens: estimateTokens(prompt), outputTokens: estimateTokens(answer) };
}

/** Parsed arguments when they are a JSON object; else the raw text, which is what a broken server would send. */
export function argumentsValue(raw: string): unknown {
  try {
    const value: unknown = JSON.parse(raw);
    if (objectOf(value) !== null) return value;
  } catch {
    // keep the raw text
  }
  return raw;
}
