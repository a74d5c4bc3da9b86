import { randomBytes } from 'node:crypto';
import type { DeviceServerOptions } from '../datapool/device-server.js';
import type { StoreSettings } from '../datapool/datapool.js';
import type { Logger } from '../core/log.js';
import { startDatapoolServer, type DatapoolServer } from '../datapool/server.js';
import { startFleet, type RunningFleet } from '../devices/fleet/start-fleet.js';
import { loadFleet, DEFAULT_FLEET_PATH } from '../devices/fleet/fleet-file.js';
import type { HostPort } from '../core/net/host-port.js';

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
 * The embedded default: the datapool and an emulated fleet in one process. The devices still reach the
 * datapool over a real TCP socket, so what is measured here is what a lab with real boards would see.
 */
export async function startEmbeddedSystem(options: EmbeddedOptions): Promise<EmbeddedSystem> {
  const fleetFile = await loadFleet(options.fleetPath ?? DEFAULT_FLEET_PATH);
  const fleetIds = fleetFile.mcus.map((mcu) => mcu.id);
  const clash = fleetIds.find((id) => options.deviceKeys?.has(id));
  if (clash !== undefined) {
    throw new Error(`a device key is given for "${clash}", a board of the embedded fleet, which proves itself with a key of its own`);
  }
  // Without a device token the embedded boards still prove who they are, with a key made for this run: a
  // process announcing one of their ids is refused, and no anonymous board takes a read from them.
  const fleetToken = options.deviceToken ?? randomBytes(32).toString('hex');
  const deviceKeys = new Map(options.deviceKeys ?? []);
  if (options.deviceToken === undefined) for (const id of fleetIds) deviceKeys.set(id, fleetToken);
  const server = await startDatapoolServer({
    devices: {
      ...options.devices,
      ...(options.deviceToken !== undefined && { token: options.deviceToken }),
      ...(options.allowAnonymousDevices !== undefined && { allowAnonymous: options.allowAnonymousDevices }),
      ...(deviceKeys.size > 0 && { deviceKeys }),
      ...options.deviceLimits,
    },
    http: options.http === false ? false : { ...options.http, ...(options.token !== undefined && { token: options.token }) },
    dataDir: options.dataDir,
    ...options.store,
    // Boards another fleet left in a reused store are forgotten, not kept as offline ghosts.
    fleetMcus: new Set(fleetIds),
    ...(options.log !== undefined && { log: options.log }),
  });
  let fleet: RunningFleet;
  try {
    fleet = await startFleet({
      fleet: fleetFile,
      datapool: connectable(server.devicesAddress),
      token: fleetToken,
      network: options.network ?? 'ideal',
      ...(options.scenario !== undefined && { scenario: options.scenario }),
      ...(options.seed !== undefined && { seed: options.seed }),
      ...(options.timeMs !== undefined && { timeMs: options.timeMs }),
      ...(options.speed !== undefined && { speed: options.speed }),
    });
    await fleet.whenOnline();
    // A board is online for us once the datapool has read its announcement, not once the board has sent it.
    await server.datapool.whenOnline(fleet.mcus.map((mcu) => mcu.id));
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    server,
    fleet,
    async close() {
      await fleet.stop();
      await server.close();
    },
  };
}

/** The in-process fleet dials the listener; one bound to every interface is reached on loopback. */
function connectable(address: HostPort): HostPort {
  if (address.host === '0.0.0.0') return { host: '127.0.0.1', port: address.port };
  if (address.host === '::') return { host: '::1', port: address.port };
  return address;
}
