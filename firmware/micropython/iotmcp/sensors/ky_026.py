# KY-026 flame module: the analog IR level on an ADC1 pin (lower = more infrared) and the LM393 comparator's
# output on a GPIO. Whether a flame is detected is the comparator's decision (its threshold is the module's
# potentiometer, which the firmware cannot know): the output goes low when the level falls below it.
from machine import Pin

from iotmcp.sensors.common import adc, raw_to_volts, read_raw

PINS = ("ao", "do")


class Driver:
    def __init__(self, pins, cfg):
        self._adc = adc(pins["ao"])
        self._do = Pin(pins["do"], Pin.IN)

    def read(self):
        raw = read_raw(self._adc)
        return {"raw": raw, "voltage": raw_to_volts(raw), "detected": self._do.value() == 0}
