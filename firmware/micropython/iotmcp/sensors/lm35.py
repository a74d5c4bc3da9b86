# LM35 on an ADC1 pin: 10 mV per C from 0 V at 0 C.
from iotmcp.sensors.common import adc, raw_to_volts, read_raw, rnd

PINS = ("pin",)
ALARM_C = 40


class Driver:
    def __init__(self, pins, cfg):
        self._adc = adc(pins["pin"])

    def read(self):
        raw = read_raw(self._adc)
        voltage = raw_to_volts(raw)
        celsius = rnd(voltage * 100, 1)
        return {"raw": raw, "voltage": voltage, "celsius": celsius, "alarm": celsius >= ALARM_C}
