import { type CommandState, type CommandStatus, DatapoolError, type WaitOptions } from '../types.js';

/**
 * Waiting for a command to end, for every `CommandBook` (the datapool's, and a device-native board's): a
 * waiter is resolved by the command's end or by its own timeout, whichever comes first, and never by polling.
 */

/** setTimeout's longest delay; a longer one would fire at once. */
const MAX_WAIT_MS = 2_147_483_647;

export interface Waiter {
  resolve: (status: CommandStatus) => void;
  timer: NodeJS.Timeout;
  /** Also answered by the next sample (`until: 'sample'`). */
  onSample: boolean;
}

/** A command and the callers waiting for it to end. */
export interface Waitable {
  status: CommandStatus;
  waiters: Set<Waiter>;
}

export function isFinal(state: CommandState): boolean {
  return state === 'done' || state === 'failed';
}

/** A copy the caller may keep: later samples do not appear in it. */
export function snapshot(status: CommandStatus): CommandStatus {
  return { ...status, samples: status.samples.slice() };
}

/** Resolves when the command ends, or after `timeoutMs` with the status so far. */
export function waitForEnd(entry: Waitable, options: WaitOptions): Promise<CommandStatus> {
  const timeoutMs = options.timeoutMs;
  if (typeof timeoutMs !== 'number' || Number.isNaN(timeoutMs) || timeoutMs < 0) {
    return Promise.reject(new DatapoolError('invalid-request', `timeoutMs must be a number >= 0 (got ${String(timeoutMs)})`));
  }
  const answered = isFinal(entry.status.state) || timeoutMs === 0 || (options.until === 'sample' && entry.status.samples.length > 0);
  if (answered) return Promise.resolve(snapshot(entry.status));
  return new Promise((resolve) => {
    const waiter: Waiter = {
      resolve,
      onSample: options.until === 'sample',
      timer: setTimeout(
        () => {
          entry.waiters.delete(waiter);
          resolve(snapshot(entry.status));
        },
        Math.min(timeoutMs, MAX_WAIT_MS),
      ),
    };
    entry.waiters.add(waiter);
  });
}

/** Answers every waiter with the status as it is now (the command ended, or its owner is closing). */
export function answerWaiters(entry: Waitable): CommandStatus {
  const status = snapshot(entry.status);
  for (const waiter of entry.waiters) {
    clearTimeout(waiter.timer);
    waiter.resolve(status);
  }
  entry.waiters.clear();
  return status;
}

/** A sample arrived: answers the waiters that wait for one (`until: 'sample'`). */
export function answerSampleWaiters(entry: Waitable): void {
  let status: CommandStatus | undefined;
  for (const waiter of entry.waiters) {
    if (!waiter.onSample) continue;
    status ??= snapshot(entry.status);
    clearTimeout(waiter.timer);
    entry.waiters.delete(waiter);
    waiter.resolve(status);
  }
}
