# KY-020 ball tilt switch on a pulled-up GPIO: upright the ball closes the contacts (0), tilted it reads 1.
from iotmcp.sensors.common import DigitalInput

PINS = ("pin",)


class Driver(DigitalInput):
    PULL_UP = True

    def read(self):
        raw = self._pin.value()
        return {"raw": raw, "tilted": raw == 1}
