# The emulated board's `socket` module: TCP client sockets bridged to real Node sockets. Semantics follow the
# ESP32 port: a non-blocking connect raises OSError(EINPROGRESS); recv with nothing to read raises
# OSError(EAGAIN); read/readinto return None then and write returns None while it would block; b"" is the end
# of the stream. Data crosses to JavaScript as text (the protocol is JSON lines).
import iotmcp_sim as _sim

AF_INET = 2
SOCK_STREAM = 1
IPPROTO_TCP = 6
SOL_SOCKET = 1
SO_REUSEADDR = 4
TCP_NODELAY = 1

_EAGAIN = 11
_EINPROGRESS = 115


def getaddrinfo(host, port, af=0, type=0, proto=0, flags=0):
    # The bridge resolves the name when it connects.
    return [(AF_INET, SOCK_STREAM, IPPROTO_TCP, "", (host, port))]


class socket:
    def __init__(self, af=AF_INET, type=SOCK_STREAM, proto=IPPROTO_TCP):
        self._h = _sim.io_sock_open()
        self._blocking = True

    def setblocking(self, flag):
        self._blocking = bool(flag)

    def settimeout(self, value):
        self._blocking = value is None or value > 0

    def setsockopt(self, level, option, value):
        pass

    def connect(self, address):
        err = _sim.io_sock_connect(self._h, address[0], address[1])
        if err:
            raise OSError(err)
        if not self._blocking:
            raise OSError(_EINPROGRESS)

    def _take(self, n):
        data = _sim.io_sock_read(self._h, n)
        if data is None:
            err = _sim.io_sock_error(self._h)
            if err:
                raise OSError(err)
            return b""
        return data.encode() if data else None

    def recv(self, n):
        data = self._take(n)
        if data is None:
            raise OSError(_EAGAIN)
        return data

    def read(self, n=-1):
        return self._take(4096 if n is None or n < 0 else n)

    def readinto(self, buf, nbytes=-1):
        data = self._take(len(buf) if nbytes < 0 else min(nbytes, len(buf)))
        if not data:
            return data if data is None else 0
        n = len(data)
        buf[:n] = data
        return n

    def _put(self, buf):
        text = buf if isinstance(buf, str) else bytes(buf).decode()
        n = _sim.io_sock_write(self._h, text)
        if n == -_EAGAIN:
            return None
        if n < 0:
            raise OSError(-n)
        # The bridge takes the whole buffer or nothing: report it in the caller's units.
        return len(buf)

    def write(self, buf):
        return self._put(buf)

    def send(self, buf):
        n = self._put(buf)
        if n is None:
            raise OSError(_EAGAIN)
        return n

    def sendall(self, buf):
        self.send(buf)

    def close(self):
        _sim.io_sock_close(self._h)
