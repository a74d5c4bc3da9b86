import { DatapoolError } from '../../datapool/types.js';

/**
 * Settles like `promise`, or rejects with a `timeout` DatapoolError after `ms`. The datapool client has no
 * timeout of its own, and a tool call must come back even when a remote datapool stops answering.
 */
export function deadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatapoolError('timeout', `the datapool did not answer ${what} within ${Number((ms / 1000).toFixed(2))} s`)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/** Slack for a datapool round trip on top of any wait it was asked to do, ms. */
export const ANSWER_MARGIN_MS = 2_000;
