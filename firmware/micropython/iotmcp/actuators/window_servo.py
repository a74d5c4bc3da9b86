# WINDOW-SERVO: a hobby servo (MG996R class) on the window's stay, signal on pin "out": 50 Hz, a pulse from
# "closed_us" (default 500) at 0 % to "open_us" (default 2500) at 100 %; swap them for a servo mounted the
# other way round. The ramp at the type's slew rate is the actuator's (update() moves the pulse along it).
from machine import PWM, Pin

PINS = ("out",)
FREQ_HZ = 50
PERIOD_US = 20000


class Driver:
    def __init__(self, pins, cfg):
        self._closed_us = cfg.get("closed_us", 500)
        self._open_us = cfg.get("open_us", 2500)
        for us in (self._closed_us, self._open_us):
            if not isinstance(us, int) or not 400 <= us <= 2600:
                raise ValueError("WINDOW-SERVO: closed_us and open_us must be whole microseconds from 400 to 2600, got %r" % (us,))
        self._duty = None
        self._pwm = PWM(Pin(pins["out"]), freq=FREQ_HZ, duty_u16=0)

    def pulse_us(self, open_pct):
        return self._closed_us + (self._open_us - self._closed_us) * open_pct / 100

    def show(self, level, now_ms):
        duty = int(self.pulse_us(level) * 65535 / PERIOD_US + 0.5)
        if duty != self._duty:
            self._duty = duty
            self._pwm.duty_u16(duty)

    def update(self, now_ms):
        pass
