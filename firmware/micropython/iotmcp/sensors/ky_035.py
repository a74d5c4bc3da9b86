# KY-035 (49E linear Hall sensor) on an ADC1 pin: 1.65 V with no field, 9.2 mV per mT at 3.3 V supply.
from iotmcp.sensors.common import AnalogInput, rnd

PINS = ("pin",)
ZERO_FIELD_V = 1.65
VOLTS_PER_MT = 0.0092
SWITCH_MT = 5


class Driver(AnalogInput):
    def read(self):
        raw, voltage = self.sample()
        field = rnd((voltage - ZERO_FIELD_V) / VOLTS_PER_MT, 2)
        return {"raw": raw, "voltage": voltage, "field": field, "switch": abs(field) >= SWITCH_MT}
