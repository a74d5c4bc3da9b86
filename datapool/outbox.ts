import { now } from '../core/clock.js';
import { DEFAULT_MAX_CONCURRENT } from './registry.js';

/** A command waiting for its MCU. */
export interface OutboxItem {
  id: string;
  mcu: string;
  /** When it started waiting (accepted, or sent back after its MCU dropped). */
  since: number;
  expiresAt: number;
}

export interface OutboxOptions {
  /** Commands one MCU may have waiting; one more is refused (`queue-full`). */
  capacity?: number;
  /** How often the one expiry sweep runs, ms. */
  sweepIntervalMs?: number;
  /** Called for each item the sweep removes because its TTL ran out. */
  onExpire: (item: OutboxItem) => void;
  /** Called at the end of every sweep: the owner checks the commands in flight on the same beat. */
  afterSweep?: (at: number) => void;
}

export const DEFAULT_OUTBOX_CAPACITY = 1024;
export const DEFAULT_TTL_MS = 30_000;

interface Lane {
  waiting: OutboxItem[];
  inFlight: Set<string>;
  window: number;
}

/**
 * Per-MCU flow control. Each MCU has a FIFO of commands waiting for it and a window of commands in flight,
 * as many as the board runs at once (its free timers): sending more would only make the board queue or
 * refuse them. Waiting commands expire after their TTL; one sweep timer checks all MCUs, so the cost does
 * not grow with a timer per command.
 */
export class Outbox {
  private readonly lanes = new Map<string, Lane>();
  private readonly capacity: number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: OutboxOptions) {
    this.capacity = options.capacity ?? DEFAULT_OUTBOX_CAPACITY;
    this.sweeper = setInterval(() => this.sweep(), options.sweepIntervalMs ?? 1000);
    this.sweeper.unref();
  }

  /** Sets how many commands may be in flight to this MCU (its announced `max_concurrent`). */
  setWindow(mcu: string, window: number): void {
    this.lane(mcu).window = window;
  }

  /** True when a new command for this MCU may be sent at once: a free slot and nobody waiting ahead of it. */
  canSendNow(mcu: string): boolean {
    const lane = this.lanes.get(mcu);
    if (lane === undefined) return true;
    return lane.waiting.length === 0 && lane.inFlight.size < lane.window;
  }

  /** True when this MCU already has `capacity` commands waiting. */
  isFull(mcu: string): boolean {
    return this.waiting(mcu) >= this.capacity;
  }

  /** Queues at the back; false when this MCU's outbox is full. */
  enqueue(item: OutboxItem): boolean {
    const lane = this.lane(item.mcu);
    if (lane.waiting.length >= this.capacity) return false;
    lane.waiting.push(item);
    return true;
  }

  /** Puts commands back at the front, in the given order (they were sent first, so they go first again). */
  requeueFront(mcu: string, items: OutboxItem[]): void {
    if (items.length === 0) return;
    this.lane(mcu).waiting.unshift(...items);
  }

  /** Takes a waiting command out (cancelled); false if it was not waiting. */
  remove(mcu: string, id: string): boolean {
    const lane = this.lanes.get(mcu);
    if (lane === undefined) return false;
    const index = lane.waiting.findIndex((item) => item.id === id);
    if (index === -1) return false;
    lane.waiting.splice(index, 1);
    return true;
  }

  /** Marks a command as in flight (it takes a slot). */
  startFlight(mcu: string, id: string): void {
    this.lane(mcu).inFlight.add(id);
  }

  /** Frees a command's slot; false if it held none. */
  endFlight(mcu: string, id: string): boolean {
    return this.lanes.get(mcu)?.inFlight.delete(id) ?? false;
  }

  /** Ids in flight to this MCU, in the order they were sent. */
  inFlight(mcu: string): string[] {
    const lane = this.lanes.get(mcu);
    return lane === undefined ? [] : [...lane.inFlight];
  }

  /** Takes as many waiting commands as there are free slots, marking them in flight. */
  takeReady(mcu: string): OutboxItem[] {
    const lane = this.lanes.get(mcu);
    if (lane === undefined) return [];
    const ready: OutboxItem[] = [];
    while (lane.waiting.length > 0 && lane.inFlight.size < lane.window) {
      const item = lane.waiting.shift()!;
      lane.inFlight.add(item.id);
      ready.push(item);
    }
    return ready;
  }

  /**
   * Drops this MCU's lane (the datapool forgot the board) and returns the commands that were waiting in it,
   * for the owner to fail: an id announced once must not keep a lane for the life of the process.
   */
  forget(mcu: string): OutboxItem[] {
    const lane = this.lanes.get(mcu);
    if (lane === undefined) return [];
    this.lanes.delete(mcu);
    return lane.waiting;
  }

  /** Commands waiting for this MCU. */
  waiting(mcu: string): number {
    return this.lanes.get(mcu)?.waiting.length ?? 0;
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  /** Removes every expired waiting command; public so an owner can sweep at a moment of its choosing. */
  sweep(at = now()): void {
    for (const lane of this.lanes.values()) {
      if (lane.waiting.length === 0) continue;
      const expired = lane.waiting.filter((item) => item.expiresAt <= at);
      if (expired.length === 0) continue;
      lane.waiting = lane.waiting.filter((item) => item.expiresAt > at);
      for (const item of expired) this.options.onExpire(item);
    }
    this.options.afterSweep?.(at);
  }

  private lane(mcu: string): Lane {
    let lane = this.lanes.get(mcu);
    if (lane === undefined) {
      lane = { waiting: [], inFlight: new Set(), window: DEFAULT_MAX_CONCURRENT };
      this.lanes.set(mcu, lane);
    }
    return lane;
  }
}
