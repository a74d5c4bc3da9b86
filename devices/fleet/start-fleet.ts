import { EmulatedMcu, type EmulatedMcuOptions } from '../mcu/emulated-mcu.js';
import { checkSpeed, type SampleTiming } from '../mcu/firmware.js';
import type { FirmwareKind, FleetBoard } from '../mcu/fleet-board.js';
import type { ReconnectOptions } from '../mcu/link.js';
import type { WorldSource } from '../mcu/world-source.js';
import { createWorldSource } from '../mcu/world-source.js';
import type { NetworkFaults, NetworkProfileName } from '../network/profiles.js';
import type { Fleet } from './fleet-file.js';
import { loadFleet } from './fleet-file.js';

/** Starts every board of a fleet against one datapool and tells when they are all online. */

export interface StartFleetOptions {
  /** A loaded fleet, or the path of a fleet file. */
  fleet: Fleet | string;
  datapool: { host: string; port: number };
  /** Network model for every board; wins over the fleet file's per-board choice. Default: the file's, else 'ideal'. */
  network?: NetworkProfileName;
  /** Override the fleet file's world. */
  scenario?: string;
  seed?: number;
  /** World time when the fleet starts, ms since the epoch. */
  timeMs?: number;
  timing?: SampleTiming;
  /**
   * Every board samples this many times faster than real time (>= 1, default 1), and the default world's
   * clock runs as fast. Readings stay those of a real-time run; sampling durations shrink by the factor.
   */
  speed?: number;
  /** Faults for every board, on top of (and winning over) the fleet file's per-board ones. */
  faults?: NetworkFaults;
  heartbeatMs?: number;
  reconnect?: ReconnectOptions;
  connectTimeoutMs?: number;
  /** The datapool's device token, sent by every board in its announce line. */
  token?: string;
  /** Every board runs this firmware, whatever the fleet file says (default: each board's own, else `emulator`). */
  firmware?: FirmwareKind;
  /** Boards on serial lines instead of TCP: the fleet's first boards, one per path; only those run. */
  serial?: { paths: readonly string[]; baudRate?: number };
  /**
   * Boards dialing at once (default: all). Thousands of connects in one burst overflow the datapool's
   * listen backlog, and the kernel has the overflow retry a second or more later: pacing them is faster.
   */
  maxConnecting?: number;
}

export interface RunningFleet {
  readonly fleet: Fleet;
  /** Every board, whichever firmware it runs. */
  readonly boards: readonly FleetBoard[];
  /**
   * The boards running the TypeScript emulator: what fault injection and device-native MCP drive (they reach
   * into its firmware and its modelled network). MicroPython boards are in `boards` only.
   */
  readonly mcus: readonly EmulatedMcu[];
  /** How many times faster than real time the boards sample (1 = real time). */
  readonly speed: number;
  /** The worlds the boards sample (default world and cache). */
  readonly worlds: WorldSource;
  mcu(id: string): EmulatedMcu | undefined;
  /** Resolves when every board is connected and announced; rejects after `timeoutMs` naming the rest. */
  whenOnline(timeoutMs?: number): Promise<void>;
  /** Stops every board; resolves when all links are closed. */
  stop(): Promise<void>;
}

/** Throws (before anything connects) when the fleet file or the chosen world is invalid. */
export async function startFleet(options: StartFleetOptions): Promise<RunningFleet> {
  const fleet = typeof options.fleet === 'string' ? await loadFleet(options.fleet) : options.fleet;
  const seed = options.seed ?? fleet.world.seed;
  const speed = checkSpeed(options.speed);
  const worlds = createWorldSource({
    scenario: options.scenario ?? fleet.world.scenario,
    seed,
    startTimeMs: options.timeMs ?? fleet.world.timeMs,
    speed,
  });
  const serial = options.serial;
  const specs = serial === undefined ? fleet.mcus : fleet.mcus.slice(0, serial.paths.length);
  const boards: FleetBoard[] = [];
  const mcus: EmulatedMcu[] = [];
  for (const [i, spec] of specs.entries()) {
    const board: EmulatedMcuOptions = {
      id: spec.id,
      profile: spec.profile,
      place: spec.place,
      sensors: spec.sensors,
      actuators: spec.actuators,
      worlds,
      datapool: options.datapool,
      network: options.network ?? spec.network?.profile ?? 'ideal',
      faults: { ...spec.network?.faults, ...options.faults },
      seed: `${seed}/${spec.id}`,
      timing: options.timing,
      speed,
      heartbeatMs: options.heartbeatMs,
      reconnect: options.reconnect,
      connectTimeoutMs: options.connectTimeoutMs,
      ...(options.token !== undefined && { token: options.token }),
      ...(serial !== undefined && { serial: { path: serial.paths[i]!, ...(serial.baudRate !== undefined && { baudRate: serial.baudRate }) } }),
    };
    if ((options.firmware ?? spec.firmware ?? 'emulator') === 'micropython') {
      // Its bytes cross the real loopback or pty: a modelled network would be a figure nobody measured.
      if (board.network !== 'ideal' || Object.keys(board.faults ?? {}).length > 0) {
        throw new Error(`${spec.id} runs MicroPython, whose link is not modelled: give it the ideal network and no faults`);
      }
      // Loaded only when a fleet has such a board: it brings MicroPython's WebAssembly port and a worker per board.
      const { MicroPythonMcu } = await import('../micropython/micropython-mcu.js');
      boards.push(new MicroPythonMcu(board));
    } else {
      const mcu = new EmulatedMcu(board);
      mcus.push(mcu);
      boards.push(mcu);
    }
  }
  startPaced(boards, options.maxConnecting ?? boards.length);

  return {
    fleet,
    boards,
    mcus,
    speed,
    worlds,
    mcu: (id) => mcus.find((m) => m.id === id),
    whenOnline(timeoutMs?: number) {
      const all = Promise.all(boards.map((m) => m.whenOnline())).then(() => undefined);
      if (timeoutMs === undefined) return all;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const offline = boards.filter((m) => !m.online).map((m) => m.id);
          reject(new Error(`fleet '${fleet.name}': not online after ${timeoutMs} ms: ${offline.join(', ')}`));
        }, timeoutMs);
      });
      return Promise.race([all, timeout]).finally(() => clearTimeout(timer));
    },
    async stop() {
      await Promise.all(boards.map((m) => m.stop()));
    },
  };
}

/** Starts the boards, at most `limit` of them dialing at a time. */
function startPaced(mcus: readonly FleetBoard[], limit: number): void {
  if (limit >= mcus.length) {
    for (const mcu of mcus) mcu.start();
    return;
  }
  let next = 0;
  const startNext = (): void => {
    const mcu = mcus[next++];
    if (mcu === undefined) return;
    // The next board dials once this one is up or has failed once (it keeps redialing on its own).
    const release = (): void => {
      mcu.off('online', release);
      mcu.off('error', release);
      startNext();
    };
    mcu.on('online', release);
    mcu.on('error', release);
    mcu.start();
  };
  for (let i = 0; i < Math.max(1, limit); i++) startNext();
}
