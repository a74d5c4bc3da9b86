import type { Logger } from '../core/log.js';
import type { HostPort } from '../core/net/host-port.js';
import type { StoreSettings } from '../datapool/datapool.js';
import type { DeviceServerOptions } from '../datapool/device-server.js';
import type { SerialOptions } from '../datapool/serial/serial-lines.js';
import type { DatapoolServer } from '../datapool/server.js';
import type { RunningFleet } from '../devices/fleet/start-fleet.js';
import { composeSystem } from './compose.js';

export interface EmbeddedOptions {
  /** Device-side TCP listener; port 0 picks a free one. */
  devices: HostPort;
  /** Host-side HTTP API, or false for none (in-process callers use `datapool` directly). */
  http: HostPort | false;
  /** The HTTP API's bearer token (required when it listens off loopback). */
  token?: string;
  /** Boards must announce with this token (the embedded fleet is given it); required when `devices` is off loopback. */
  deviceToken?: string;
  /** Accept boards without a device token off loopback (real boards running the original firmware). */
  allowAnonymousDevices?: boolean;
  /** Per-board keys for boards besides the embedded fleet's, which prove themselves on their own. */
  deviceKeys?: ReadonlyMap<string, string>;
  /** The device listener's connection cap and how long a board may be gone before it is forgotten. */
  deviceLimits?: Pick<DeviceServerOptions, 'maxConnections' | 'forgetAfterMs'>;
  dataDir: string;
  /** How much finished history the datapool's store keeps, and its segment size (defaults: the datapool's). */
  store?: StoreSettings;
  /** Where the datapool's log lines go (default: stderr, without debug lines). */
  log?: Logger;
  /** Serial lines the datapool watches for boards (lab boards over USB), besides the fleet's TCP. */
  serial?: SerialOptions;
  fleetPath?: string;
  network?: 'ideal' | 'wifi';
  scenario?: string;
  seed?: number;
  timeMs?: number;
  /**
   * Emulated boards sample this many times faster than real time (>= 1, default 1): a 10 s series takes
   * 10 / speed s of wall time with the same readings. Their announce (and `McuInfo.speed`) says so.
   */
  speed?: number;
}

export interface EmbeddedSystem {
  server: DatapoolServer;
  fleet: RunningFleet;
  close(): Promise<void>;
}

/**
 * The embedded default: the datapool and an emulated fleet in one process, in a data directory the caller
 * keeps. The devices still reach the datapool over a real TCP socket, so what is measured here is what a lab
 * with real boards would see. The composition of compose.ts, in the shape tests and scripts use.
 */
export async function startEmbeddedSystem(options: EmbeddedOptions): Promise<EmbeddedSystem> {
  const system = await composeSystem({
    datapool: {
      kind: 'in-process',
      dataDir: options.dataDir,
      devices: options.devices,
      http: options.http,
      ...(options.token !== undefined && { token: options.token }),
      ...(options.deviceToken !== undefined && { deviceToken: options.deviceToken }),
      ...(options.allowAnonymousDevices !== undefined && { allowAnonymousDevices: options.allowAnonymousDevices }),
      ...(options.deviceKeys !== undefined && { deviceKeys: options.deviceKeys }),
      ...(options.deviceLimits !== undefined && { deviceLimits: options.deviceLimits }),
      ...(options.store !== undefined && { store: options.store }),
      ...(options.log !== undefined && { log: options.log }),
      ...(options.serial !== undefined && { serial: options.serial }),
    },
    fleet: {
      ...(options.fleetPath !== undefined && { path: options.fleetPath }),
      ...(options.network !== undefined && { network: options.network }),
      ...(options.scenario !== undefined && { scenario: options.scenario }),
      ...(options.seed !== undefined && { seed: options.seed }),
      ...(options.timeMs !== undefined && { timeMs: options.timeMs }),
      ...(options.speed !== undefined && { speed: options.speed }),
    },
  });
  return { server: system.datapool.server, fleet: system.fleet, close: () => system.close() };
}
