# KY-010 photo interrupter on a pulled-up GPIO: the lit phototransistor pulls it low, a blocked beam lets it go high.
from machine import Pin

PINS = ("pin",)


class Driver:
    def __init__(self, pins, cfg):
        self._pin = Pin(pins["pin"], Pin.IN, Pin.PULL_UP)

    def read(self):
        raw = self._pin.value()
        return {"raw": raw, "blocked": raw == 1}
