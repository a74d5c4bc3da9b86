# The board's actuators: the last line of defence behind the MCP tools' schemas and the safety gate, with the
# same rules as the emulated board's drivers. A command for an actuator the board does not drive, a command the
# actuator does not have, a value outside its range or not whole where it must be (never clamped), and a move
# sooner than the type's min_interval_ms after the last are each refused with their error code. A move to the
# safe state is never rate-limited (an emergency stop must land however recently the actuator moved), and
# "status" reads where the actuator is without moving it or counting against the limit. Every other command
# counts, even one setting the state already held, and is answered with the state it sets.
#
# Time is the board's own tick counter (time.ticks_ms), compared with ticks_diff so it survives the wrap. A
# slew-limited actuator (the window servo) heads for its target at the type's rate: status reads where it is
# on the way, and update() moves its output along. Call update(time.ticks_ms()) from the main loop often (every
# few tens of ms) so ramps and the valve's travel timer advance; run() never sleeps.
from time import ticks_diff, ticks_ms

from iotmcp.actuator_table import ACTUATORS as TABLE

STATUS = "status"
# A command's fixed state, when the row pairs it with None: the caller gives the value.
_GIVEN = None
# Returned by _find_command when the actuator has no such command.
_NO_COMMAND = object()


def name_key(name):
    """The key two spellings of one name share: lower case, without spaces, '-', '_' or '.'."""
    key = name.lower()
    for c in "-_. \t\n\r\f\v":
        if c in key:
            key = key.replace(c, "")
    return key


def _row(type_name):
    key = name_key(type_name)
    for row in TABLE:
        if name_key(row["name"]) == key:
            return row
        for alias in row["aliases"]:
            if name_key(alias) == key:
                return row
    return None


def _shown(value, absent):
    """A value as the TypeScript firmware writes it in an error text (JSON), `absent` for None."""
    if value is None:
        return absent
    if type(value) is float and value - value == 0:
        if value == int(value) and -1e21 < value < 1e21:
            return str(int(value))
        # JavaScript writes exponents with a sign and no leading zeros: 1e-9, 1e+21.
        text = repr(value)
        if "e" in text:
            mantissa, exponent = text.split("e")
            sign = "-" if exponent[0] == "-" else "+"
            text = mantissa + "e" + sign + (exponent.lstrip("+-").lstrip("0") or "0")
        return text
    from json import dumps

    return dumps(value, separators=(",", ":"))


def _number(value):
    """value as a finite number (a whole float as an int, as JSON writes it), or None when it is not one."""
    t = type(value)
    if t is int:
        return value
    if t is not float or value != value or value - value != 0:
        return None
    return int(value) if value == int(value) else value


def attach(cfg, now_ms=None):
    """An Actuator for one config entry {"type", "name", "pins", ...}, its power-on state already on its pins
    (from now_ms, the board's ticks_ms() unless given: the valve's power-on travel is timed from it)."""
    if not isinstance(cfg, dict):
        raise ValueError("an actuator entry must be an object with type, name and pins")
    type_name = cfg.get("type")
    row = _row(type_name) if isinstance(type_name, str) else None
    if row is None:
        raise ValueError("unknown actuator type %r; types: %s" % (type_name, ", ".join(r["name"] for r in TABLE)))
    name = cfg.get("name") or row["name"]
    if not isinstance(name, str):
        raise ValueError("actuator %s: name must be a string" % row["name"])
    pins = cfg.get("pins") or {}
    if not isinstance(pins, dict):
        raise ValueError("actuator %s: pins must be an object" % name)
    # Only the drivers of the types this board has are ever imported.
    module = __import__("iotmcp.actuators." + row["name"].lower().replace("-", "_"), None, None, ("Driver",))
    for pin in module.PINS:
        if not isinstance(pins.get(pin), int):
            raise ValueError("actuator %s (%s) needs pin %r; wiring gives %r" % (name, row["name"], pin, pins))
    return Actuator(name, row, module.Driver(pins, cfg), ticks_ms() if now_ms is None else now_ms)


class Actuator:
    """One attached actuator: its table row, its output driver, and its course since the last move."""

    def __init__(self, name, row, driver, now_ms):
        self.name = name
        self.type = row["name"]
        self.aliases = (row["name"],) + row["aliases"]
        self.field = row["field"]
        self.row = row
        self.driver = driver
        self.keys = tuple(name_key(n) for n in (name,) + self.aliases)
        slew = row["slew_per_s"]
        self._slew_per_ms = None if slew is None else slew / 1000
        # The course: from tick _from_ms at _from_level toward _target at _slope per ms (0: there already).
        self._from_ms = now_ms
        self._from_level = self._target = row["power_on"]
        self._slope = 0
        # When a command last moved it (None: never since power-on, or long enough ago not to matter).
        self._moved_at = None
        driver.show(self._target, now_ms)

    def level(self, now_ms):
        """Where the actuator is at now_ms: on its way at its slew rate, or where it was last sent."""
        slope = self._slope
        if slope == 0:
            return self._target
        elapsed = ticks_diff(now_ms, self._from_ms)
        if elapsed < 0:
            return self._from_level
        if (self._target - self._from_level) / slope <= elapsed:
            return self._target
        return self._from_level + slope * elapsed

    def update(self, now_ms):
        """Moves the output along a ramp and runs the driver's timers; forgets a move once it no longer limits."""
        if self._slope != 0:
            level = self.level(now_ms)
            self.driver.show(level, now_ms)
            if level == self._target:
                self._from_level = level
                self._slope = 0
        self.driver.update(now_ms)
        # Far past the limit the tick difference would wrap; by then the move no longer counts.
        moved = self._moved_at
        if moved is not None and self._slope == 0 and ticks_diff(now_ms, moved) >= self.row["min_interval_ms"]:
            self._moved_at = None

    def _find_command(self, command):
        if isinstance(command, str):
            for name, sets in self.row["commands"]:
                if name == command:
                    return sets
        return _NO_COMMAND

    def _value_problem(self, command, sets, value):
        row = self.row
        field = row["field"]
        if sets is not _GIVEN:
            if value is None or _number(value) == sets:
                return None
            return "Command '%s' of %s sets %s to %s; value %s contradicts it" % (command, row["name"], field, sets, _shown(value, "null"))
        low, high = row["range"]
        number = _number(value)
        if number is None or number < low or number > high or (row["integer"] and type(number) is not int):
            wanted = ("a whole number from %s to %s" if row["integer"] else "a number from %s to %s") % (low, high)
            return "Command '%s' of %s needs a value (%s) that is %s; got %s" % (command, row["name"], field, wanted, _shown(value, "none"))
        return None

    def run(self, command, value, now_ms):
        """(True, name, field, state) or (False, name, code, text); a move is driven onto the pins at once."""
        sets = self._find_command(command)
        if sets is _NO_COMMAND:
            valid = ", ".join(name for name, _ in self.row["commands"])
            text = "Unknown command %s for actuator %s. Valid commands: %s" % (_shown(command, "undefined"), self.name, valid)
            return (False, self.name, "unknown-command", text)
        if command == STATUS:
            return (True, self.name, self.field, self.level(now_ms))
        problem = self._value_problem(command, sets, value)
        if problem is not None:
            return (False, self.name, "out-of-range", problem)
        state = _number(value) if sets is _GIVEN else sets
        row = self.row
        moved = self._moved_at
        if state != row["safe"] and moved is not None:
            since = ticks_diff(now_ms, moved)
            limit = row["min_interval_ms"]
            if since < limit:
                text = "%s moved %d ms ago and may move at most once every %d ms: try again in %d ms" % (self.name, since, limit, limit - since)
                return (False, self.name, "rate-limited", text)
        self._move(state, now_ms)
        return (True, self.name, self.field, state)

    def _move(self, state, now_ms):
        level = self.level(now_ms)
        self._from_ms = now_ms
        self._from_level = level
        self._target = state
        slew = self._slew_per_ms
        self._slope = 0 if slew is None or level == state else (slew if state > level else -slew)
        self._moved_at = now_ms
        self.driver.show(level if self._slope else state, now_ms)
        if self._slope == 0:
            self._from_level = state


class Actuators(list):
    """The board's attached actuators, found by any spelling of their name, type or aliases."""

    def names(self):
        return [a.name for a in self]

    def find(self, name):
        """The actuator a name refers to, or None; a later actuator's name wins over an earlier one's alias."""
        if not isinstance(name, str):
            return None
        key = name_key(name)
        for i in range(len(self) - 1, -1, -1):
            if key in self[i].keys:
                return self[i]
        return None

    def run(self, name, command, value, now_ms):
        """(True, actuator_name, field, state) or (False, actuator_name_or_None, code, text)."""
        actuator = self.find(name)
        if actuator is None:
            text = "Actuator %s not found. Available actuators: %s" % (_shown(name, "undefined"), ", ".join(self.names()) or "none")
            return (False, None, "unknown-actuator", text)
        return actuator.run(command, value, now_ms)

    def update(self, now_ms):
        for actuator in self:
            actuator.update(now_ms)
