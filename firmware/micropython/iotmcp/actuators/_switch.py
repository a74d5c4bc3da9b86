# One GPIO that switches a load on or off through a relay module or a MOSFET. Many relay modules close on a
# low input, so the level that switches the load on is configurable: "active_low": true in the actuator's entry.
from machine import Pin


class Switch:
    def __init__(self, pins, cfg):
        self._on = 0 if cfg.get("active_low") else 1
        self._pin = Pin(pins["out"], Pin.OUT)
        self._level = None

    def show(self, level, now_ms):
        if level != self._level:
            self._level = level
            self._pin.value(self._on if level else 1 - self._on)

    def update(self, now_ms):
        pass
