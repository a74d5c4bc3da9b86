# RELAY-FAN: a fan on a single-channel relay module (SRD-05VDC-SL-C class); the relay's input on pin "out".
from iotmcp.actuators._switch import Switch as Driver

PINS = ("out",)
