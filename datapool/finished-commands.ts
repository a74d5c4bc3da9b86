/** How much of the finished history stays answerable. */
export interface RetentionLimits {
  count: number;
  bytes: number;
  ageMs: number;
}

/**
 * Finished command ids, oldest first, with what each takes in the store and when it finished. Adding one
 * returns the ids that fell out of the retention (over the count, the bytes, or older than the age): the
 * datapool forgets them and compaction drops their records. A queue with a moving head rather than a set:
 * one array write per command, not two updates of a hash table of 100,000 entries.
 */
export class FinishedCommands {
  private ids: string[] = [];
  private bytes: number[] = [];
  private finishedAt: number[] = [];
  private head = 0;
  private totalBytes = 0;

  constructor(private readonly limits: RetentionLimits) {}

  get size(): number {
    return this.ids.length - this.head;
  }

  /** Bytes the retained commands take, about. */
  get retainedBytes(): number {
    return this.totalBytes;
  }

  add(id: string, bytes: number, finishedAt: number): string[] {
    if (this.limits.count <= 0) return [id];
    this.ids.push(id);
    this.bytes.push(bytes);
    this.finishedAt.push(finishedAt);
    this.totalBytes += bytes;
    const forgotten: string[] = [];
    const oldestKept = finishedAt - this.limits.ageMs;
    while (
      this.size > 0 &&
      (this.size > this.limits.count ||
        // The newest stays whatever its size, so a command is answerable at least until the next one ends.
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
