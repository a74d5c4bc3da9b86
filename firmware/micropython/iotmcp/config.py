# The board's config.json: who the board is, how it reaches the datapool, what is wired to it, and its limits.
# load() checks every field and raises ValueError naming the field, so a bad file fails at boot with a
# sentence instead of somewhere later.
import json

LINKS = ("wifi", "serial", "tcp")
# WiFi power save, as the announce reports it: none (WLAN.PM_NONE), min (PM_PERFORMANCE: the modem sleeps
# between beacons) and max (PM_POWERSAVE: it sleeps longer). Power save delays incoming packets by up to a
# beacon interval (about 100 ms): measure latency with "none", and record the mode with every run.
WIFI_PM = ("none", "min", "max")

DEFAULTS = {
    "link": "wifi",
    "token": None,
    "wifi": {"ssid": None, "password": "", "pm": "none", "connect_timeout_ms": 20000},
    "server": {"host": None, "port": 9000},
    "serial": {"uart": 1, "baudrate": 115200, "tx": 38, "rx": 39, "rxbuf": 1024},
    "board": {"id": None, "model": "ESP32-S3", "place": None},
    "sensors": [],
    "actuators": [],
    # The original firmware's limits: 4 hardware timers, 16 queued commands, 128 lines waiting for the link.
    "limits": {"timers": 4, "pending_queue": 16, "output_queue": 128, "max_line_bytes": 16384},
    "heartbeat_ms": 5000,
    "silent_ms": 10000,
    "memory_sampling_ms": 10,
    # Emulation only: heap held by the stand-ins for the C modules a board has (memory.py); 0 on a board.
    "memory_offset_bytes": 0,
    "gc_threshold": 16384,
    "poll_ms": 2,
    "reconnect": {"base_ms": 100, "cap_ms": 5000},
    # Emulation only: sample this many times faster than real time (a real board leaves it at 1).
    "speed": 1,
}


def _merge(defaults, given, where):
    if given is None:
        return dict(defaults) if isinstance(defaults, dict) else defaults
    if not isinstance(given, dict):
        raise ValueError("config: %s must be an object" % where)
    out = dict(defaults)
    for key in given:
        if key not in defaults:
            raise ValueError("config: unknown field %s.%s" % (where, key) if where else "config: unknown field %s" % key)
        d = defaults[key]
        out[key] = _merge(d, given[key], (where + "." if where else "") + key) if isinstance(d, dict) else given[key]
    return out


def _int(cfg, section, key, low, high):
    value = cfg[section][key] if section else cfg[key]
    name = section + "." + key if section else key
    if type(value) is not int or value < low or value > high:
        raise ValueError("config: %s must be a whole number from %d to %d (got %r)" % (name, low, high, value))
    return value


def _text(value, name, optional=False):
    if value is None and optional:
        return None
    if not isinstance(value, str) or value == "":
        raise ValueError("config: %s must be a non-empty string (got %r)" % (name, value))
    return value


def check(raw):
    """The config with defaults filled in; ValueError naming the first bad field."""
    cfg = _merge(DEFAULTS, raw, "")
    if cfg["link"] not in LINKS:
        raise ValueError("config: link must be one of %s (got %r)" % (", ".join(LINKS), cfg["link"]))
    board = cfg["board"]
    _text(board["id"], "board.id")
    _text(board["model"], "board.model")
    _text(board["place"], "board.place", True)
    _text(cfg["token"], "token", True)
    if cfg["link"] == "serial":
        for key in ("uart", "tx", "rx"):
            _int(cfg, "serial", key, 0, 48)
        _int(cfg, "serial", "baudrate", 300, 5000000)
        _int(cfg, "serial", "rxbuf", 64, 65536)
    else:
        _text(cfg["server"]["host"], "server.host")
        _int(cfg, "server", "port", 1, 65535)
    if cfg["link"] == "wifi":
        wifi = cfg["wifi"]
        _text(wifi["ssid"], "wifi.ssid")
        if not isinstance(wifi["password"], str):
            raise ValueError("config: wifi.password must be a string")
        if wifi["pm"] not in WIFI_PM:
            raise ValueError("config: wifi.pm must be one of %s (got %r)" % (", ".join(WIFI_PM), wifi["pm"]))
        _int(cfg, "wifi", "connect_timeout_ms", 1000, 600000)
    _int(cfg, "limits", "timers", 1, 16)
    _int(cfg, "limits", "pending_queue", 0, 256)
    _int(cfg, "limits", "output_queue", 1, 1024)
    _int(cfg, "limits", "max_line_bytes", 256, 1048576)
    _int(cfg, "", "heartbeat_ms", 10, 3600000)
    _int(cfg, "", "silent_ms", 20, 3600000)
    _int(cfg, "", "memory_sampling_ms", 1, 60000)
    _int(cfg, "", "memory_offset_bytes", 0, 16777216)
    _int(cfg, "", "gc_threshold", 1024, 1048576)
    _int(cfg, "", "poll_ms", 1, 1000)
    _int(cfg, "reconnect", "base_ms", 1, 600000)
    _int(cfg, "reconnect", "cap_ms", 1, 600000)
    speed = cfg["speed"]
    if type(speed) not in (int, float) or not speed >= 1:
        raise ValueError("config: speed must be a number >= 1 (got %r)" % (speed,))
    for kind in ("sensors", "actuators"):
        entries = cfg[kind]
        if not isinstance(entries, list):
            raise ValueError("config: %s must be a list of {type, name, pins}" % kind)
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict) or not isinstance(entry.get("type"), str):
                raise ValueError("config: %s[%d] must be an object with a type" % (kind, i))
    return cfg


def load(path="config.json"):
    try:
        with open(path) as f:
            raw = json.load(f)
    except OSError:
        raise ValueError("config: cannot read %s (copy config.example.json there and edit it)" % path)
    except ValueError as e:
        raise ValueError("config: %s is not valid JSON: %s" % (path, e))
    return check(raw)
