# SW420 vibration module on a GPIO: its comparator output is high while the spring switch is shaken.
from machine import Pin

PINS = ("pin",)


class Driver:
    def __init__(self, pins, cfg):
        self._pin = Pin(pins["pin"], Pin.IN)

    def read(self):
        raw = self._pin.value()
        return {"raw": raw, "shock": raw == 1}
