# DIMMABLE-LIGHT: a 12 V LED lamp behind a logic-level MOSFET, dimmed by 1 kHz PWM on pin "out". The duty
# cycle follows the brightness through a gamma of 2.2 so equal steps of level_pct look equal to the eye.
from machine import PWM, Pin

PINS = ("out",)
FREQ_HZ = 1000
GAMMA = 2.2


def duty_u16(level_pct):
    """The 16-bit duty cycle for a brightness in %."""
    return int(65535 * (level_pct / 100) ** GAMMA + 0.5)


class Driver:
    def __init__(self, pins, cfg):
        self._pwm = PWM(Pin(pins["out"]), freq=FREQ_HZ, duty_u16=0)
        self._level = 0

    def show(self, level, now_ms):
        if level != self._level:
            self._level = level
            self._pwm.duty_u16(duty_u16(level))

    def update(self, now_ms):
        pass
