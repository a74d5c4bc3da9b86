import { type AnnounceLine, BOARD_LINKS, type BoardLink } from '../core/wire/messages.js';

export type AnnounceResult = { ok: true; announce: AnnounceLine; warnings: string[] } | { ok: false; reason: string };

/**
 * An announce as parsed, before the device listener has checked it: it may still carry the board's device
 * token (an optional extension of the wire protocol, `"token": "<secret>"`). `takeToken` removes it, so the
 * secret never reaches the registry, the store, `GET /mcus` or a log line.
 */
interface AnnounceWithToken extends AnnounceLine {
  token?: string;
}

/**
 * Longest id, model, place or firmware a board may announce. Each announce is kept in memory, in the store
 * and in every `GET /mcus` answer for as long as the board is known, so its size is bounded where it is read.
 */
export const MAX_ANNOUNCE_TEXT = 128;
/** Most sensors (and, apart, actuators) one announce may list, and the longest name of one (the catalogue's are far shorter). */
export const MAX_ANNOUNCED_SENSORS = 64;
export const MAX_SENSOR_NAME = 64;
/** Longest `wifi_pm` kept: MicroPython's modes are short words (`none`, `min`, `max`) or a number. */
export const MAX_WIFI_PM = 32;

/**
 * Reads a board's first line. Only `available_sensors` is required (all the original firmware sends); an
 * optional field of the wrong type is dropped with a warning rather than refusing a board that works. A field
 * past its size bound refuses the announce instead: dropping it would register a board other than the one
 * announced (an id over the bound would become `board-<ip>`).
 */
export function parseAnnounce(value: Record<string, unknown>): AnnounceResult {
  const sensors = value['available_sensors'];
  if (!Array.isArray(sensors)) {
    return { ok: false, reason: 'the first line must be {"available_sensors": [...]}' };
  }
  if (!sensors.every((name): name is string => typeof name === 'string')) {
    return { ok: false, reason: 'available_sensors must be a list of sensor names (strings)' };
  }
  if (sensors.length > MAX_ANNOUNCED_SENSORS || sensors.some((name) => name.length > MAX_SENSOR_NAME)) {
    return {
      ok: false,
      reason: `available_sensors may list at most ${MAX_ANNOUNCED_SENSORS} sensors, each name at most ${MAX_SENSOR_NAME} characters`,
    };
  }
  for (const key of ['mcu', 'model', 'place', 'firmware'] as const) {
    const v = value[key];
    if (typeof v === 'string' && v.length > MAX_ANNOUNCE_TEXT) {
      return { ok: false, reason: `${key} may be at most ${MAX_ANNOUNCE_TEXT} characters, got ${v.length}` };
    }
  }
  const actuators = value['available_actuators'];
  const actuatorList = Array.isArray(actuators) && actuators.every((name): name is string => typeof name === 'string') ? actuators : undefined;
  if (actuatorList !== undefined && (actuatorList.length > MAX_ANNOUNCED_SENSORS || actuatorList.some((name) => name.length > MAX_SENSOR_NAME))) {
    return {
      ok: false,
      reason: `available_actuators may list at most ${MAX_ANNOUNCED_SENSORS} actuators, each name at most ${MAX_SENSOR_NAME} characters`,
    };
  }
  const warnings: string[] = [];
  const announce: AnnounceWithToken = { available_sensors: sensors };
  if (actuatorList !== undefined) announce.available_actuators = actuatorList;
  else if (actuators !== undefined && actuators !== null) warnings.push('ignored available_actuators: expected a list of actuator names (strings)');

  const text = (key: 'mcu' | 'model' | 'place' | 'firmware'): void => {
    const v = value[key];
    if (v === undefined || v === null) return;
    if (typeof v === 'string' && v.trim() !== '') announce[key] = v.trim();
    else warnings.push(`ignored ${key}: expected a non-empty string`);
  };
  const count = (key: 'max_concurrent' | 'pending_queue', min: number): void => {
    const v = value[key];
    if (v === undefined || v === null) return;
    if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= 65_536) announce[key] = v;
    else warnings.push(`ignored ${key}: expected an integer >= ${min}`);
  };
  text('mcu');
  text('model');
  text('place');
  text('firmware');
  count('max_concurrent', 1);
  count('pending_queue', 0);
  const speed = value['speed'];
  if (typeof speed === 'number' && Number.isFinite(speed) && speed >= 1) announce.speed = speed;
  else if (speed !== undefined && speed !== null) warnings.push('ignored speed: expected a number >= 1');
  const memory = value['memory_model'];
  if (memory === 'modeled' || memory === 'measured') announce.memory_model = memory;
  else if (memory !== undefined && memory !== null) warnings.push('ignored memory_model: expected "modeled" or "measured"');
  const link = value['link'];
  if (typeof link === 'string' && (BOARD_LINKS as readonly string[]).includes(link)) announce.link = link as BoardLink;
  else if (link !== undefined && link !== null) warnings.push(`ignored link: expected one of ${BOARD_LINKS.join(', ')}`);
  const pm = value['wifi_pm'];
  if (typeof pm === 'string' && pm.trim() !== '' && pm.length <= MAX_WIFI_PM && /^[\x20-\x7e]+$/.test(pm)) announce.wifi_pm = pm.trim();
  else if (pm !== undefined && pm !== null) warnings.push(`ignored wifi_pm: expected a short printable string (at most ${MAX_WIFI_PM} characters)`);
  const sampling = value['memory_sampling_ms'];
  if (typeof sampling === 'number' && Number.isFinite(sampling) && sampling > 0 && sampling <= 3_600_000) announce.memory_sampling_ms = sampling;
  else if (sampling !== undefined && sampling !== null) warnings.push('ignored memory_sampling_ms: expected a number of ms above 0');
  const token = value['token'];
  if (typeof token === 'string') announce.token = token;
  return { ok: true, announce, warnings };
}

/** The device token a parsed announce carried (undefined when none), and the announce without it. */
export function takeToken(announce: AnnounceLine): { token: string | undefined; announce: AnnounceLine } {
  const { token, ...rest } = announce as AnnounceWithToken;
  return token === undefined ? { token, announce } : { token, announce: rest };
}
