# KY-020 ball tilt switch on a pulled-up GPIO: upright the ball closes the contacts (0), tilted it reads 1.
from machine import Pin

PINS = ("pin",)


class Driver:
    def __init__(self, pins, cfg):
        self._pin = Pin(pins["pin"], Pin.IN, Pin.PULL_UP)

    def read(self):
        raw = self._pin.value()
        return {"raw": raw, "tilted": raw == 1}
