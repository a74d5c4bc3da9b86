# KY-036 metal touch module, analog output on an ADC1 pin: a finger on the wire lifts it above 1000 counts.
from iotmcp.sensors.common import AnalogInput

PINS = ("pin",)
TOUCH_THRESHOLD = 1000


class Driver(AnalogInput):
    def read(self):
        raw, voltage = self.sample()
        return {"raw": raw, "voltage": voltage, "touched": raw > TOUCH_THRESHOLD}
