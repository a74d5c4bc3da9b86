# BUZZER: an active buzzer (KY-012) on pin "out", switched on and off. A passive buzzer needs a tone: give
# "tone_hz" in the actuator's entry and the pin drives a square wave of that frequency while it sounds.
from machine import PWM, Pin

from iotmcp.actuators._switch import Switch

PINS = ("out",)
_HALF = 32768


class _Tone:
    def __init__(self, pins, tone_hz):
        self._pwm = PWM(Pin(pins["out"]), freq=tone_hz, duty_u16=0)
        self._level = 0

    def show(self, level, now_ms):
        if level != self._level:
            self._level = level
            self._pwm.duty_u16(_HALF if level else 0)

    def update(self, now_ms):
        pass


def Driver(pins, cfg):
    tone_hz = cfg.get("tone_hz")
    if tone_hz is None:
        return Switch(pins, cfg)
    if not isinstance(tone_hz, int) or not 20 <= tone_hz <= 20000:
        raise ValueError("BUZZER: tone_hz must be a whole number of hertz from 20 to 20000, got %r" % (tone_hz,))
    return _Tone(pins, tone_hz)
