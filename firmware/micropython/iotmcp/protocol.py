# The device wire protocol: newline-delimited JSON, the same lines and texts as the emulated boards'
# TypeScript firmware (core/wire/messages.ts), so the datapool cannot tell the two apart.
from micropython import const

PING = "PING"
PONG = "PONG"
PING_COMMAND = "ping"
EXIT_COMMAND = "exit"
STATUS_COMMAND = "status"
DEFAULT_COMMAND = "read_all"
# The interval a series command samples at when it gives none, s.
DEFAULT_INTERVAL_S = const(2)
# The heartbeat: a PING line every 5 s; on serial, a line silent for 10 s ends the session.
HEARTBEAT_MS = const(5000)
SILENT_MS = const(10000)

# error_code values (BoardErrorCode).
BUSY = "busy"
INVALID_COMMAND = "invalid-command"
INVALID_WORLD = "invalid-world"
OUT_OF_MEMORY = "out-of-memory"
UNKNOWN_ACTUATOR = "unknown-actuator"

WORLD_SHAPE = 'Invalid world: expected {"scenario": string, "seed": number, "timeMs": number}'


def is_number(value):
    # bool is an int in Python, not a number in JSON's sense (the TypeScript firmware refuses true).
    t = type(value)
    return t is int or t is float


def js_text(value):
    """A value as JavaScript's String() / JSON.stringify writes it in an error text: 2, not 2.0."""
    if type(value) is float and value == value and value - value == 0 and value == int(value):
        return str(int(value))
    if type(value) is str:
        return value
    from json import dumps

    return dumps(value)


def json_text(value):
    """JSON.stringify(value) for the texts that quote a bad value."""
    if type(value) is float and value - value == 0 and value == int(value):
        return str(int(value))
    from json import dumps

    return dumps(value)


def sample_count(interval, duration):
    """Samples a command yields: 1 for duration 0, a stream (-1) when negative, else floor(duration / interval)."""
    if duration < 0:
        return -1
    if duration == 0:
        return 1
    # The slack absorbs float rounding (0.6 / 0.2 is 2.9999999999999996; an ESP32's floats are 32-bit).
    n = int(duration / interval + 1e-6)
    return n if n > 1 else 1


def name_key(name):
    """core/names.ts nameKey: lower case without spaces, '-', '_' or '.'."""
    key = name.lower()
    for c in "-_. \t\n\r":
        if c in key:
            key = key.replace(c, "")
    return key
