# DHT11 on one data pin (MicroPython's dht driver): whole degrees C and whole %RH.
from dht import DHT11
from machine import Pin

PINS = ("pin",)


class Driver:
    def __init__(self, pins, cfg):
        self._dht = DHT11(Pin(pins["pin"]))

    def read(self):
        d = self._dht
        d.measure()
        return {"temperature": d.temperature(), "humidity": d.humidity()}
