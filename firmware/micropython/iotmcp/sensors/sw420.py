# SW420 vibration module on a GPIO: its comparator output is high while the spring switch is shaken.
from iotmcp.sensors.common import DigitalInput

PINS = ("pin",)


class Driver(DigitalInput):
    def read(self):
        raw = self._pin.value()
        return {"raw": raw, "shock": raw == 1}
