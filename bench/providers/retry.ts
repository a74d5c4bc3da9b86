import { setTimeout as sleep } from 'node:timers/promises';
import { ProviderError } from './provider.js';

/**
 * Retrying a provider call that failed for a passing reason (429, 5xx, network, timeout). The SDKs' own
 * retries are off, so this is the only place that decides how long to wait: the server's Retry-After when it
 * gives one, otherwise exponential backoff with full jitter, so many concurrent trials hitting the same rate
 * limit do not all come back at the same instant.
 */

export interface RetryPolicy {
  /** Retries after the first attempt (0: never retry). */
  maxRetries: number;
  /** Backoff of the first retry, before jitter, ms. */
  baseDelayMs: number;
  /** Longest backoff of our own choosing, ms (a server's Retry-After may ask for more, up to RETRY_AFTER_CEILING_MS). */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 5, baseDelayMs: 1_000, maxDelayMs: 60_000 };

/** The longest a server's Retry-After is obeyed: a provider asking for an hour is out of quota, not busy. */
export const RETRY_AFTER_CEILING_MS = 5 * 60_000;

export interface RetryHooks {
  /** Stops the waiting between attempts (trial timeout, Ctrl-C); the call then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Told before each wait; `attempt` is the number of the retry about to be made (1 for the first retry). */
  onRetry?(error: ProviderError, delayMs: number, attempt: number): void;
}

/**
 * Calls `fn` (attempt 0, then 1, 2... on retries) until it succeeds, fails with an error that is not a
 * retryable `ProviderError`, or `policy.maxRetries` retries have failed; the last error is then thrown.
 */
export async function callWithRetries<T>(fn: (attempt: number) => Promise<T>, policy: RetryPolicy, hooks: RetryHooks = {}): Promise<T> {
  const { signal } = hooks;
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await fn(attempt);
    } catch (error) {
      if (!(error instanceof ProviderError) || !error.retryable || attempt >= policy.maxRetries) throw error;
      const delayMs = retryDelayMs(error, attempt + 1, policy);
      hooks.onRetry?.(error, delayMs, attempt + 1);
      await sleep(delayMs, undefined, signal === undefined ? undefined : { signal }).catch(() => signal?.throwIfAborted());
    }
  }
}

/**
 * How long to wait before retry number `retry` (1-based): at least the server's Retry-After (up to the
 * ceiling), else a uniformly random delay in [0, min(maxDelayMs, baseDelayMs * 2^(retry-1))] ("full jitter").
 */
export function retryDelayMs(error: ProviderError, retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const retryAfterMs = error.details.retryAfterMs;
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) {
    return Math.min(retryAfterMs, RETRY_AFTER_CEILING_MS);
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}
