# MPU6050 on I2C (0x68, or 0x69 with AD0 high): woken from sleep, +-2 g and +-250 deg/s full scale (the
# power-on defaults, written anyway), then one 14-byte burst from ACCEL_XOUT_H per read.
from math import atan2, pi, sqrt
from struct import unpack

from iotmcp.sensors.common import i2c, rnd

PINS = ("sda", "scl")

_PWR_MGMT_1 = 0x6B
_GYRO_CONFIG = 0x1B
_ACCEL_CONFIG = 0x1C
_ACCEL_XOUT_H = 0x3B
G = 9.80665
# LSB per g at +-2 g, per deg/s at +-250 deg/s; temperature: raw / 340 + 36.53 C (register map 4.18).
_ACCEL_LSB = 16384
_GYRO_LSB = 131
_RAD = pi / 180


class Driver:
    def __init__(self, pins, cfg):
        self._bus = i2c(pins["sda"], pins["scl"])
        self._addr = cfg.get("address", 0x68)
        self._buf = bytearray(14)
        self._ready = False

    def _init(self):
        bus, addr = self._bus, self._addr
        # Wake up on the X gyro's clock (more stable than the internal oscillator).
        bus.writeto_mem(addr, _PWR_MGMT_1, b"\x01")
        bus.writeto_mem(addr, _GYRO_CONFIG, b"\x00")
        bus.writeto_mem(addr, _ACCEL_CONFIG, b"\x00")
        self._ready = True

    def read(self):
        if not self._ready:
            self._init()
        self._bus.readfrom_mem_into(self._addr, _ACCEL_XOUT_H, self._buf)
        ax, ay, az, t, gx, gy, gz = unpack(">7h", self._buf)
        ax = rnd(ax * G / _ACCEL_LSB, 3)
        ay = rnd(ay * G / _ACCEL_LSB, 3)
        az = rnd(az * G / _ACCEL_LSB, 3)
        return {
            "temperature": rnd(t / 340 + 36.53, 2),
            "accel": {"x": ax, "y": ay, "z": az},
            "gyro": {"x": rnd(gx / _GYRO_LSB, 2), "y": rnd(gy / _GYRO_LSB, 2), "z": rnd(gz / _GYRO_LSB, 2)},
            # Tilt from the accelerometer alone: pitch about y, roll about x.
            "tilt": {"x": rnd(atan2(-ax, sqrt(ay * ay + az * az)) / _RAD, 1), "y": rnd(atan2(ay, az) / _RAD, 1)},
        }
