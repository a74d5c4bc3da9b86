# LM35 on an ADC1 pin: 10 mV per C from 0 V at 0 C.
from iotmcp.sensors.common import AnalogInput, rnd

PINS = ("pin",)
ALARM_C = 40


class Driver(AnalogInput):
    def read(self):
        raw, voltage = self.sample()
        celsius = rnd(voltage * 100, 1)
        return {"raw": raw, "voltage": voltage, "celsius": celsius, "alarm": celsius >= ALARM_C}
