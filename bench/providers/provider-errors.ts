import { ProviderError, type ProviderErrorKind } from './provider.js';

/**
 * One place that decides what a failed provider call was, so the three adapters agree: the agent loop
 * retries rate limits, server errors, network failures and timeouts (waiting as long as the server asked),
 * and records the rest as infrastructure errors without retrying.
 */

/** What adapters read headers through: fetch's `Headers`, or anything with the same `get`. */
export interface HeaderLookup {
  get(name: string): string | null;
}

/**
 * How long the server asked us to wait, in ms: OpenAI's `retry-after-ms`, else the standard `Retry-After`
 * as seconds (fractions allowed) or as an HTTP date. Undefined when absent or unreadable.
 */
export function retryAfterMs(headers: HeaderLookup | null | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms')?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Math.round(Number(ms));
  const after = headers.get('retry-after')?.trim();
  if (!after) return undefined;
  if (/^\d+(\.\d+)?$/.test(after)) return Math.round(Number(after) * 1000);
  // An HTTP date names its month; without this, Date.parse would read "-1" as the year -1.
  const at = /[a-z]/i.test(after) ? Date.parse(after) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The kind of an HTTP failure status. */
export function kindOfStatus(status: number): ProviderErrorKind {
  if (status === 429) return 'rate-limit';
  if (status === 401 || status === 403) return 'auth';
  // 408 is the server giving up waiting for us: a timeout worth retrying, not a bad request.
  if (status === 408) return 'timeout';
  // 5xx, and Anthropic's 529 "overloaded".
  if (status >= 500) return 'server';
  if (status >= 400) return 'bad-request';
  // A redirect or other non-error status the SDK could not use.
  return 'malformed-response';
}

/** A failure status from the server, with its own message and the wait it asked for. */
export function httpError(provider: string, status: number, serverMessage: string | undefined, headers?: HeaderLookup | null, cause?: unknown): ProviderError {
  const wait = retryAfterMs(headers);
  const message = `${provider}: HTTP ${status}${serverMessage ? `: ${serverMessage}` : ''}`;
  return new ProviderError(kindOfStatus(status), message, {
    status,
    provider,
    ...(wait === undefined ? {} : { retryAfterMs: wait }),
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * The human message inside an error body, whatever the provider's shape: OpenAI `{error: {message}}`,
 * Anthropic `{type: "error", error: {type, message}}`, Ollama `{error: "..."}`, or a plain string.
 */
export function serverMessageOf(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() === '' ? undefined : body;
  if (body === null || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record['message'] === 'string' && record['message'] !== '') return record['message'];
  return serverMessageOf(record['error']);
}

/** The request was cancelled by the caller (trial timeout, Ctrl-C). */
export function abortedError(provider: string, cause?: unknown): ProviderError {
  return new ProviderError('aborted', `${provider}: request aborted`, { provider, cause });
}

/** The request took longer than the configured timeout. */
export function timeoutError(provider: string, timeoutMs: number | undefined, cause?: unknown): ProviderError {
  const after = timeoutMs === undefined ? '' : ` after ${timeoutMs} ms`;
  return new ProviderError('timeout', `${provider}: request timed out${after}`, { provider, cause });
}

/** The server could not be reached, or dropped the connection. */
export function networkError(provider: string, target: string, cause: unknown): ProviderError {
  return new ProviderError('network', `${provider}: cannot reach ${target}: ${describeCause(cause)}`, { provider, cause });
}

/** A 2xx answer without what every answer must hold. */
export function malformedResponse(provider: string, what: string, cause?: unknown): ProviderError {
  return new ProviderError('malformed-response', `${provider}: malformed response: ${what}`, { provider, cause });
}

/** Socket-level failures, wherever they sit in an error's `cause` chain. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/** The first system error code (ECONNREFUSED...) in an error's cause chain, if any. */
export function networkCodeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 8; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** "ECONNREFUSED" when the chain names a socket error, else the innermost message ("fetch failed" says little). */
export function describeCause(error: unknown): string {
  const code = networkCodeOf(error);
  if (code) return code;
  let message = error instanceof Error ? error.message : String(error);
  for (let current = error, depth = 0; current instanceof Error && depth < 8; depth++) {
    if (current.message) message = current.message;
    current = current.cause;
  }
  return message;
}

/**
 * Anything an SDK threw that none of the adapter's own checks recognised: a socket error is `network`,
 * an unparseable body `malformed-response`, the rest (the SDK refusing the request before sending it,
 * e.g. Anthropic's "streaming is required") `bad-request`, which is not retried.
 */
export function unexpectedError(provider: string, target: string, error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  // undici rejects with "fetch failed" for every transport failure, whatever its cause says.
  if (networkCodeOf(error) || (error instanceof TypeError && error.message === 'fetch failed')) {
    return networkError(provider, target, error);
  }
  if (error instanceof SyntaxError) return malformedResponse(provider, `body is not valid JSON (${error.message})`, error);
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError('bad-request', `${provider}: ${message}`, { provider, cause: error });
}

/** A base URL on this machine: local servers (vLLM, llama.cpp, LM Studio, the wire servers) need no key. */
export function isLocalUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || host === '0.0.0.0' || host.startsWith('127.');
  } catch {
    return false;
  }
}
