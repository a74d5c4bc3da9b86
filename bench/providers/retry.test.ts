import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProviderError } from './provider.js';
import { callWithRetries, DEFAULT_RETRY_POLICY, RETRY_AFTER_CEILING_MS, type RetryPolicy, retryDelayMs } from './retry.js';

const FAST: RetryPolicy = { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 4 };

test('a retryable error is retried until the call succeeds, each retry announced with its delay and number', async () => {
  const attempts: number[] = [];
  const announced: { kind: string; delayMs: number; attempt: number }[] = [];
  const value = await callWithRetries(
    async (attempt) => {
      attempts.push(attempt);
      if (attempt < 2) throw new ProviderError(attempt === 0 ? 'rate-limit' : 'server', 'try again');
      return 'done';
    },
    FAST,
    { onRetry: (error, delayMs, attempt) => announced.push({ kind: error.kind, delayMs, attempt }) },
  );
  assert.equal(value, 'done');
  assert.deepEqual(attempts, [0, 1, 2]);
  assert.deepEqual(
    announced.map(({ kind, attempt }) => ({ kind, attempt })),
    [
      { kind: 'rate-limit', attempt: 1 },
      { kind: 'server', attempt: 2 },
    ],
  );
  for (const { delayMs } of announced) assert.ok(delayMs >= 0 && delayMs <= FAST.maxDelayMs);
});

test("the server's Retry-After is waited out even beyond maxDelayMs", async () => {
  const times: number[] = [];
  await callWithRetries(async () => {
    times.push(performance.now());
    if (times.length === 1) throw new ProviderError('rate-limit', '429', { status: 429, retryAfterMs: 40 });
    return true;
  }, FAST);
  assert.equal(times.length, 2);
  assert.ok(times[1]! - times[0]! >= 39, `waited ${times[1]! - times[0]!} ms for a 40 ms Retry-After`);
});

test('a Retry-After longer than the ceiling is cut to the ceiling', () => {
  const error = new ProviderError('rate-limit', 'quota', { retryAfterMs: 3_600_000 });
  assert.equal(retryDelayMs(error, 1, DEFAULT_RETRY_POLICY), RETRY_AFTER_CEILING_MS);
  assert.equal(retryDelayMs(new ProviderError('rate-limit', 'soon', { retryAfterMs: 1500 }), 4, DEFAULT_RETRY_POLICY), 1500);
});

test('full-jitter backoff stays within [0, min(maxDelayMs, base * 2^(retry-1))]', () => {
  const policy: RetryPolicy = { maxRetries: 10, baseDelayMs: 100, maxDelayMs: 1000 };
  const error = new ProviderError('server', '503');
  const almostOne = () => 0.999_999;
  assert.equal(
    retryDelayMs(error, 1, policy, () => 0),
    0,
  );
  assert.equal(retryDelayMs(error, 1, policy, almostOne), 99);
  assert.equal(retryDelayMs(error, 3, policy, almostOne), 399);
  assert.equal(retryDelayMs(error, 8, policy, almostOne), 999, 'capped by maxDelayMs');
  for (let retry = 1; retry <= 10; retry++) {
    const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
    const delays = Array.from({ length: 200 }, () => retryDelayMs(error, retry, policy));
    assert.ok(
      delays.every((delay) => delay >= 0 && delay <= cap),
      `retry ${retry} within ${cap}`,
    );
    if (retry >= 3) assert.ok(new Set(delays).size > 10, 'delays are spread out, not one value');
  }
});

test('errors that are not retryable are thrown at once', async () => {
  for (const error of [new ProviderError('auth', 'bad key'), new ProviderError('bad-request', 'no'), new TypeError('a bug')]) {
    let calls = 0;
    await assert.rejects(
      callWithRetries(async () => {
        calls++;
        throw error;
      }, FAST),
      (thrown) => thrown === error,
    );
    assert.equal(calls, 1, `${error.message} tried once`);
  }
});

test('after maxRetries failed retries the last error is thrown', async () => {
  let calls = 0;
  await assert.rejects(
    callWithRetries(async () => {
      calls++;
      throw new ProviderError('network', `failure ${calls}`);
    }, FAST),
    /failure 4/,
  );
  assert.equal(calls, FAST.maxRetries + 1);
});

test('aborting the signal ends the wait between attempts at once, with the signal reason', async () => {
  const controller = new AbortController();
  const started = performance.now();
  const reason = new Error('stop now');
  await assert.rejects(
    callWithRetries(
      async () => {
        throw new ProviderError('rate-limit', '429', { retryAfterMs: 10_000 });
      },
      DEFAULT_RETRY_POLICY,
      { signal: controller.signal, onRetry: () => setImmediate(() => controller.abort(reason)) },
    ),
    (thrown) => thrown === reason,
  );
  assert.ok(performance.now() - started < 1000, 'did not sit out the 10 s Retry-After');
});
