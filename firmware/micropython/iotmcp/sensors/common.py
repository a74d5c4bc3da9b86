# What the sensor drivers share: the ADC as core/sensors/adc.ts models it (12 bits over 0-3.3 V at 11 dB
# attenuation), rounding as the TypeScript drivers round (half up, like Math.round), and one I2C bus per
# pin pair shared by every I2C sensor wired to it.
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
