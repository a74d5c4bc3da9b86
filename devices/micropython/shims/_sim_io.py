# The emulated board's UART and chip functions, with MicroPython's ESP32 names and signatures. A UART is bridged
# to a real serial line (a pty, a USB adapter) that the runtime opened for this UART id; bytes cross to
# JavaScript as text (the protocol is JSON lines), and a read with nothing waiting returns None, as on a board
# with timeout=0.
import iotmcp_sim as _sim


class UART:
    INV_TX = 1
    INV_RX = 2

    def __init__(self, id, baudrate=115200, bits=8, parity=None, stop=1, *, tx=None, rx=None, rxbuf=256, timeout=0, **kw):
        self._id = id
        # The line is the runtime's, already open at its own rate (a USB CDC board ignores baudrate too).
        self._h = _sim.io_uart_open(id)
        if self._h < 0:
            raise OSError(-self._h)

    def init(self, *args, **kw):
        pass

    def any(self):
        return _sim.io_uart_any(self._h)

    def read(self, nbytes=-1):
        data = _sim.io_uart_read(self._h, nbytes)
        return data.encode() if data else None

    def readline(self):
        data = _sim.io_uart_readline(self._h)
        return data.encode() if data else None

    def readinto(self, buf, nbytes=-1):
        data = self.read(len(buf) if nbytes < 0 else min(nbytes, len(buf)))
        if data is None:
            return None
        n = len(data)
        buf[:n] = data
        return n

    def write(self, buf):
        text = buf if isinstance(buf, str) else bytes(buf).decode()
        n = _sim.io_uart_write(self._h, text)
        if n < 0:
            raise OSError(-n)
        # A whole line is queued at once; report it in the caller's units.
        return len(buf)

    def flush(self):
        pass

    def txdone(self):
        return True

    def deinit(self):
        _sim.io_uart_close(self._h)


def unique_id():
    from binascii import unhexlify

    return unhexlify(_sim.io_unique_id())


def freq(hz=None):
    if hz is None:
        return _sim.io_freq()
    return None


def reset():
    _sim.io_reset()
    raise SystemExit("machine.reset()")
