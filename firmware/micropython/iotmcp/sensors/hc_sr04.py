# HC-SR04 on two GPIOs: a 10 us trigger pulse, then the echo pulse's width (there and back at the speed of
# sound at 20 C, 343.4 m/s: 58.2 us per cm). No echo within 30 ms (beyond 4 m or unwired) is an error.
from time import sleep_us

from machine import Pin, time_pulse_us

from iotmcp.sensors.common import clamp, rnd

PINS = ("trig", "echo")

_ECHO_TIMEOUT_US = 30000
# cm per us of echo: 34340 cm/s, halved for the round trip.
_CM_PER_US = 343.4 / 20000


class Driver:
    def __init__(self, pins, cfg):
        self._trig = Pin(pins["trig"], Pin.OUT, value=0)
        self._echo = Pin(pins["echo"], Pin.IN)

    def read(self):
        trig = self._trig
        trig.value(0)
        sleep_us(5)
        trig.value(1)
        sleep_us(10)
        trig.value(0)
        us = time_pulse_us(self._echo, 1, _ECHO_TIMEOUT_US)
        if us < 0:
            raise OSError("HC-SR04: no echo")
        return {"distance_cm": rnd(clamp(us * _CM_PER_US, 2, 400), 1)}
