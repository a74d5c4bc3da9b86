# Runs at boot on the board: the IoT-MCP firmware, configured by config.json beside this file.
from iotmcp import app

app.start("config.json")
