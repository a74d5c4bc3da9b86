# The pins and buses of an emulated ESP32-S3, with MicroPython's own names and signatures (machine.Pin, ADC,
# I2C, SoftI2C, PWM, time_pulse_us). Every access goes to the `bus_*` functions of the JS module `iotmcp_sim`,
# which answers as the wired parts would for the seeded world: ADC counts, I2C register bytes, echo widths.
# Bytes cross to JS as hex strings (a Python list does not convert to a JS array).
from binascii import hexlify, unhexlify

import iotmcp_sim as _sim

# The errno the ESP32 port raises when an I2C device does not acknowledge.
_ENODEV = 19


def _id(pin):
    return pin if isinstance(pin, int) else pin._id


def _hex(buf):
    return hexlify(buf).decode()


def _fill(buf, data):
    for i in range(len(buf)):
        buf[i] = data[i]


class Pin:
    IN = 1
    OUT = 3
    OPEN_DRAIN = 7
    PULL_UP = 2
    PULL_DOWN = 1
    IRQ_RISING = 1
    IRQ_FALLING = 2
    DRIVE_0 = 0
    DRIVE_1 = 1
    DRIVE_2 = 2
    DRIVE_3 = 3

    def __init__(self, id, mode=-1, pull=-1, *, value=None, drive=None, hold=None):
        self._id = id
        self._mode = Pin.IN
        self._pull = None
        self.init(mode, pull, value=value)

    def init(self, mode=-1, pull=-1, *, value=None, drive=None, hold=None):
        if mode != -1 and mode is not None:
            self._mode = mode
        if pull != -1:
            self._pull = pull
        _sim.bus_pin_mode(self._id, self._mode, -1 if self._pull is None else self._pull)
        if value is not None:
            self.value(value)

    def value(self, v=None):
        if v is None:
            return _sim.bus_pin_read(self._id)
        _sim.bus_pin_write(self._id, 1 if v else 0)

    def __call__(self, v=None):
        return self.value(v)

    def on(self):
        _sim.bus_pin_write(self._id, 1)

    def off(self):
        _sim.bus_pin_write(self._id, 0)

    def irq(self, handler=None, trigger=3, *, wake=None, hard=False):
        # Edges are never raised here: drivers poll levels at each read.
        return None

    def __repr__(self):
        return "Pin(%d)" % self._id


class ADC:
    ATTN_0DB = 0
    ATTN_2_5DB = 1
    ATTN_6DB = 2
    ATTN_11DB = 3
    WIDTH_12BIT = 12

    def __init__(self, pin, *, atten=None):
        self._id = _id(pin)
        self._atten = ADC.ATTN_0DB if atten is None else atten

    def init(self, *, atten=None):
        if atten is not None:
            self._atten = atten

    def atten(self, atten):
        self._atten = atten

    def width(self, width):
        pass

    def read(self):
        """The raw 12-bit count, as the ESP32 port's legacy read()."""
        return _sim.bus_adc_read(self._id)

    def read_u16(self):
        # The ESP32 port scales its 12-bit count to 16 bits this way (ports/esp32/machine_adc.c).
        raw = _sim.bus_adc_read(self._id)
        return raw << 4 | raw >> 8

    def read_uv(self):
        return _sim.bus_adc_read(self._id) * 3300000 // 4095


class I2C:
    def __init__(self, id=0, *, scl=None, sda=None, freq=400000, timeout=50000):
        if scl is None or sda is None:
            raise ValueError("I2C needs scl and sda pins")
        self._sda = _id(sda)
        self._scl = _id(scl)

    def scan(self):
        return list(_sim.bus_i2c_scan(self._sda, self._scl))

    def writeto(self, addr, buf, stop=True):
        acks = _sim.bus_i2c_write(self._sda, self._scl, addr, _hex(buf))
        if acks < 0:
            raise OSError(_ENODEV)
        return acks

    def readfrom(self, addr, nbytes, stop=True):
        data = _sim.bus_i2c_read(self._sda, self._scl, addr, nbytes)
        if data is None:
            raise OSError(_ENODEV)
        return unhexlify(data)

    def readfrom_into(self, addr, buf, stop=True):
        _fill(buf, self.readfrom(addr, len(buf)))

    def writeto_mem(self, addr, memaddr, buf, *, addrsize=8):
        if not _sim.bus_i2c_write_mem(self._sda, self._scl, addr, memaddr, _hex(buf)):
            raise OSError(_ENODEV)

    def readfrom_mem(self, addr, memaddr, nbytes, *, addrsize=8):
        data = _sim.bus_i2c_read_mem(self._sda, self._scl, addr, memaddr, nbytes)
        if data is None:
            raise OSError(_ENODEV)
        return unhexlify(data)

    def readfrom_mem_into(self, addr, memaddr, buf, *, addrsize=8):
        _fill(buf, self.readfrom_mem(addr, memaddr, len(buf)))


class SoftI2C(I2C):
    def __init__(self, scl, sda, *, freq=400000, timeout=50000):
        I2C.__init__(self, -1, scl=scl, sda=sda, freq=freq, timeout=timeout)


class PWM:
    """LEDC PWM: the duty and frequency set on a pin are recorded as the pin's output."""

    def __init__(self, dest, *, freq=None, duty=None, duty_u16=None, duty_ns=None, invert=False):
        self._id = _id(dest)
        self._freq = 5000
        self._duty_u16 = 0
        self.init(freq=freq, duty=duty, duty_u16=duty_u16, duty_ns=duty_ns)

    def init(self, *, freq=None, duty=None, duty_u16=None, duty_ns=None, invert=False):
        self.freq(self._freq if freq is None else freq)
        if duty_u16 is not None:
            self.duty_u16(duty_u16)
        elif duty is not None:
            self.duty(duty)
        elif duty_ns is not None:
            self.duty_ns(duty_ns)
        else:
            self.duty_u16(self._duty_u16)

    def freq(self, value=None):
        if value is None:
            return self._freq
        self._freq = value
        _sim.bus_pwm_freq(self._id, value)

    def duty_u16(self, value=None):
        if value is None:
            return self._duty_u16
        if not 0 <= value <= 65535:
            raise ValueError("duty_u16 must be from 0 to 65535")
        self._duty_u16 = value
        _sim.bus_pwm_duty(self._id, value)

    def duty(self, value=None):
        """10-bit duty (0..1023), the ESP32 port's legacy scale."""
        if value is None:
            return (self._duty_u16 * 1023 + 32767) // 65535
        if not 0 <= value <= 1023:
            raise ValueError("duty must be from 0 to 1023")
        self.duty_u16((value * 65535 + 511) // 1023)

    def duty_ns(self, value=None):
        period_ns = 1000000000 // self._freq
        if value is None:
            return self._duty_u16 * period_ns // 65535
        self.duty_u16(min(65535, value * 65535 // period_ns))

    def deinit(self):
        self.duty_u16(0)


def time_pulse_us(pin, pulse_level, timeout_us=1000000):
    """Width of the next pulse at `pulse_level`, us; -2 when none starts in time, -1 when it outlasts the timeout."""
    return _sim.bus_time_pulse_us(_id(pin), pulse_level, timeout_us)


def sample_context(world_json, offset_ms):
    """Which world (a JSON text, or None for the board's own) and time offset the next reading belongs to.
    Returns None, or why the buses cannot sample that world."""
    return _sim.bus_sample_context(world_json, offset_ms)
