# The emulated board's `network` module: a WLAN station that is associated at once (the board's TCP goes over
# the host's loopback or LAN). The power-save mode is kept, so a firmware can read back what it set.
STA_IF = 0
AP_IF = 1


class WLAN:
    PM_NONE = 0
    PM_PERFORMANCE = 1
    PM_POWERSAVE = 2

    def __init__(self, interface_id=STA_IF):
        self._if = interface_id
        self._active = False
        self._connected = False
        self._pm = WLAN.PM_PERFORMANCE
        self._ssid = None

    def active(self, is_active=None):
        if is_active is None:
            return self._active
        self._active = bool(is_active)

    def connect(self, ssid=None, key=None, *, bssid=None):
        if not self._active:
            raise OSError("Wifi Not Started")
        self._ssid = ssid
        self._connected = True

    def disconnect(self):
        self._connected = False

    def isconnected(self):
        return self._connected

    def status(self, param=None):
        if param == "rssi":
            return -50
        return 1010 if self._connected else 1000

    def config(self, *args, **kw):
        if args:
            key = args[0]
            if key == "pm":
                return self._pm
            if key in ("ssid", "essid"):
                return self._ssid
            if key == "mac":
                from machine import unique_id

                return unique_id()
            raise ValueError("unknown config param")
        if "pm" in kw:
            self._pm = kw["pm"]

    def ifconfig(self, *args):
        return ("127.0.0.1", "255.0.0.0", "127.0.0.1", "127.0.0.1")
