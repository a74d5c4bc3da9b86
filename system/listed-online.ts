import { setTimeout as sleep } from 'node:timers/promises';
import type { DatapoolClient } from '../datapool/types.js';

/** How long the boards may take when the caller names no wait, ms (the in-process datapool's own default). */
export const DEFAULT_ONLINE_TIMEOUT_MS = 10_000;
const POLL_MS = 25;

/**
 * Resolves once `datapool` lists every board of `ids` online; rejects after `timeoutMs` naming the rest.
 * For a datapool behind its HTTP API, which has no "wait until online": start-up only, so asking a few
 * times is fine.
 */
export async function listedOnline(datapool: DatapoolClient, ids: readonly string[], timeoutMs = DEFAULT_ONLINE_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const online = new Set((await datapool.mcus()).filter((mcu) => mcu.online).map((mcu) => mcu.id));
    const missing = ids.filter((id) => !online.has(id));
    if (missing.length === 0) return;
    if (Date.now() > deadline) throw new Error(`boards not online at the datapool after ${timeoutMs} ms: ${missing.join(', ')}`);
    await sleep(POLL_MS);
  }
}
