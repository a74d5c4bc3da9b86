# KY-038 microphone module, analog output on an ADC1 pin: the peak-to-peak swing over a 20 ms window (one
# period of 50 Hz hum, several of speech), and the sound level that follows from it (100 dBA = full scale).
from math import log10
from time import ticks_diff, ticks_us

from iotmcp.sensors.common import ADC_MAX, AnalogInput, raw_to_volts, read_raw, rnd

PINS = ("pin",)

_WINDOW_US = 20000
FULL_SCALE_DB = 100
# Counts of the swing at the 60 dBA trigger level: ADC_MAX * 10 ** ((60 - 100) / 20).
TRIGGER_COUNTS = ADC_MAX * 10 ** ((60 - FULL_SCALE_DB) / 20)


class Driver(AnalogInput):
    def read(self):
        channel = self._adc
        low = high = read_raw(channel)
        start = ticks_us()
        while ticks_diff(ticks_us(), start) < _WINDOW_US:
            v = read_raw(channel)
            if v < low:
                low = v
            elif v > high:
                high = v
        raw = high - low
        return {
            "raw": raw,
            "voltage": raw_to_volts(raw),
            "triggered": raw >= TRIGGER_COUNTS,
            "level": rnd(FULL_SCALE_DB + 20 * log10(max(raw, 1) / ADC_MAX), 1),
        }
