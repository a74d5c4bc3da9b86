import { nameKey } from '../core/names.js';
import { compareIds } from './registry.js';
import type { CommandError } from './types.js';

/** What routing needs to know about an MCU. */
export interface RoutableMcu {
  id: string;
  place: string | null;
  /** Canonical sensor names. */
  sensors: readonly string[];
  /** Canonical actuator names (absent: it drives none). */
  actuators?: readonly string[];
  online: boolean;
  /** Proved nothing when it connected (see `McuEntry.anonymous`); absent means it did. */
  anonymous?: boolean;
}

export interface RouteRequest {
  /** Canonical sensor name (absent when the command drives an actuator). */
  sensor?: string | undefined;
  /** Canonical actuator name, instead of a sensor: routed by the same rules, among the boards that drive it. */
  actuator?: string | undefined;
  mcu?: string;
  place?: string;
}

/**
 * The MCUs to choose from: a list, or a map by id. The datapool passes its registry's map, so a command
 * pinned to an MCU is one lookup however many boards are known (no list is built or sorted per command).
 */
export type RoutableMcus = readonly RoutableMcu[] | ReadonlyMap<string, RoutableMcu>;

export type RouteResult = { ok: true; mcu: string } | { ok: false; error: CommandError };

/**
 * Picks the MCU a command goes to. The rule, deterministic for a given set of MCUs:
 *
 * 1. `mcu` given: that MCU (`unknown-mcu` if no MCU has that id; `no-device` if it lacks the sensor).
 * 2. `place` given: the MCUs in that place that have the sensor (`unknown-place` if no MCU is in that place,
 *    `no-device` if none there has the sensor). Places match ignoring case, spaces, '-' and '_'.
 * 3. Otherwise: every MCU that has the sensor (`no-device` if none has).
 *
 * Among the candidates, MCUs that proved who they are come before anonymous ones, then online before
 * offline, then the lowest id in plain string order. An anonymous board can be announced by any process that
 * reaches the device port, under any id and place, so it never takes a command from a board that proved
 * itself, not even while that board is offline (the command waits in its outbox until it comes back).
 */
export function route(request: RouteRequest, mcus: RoutableMcus): RouteResult {
  const actuator = request.actuator;
  const sensor = actuator ?? request.sensor ?? '';
  const devicesOf = (m: RoutableMcu): readonly string[] => (actuator === undefined ? m.sensors : (m.actuators ?? []));
  if (request.mcu !== undefined) {
    const target = isMap(mcus) ? mcus.get(request.mcu) : mcus.find((m) => m.id === request.mcu);
    if (target === undefined) {
      return fail('unknown-mcu', `no MCU "${request.mcu}"; known MCUs: ${listIds(mcus.values())}`);
    }
    if (!devicesOf(target).includes(sensor)) {
      const kind = actuator === undefined ? 'sensors' : 'actuators';
      return fail('no-device', `MCU "${target.id}" has no ${sensor}; it has: ${devicesOf(target).join(', ') || `no ${kind}`}`);
    }
    return { ok: true, mcu: target.id };
  }

  let candidates: readonly RoutableMcu[] = isMap(mcus) ? [...mcus.values()] : mcus;
  let where = '';
  if (request.place !== undefined) {
    const wanted = nameKey(request.place);
    candidates = candidates.filter((m) => m.place !== null && nameKey(m.place) === wanted);
    if (candidates.length === 0) {
      return fail('unknown-place', `no MCU is in place "${request.place}"; known places: ${listPlaces(mcus.values())}`);
    }
    where = ` in place "${request.place}"`;
  }
  const withSensor = candidates.filter((m) => devicesOf(m).includes(sensor));
  if (withSensor.length === 0) return fail('no-device', `no MCU${where} has a ${sensor}`);
  let best = withSensor[0]!;
  for (const m of withSensor) if (preferred(m, best)) best = m;
  return { ok: true, mcu: best.id };
}

/** Proven before anonymous, then online before offline, then the lower id. */
function preferred(a: RoutableMcu, b: RoutableMcu): boolean {
  const aAnonymous = a.anonymous === true;
  if (aAnonymous !== (b.anonymous === true)) return !aAnonymous;
  if (a.online !== b.online) return a.online;
  return compareIds(a.id, b.id) < 0;
}

function fail(code: CommandError['code'], message: string): RouteResult {
  return { ok: false, error: { code, message } };
}

function isMap(mcus: RoutableMcus): mcus is ReadonlyMap<string, RoutableMcu> {
  return mcus instanceof Map;
}

/** Most names an error lists: a registry of thousands must not turn a 30-byte request into an 800 KB answer. */
export const LISTED_AT_MOST = 20;

function listed(names: string[]): string {
  if (names.length === 0) return 'none';
  const shown = names.slice(0, LISTED_AT_MOST).join(', ');
  return names.length > LISTED_AT_MOST ? `${shown} and ${names.length - LISTED_AT_MOST} more` : shown;
}

function listIds(mcus: Iterable<RoutableMcu>): string {
  return listed(Array.from(mcus, (m) => m.id).sort(compareIds));
}

function listPlaces(mcus: Iterable<RoutableMcu>): string {
  const places = new Set<string>();
  for (const m of mcus) if (m.place !== null) places.add(m.place);
  return listed([...places].sort(compareIds));
}
