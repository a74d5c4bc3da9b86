import { distribution } from '../../bench/report/statistics.js';
import type { FinishedCall } from './call-load.js';
import type { CallTotals } from './soak-types.js';

/**
 * The soak's books: how every call ended, by outcome and error code, the response time of answered calls,
 * and the command id and sample count of every answered sensor call, which the store file must hold after
 * the soak (an acknowledged result may never be lost, not even across a SIGKILL of the datapool).
 */

export class CallLedger {
  private answered = 0;
  private failed = 0;
  private lost = 0;
  private readonly failedByCode: Record<string, number> = {};
  private readonly lostByReason: Record<string, number> = {};
  private readonly examples: Record<string, string> = {};
  private readonly latencies: number[] = [];
  /** Command id -> samples the host received for it. */
  private acknowledged = new Map<string, number>();
  private withoutId = 0;

  record(call: FinishedCall): void {
    const { outcome } = call;
    switch (outcome.kind) {
      case 'answered': {
        this.answered++;
        this.latencies.push(call.received - call.sent);
        const acknowledgement = acknowledgementOf(call.result?.structured ?? null);
        if (acknowledgement === null) this.withoutId++;
        else this.acknowledged.set(acknowledgement.id, acknowledgement.count);
        return;
      }
      case 'failed':
        this.failed++;
        this.failedByCode[outcome.code] = (this.failedByCode[outcome.code] ?? 0) + 1;
        this.examples[outcome.code] ??= outcome.message;
        return;
      case 'lost':
        this.lost++;
        this.lostByReason[outcome.reason] = (this.lostByReason[outcome.reason] ?? 0) + 1;
        this.examples[`lost:${outcome.reason}`] ??= outcome.message;
        return;
    }
  }

  get issued(): number {
    return this.answered + this.failed + this.lost;
  }

  /** The counts so far, cheaply (for a progress line). */
  counts(): { issued: number; answered: number; failed: number; lost: number } {
    return { issued: this.issued, answered: this.answered, failed: this.failed, lost: this.lost };
  }

  /**
   * Command ids of answered calls, with the samples each returned, since the last time this was asked: each
   * is checked against the store once, while the store still retains it, and then forgotten here.
   */
  takeAcknowledged(): Map<string, number> {
    const taken = this.acknowledged;
    this.acknowledged = new Map();
    return taken;
  }

  /** Answered calls whose result named no command id: they cannot be shown durable, so they count as missing. */
  get answeredWithoutId(): number {
    return this.withoutId;
  }

  totals(abandoned: number, elapsedMs: number): CallTotals {
    return {
      issued: this.issued,
      answered: this.answered,
      failed: this.failed,
      lost: this.lost,
      abandoned,
      failedByCode: sortedByCount(this.failedByCode),
      lostByReason: sortedByCount(this.lostByReason),
      examples: { ...this.examples },
      answeredLatencyMs: distribution(this.latencies),
      answeredPerS: elapsedMs > 0 ? this.answered / (elapsedMs / 1000) : 0,
    };
  }
}

/** The command id and sample count a sensor tool's structured result carries (`SensorToolOutput`). */
function acknowledgementOf(structured: Record<string, unknown> | null): { id: string; count: number } | null {
  const id = structured?.['id'];
  if (typeof id !== 'string' || id === '') return null;
  const count = structured?.['count'];
  return { id, count: typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : 1 };
}

function sortedByCount(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}
