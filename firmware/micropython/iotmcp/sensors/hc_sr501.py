# HC-SR501 PIR on a GPIO: its output is driven high while a warm body moves in range.
from machine import Pin

PINS = ("pin",)


class Driver:
    def __init__(self, pins, cfg):
        self._pin = Pin(pins["pin"], Pin.IN)

    def read(self):
        raw = self._pin.value()
        return {"motion": raw == 1}
