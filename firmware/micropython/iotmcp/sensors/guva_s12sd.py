# GUVA-S12SD UV module on an ADC1 pin: UV index = output voltage / 0.1 V.
from iotmcp.sensors.common import adc, raw_to_volts, read_raw, rnd

PINS = ("pin",)


class Driver:
    def __init__(self, pins, cfg):
        self._adc = adc(pins["pin"])

    def read(self):
        raw = read_raw(self._adc)
        voltage = raw_to_volts(raw)
        return {"raw": raw, "voltage": voltage, "uvi": rnd(voltage / 0.1, 1)}
