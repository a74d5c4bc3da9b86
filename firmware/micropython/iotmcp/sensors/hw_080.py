# HW-080 resistive soil probe (LM393 module), analog output on an ADC1 pin: 3.183 V in dry air, 1.088 V in
# water, moisture scaled linearly between the two (higher voltage = drier).
from iotmcp.sensors.common import AnalogInput, clamp, rnd

PINS = ("pin",)
DRY_V = 3.183
WET_V = 1.088
DRY_BELOW_PCT = 20


class Driver(AnalogInput):
    def read(self):
        raw, voltage = self.sample()
        moisture = rnd(clamp(((DRY_V - voltage) / (DRY_V - WET_V)) * 100, 0, 100), 1)
        return {"raw": raw, "voltage": voltage, "moisture": moisture, "dry": moisture < DRY_BELOW_PCT}
