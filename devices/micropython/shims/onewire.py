# MicroPython's onewire module (drivers/onewire/onewire.py) over the emulated 1-Wire bus: reset pulses, bits and
# bytes go to the bus, where the DS18B20 probes wired to the pin answer; scan() is the ROM search.
from binascii import unhexlify

import iotmcp_sim as _sim


class OneWireError(Exception):
    pass


class OneWire:
    SEARCH_ROM = 0xF0
    MATCH_ROM = 0x55
    SKIP_ROM = 0xCC

    def __init__(self, pin):
        self.pin = pin
        self.pin.init(pin.OPEN_DRAIN, pin.PULL_UP)
        self._id = pin._id

    def reset(self, required=False):
        reset = _sim.bus_ow_reset(self._id)
        if required and not reset:
            raise OneWireError
        return reset

    def readbit(self):
        return _sim.bus_ow_read_bit(self._id)

    def readbyte(self):
        return _sim.bus_ow_read_byte(self._id)

    def readinto(self, buf):
        for i in range(len(buf)):
            buf[i] = _sim.bus_ow_read_byte(self._id)

    def writebit(self, value):
        _sim.bus_ow_write_bit(self._id, value)

    def writebyte(self, value):
        _sim.bus_ow_write_byte(self._id, value)

    def write(self, buf):
        for b in buf:
            _sim.bus_ow_write_byte(self._id, b)

    def select_rom(self, rom):
        self.reset()
        self.writebyte(self.MATCH_ROM)
        self.write(rom)

    def scan(self):
        """ROM codes (8 bytes each, wire order) of the devices found by the ROM search, CRC-checked."""
        found = _sim.bus_ow_search(self._id)
        roms = []
        for i in range(0, len(found), 16):
            rom = bytearray(unhexlify(found[i : i + 16]))
            if self.crc8(rom) == 0:
                roms.append(rom)
        return roms

    def crc8(self, data):
        crc = 0
        for byte in data:
            for _ in range(8):
                mix = (crc ^ byte) & 1
                crc >>= 1
                if mix:
                    crc ^= 0x8C
                byte >>= 1
        return crc
