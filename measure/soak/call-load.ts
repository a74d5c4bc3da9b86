import { setTimeout as sleep } from 'node:timers/promises';
import type { HostCallResult, ToolHost } from '../../bench/host/tool-host.js';
import { now } from '../../core/clock.js';
import type { CallMix, PlannedCall } from './call-mix.js';
import { classifyResult, hangOutcome } from './outcome.js';
import type { CallOutcome } from './soak-types.js';

/**
 * The workers of a soak: each calls a tool from the mix, waits for its outcome, and calls the next, until
 * told to stop. Every call carries a deadline (the MCP request timeout); a watchdog on top of it turns a
 * call with no outcome by deadline + grace into a lost one, and the worker moves on. A failed call makes
 * the worker back off briefly, as a client would, instead of hammering a datapool that is down.
 */

export interface FinishedCall {
  planned: PlannedCall;
  outcome: CallOutcome;
  /** Host instants, epoch ms (for a hang: when the watchdog gave up). */
  sent: number;
  received: number;
  /** The host's result; absent for a hang. */
  result?: HostCallResult;
}

export interface CallLoadOptions {
  host: Pick<ToolHost, 'call'>;
  mix: CallMix;
  concurrency: number;
  callTimeoutMs: number;
  lostGraceMs: number;
  pauseMs: number;
  errorPauseMs: number;
  /** Every call that reached an outcome, in the order they end. */
  onCall: (call: FinishedCall) => void;
}

export interface CallLoad {
  /** Calls aborted by `abort()` (not reported through `onCall`). */
  readonly abandoned: number;
  /** Stops issuing; resolves when every call on its way has its outcome (each bounded by its watchdog). */
  stop(): Promise<void>;
  /** Stops issuing and aborts the calls on their way (Ctrl-C); resolves when the workers are done. */
  abort(): Promise<void>;
}

export function startCallLoad(options: CallLoadOptions): CallLoad {
  const stopping = new AbortController();
  const aborting = new AbortController();
  let abandoned = 0;

  async function worker(): Promise<void> {
    while (!stopping.signal.aborted) {
      const planned = options.mix.next();
      const finished = await callOnce(planned);
      if (finished === null) {
        abandoned++;
        return;
      }
      options.onCall(finished);
      const pause = finished.outcome.kind === 'answered' ? options.pauseMs : Math.max(options.pauseMs, options.errorPauseMs);
      if (pause > 0) await sleep(pause, undefined, { signal: stopping.signal }).catch(() => {});
    }
  }

  /** The call's outcome, or null when the soak aborted it. */
  async function callOnce(planned: PlannedCall): Promise<FinishedCall | null> {
    const sent = now();
    const waitMs = options.callTimeoutMs + options.lostGraceMs;
    // Per call: the SDK never removes the abort listener it adds to a request's signal.
    const call = new AbortController();
    const watchdog = new AbortController();
    const onAbort = (): void => {
      call.abort();
      watchdog.abort();
    };
    aborting.signal.addEventListener('abort', onAbort, { once: true });
    const hang = sleep(waitMs, 'hang' as const, { signal: watchdog.signal }).catch(() => 'cancelled' as const);
    try {
      const answer = options.host.call(planned.tool, planned.args, { timeoutMs: options.callTimeoutMs, signal: call.signal }).then(
        (result) => ({ result }),
        (error: unknown) => ({ thrown: error instanceof Error ? error.message : String(error) }),
      );
      const settled = await Promise.race([answer, hang]);
      if (settled === 'cancelled') return null;
      if (settled === 'hang') return { planned, outcome: hangOutcome(planned.tool, waitMs), sent, received: now() };
      if ('thrown' in settled) {
        // A host promises results, never throws: a throw carries no code, so the call is as good as lost.
        if (aborting.signal.aborted) return null;
        return { planned, outcome: { kind: 'lost', reason: 'unclear-error', message: `the host threw: ${settled.thrown}` }, sent, received: now() };
      }
      const { result } = settled;
      const outcome = classifyResult(result);
      if (aborting.signal.aborted && outcome.kind !== 'answered') return null;
      return { planned, outcome, sent: result.sent, received: result.received, result };
    } finally {
      aborting.signal.removeEventListener('abort', onAbort);
      watchdog.abort();
    }
  }

  const workers = Array.from({ length: options.concurrency }, () => worker());
  const done = Promise.all(workers).then(() => undefined);
  return {
    get abandoned() {
      return abandoned;
    },
    stop() {
      stopping.abort();
      return done;
    },
    abort() {
      stopping.abort();
      aborting.abort();
      return done;
    },
  };
}
