# The `machine` module of an emulated board: MicroPython's own names, bridged to the test's real sockets and
# ptys (`_sim_io`) and to simulated sensor buses that read the seeded world (`_sim_bus`). Firmware imports
# `machine` as it does on an ESP32-S3 and never knows the difference, but for one hook no real port has:
# `sample_context`, which tells the buses which world and time the next reading belongs to.
from _sim_bus import ADC, I2C, PWM, Pin, SoftI2C, sample_context, time_pulse_us
from _sim_io import UART, freq, reset, unique_id
