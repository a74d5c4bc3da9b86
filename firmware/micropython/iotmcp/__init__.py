# iotmcp: this project's MicroPython firmware for IoT-MCP boards. Kept tiny: importing any submodule runs it.
VERSION = "0.2.0"
FIRMWARE = "iotmcp-micropython/0.2.0"
