# TMP36 on an ADC1 pin: 0.5 V at 0 C, 10 mV per C.
from iotmcp.sensors.common import AnalogInput, rnd

PINS = ("pin",)


class Driver(AnalogInput):
    def read(self):
        raw, voltage = self.sample()
        return {"raw": raw, "voltage": voltage, "celsius": rnd((voltage - 0.5) * 100, 1)}
