# GUVA-S12SD UV module on an ADC1 pin: UV index = output voltage / 0.1 V.
from iotmcp.sensors.common import AnalogInput, rnd

PINS = ("pin",)


class Driver(AnalogInput):
    def read(self):
        raw, voltage = self.sample()
        return {"raw": raw, "voltage": voltage, "uvi": rnd(voltage / 0.1, 1)}
