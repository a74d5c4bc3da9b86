# TMP36 on an ADC1 pin: 0.5 V at 0 C, 10 mV per C.
from iotmcp.sensors.common import adc, raw_to_volts, read_raw, rnd

PINS = ("pin",)


class Driver:
    def __init__(self, pins, cfg):
        self._adc = adc(pins["pin"])

    def read(self):
        raw = read_raw(self._adc)
        voltage = raw_to_volts(raw)
        return {"raw": raw, "voltage": voltage, "celsius": rnd((voltage - 0.5) * 100, 1)}
