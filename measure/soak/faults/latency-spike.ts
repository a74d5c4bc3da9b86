import { setTimeout as sleep } from 'node:timers/promises';
import type { Fault } from './fault.js';
import { pickBoards } from './fault.js';

/**
 * One board's network turns slow for a while: every message each way is delayed by `extraDelayMs` for
 * `durationMs`. Recovery is timed from the end of the spike (lines delayed during it still arrive late).
 */
export const latencySpike: Fault = {
  kind: 'latency-spike',
  plan(context) {
    const [board] = pickBoards(context, 1);
    const { extraDelayMs, durationMs } = context.spike;
    return {
      target: board?.id ?? '(none)',
      detail: `+${extraDelayMs} ms on every message each way for ${(durationMs / 1000).toFixed(1)} s`,
      needs: board === undefined ? 'any' : [board.id],
      measureFrom: 'end',
      async apply() {
        if (board === undefined) return;
        board.setFaults({ extraDelayMs });
        try {
          await sleep(durationMs, undefined, { signal: context.signal }).catch(() => {});
        } finally {
          board.setFaults(undefined);
        }
      },
    };
  },
};
