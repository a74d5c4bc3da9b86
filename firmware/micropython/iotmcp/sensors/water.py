# Water level / leak probe (exposed traces), analog output on an ADC1 pin: water bridging the traces lifts it.
from iotmcp.sensors.common import adc, read_raw

PINS = ("pin",)
WET_ABOVE = 300


class Driver:
    def __init__(self, pins, cfg):
        self._adc = adc(pins["pin"])

    def read(self):
        raw = read_raw(self._adc)
        return {"raw": raw, "wet": raw > WET_ABOVE}
