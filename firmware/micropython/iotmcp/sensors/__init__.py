# Sensor drivers: attach(cfg) wires one sensor of the board's config to its driver, and sample_context tells
# an emulated board's buses which world the next reading belongs to (a real board has no such hook).
# Drivers are imported only for the types a board carries: each module costs heap on an ESP32-S3.
import sys

try:
    # Only the emulated machine module has it; on hardware the import fails and the hook does nothing.
    from machine import sample_context as _bus_context
except ImportError:
    _bus_context = None


def _key(name):
    """core/names.ts nameKey: lower case without spaces, '-', '_' or '.'."""
    return name.lower().replace("-", "").replace("_", "").replace(".", "").replace(" ", "")


def _row(type_name):
    from iotmcp.sensor_table import SENSORS

    key = _key(type_name)
    for row in SENSORS:
        if _key(row["name"]) == key:
            return row
        for alias in row["aliases"]:
            if _key(alias) == key:
                return row
    return None


def attach(cfg):
    """The driver of one config entry {"type", "name", "pins", ...}, with .name, .type, .aliases, .commands,
    .read_ms and .read() -> every field of its type. Raises ValueError for an unknown type or a missing pin."""
    if not isinstance(cfg, dict):
        raise ValueError("a sensor entry must be an object with type, name and pins")
    type_name = cfg.get("type")
    row = _row(type_name) if isinstance(type_name, str) else None
    if row is None:
        raise ValueError("unknown sensor type %r" % (type_name,))
    kind = row["name"]
    name = cfg.get("name") or kind
    if not isinstance(name, str):
        raise ValueError("sensor %s: name must be a string" % kind)
    pins = cfg.get("pins") or {}
    if not isinstance(pins, dict):
        raise ValueError("sensor %s: pins must be an object" % name)
    module_name = "iotmcp.sensors." + kind.lower().replace("-", "_")
    __import__(module_name)
    module = sys.modules[module_name]
    for pin in module.PINS:
        value = pins.get(pin)
        if not isinstance(value, int) or value < 0:
            raise ValueError("sensor %s (%s) needs pin %r; wiring gives %r" % (name, kind, pin, pins))
    sensor = module.Driver(pins, cfg)
    sensor.name = name
    sensor.type = kind
    sensor.aliases = tuple(n for n in (kind,) + row["aliases"] if n != name)
    sensor.commands = row["commands"]
    sensor.read_ms = row["read_ms"]
    return sensor


def sample_context(world, offset_ms):
    """Before each read: the command's world (dict, or None for the board's own) and the sample's offset, ms.
    None, or an error text when the emulated buses refuse the world. Does nothing on hardware."""
    if _bus_context is None:
        return None
    if world is None:
        return _bus_context(None, offset_ms)
    import json

    return _bus_context(json.dumps(world), offset_ms)
