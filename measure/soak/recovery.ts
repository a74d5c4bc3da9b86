import type { FaultRecord } from './soak-types.js';

/**
 * Recovery time of each fault: from the moment it is measured from (the injection, or the end of a latency
 * spike) to the first answered call that needed the faulted part again and was sent at or after that moment,
 * so a call already on its way when the fault struck cannot count. A fault that broke several boards has
 * recovered when every one of them has answered; one that broke the datapool or the broker, when any call
 * has. The tracker fills in the fault's record.
 */

/** Which answered calls show a fault is over: calls to these boards, or any call. */
export type FaultNeeds = readonly string[] | 'any';

/** An answered call as recovery sees it. */
export interface AnsweredCall {
  /** The board the call asked for. */
  mcu: string;
  /** Host instants, epoch ms. */
  sent: number;
  received: number;
}

export interface TrackedFault {
  /** Starts the clock now for a fault that is measured from its end (a spike). */
  measureFrom(at: number): void;
}

interface Open {
  record: FaultRecord;
  /** Boards still to answer; null: any call will do. */
  waiting: Set<string> | null;
  lastReceived: number;
}

export class RecoveryTracker {
  private readonly open = new Set<Open>();
  private readonly waiters = new Set<() => void>();

  /**
   * Watches `record` from `from` on (epoch ms), or, when `from` is null, from the instant given to the
   * returned `measureFrom`; until then no call counts.
   */
  track(record: FaultRecord, needs: FaultNeeds, from: number | null): TrackedFault {
    // No board named: any answered call shows the system works again.
    const waiting = needs === 'any' || needs.length === 0 ? null : new Set(needs);
    record.recoveryFrom = from;
    this.open.add({ record, waiting, lastReceived: 0 });
    return {
      measureFrom: (at) => {
        if (record.recoveryFrom === null) record.recoveryFrom = at;
      },
    };
  }

  /** Every answered call goes through here. */
  observe(call: AnsweredCall): void {
    for (const entry of this.open) {
      const from = entry.record.recoveryFrom;
      if (from === null || call.sent < from) continue;
      if (entry.waiting === null) {
        this.close(entry, call.received);
        continue;
      }
      if (!entry.waiting.delete(call.mcu)) continue;
      entry.lastReceived = Math.max(entry.lastReceived, call.received);
      if (entry.waiting.size === 0) this.close(entry, entry.lastReceived);
    }
  }

  /** Faults not recovered yet. */
  get pending(): number {
    return this.open.size;
  }

  /** Resolves once nothing is pending, or after `timeoutMs` (or when `signal` aborts); true when all recovered. */
  whenAllRecovered(timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    if (this.open.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        signal?.removeEventListener('abort', finish);
        resolve(this.open.size === 0);
      };
      const check = (): void => {
        if (this.open.size === 0) finish();
      };
      const timer = setTimeout(finish, timeoutMs);
      this.waiters.add(check);
      signal?.addEventListener('abort', finish, { once: true });
    });
  }

  private close(entry: Open, at: number): void {
    this.open.delete(entry);
    const from = entry.record.recoveryFrom ?? at;
    entry.record.recoveredAt = at;
    entry.record.recoveryMs = Math.max(0, at - from);
    for (const check of [...this.waiters]) check();
  }
}
