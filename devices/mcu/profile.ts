/** A microcontroller model: what limits its firmware and how its link behaves. */
export interface McuProfile {
  /** Model name as boards report it ("ESP32-S3"). */
  model: string;
  sramBytes: number;
  clockMHz: number;
  /** Heap the MicroPython-style firmware leaves for our code; `MemoryError` past it. */
  heapBytes: number;
  /** Hardware timers free for sampling commands: that many run at once. */
  maxConcurrentCommands: number;
  /** Commands waiting for a timer; one more is refused. */
  pendingQueueDepth: number;
  /** Reply lines waiting for the link; more are dropped and reported. */
  outputQueueDepth: number;
  /** WiFi one-way delay model, ms: mean and jitter (standard deviation), seeded. */
  wifi: { meanMs: number; jitterMs: number };
  /** Memory model, bytes. */
  memory: {
    /** Firmware, interpreter state and network stack at rest. */
    firmwareBase: number;
    /** One command held in the pending queue or running on a timer. */
    perCommand: number;
    /** Fixed cost of one reply being built and sent, on top of its line length. */
    perReplyOverhead: number;
  };
}
