import { randomBytes } from 'node:crypto';
import type { Fleet } from '../devices/fleet/fleet-file.js';

/**
 * How the emulated fleet proves itself to a datapool started with it. With a device token, the boards send
 * it like any board. Without one they still prove who they are, with a key made for this run: a process
 * announcing one of their ids is refused, and no anonymous board takes a read from them.
 */
export interface FleetIdentity {
  /** What the boards send in their announce line. */
  token: string;
  admission: FleetAdmission;
}

/** What the datapool needs to admit the fleet. */
export interface FleetAdmission {
  /** Keys by board id, besides those given for other boards. */
  deviceKeys: ReadonlyMap<string, string>;
  /** The boards this datapool serves: boards another fleet left in a reused store are forgotten. */
  fleetMcus: ReadonlySet<string>;
}

/** Throws when a key is given for one of the fleet's own boards. */
export function fleetIdentity(fleet: Fleet, deviceToken: string | undefined, otherKeys: ReadonlyMap<string, string> | undefined): FleetIdentity {
  const ids = fleet.mcus.map((mcu) => mcu.id);
  const clash = ids.find((id) => otherKeys?.has(id));
  if (clash !== undefined) {
    throw new Error(`a device key is given for "${clash}", a board of the embedded fleet, which proves itself with a key of its own`);
  }
  const token = deviceToken ?? randomBytes(32).toString('hex');
  const deviceKeys = new Map<string, string>();
  if (deviceToken === undefined) for (const id of ids) deviceKeys.set(id, token);
  return { token, admission: { deviceKeys, fleetMcus: new Set(ids) } };
}
