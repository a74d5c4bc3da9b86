import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeCause, httpError, isLocalUrl, kindOfStatus, retryAfterMs, serverMessageOf, unexpectedError } from './provider-errors.js';

const headers = (values: Record<string, string>) => new Headers(values);

test('Retry-After: seconds, fractions, an HTTP date, and retry-after-ms first', () => {
  assert.equal(retryAfterMs(headers({ 'retry-after': '2' })), 2000);
  assert.equal(retryAfterMs(headers({ 'retry-after': '0.5' })), 500);
  const now = Date.parse('2026-06-21T12:00:00Z');
  assert.equal(retryAfterMs(headers({ 'retry-after': 'Sun, 21 Jun 2026 12:00:05 GMT' }), now), 5000);
  assert.equal(retryAfterMs(headers({ 'retry-after': 'Sun, 21 Jun 2026 11:00:00 GMT' }), now), 0, 'a date in the past means now');
  assert.equal(retryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '3' })), 250);
});

test('Retry-After that is absent or unreadable gives no wait', () => {
  assert.equal(retryAfterMs(undefined), undefined);
  assert.equal(retryAfterMs(headers({})), undefined);
  assert.equal(retryAfterMs(headers({ 'retry-after': 'soon' })), undefined);
  assert.equal(retryAfterMs(headers({ 'retry-after': '-1' })), undefined);
  assert.equal(retryAfterMs(headers({ 'retry-after-ms': 'x', 'retry-after': '1' })), 1000, 'a bad retry-after-ms falls back');
});

test('status to kind: 429 rate limit, 5xx and 529 server, 401/403 auth, 408 timeout, other 4xx bad request', () => {
  const kinds = Object.fromEntries([400, 401, 403, 404, 408, 422, 429, 500, 502, 503, 529].map((status) => [status, kindOfStatus(status)]));
  assert.deepEqual(kinds, {
    400: 'bad-request',
    401: 'auth',
    403: 'auth',
    404: 'bad-request',
    408: 'timeout',
    422: 'bad-request',
    429: 'rate-limit',
    500: 'server',
    502: 'server',
    503: 'server',
    529: 'server',
  });
});

test('an HTTP error names provider, status and server message, and carries the wait a 503 asked for', () => {
  const error = httpError('openai', 503, 'overloaded, try later', headers({ 'retry-after': '7' }));
  assert.equal(error.message, 'openai: HTTP 503: overloaded, try later');
  assert.deepEqual([error.kind, error.details.status, error.details.retryAfterMs, error.details.provider], ['server', 503, 7000, 'openai']);
});

test('the server message is found in every provider error shape', () => {
  assert.equal(serverMessageOf({ error: { message: 'openai says', type: 'x' } }), 'openai says');
  assert.equal(serverMessageOf({ type: 'error', error: { type: 'api_error', message: 'anthropic says' } }), 'anthropic says');
  assert.equal(serverMessageOf({ error: 'ollama says' }), 'ollama says');
  assert.equal(serverMessageOf('plain text'), 'plain text');
  assert.equal(serverMessageOf({ nothing: 1 }), undefined);
});

test('unrecognised failures: socket codes are network, bad JSON malformed, the rest bad requests', () => {
  const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) });
  assert.equal(unexpectedError('p', 'http://x', refused).kind, 'network');
  assert.equal(describeCause(refused), 'ECONNREFUSED');
  assert.equal(unexpectedError('p', 'http://x', new SyntaxError('Unexpected token <')).kind, 'malformed-response');
  const refusedBySdk = unexpectedError('p', 'http://x', new Error('Streaming is required'));
  assert.equal(refusedBySdk.kind, 'bad-request');
  assert.equal(refusedBySdk.message, 'p: Streaming is required');
});

test('local URLs need no key; remote ones do', () => {
  assert.deepEqual(['http://127.0.0.1:8080', 'http://localhost:11434', 'http://[::1]:1', 'https://api.anthropic.com', 'not a url'].map(isLocalUrl), [
    true,
    true,
    true,
    false,
    false,
  ]);
});
