# HC-SR501 PIR on a GPIO: its output is driven high while a warm body moves in range.
from iotmcp.sensors.common import DigitalInput

PINS = ("pin",)


class Driver(DigitalInput):
    def read(self):
        return {"motion": self._pin.value() == 1}
