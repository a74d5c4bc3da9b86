# IRRIGATION-PUMP: a 12 V pump behind a logic-level MOSFET module (or a relay module); its input on pin "out".
from iotmcp.actuators._switch import Switch as Driver

PINS = ("out",)
