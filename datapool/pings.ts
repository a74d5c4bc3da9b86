import { type ReplyLine, replyElapsedMs } from '../core/wire/messages.js';
import { DatapoolError, type PingResult } from './types.js';

/**
 * The pings in flight to boards, by id, and how each one ends: the board's answer, its going offline, or the
 * timeout. A ping is not a sensor command: it never reaches the outbox, the store or a board's timer, so
 * whoever reads the board's replies asks `take` first and a ping's answer never becomes a sample or an
 * orphan, not even when it arrives after its ping timed out.
 */

/** How long a ping waits for the board when its caller does not say, ms. */
export const DEFAULT_PING_TIMEOUT_MS = 5_000;

/** Ids of pings that ended without an answer whose answer may still come; older ones are forgotten. */
const MAX_ABANDONED = 1_000;

interface Pending {
  mcu: string;
  sent: number;
  resolve: (result: PingResult) => void;
  reject: (error: DatapoolError) => void;
  timer: NodeJS.Timeout;
}

export class PendingPings {
  private readonly pending = new Map<string, Pending>();
  private readonly abandoned = new Set<string>();

  /** Something may still answer: a reply carrying an id has to be offered to `take`. */
  get watching(): boolean {
    return this.pending.size > 0 || this.abandoned.size > 0;
  }

  /** `take` would consume a reply carrying this id (a ping pending or one that already ended). */
  expects(id: string): boolean {
    return this.pending.has(id) || this.abandoned.has(id);
  }

  /**
   * Registers ping `id` to `mcu`, sent at `sent` (register before writing the line: a board in the same
   * process may answer before the write returns). Rejects with `timeout` after `timeoutMs`.
   */
  expect(id: string, mcu: string, sent: number, timeoutMs: number): Promise<PingResult> {
    return new Promise<PingResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.abandon(id);
        reject(new DatapoolError('timeout', `MCU "${mcu}" did not answer a ping within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { mcu, sent, resolve, reject, timer });
    });
  }

  /**
   * Consumes `reply` when it answers a ping of `mcu` (resolving it) or one that already ended; false for
   * every other line, which is then the caller's to handle. Any line that carries a ping's id answers it:
   * our firmware's `pong`, or the original's error line.
   */
  take(mcu: string, reply: ReplyLine, receivedAt: number): boolean {
    const id = typeof reply.id === 'string' ? reply.id : undefined;
    const ping = id === undefined ? undefined : this.pending.get(id);
    if (ping !== undefined && ping.mcu === mcu) {
      this.pending.delete(id!);
      clearTimeout(ping.timer);
      ping.resolve({
        mcu,
        sent: ping.sent,
        received: receivedAt,
        roundTripMs: receivedAt - ping.sent,
        deviceElapsedMs: replyElapsedMs(reply),
        answeredBy: reply.pong === true ? 'pong' : 'error-line',
      });
      return true;
    }
    return id !== undefined && this.abandoned.delete(id);
  }

  /** Fails every ping to `mcu` now (it went offline: its answer cannot come on this connection). */
  failMcu(mcu: string, error: DatapoolError): void {
    for (const [id, ping] of this.pending) if (ping.mcu === mcu) this.fail(id, ping, error);
  }

  /** Fails every ping (the datapool or runner is closing). */
  failAll(error: DatapoolError): void {
    for (const [id, ping] of this.pending) this.fail(id, ping, error);
  }

  private fail(id: string, ping: Pending, error: DatapoolError): void {
    clearTimeout(ping.timer);
    this.abandon(id);
    ping.reject(error);
  }

  private abandon(id: string): void {
    this.pending.delete(id);
    this.abandoned.add(id);
    if (this.abandoned.size > MAX_ABANDONED) this.abandoned.delete(this.abandoned.values().next().value as string);
  }
}
