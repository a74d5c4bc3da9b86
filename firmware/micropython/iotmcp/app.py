# The firmware's start: read config.json, attach the wired sensors and actuators, and run the board on its
# link with the memory sampler beside it. start() blocks on an ESP32 (asyncio.run); on the WebAssembly port,
# which has no asyncio.run, it schedules the board on the JavaScript event loop and returns.
import asyncio
from iotmcp import config as C
from iotmcp.board import Board
from iotmcp.links import Outbox, SerialLink, TcpLink
from iotmcp.memory import PeakSampler

# How often actuator ramps and travel timers move along, ms.
_ACTUATOR_TICK_MS = 20


def _actuators(entries):
    if not entries:
        return None
    try:
        from iotmcp import actuators as A
    except ImportError:
        raise ValueError("config: actuators are configured but this firmware has no actuator drivers (iotmcp/actuators)")
    return A.Actuators([A.attach(entry) for entry in entries])


def build(path="config.json"):
    """The board and its link, from the config file; ValueError (naming the problem) for a bad config."""
    cfg = C.load(path)
    from iotmcp import sensors as S

    attached = [S.attach(entry) for entry in cfg["sensors"]]
    actuators = _actuators(cfg["actuators"])
    sampler = PeakSampler(cfg["memory_sampling_ms"], cfg["gc_threshold"], cfg["memory_offset_bytes"])
    outbox = Outbox(cfg["limits"]["output_queue"])
    board = Board(cfg, attached, actuators, sampler, outbox, S.sample_context)
    link = SerialLink(cfg, board, outbox) if cfg["link"] == "serial" else TcpLink(cfg, board, outbox)
    return board, link


async def _move_actuators(board):
    from time import ticks_ms

    while True:
        board.update(ticks_ms())
        await asyncio.sleep_ms(_ACTUATOR_TICK_MS)


async def run(board, link):
    asyncio.create_task(board.sampler.run())
    if board.actuators:
        asyncio.create_task(_move_actuators(board))
    await link.run()


# The running board, for a REPL (or the emulator) to look at.
BOARD = None
LINK = None


def start(path="config.json"):
    global BOARD, LINK
    BOARD, LINK = build(path)
    if hasattr(asyncio, "run"):
        asyncio.run(run(BOARD, LINK))
    else:
        asyncio.create_task(run(BOARD, LINK))
