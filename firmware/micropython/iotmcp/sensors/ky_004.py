# KY-004 push button to ground on a pulled-up GPIO: 0 while pressed.
from iotmcp.sensors.common import DigitalInput

PINS = ("pin",)


class Driver(DigitalInput):
    PULL_UP = True

    def read(self):
        raw = self._pin.value()
        return {"raw": raw, "pressed": raw == 0}
