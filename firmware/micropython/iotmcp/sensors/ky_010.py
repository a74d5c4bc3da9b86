# KY-010 photo interrupter on a pulled-up GPIO: the lit phototransistor pulls it low, a blocked beam lets it go high.
from iotmcp.sensors.common import DigitalInput

PINS = ("pin",)


class Driver(DigitalInput):
    PULL_UP = True

    def read(self):
        raw = self._pin.value()
        return {"raw": raw, "blocked": raw == 1}
