# KY-023 joystick: two potentiometer wipers on ADC1 pins and the push switch to ground on a pulled-up GPIO.
from machine import Pin

from iotmcp.sensors.common import adc, raw_to_volts, read_raw

PINS = ("x", "y", "sw")


class Driver:
    def __init__(self, pins, cfg):
        self._x = adc(pins["x"])
        self._y = adc(pins["y"])
        self._sw = Pin(pins["sw"], Pin.IN, Pin.PULL_UP)

    def read(self):
        x = read_raw(self._x)
        y = read_raw(self._y)
        return {"x": x, "y": y, "voltage": {"x": raw_to_volts(x), "y": raw_to_volts(y)}, "pressed": self._sw.value() == 0}
