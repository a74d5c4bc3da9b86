/**
 * Delivers items after a per-item delay without ever reordering them: an item is due no earlier than
 * the one before it, as on one TCP connection where a late segment holds back everything behind it.
 * With nothing waiting and no delay, an item is delivered at once (the `ideal` network costs nothing).
 */
export class DelayLine<T> {
  private readonly queue: { dueAt: number; item: T }[] = [];
  private lastDueAt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deliver: (item: T) => void) {}

  /** Items waiting. */
  get size(): number {
    return this.queue.length;
  }

  push(item: T, delayMs: number): void {
    const now = performance.now();
    if (this.queue.length === 0 && delayMs <= 0) {
      this.lastDueAt = now;
      this.deliver(item);
      return;
    }
    const dueAt = Math.max(now + delayMs, this.lastDueAt);
    this.lastDueAt = dueAt;
    this.queue.push({ dueAt, item });
    if (this.queue.length === 1) this.arm();
  }

  /** Forgets everything waiting (the link went down). */
  clear(): void {
    this.queue.length = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const head = this.queue[0];
    if (!head) return;
    this.timer = setTimeout(() => this.flush(), Math.max(0, head.dueAt - performance.now()));
  }

  private flush(): void {
    this.timer = undefined;
    const now = performance.now();
    // Timers may fire a little early relative to performance.now(); allow a millisecond of slack.
    while (this.queue.length > 0 && (this.queue[0]?.dueAt ?? Infinity) <= now + 1) {
      const next = this.queue.shift();
      if (next) this.deliver(next.item);
    }
    this.arm();
  }
}
