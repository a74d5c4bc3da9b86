# What the sensor drivers share: the ADC as core/sensors/adc.ts models it (12 bits over 0-3.3 V at 11 dB
# attenuation), rounding as the TypeScript drivers round (half up, like Math.round), one I2C bus per pin
# pair shared by every I2C sensor wired to it, and the two one-pin driver shapes (an ADC input, a GPIO
# input) as base classes: a subclass adds only its read(), one class object here instead of one per module.
from machine import ADC, I2C, Pin, SoftI2C
from math import floor

ADC_MAX = 4095
ADC_VREF = 3.3

_FACTORS = (1, 10, 100, 1000)


def rnd(value, decimals):
    """Math.round(value * 10**decimals) / 10**decimals: half rounds up, never to even. Not floor(x + 0.5),
    which rounds 0.49999999999999994 up: the fraction is compared instead (exact for any float)."""
    f = _FACTORS[decimals]
    x = value * f
    whole = floor(x)
    if x - whole >= 0.5:
        whole += 1
    return whole / f


def clamp(value, low, high):
    return low if value < low else min(value, high)


def raw_to_volts(raw):
    return rnd(raw * ADC_VREF / ADC_MAX, 3)


def adc(pin):
    """An ADC1 input reading 0-3.3 V (the 11 dB attenuation)."""
    return ADC(Pin(pin), atten=ADC.ATTN_11DB)


def read_raw(channel):
    """The 12-bit count: read_u16 scales the ESP32's 12-bit result to 16 bits, the top 12 are the count."""
    return channel.read_u16() >> 4


class AnalogInput:
    """A driver of one ADC1 input wired to role "pin"."""

    def __init__(self, pins, cfg):
        self._adc = adc(pins["pin"])

    def raw(self):
        return read_raw(self._adc)

    def sample(self):
        """(12-bit count, volts) of one conversion."""
        raw = read_raw(self._adc)
        return raw, raw_to_volts(raw)


class DigitalInput:
    """A driver of one GPIO input wired to role "pin". PULL_UP = True for a switch or open collector to
    ground; otherwise the pin's bias is left as it is (the module drives the line)."""

    PULL_UP = False

    def __init__(self, pins, cfg):
        if self.PULL_UP:
            self._pin = Pin(pins["pin"], Pin.IN, Pin.PULL_UP)
        else:
            self._pin = Pin(pins["pin"], Pin.IN)


_buses = {}


def i2c(sda, scl):
    """The bus on these pins, made once: the ESP32-S3 has two I2C controllers, further pairs are bit-banged."""
    key = (sda, scl)
    bus = _buses.get(key)
    if bus is None:
        n = len(_buses)
        if n < 2:
            bus = I2C(n, scl=Pin(scl), sda=Pin(sda), freq=400000)
        else:
            bus = SoftI2C(scl=Pin(scl), sda=Pin(sda), freq=100000)
        _buses[key] = bus
    return bus
