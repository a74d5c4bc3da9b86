/** How much of a history is kept: the newest items within all three limits. */
export interface RetentionLimits {
  count: number;
  bytes: number;
  ageMs: number;
}

/**
 * Items (finished command ids, orphan lines' instants) oldest first, with what each takes in the store and
 * when it happened. Adding one returns the items that fell out of the retention (over the count, the bytes,
 * or older than the age): the datapool forgets them and compaction drops their records. A queue with a moving
 * head rather than a set: one array write per item, not two updates of a hash table of 100,000 entries.
 */
export class RetentionQueue<T> {
  private ids: T[] = [];
  private bytes: number[] = [];
  private finishedAt: number[] = [];
  private head = 0;
  private totalBytes = 0;

  constructor(private readonly limits: RetentionLimits) {}

  get size(): number {
    return this.ids.length - this.head;
  }

  /** The oldest item still kept, if any. */
  get oldest(): T | undefined {
    return this.size > 0 ? this.ids[this.head] : undefined;
  }

  /** Bytes the retained items take, about. */
  get retainedBytes(): number {
    return this.totalBytes;
  }

  add(id: T, bytes: number, finishedAt: number): T[] {
    if (this.limits.count <= 0) return [id];
    this.ids.push(id);
    this.bytes.push(bytes);
    this.finishedAt.push(finishedAt);
    this.totalBytes += bytes;
    const forgotten: T[] = [];
    const oldestKept = finishedAt - this.limits.ageMs;
    while (
      this.size > 0 &&
      (this.size > this.limits.count ||
        // The newest stays whatever its size (a command is answerable at least until the next one ends).
        (this.totalBytes > this.limits.bytes && this.size > 1) ||
        this.finishedAt[this.head]! < oldestKept)
    ) {
      forgotten.push(this.ids[this.head]!);
      this.totalBytes -= this.bytes[this.head]!;
      this.head++;
    }
    // Drop the consumed prefix now and then, so the arrays do not grow with history.
    if (this.head > 1024 && this.head * 2 > this.ids.length) {
      this.ids = this.ids.slice(this.head);
      this.bytes = this.bytes.slice(this.head);
      this.finishedAt = this.finishedAt.slice(this.head);
      this.head = 0;
    }
    return forgotten;
  }
}
