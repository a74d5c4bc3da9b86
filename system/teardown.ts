/**
 * Who closes what: whoever starts a part owns it. A composed system owns what it started itself and what it
 * was handed (`adopt`), and nothing else; it closes them newest first, so a part is never left calling one
 * that is already gone (a host before its servers' datapool, boards before the datapool they dial, the
 * datapool before its temporary data directory is removed). A caller keeps, and closes, what it starts and
 * does not hand over.
 */

/** What closes one owned part. */
export type CloseStep = () => Promise<void> | void;

export interface TeardownOptions {
  /**
   * A part that fails to close is reported here and closing goes on, resolving. Without it, closing still
   * tries every part, then rejects with the first failure.
   */
  onCloseError?: (error: Error) => void;
}

export class Teardown {
  private readonly steps: CloseStep[] = [];
  /** Parts handed over while closing was under way: closed at once, and closing waits for them. */
  private readonly late: Promise<Error | null>[] = [];
  private closing: Promise<void> | null = null;

  constructor(private readonly options: TeardownOptions = {}) {}

  /** Takes ownership of a started part: `step` closes it, before every part owned earlier. */
  own(step: CloseStep): void {
    if (this.closing !== null) {
      // Handed over while the system is already closing: nothing may outlive it, so this part goes now, and a
      // closing still under way waits for it (one already finished cannot: the part is closed all the same).
      this.late.push(
        this.closeOne(step).then(
          () => null,
          (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
        ),
      );
      return;
    }
    this.steps.push(step);
  }

  /** Closes every owned part once, newest first; later calls wait for the same closing. */
  close(): Promise<void> {
    this.closing ??= this.closeAll();
    return this.closing;
  }

  private async closeAll(): Promise<void> {
    let first: Error | null = null;
    while (this.steps.length > 0) {
      const step = this.steps.pop()!;
      try {
        await this.closeOne(step);
      } catch (error) {
        first ??= error instanceof Error ? error : new Error(String(error));
      }
    }
    while (this.late.length > 0) first ??= await this.late.shift()!;
    if (first !== null) throw first;
  }

  private async closeOne(step: CloseStep): Promise<void> {
    try {
      await step();
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      if (this.options.onCloseError === undefined) throw failure;
      this.options.onCloseError(failure);
    }
  }
}
