# KY-036 metal touch module, analog output on an ADC1 pin: a finger on the wire lifts it above 1000 counts.
from iotmcp.sensors.common import adc, raw_to_volts, read_raw

PINS = ("pin",)
TOUCH_THRESHOLD = 1000


class Driver:
    def __init__(self, pins, cfg):
        self._adc = adc(pins["pin"])

    def read(self):
        raw = read_raw(self._adc)
        return {"raw": raw, "voltage": raw_to_volts(raw), "touched": raw > TOUCH_THRESHOLD}
