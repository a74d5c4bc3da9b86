# DS18B20 probes on one 1-Wire data pin (4.7 kOhm pull-up), via MicroPython's onewire and ds18x20 drivers:
# one CONVERT T for all probes, then each probe's scratchpad. Probe order is the ROM search's unless the
# config lists the ROM codes ("roms": ["28...", ...], air probe first), which a lab should do: the search
# order follows the serial numbers, not where the probes hang.
from binascii import hexlify, unhexlify
from time import sleep_ms, ticks_add, ticks_diff, ticks_ms

from ds18x20 import DS18X20
from machine import Pin
from onewire import OneWire

PINS = ("pin",)

# A 12-bit conversion takes at most 750 ms; a powered probe answers read slots with 0 until it is done.
_CONVERSION_MS = 750


def _signed8(b):
    return b - 256 if b & 0x80 else b


class Driver:
    def __init__(self, pins, cfg):
        self._ds = DS18X20(OneWire(Pin(pins["pin"])))
        roms = cfg.get("roms")
        self._roms = [bytearray(unhexlify(r)) for r in roms] if roms else None

    def read(self):
        ds = self._ds
        if not self._roms:
            self._roms = ds.scan()
            if not self._roms:
                raise OSError("DS18B20: no probe answers on the bus")
        ds.convert_temp()
        deadline = ticks_add(ticks_ms(), _CONVERSION_MS + 50)
        while not ds.ow.readbit():
            if ticks_diff(deadline, ticks_ms()) <= 0:
                raise OSError("DS18B20: conversion did not finish")
            sleep_ms(10)
        temperatures, roms, configs, alarmed, scratchpads = [], [], [], [], []
        for rom in self._roms:
            pad = ds.read_scratch(rom)
            register = pad[1] << 8 | pad[0]
            if register & 0x8000:
                register -= 0x10000
            th, tl = _signed8(pad[2]), _signed8(pad[3])
            rom_hex = hexlify(rom).decode().upper()
            temperatures.append(register / 16)
            roms.append(rom_hex)
            configs.append({"resolution": 9 + (pad[4] >> 5 & 3), "th": th, "tl": tl})
            # The chip's own alarm test compares the whole degrees (register bits 11..4) with TH and TL.
            whole = register >> 4
            if whole >= th or whole <= tl:
                alarmed.append(rom_hex)
            scratchpads.append(hexlify(pad).decode().upper())
        return {"temperatures": temperatures, "roms": roms, "configs": configs, "alarmed_roms": alarmed, "scratchpads": scratchpads}
