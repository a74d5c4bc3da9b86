# How the board reaches the datapool: TCP over WiFi (or a wire), or a UART serial line. Both
# announce the board first, send a PING heartbeat every 5 s, hand every command line to the board and
# drain its output queue. Everything polls: the read loop wakes every `poll_ms` (2 ms by default; see
# README), and reads and writes never block, so one slow peer never stalls the timers.
import json
from time import ticks_diff, ticks_ms

import asyncio
from iotmcp import protocol as P

# errno values (the ESP32 port and the emulated sockets use Linux's): would block, connect under way,
# already connecting, not connected yet.
_EAGAIN = 11
_EINPROGRESS = 115
_EALREADY = 114
_ENOTCONN = 128
_NOT_YET = (_EAGAIN, _EINPROGRESS, _EALREADY, _ENOTCONN)
# Bytes taken per read: a command line is usually under 200 bytes.
_READ_CHUNK = 256
_CONNECT_TIMEOUT_MS = 5000


class Outbox:
    """Lines waiting for the link, at most `depth` (heartbeats included). A reply line that does not fit is
    dropped and counted, and the next one that fits is preceded by a line saying how many were dropped."""

    def __init__(self, depth):
        self.depth = depth
        self.lines = []
        self.dropped = 0

    def __len__(self):
        return len(self.lines)

    def put(self, line):
        lines = self.lines
        if len(lines) >= self.depth:
            self.dropped += 1
            return
        if self.dropped and len(lines) + 1 < self.depth:
            n = self.dropped
            self.dropped = 0
            lines.append(json.dumps({"error": "Output queue full: %d reply lines dropped" % n, "dropped": n}) + "\n")
        lines.append(line + "\n")

    def heartbeat(self):
        """A PING, unless the queue is full (a heartbeat is never counted as dropped)."""
        if len(self.lines) < self.depth:
            self.lines.append(P.PING + "\n")


class LineReader:
    """Cuts a byte stream into lines of at most `max_bytes`; longer lines are dropped whole and reported."""

    def __init__(self, max_bytes, on_line, on_bad):
        self.max_bytes = max_bytes
        self.on_line = on_line
        self.on_bad = on_bad
        self.acc = bytearray()
        self.skipped = 0

    def reset(self):
        self.acc = bytearray()
        self.skipped = 0

    def feed(self, data):
        start = 0
        size = len(data)
        view = memoryview(data)
        while start < size:
            end = data.find(b"\n", start)
            if end < 0:
                if self.skipped or len(self.acc) + size - start > self.max_bytes:
                    self.skipped += len(self.acc) + size - start
                    self.acc = bytearray()
                else:
                    self.acc.extend(view[start:])
                return
            piece = view[start:end]
            start = end + 1
            if self.skipped:
                n = self.skipped + len(piece)
                self.skipped = 0
                self.on_bad("Line too long: %d bytes dropped" % n)
                continue
            if self.acc:
                self.acc.extend(piece)
                line = self.acc
                self.acc = bytearray()
            else:
                line = piece
            if len(line) > self.max_bytes:
                self.on_bad("Line too long: %d bytes dropped" % len(line))
                continue
            try:
                text = str(line, "utf-8")
            except UnicodeError:
                self.on_bad("Invalid line: not UTF-8 (%d bytes dropped)" % len(line))
                continue
            self.on_line(text)


class _Link:
    def __init__(self, cfg, board, outbox):
        self.cfg = cfg
        self.board = board
        self.outbox = outbox
        self.poll_ms = cfg["poll_ms"]
        self.heartbeat_ms = cfg["heartbeat_ms"]
        self.token = cfg["token"]
        self.reader = LineReader(cfg["limits"]["max_line_bytes"], self.heard, self.bad_line)
        # Bytes of the head line written so far (a write may take only part of it).
        self.head = None
        self.online = False
        self.sessions = 0

    def heard(self, text):
        self.board.handle(text)

    def bad_line(self, problem):
        self.board.error(problem)

    def went_online(self):
        self.online = True
        self.sessions += 1
        # The first reply's peak counts from here: the garbage of booting (compiling the modules, attaching the
        # drivers) and of connecting is no command's, and would otherwise be reported with the first one.
        self.board.sampler.reset()

    def announce_line(self):
        line = self.board.announce()
        if self.token is not None:
            line["token"] = self.token
        return json.dumps(line) + "\n"

    def flush(self, stream):
        """Writes queued lines until the stream would block; False when the stream failed."""
        lines = self.outbox.lines
        while True:
            head = self.head
            if head is None:
                if not lines:
                    return True
                head = self.head = lines[0]
            try:
                n = stream.write(head)
            except OSError as e:
                if e.args[0] in _NOT_YET:
                    return True
                return False
            if n is None:
                return True
            if n >= len(head):
                self.head = None
                lines.pop(0)
            else:
                # A partial write: the rest goes next time (as bytes: a str's length counts characters).
                head = head.encode() if isinstance(head, str) else head
                self.head = head[n:]
                lines[0] = self.head
                return True


class TcpLink(_Link):
    """TCP to the datapool's device port; on WiFi it brings the station up first (power save as configured)."""

    def __init__(self, cfg, board, outbox):
        super().__init__(cfg, board, outbox)
        self.refused = False

    def wifi_up(self):
        import network

        wifi = self.cfg["wifi"]
        wlan = network.WLAN(network.STA_IF)
        wlan.active(True)
        modes = {"none": "PM_NONE", "min": "PM_PERFORMANCE", "max": "PM_POWERSAVE"}
        mode = getattr(network.WLAN, modes[wifi["pm"]], None)
        if mode is not None:
            wlan.config(pm=mode)
        if not wlan.isconnected():
            wlan.connect(wifi["ssid"], wifi["password"])
        return wlan

    async def run(self):
        if self.cfg["link"] == "wifi":
            wlan = self.wifi_up()
            waited = 0
            while not wlan.isconnected():
                if waited > self.cfg["wifi"]["connect_timeout_ms"]:
                    print("wifi: not connected to %s yet; still trying" % self.cfg["wifi"]["ssid"])
                    waited = 0
                await asyncio.sleep_ms(100)
                waited += 100
        attempts = 0
        reconnect = self.cfg["reconnect"]
        while True:
            try:
                if await self.session():
                    attempts = 0
            except OSError as e:
                print("link: %s:%d: %r" % (self.cfg["server"]["host"], self.cfg["server"]["port"], e))
            self.online = False
            self.head = None
            ceiling = min(reconnect["cap_ms"], reconnect["base_ms"] << min(attempts, 20))
            if self.refused:
                ceiling = reconnect["cap_ms"]
                self.refused = False
            attempts += 1
            # Half fixed, half random: boards that lost one access point do not all redial at once.
            from random import getrandbits

            await asyncio.sleep_ms(ceiling // 2 + (ceiling // 2) * getrandbits(8) // 255)

    def heard(self, text):
        if text.startswith('{"error"'):
            # The datapool sends a board only commands, except when it refuses it (a wrong token).
            print("link: the datapool refused this board:", text)
            self.refused = True
            return
        self.board.handle(text)

    async def session(self):
        """One connection: True once it was online (the backoff starts over)."""
        import socket

        server = self.cfg["server"]
        address = socket.getaddrinfo(server["host"], server["port"])[0][-1]
        sock = socket.socket()
        try:
            sock.setblocking(False)
            try:
                sock.connect(address)
            except OSError as e:
                if e.args[0] not in _NOT_YET:
                    raise
            # The announce goes first; writing it is also how a non-blocking connect is seen to finish.
            self.head = self.announce_line()
            started = ticks_ms()
            while self.head is not None:
                try:
                    n = sock.write(self.head)
                except OSError as e:
                    if e.args[0] not in _NOT_YET:
                        raise
                    n = None
                if n is not None:
                    head = self.head
                    if n >= len(head):
                        self.head = None
                    else:
                        self.head = (head.encode() if isinstance(head, str) else head)[n:]
                    continue
                if ticks_diff(ticks_ms(), started) > _CONNECT_TIMEOUT_MS:
                    raise OSError(110)
                await asyncio.sleep_ms(self.poll_ms)
            self.went_online()
            self.reader.reset()
            await self.pump(sock)
            return True
        finally:
            self.online = False
            sock.close()

    async def pump(self, sock):
        beat = ticks_ms()
        poll = self.poll_ms
        while not self.refused:
            data = sock.read(_READ_CHUNK)
            if data is not None:
                if not data:
                    return
                self.reader.feed(data)
            if not self.flush(sock):
                return
            now = ticks_ms()
            if ticks_diff(now, beat) >= self.heartbeat_ms:
                beat = now
                self.outbox.heartbeat()
            await asyncio.sleep_ms(0 if data else poll)


class SerialLink(_Link):
    """A UART line: PING every heartbeat until the datapool answers PONG, then the announce; a
    line silent for `silent_ms` ends the session and the handshake starts over."""

    def __init__(self, cfg, board, outbox):
        super().__init__(cfg, board, outbox)
        self.silent_ms = cfg["silent_ms"]
        self.ponged = False
        self.refused = False

    def open(self):
        from machine import UART

        s = self.cfg["serial"]
        return UART(s["uart"], baudrate=s["baudrate"], tx=s["tx"], rx=s["rx"], rxbuf=s["rxbuf"], timeout=0)

    def heard(self, text):
        self.heard_at = ticks_ms()
        stripped = text.strip()
        if stripped == P.PONG:
            self.ponged = True
            return
        if not self.online:
            return
        if stripped.startswith('{"error"'):
            # The datapool refused the board (a wrong token) or asks it to announce again: the session ends.
            # Handed to the board, it would be answered with an error line, which the datapool refuses again.
            print("serial: the datapool refused this board:", stripped)
            self.refused = True
            return
        self.board.handle(text)

    async def run(self):
        uart = self.open()
        self.heard_at = ticks_ms()
        while True:
            await self.handshake(uart)
            self.head = None
            uart.write(self.announce_line())
            self.went_online()
            await self.pump(uart)
            self.online = False
            if self.refused:
                # Refused: asking again at once would only be refused again, as fast as the line goes.
                self.refused = False
                await asyncio.sleep_ms(self.cfg["reconnect"]["cap_ms"])

    async def handshake(self, uart):
        """PING every heartbeat until a PONG comes back; other lines are not for a board without a session."""
        self.ponged = False
        self.reader.reset()
        beat = None
        while not self.ponged:
            now = ticks_ms()
            if beat is None or ticks_diff(now, beat) >= self.heartbeat_ms:
                beat = now
                uart.write(P.PING + "\n")
            data = uart.read(_READ_CHUNK)
            if data:
                self.reader.feed(data)
            await asyncio.sleep_ms(0 if data else self.poll_ms)

    async def pump(self, uart):
        beat = self.heard_at = ticks_ms()
        poll = self.poll_ms
        while not self.refused:
            data = uart.read(_READ_CHUNK)
            if data:
                self.reader.feed(data)
            self.flush(uart)
            now = ticks_ms()
            if ticks_diff(now, self.heard_at) >= self.silent_ms:
                print("serial: nothing heard for %d ms: new session" % self.silent_ms)
                return
            if ticks_diff(now, beat) >= self.heartbeat_ms:
                beat = now
                self.outbox.heartbeat()
            await asyncio.sleep_ms(0 if data else poll)
