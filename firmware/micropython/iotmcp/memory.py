# peak_memory as the original firmware measures it: the highest gc.mem_alloc() seen since the last report,
# sampled every `interval_ms` by a task and once more while each reply is built, then reset once the reply
# is out. Short peaks between two samples are missed; the sampler itself allocates nothing on an ESP32.
#
# The collector: after each reply the firmware collects (gc.collect()), so the next peak starts from the
# live heap; and when garbage passes `threshold` bytes the sampler collects too. An ESP32 would collect on
# its own once its heap fills, but the peaks would then be mostly garbage; the WebAssembly port used in the
# tests never collects on its own at all, and its asyncio allocates on every sleep.
import gc

import asyncio


class PeakSampler:
    def __init__(self, interval_ms=10, threshold=16384, offset=0):
        self.interval_ms = interval_ms
        self.threshold = threshold
        self.offset = offset
        gc.collect()
        self.live = gc.mem_alloc()
        self.peak = self.live
        self.samples = 0
        try:
            gc.threshold(threshold)
        except (AttributeError, ValueError):
            pass

    def sample(self):
        """Takes one sample now; returns it."""
        used = gc.mem_alloc()
        self.samples += 1
        if used > self.peak:
            self.peak = used
        return used

    def take(self):
        """The peak since the last reset, this moment included (call it with the reply built)."""
        self.sample()
        return max(0, self.peak - self.offset)

    def reset(self):
        """After a reply is sent: collect, and measure the next peak from the live heap."""
        gc.collect()
        self.live = self.peak = gc.mem_alloc()

    async def run(self):
        interval = self.interval_ms
        while True:
            used = self.sample()
            if used - self.live > self.threshold:
                # Collect, but keep the peak already seen: it is what the next reply reports.
                gc.collect()
                self.live = gc.mem_alloc()
            await asyncio.sleep_ms(interval)
