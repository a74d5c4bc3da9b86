# MAIN-VALVE: a motorised ball valve driven through an H-bridge (L298N / DRV8871 class): pin "open" high turns
# it toward open, pin "close" high toward closed, both low leave the motor idle. A move drives the motor for
# "travel_ms" (default 6000: the ball takes about 5 s) and then idles it; update() ends the drive, so run()
# never waits. Optional end-stop inputs "open_end" and "closed_end" (closed to ground at the end) end it early.
from time import ticks_diff

from machine import Pin

PINS = ("open", "close")


class Driver:
    def __init__(self, pins, cfg):
        self._travel_ms = cfg.get("travel_ms", 6000)
        if not isinstance(self._travel_ms, int) or not 100 <= self._travel_ms <= 60000:
            raise ValueError("MAIN-VALVE: travel_ms must be whole milliseconds from 100 to 60000, got %r" % (self._travel_ms,))
        # Both bridge inputs low before either is set: never both high, not even for an instant.
        self._open = Pin(pins["open"], Pin.OUT)
        self._close = Pin(pins["close"], Pin.OUT)
        self._open.value(0)
        self._close.value(0)
        self._ends = (self._end(pins, "closed_end"), self._end(pins, "open_end"))
        self._level = None
        self._since = None

    @staticmethod
    def _end(pins, name):
        return None if pins.get(name) is None else Pin(pins[name], Pin.IN, Pin.PULL_UP)

    def show(self, level, now_ms):
        # Every command drives the whole travel again, even toward the end it holds: a valve turned by hand, or
        # stopped short by a stall, still ends where the command says.
        self._level = level
        self._open.value(0)
        self._close.value(0)
        (self._open if level else self._close).value(1)
        self._since = now_ms

    def update(self, now_ms):
        if self._since is None:
            return
        end = self._ends[1 if self._level else 0]
        if ticks_diff(now_ms, self._since) >= self._travel_ms or (end is not None and end.value() == 0):
            self._open.value(0)
            self._close.value(0)
            self._since = None
