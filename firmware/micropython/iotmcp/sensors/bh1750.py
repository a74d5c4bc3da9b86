# BH1750 on I2C (0x23, or 0x5C with ADDR high) in continuous high-resolution mode: 1 lx steps,
# lux = count / 1.2. A conversion takes up to 180 ms, so the first read after power-on waits once.
from time import sleep_ms

from iotmcp.sensors.common import i2c, rnd

PINS = ("sda", "scl")

_POWER_ON = b"\x01"
_CONTINUOUS_H_RES = b"\x10"
_FIRST_CONVERSION_MS = 180


class Driver:
    def __init__(self, pins, cfg):
        self._bus = i2c(pins["sda"], pins["scl"])
        self._addr = cfg.get("address", 0x23)
        self._ready = False

    def read(self):
        bus, addr = self._bus, self._addr
        if not self._ready:
            bus.writeto(addr, _POWER_ON)
            bus.writeto(addr, _CONTINUOUS_H_RES)
            sleep_ms(_FIRST_CONVERSION_MS)
            self._ready = True
        data = bus.readfrom(addr, 2)
        raw = data[0] << 8 | data[1]
        return {"lux": rnd(raw / 1.2, 1), "raw": raw}
