# Water level / leak probe (exposed traces), analog output on an ADC1 pin: water bridging the traces lifts it.
from iotmcp.sensors.common import AnalogInput

PINS = ("pin",)
WET_ABOVE = 300


class Driver(AnalogInput):
    def read(self):
        raw = self.raw()
        return {"raw": raw, "wet": raw > WET_ABOVE}
