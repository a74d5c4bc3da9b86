# KY-004 push button to ground on a pulled-up GPIO: 0 while pressed.
from machine import Pin

PINS = ("pin",)


class Driver:
    def __init__(self, pins, cfg):
        self._pin = Pin(pins["pin"], Pin.IN, Pin.PULL_UP)

    def read(self):
        raw = self._pin.value()
        return {"raw": raw, "pressed": raw == 0}
