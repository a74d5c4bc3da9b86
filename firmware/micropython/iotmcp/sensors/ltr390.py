# LTR390 on I2C (0x53): gain 3 and 18-bit resolution (100 ms), the common driver defaults. ALS and UVS share
# one converter, so each read switches mode and waits for the data-ready flag of that mode's conversion.
from time import sleep_ms, ticks_add, ticks_diff, ticks_ms

from iotmcp.sensors.common import i2c, rnd

PINS = ("sda", "scl")

_MAIN_CTRL = 0x00
_MEAS_RATE = 0x04
_GAIN = 0x05
_MAIN_STATUS = 0x07
_ALS_DATA = 0x0D
_UVS_DATA = 0x10
# MAIN_CTRL: bit 1 enables the sensor, bit 3 selects UVS mode (else ALS).
_ALS_MODE = 0x02
_UVS_MODE = 0x0A
# MEAS_RATE: resolution 18 bit (bits 6:4 = 2), rate 100 ms (bits 2:0 = 2); GAIN: 1 = gain 3.
_RATE_18BIT_100MS = b"\x22"
_GAIN_3 = b"\x01"
_DATA_READY = 0x08
# One conversion is 100 ms; allow a second one before giving up.
_CONVERSION_MS = 250
LUX_PER_COUNT = 0.2
UVS_COUNTS_PER_UVI = (2300 * (3 / 18)) / 4


class Driver:
    def __init__(self, pins, cfg):
        self._bus = i2c(pins["sda"], pins["scl"])
        self._addr = cfg.get("address", 0x53)
        self._buf = bytearray(3)
        self._ready = False

    def _measure(self, mode, register):
        bus, addr = self._bus, self._addr
        bus.writeto_mem(addr, _MAIN_CTRL, bytes((mode,)))
        # Reading MAIN_STATUS clears a data-ready flag left from the other mode.
        bus.readfrom_mem(addr, _MAIN_STATUS, 1)
        deadline = ticks_add(ticks_ms(), _CONVERSION_MS)
        while not bus.readfrom_mem(addr, _MAIN_STATUS, 1)[0] & _DATA_READY:
            if ticks_diff(deadline, ticks_ms()) <= 0:
                raise OSError("LTR390: no conversion")
            sleep_ms(5)
        b = self._buf
        bus.readfrom_mem_into(addr, register, b)
        return b[0] | b[1] << 8 | (b[2] & 0x0F) << 16

    def read(self):
        if not self._ready:
            self._bus.writeto_mem(self._addr, _MEAS_RATE, _RATE_18BIT_100MS)
            self._bus.writeto_mem(self._addr, _GAIN, _GAIN_3)
            self._ready = True
        als = self._measure(_ALS_MODE, _ALS_DATA)
        uvs = self._measure(_UVS_MODE, _UVS_DATA)
        return {"uv_index": rnd(uvs / UVS_COUNTS_PER_UVI, 2), "lux": rnd(als * LUX_PER_COUNT, 1), "raw_uvs": uvs, "raw_als": als}
