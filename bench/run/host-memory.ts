import { resourceUsage } from 'node:process';

/**
 * The host's peak memory during a session. RSS peak comes from the kernel (getrusage maxrss), which sees
 * every spike; the V8 heap has no such counter, so it is sampled every `everyMs`, on an unref'd timer
 * that never keeps the process alive.
 */
export class HostMemoryMonitor {
  private peakHeap = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(everyMs = 250) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }

  private sample(): void {
    const heap = process.memoryUsage().heapUsed;
    if (heap > this.peakHeap) this.peakHeap = heap;
  }

  peak(): { peakRssBytes: number; peakHeapBytes: number } {
    this.sample();
    // maxRSS is in kilobytes on every platform Node supports.
    return { peakRssBytes: resourceUsage().maxRSS * 1024, peakHeapBytes: this.peakHeap };
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
