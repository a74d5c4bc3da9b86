# KY-040 rotary encoder: CLK, DT (pulled up, in quadrature while turning) and the push switch to ground,
# each on a GPIO. A read reports the three levels as they are now; both encoder pins read 1 on a detent.
from machine import Pin

PINS = ("clk", "dt", "sw")


class Driver:
    def __init__(self, pins, cfg):
        self._clk = Pin(pins["clk"], Pin.IN, Pin.PULL_UP)
        self._dt = Pin(pins["dt"], Pin.IN, Pin.PULL_UP)
        self._sw = Pin(pins["sw"], Pin.IN, Pin.PULL_UP)

    def read(self):
        switch = self._sw.value()
        return {"clk": self._clk.value(), "dt": self._dt.value(), "switch": switch, "pressed": switch == 0}
