# The board's protocol logic, free of links: it announces the board, parses each command line, runs sampling
# commands on its timers (at most `timers` at once; more wait in a pending queue of `pending_queue`, and one
# more is refused as busy), answers ping and actuator commands at once, and stamps every reply with
# `timestamp` (ticks_ms uptime), `elapsed_ms` (ticks_us from reading the line to building the reply) and
# `peak_memory` (measured: memory.PeakSampler). Lines and texts are those of the emulated boards' firmware.
#
# A timer here is an asyncio task: the original firmware uses the ESP32-S3's 4 hardware timers; a task per
# running command keeps that limit explicit and runs unchanged on the WebAssembly port used in the tests.
import json
from time import ticks_add, ticks_diff, ticks_ms, ticks_us

import asyncio
from iotmcp import FIRMWARE
from iotmcp import protocol as P

# ticks_us wraps after 2^30 us (about 18 min) and ticks_diff is only right within half of that: past this
# many ms, elapsed_ms is counted in ms ticks instead.
_US_SPAN_MS = 500000
# ticks_ms counts modulo 2^30; uptime does too, as the original's ticks_ms() timestamp does.
_TICKS_MASK = 0x3FFFFFFF
# A running series moves its start forward once its next sample is this far ahead of it, ms (ticks_add's limit is 2^29).
_REBASE_MS = 0x10000000


class Job:
    """One accepted sampling command, waiting for a timer or running on one."""

    def __init__(self, id, sensor, fields, interval_ms, count, world, heard_ms, heard_us):
        self.id = id
        self.sensor = sensor
        self.fields = fields
        self.interval_ms = interval_ms
        # Samples to take; -1 for a stream (until exit).
        self.count = count
        self.world = world
        self.heard_ms = heard_ms
        self.heard_us = heard_us
        self.taken = 0
        self.task = None


class Board:
    def __init__(self, cfg, sensors, actuators, sampler, outbox, sample_context):
        """cfg: config.check(); sensors: attached drivers; actuators: an Actuators list or None; outbox: where
        lines go (.put(text)); sample_context: iotmcp.sensors.sample_context, called before every read."""
        board = cfg["board"]
        limits = cfg["limits"]
        self.id = board["id"]
        self.model = board["model"]
        self.place = board["place"]
        self.link = cfg["link"]
        self.wifi_pm = cfg["wifi"]["pm"]
        self.timers = limits["timers"]
        self.pending_depth = limits["pending_queue"]
        self.speed = cfg["speed"]
        self.sensors = sensors
        self.actuators = actuators
        self.sampler = sampler
        self.outbox = outbox
        self.sample_context = sample_context
        self.booted_ms = ticks_ms()
        self.heard_id = None
        self.running = []
        self.pending = []
        self.by_name = {}
        for sensor in sensors:
            for name in (sensor.name, sensor.type) + tuple(sensor.aliases):
                self.by_name[P.name_key(name)] = sensor

    def announce(self):
        """The first line of every session (the link adds the token)."""
        line = {
            "available_sensors": [s.name for s in self.sensors],
            "mcu": self.id,
            "model": self.model,
            "firmware": FIRMWARE,
            "memory_model": "measured",
            "memory_sampling_ms": self.sampler.interval_ms,
            "max_concurrent": self.timers,
            "pending_queue": self.pending_depth,
            "link": self.link,
        }
        if self.actuators:
            line["available_actuators"] = self.actuators.names()
        if self.place is not None:
            line["place"] = self.place
        if self.link == "wifi":
            line["wifi_pm"] = self.wifi_pm
        if self.speed != 1:
            line["speed"] = self.speed
        return line

    def uptime(self, at_ms):
        """What replies carry as timestamp: ms since boot (times speed on a sped-up emulated board)."""
        up = ticks_diff(at_ms, self.booted_ms) & _TICKS_MASK
        return up if self.speed == 1 else int(up * self.speed + 1e-6)

    def handle(self, line):
        """Executes one line from the server. Never raises: every failure becomes an error line."""
        # The id of the line being handled, for the error line of a failure no rule foresaw.
        self.heard_id = None
        try:
            self._handle(line)
        except MemoryError:
            self.error("MemoryError: memory allocation failed reading a command", self.heard_id, None, P.OUT_OF_MEMORY)
        except Exception as e:
            # A number too large for the timers, a nesting too deep for the heap: the link's task must not end
            # with it, or the board stops answering for good.
            self.error("Invalid command: %s" % e, self.heard_id)

    def _handle(self, line):
        heard_ms = ticks_ms()
        heard_us = ticks_us()
        text = line.strip()
        if text == "" or text == P.PONG or text == P.PING:
            return
        try:
            message = json.loads(text)
        except ValueError as e:
            self.error("Invalid JSON line: %s" % e)
            return
        if not isinstance(message, dict):
            self.error("Invalid command: expected a JSON object")
            return
        id = message.get("id")
        if not isinstance(id, str):
            id = None
        self.heard_id = id
        command = message.get("command")
        if command == P.EXIT_COMMAND:
            target = message.get("target")
            self.exit(target if isinstance(target, str) else None)
            return
        if message.get("actuator") is not None:
            self.actuate(message, id, heard_ms, heard_us)
            return
        if command == P.PING_COMMAND and "sensor" not in message:
            self.reply({"pong": True}, id, heard_ms, heard_ms, heard_us)
            return
        sensor_name = message.get("sensor")
        job = self.parse(message, id, heard_ms, heard_us)
        if isinstance(job, str):
            self.error(job, id, sensor_name if isinstance(sensor_name, str) else None)
            return
        self.accept(job)

    def parse(self, message, id, heard_ms, heard_us):
        """A Job, or the error text."""
        name = message.get("sensor")
        if not isinstance(name, str) or name == "":
            return "Invalid command: missing sensor"
        sensor = self.by_name.get(P.name_key(name))
        if sensor is None:
            return "Sensor '%s' not found. Available sensors: %s" % (name, ", ".join(s.name for s in self.sensors))
        command = message.get("command")
        if command is None:
            command = P.DEFAULT_COMMAND
        if not isinstance(command, str):
            return "Invalid command: command must be a string"
        fields = sensor.commands.get(command)
        if fields is None:
            return "Unknown command '%s' for sensor %s. Valid commands: %s" % (command, sensor.name, ", ".join(sensor.commands))
        interval = message.get("interval")
        if interval is None:
            interval = P.DEFAULT_INTERVAL_S
        duration = message.get("duration")
        if duration is None:
            duration = 0
        if not P.is_number(interval):
            return "Invalid interval %s: expected a number of seconds" % P.json_text(interval)
        if not P.is_number(duration):
            return "Invalid duration %s: expected a number of seconds" % P.json_text(duration)
        if duration != 0 and interval <= 0:
            return "Invalid interval %s: must be > 0 when duration is not 0" % P.js_text(interval)
        world = message.get("world")
        if world is not None:
            problem = self.check_world(world)
            if problem is not None:
                return problem
        return Job(id, sensor, fields, interval * 1000, P.sample_count(interval, duration), world, heard_ms, heard_us)

    def check_world(self, world):
        """None, or why the command's world cannot be read (a real board's buses accept any world)."""
        if (
            not isinstance(world, dict)
            or not isinstance(world.get("scenario"), str)
            or not P.is_number(world.get("seed"))
            or not P.is_number(world.get("timeMs"))
        ):
            return P.WORLD_SHAPE
        problem = self.sample_context(world, 0)
        return None if problem is None else "Invalid world: %s" % problem

    def accept(self, job):
        has_timer = len(self.running) < self.timers
        if not has_timer and len(self.pending) >= self.pending_depth:
            text = "Command queue full: %d running, %d pending" % (len(self.running), len(self.pending))
            self.error(text, job.id, job.sensor.name, P.BUSY)
            return
        if has_timer:
            self.start(job)
        else:
            self.pending.append(job)

    def start(self, job):
        self.running.append(job)
        job.task = asyncio.create_task(self.run(job))

    async def run(self, job):
        """The job's timer: sample k is due k * interval after the start, so timer latency never accumulates."""
        started = ticks_ms()
        spacing = job.interval_ms / self.speed
        due = started
        # Samples counted from `started`: it moves forward now and then, as ticks_add takes at most 2^29 ms.
        base = 0
        try:
            while True:
                wait = ticks_diff(due, ticks_ms())
                if wait > 0:
                    await asyncio.sleep_ms(wait)
                elif job.taken > 0:
                    # Behind (a stream faster than its sensor reads): still yield, or the link never reads exit
                    # again. 1 ms, not 0: the WebAssembly port runs JavaScript's I/O only when no task is due.
                    await asyncio.sleep_ms(1)
                if not self.sample(job, due):
                    break
                if job.count >= 0 and job.taken >= job.count:
                    break
                offset = int((job.taken - base) * spacing)
                if offset >= _REBASE_MS:
                    started = ticks_add(started, offset)
                    base = job.taken
                    offset = 0
                due = ticks_add(started, offset)
        except asyncio.CancelledError:
            return
        except Exception as e:
            # Its timer cannot be set (an interval beyond the tick counter's range): the job ends, its slot is freed.
            self.error("Sampling failed: %s" % e, job.id, job.sensor.name)
        job.task = None
        self.finish(job)

    def sample(self, job, due):
        """Takes and sends sample number job.taken; False when the job must end (a failed read)."""
        index = job.taken
        job.taken += 1
        # The first sample is at the world's time even when the interval is too large to multiply.
        problem = self.sample_context(job.world, int(index * job.interval_ms) if index else 0)
        try:
            if problem is not None:
                raise ValueError(problem)
            reading = job.sensor.read()
        except MemoryError:
            self.error("MemoryError: memory allocation failed while reading", job.id, job.sensor.name, P.OUT_OF_MEMORY)
            return False
        except Exception as e:
            self.error("Sensor read failed: %s" % e, job.id, job.sensor.name)
            return False
        body = {}
        for field in job.fields:
            body[field] = reading.get(field)
        body["sensor"] = job.sensor.name
        return self.reply(body, job.id, due, job.heard_ms, job.heard_us)

    def actuate(self, message, id, heard_ms, heard_us):
        """An actuator command, answered at once: no timer, no queue slot."""
        named = message.get("actuator")
        named = named if isinstance(named, str) else None
        if message.get("sensor") is not None:
            self.error("Invalid command: give either sensor or actuator, not both", id, None, P.INVALID_COMMAND, named)
            return
        world = message.get("world")
        if world is not None:
            problem = self.check_world(world)
            if problem is not None:
                self.error(problem, id, None, P.INVALID_WORLD, named)
                return
        if not self.actuators:
            self.error("Actuator %s not found. Available actuators: none" % P.json_text(message.get("actuator")), id, None, P.UNKNOWN_ACTUATOR, named)
            return
        outcome = self.actuators.run(message.get("actuator"), message.get("command"), message.get("value"), heard_ms)
        if not outcome[0]:
            self.error(outcome[3], id, None, outcome[2], outcome[1] or named)
            return
        self.reply({"actuator": outcome[1], outcome[2]: outcome[3]}, id, heard_ms, heard_ms, heard_us)

    def update(self, now_ms):
        """Moves the actuators along (ramps, travel timers); the app calls it every few tens of ms."""
        if self.actuators:
            self.actuators.update(now_ms)

    def elapsed_ms(self, heard_ms, heard_us):
        span = ticks_diff(ticks_ms(), heard_ms)
        if span < _US_SPAN_MS:
            return round(ticks_diff(ticks_us(), heard_us) / 1000, 3)
        return float(span)

    def reply(self, body, id, at_ms, heard_ms, heard_us):
        """Stamps a reply, measures the heap with it built and queues it; False after a MemoryError."""
        try:
            if id is not None:
                body["id"] = id
            body["timestamp"] = self.uptime(at_ms)
            body["elapsed_ms"] = self.elapsed_ms(heard_ms, heard_us)
            # Encoded once before the peak is taken, so the peak holds the reply and one copy of its line.
            body["peak_memory"] = 0
            line = json.dumps(body)
            body["peak_memory"] = self.sampler.take()
            line = json.dumps(body)
        except MemoryError:
            self.error("MemoryError: memory allocation failed building a reply", id, body.get("sensor"), P.OUT_OF_MEMORY, body.get("actuator"))
            return False
        self.outbox.put(line)
        line = body = None
        self.sampler.reset()
        return True

    def finish(self, job):
        self.drop(job)
        self.promote()

    def drop(self, job):
        """Frees a command's timer or queue slot without a reply."""
        task = job.task
        job.task = None
        if job in self.running:
            self.running.remove(job)
            if task is not None:
                task.cancel()
        elif job in self.pending:
            self.pending.remove(job)

    def promote(self):
        while len(self.running) < self.timers and self.pending:
            self.start(self.pending.pop(0))

    def exit(self, target):
        """exit with a target stops that command (stream, series or queued); without one, every stream."""
        for job in self.running + self.pending:
            if (job.id == target) if target is not None else (job.count < 0):
                self.drop(job)
        self.promote()

    def stop(self):
        """Stops every command (the board is switched off)."""
        for job in self.running + self.pending:
            self.drop(job)

    def error(self, text, id=None, sensor=None, code=None, actuator=None):
        line = {"error": text}
        if code is not None:
            line["error_code"] = code
        if id is not None:
            line["id"] = id
        if sensor is not None:
            line["sensor"] = sensor
        if actuator is not None:
            line["actuator"] = actuator
        self.outbox.put(json.dumps(line))
