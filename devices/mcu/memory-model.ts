/**
 * The heap of an emulated board, as MicroPython's `gc.mem_alloc()` would see it: the firmware at rest,
 * the drivers attached to it, every command it holds and every reply it is building. The reference
 * firmware reports the high-water mark since its last reply, so `takePeak()` returns the mark and lowers
 * it to what is in use now.
 */

export type Allocation = { ok: true } | { ok: false; error: string };

/** The text MicroPython raises when the heap is exhausted. */
export function memoryErrorMessage(bytes: number): string {
  return `MemoryError: memory allocation failed, allocating ${bytes} bytes`;
}

export class MemoryModel {
  private used = 0;
  private highWater = 0;

  constructor(readonly heapBytes: number) {}

  /** Bytes in use now. */
  get inUse(): number {
    return this.used;
  }

  /** High-water mark since the last `takePeak()`. */
  get peak(): number {
    return this.highWater;
  }

  /** Takes `bytes` from the heap, or reports MicroPython's MemoryError and takes nothing. */
  allocate(bytes: number): Allocation {
    const size = Math.max(0, Math.ceil(bytes));
    if (this.used + size > this.heapBytes) return { ok: false, error: memoryErrorMessage(size) };
    this.used += size;
    if (this.used > this.highWater) this.highWater = this.used;
    return { ok: true };
  }

  release(bytes: number): void {
    this.used = Math.max(0, this.used - Math.max(0, Math.ceil(bytes)));
  }

  /** Returns the high-water mark and resets it to the current level, as the firmware does after a reply. */
  takePeak(): number {
    const peak = this.highWater;
    this.highWater = this.used;
    return peak;
  }
}

/**
 * What a board on our MicroPython firmware holds for its actuator package and table once it drives any actuator,
 * bytes: measured with `iotmcp-bench perf --only memory` (a board with one actuator less the same board without it
 * and less that actuator's own driver). A board that drives none never loads them.
 */
export const ACTUATOR_PACKAGE_BYTES = 6_880;

/** Heap the drivers attached to a board hold at rest: each driver's share, and the actuator package once. */
export function attachedDriversBytes(
  sensors: readonly { spec: { driverMemoryBytes: number } }[],
  actuators: readonly { spec: { driverMemoryBytes: number } }[],
): number {
  const drivers = [...sensors, ...actuators].reduce((sum, attached) => sum + attached.spec.driverMemoryBytes, 0);
  return drivers + (actuators.length > 0 ? ACTUATOR_PACKAGE_BYTES : 0);
}
