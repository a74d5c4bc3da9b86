import { findActuator } from '../core/actuators/catalogue.js';
import { now } from '../core/clock.js';
import { findSensor } from '../core/sensors/catalogue.js';
import type { AnnounceLine, BoardLink } from '../core/wire/messages.js';
import type { DeviceTransport, MemorySource } from './types.js';

/** Sampling commands a board runs at once when its announce does not say (the original firmware's 4 timers). */
export const DEFAULT_MAX_CONCURRENT = 4;
/**
 * Anonymous boards known at once, online or not. Any local process can announce as many ids as it likes, and
 * each is kept in memory, in the store and in `GET /mcus` until forgotten; proven boards are not counted.
 */
export const DEFAULT_MAX_ANONYMOUS_MCUS = 1024;

/** One MCU the datapool has seen, online or not. */
export interface McuEntry {
  id: string;
  model: string | null;
  place: string | null;
  firmware: string | null;
  /** Canonical sensor names, in announce order. */
  sensors: string[];
  /** Canonical name -> the spelling the board announced; commands use the board's own spelling. */
  announcedNames: Map<string, string>;
  unknownSensors: string[];
  /** Canonical actuator names, in announce order (names matching no actuator type are left out). */
  actuators: string[];
  online: boolean;
  /** What the announce says about its memory figures, if anything. */
  announcedMemory: 'modeled' | 'measured' | null;
  /** A reply carried `peak_memory`. */
  sawPeakMemory: boolean;
  remote: string | null;
  connectedAt: number | null;
  lastSeenAt: number | null;
  maxConcurrent: number;
  /** Device time per wall time its announce gave (1 when it did not say). */
  speed: number;
  /** The connection that holds this id while online. */
  connection: number | null;
  /** What its announce says of its link (`wifi`, `tcp`, `serial`), WiFi power save and heap sampling period. */
  link: BoardLink | null;
  wifiPm: string | null;
  memorySamplingMs: number | null;
  /** How the datapool reached it last (null for a board known only from the store), and on which serial line. */
  transport: DeviceTransport | null;
  serialPath: string | null;
  /**
   * Its connection proved nothing this datapool checks (no per-board key, no device token), so any local
   * process could have announced it: routing never prefers it to a board that did prove itself. A board
   * known only from the store keeps what its last stored announce says (see `restore`).
   */
  anonymous: boolean;
}

export interface ConnectInfo {
  connection: number;
  remote: string | null;
  transport?: DeviceTransport | undefined;
  serialPath?: string | undefined;
  at: number;
  anonymous: boolean;
}

/**
 * The MCUs known to this datapool, by id. An entry outlives its connection so a reconnecting board (same id)
 * gets back its buffered commands.
 */
export class McuRegistry {
  private readonly entries = new Map<string, McuEntry>();
  /**
   * Offline ids and since when, in the order they went away: the oldest are first, so forgetting stops at
   * the first id not gone long enough instead of scanning every board ever seen.
   */
  private readonly gone = new Map<string, number>();
  /** The latest instant put in `gone`: a restored board gone earlier than it puts `gone` out of order. */
  private goneLatest = Number.NEGATIVE_INFINITY;
  private goneUnsorted = false;
  private anonymousCount = 0;
  /** Anonymous entries forgotten over the cap since `takeForgottenOverCap` last said how many. */
  private forgottenOverCap: string[] = [];
  private forgottenOverCapCount = 0;

  constructor(private readonly defaultMaxConcurrent = DEFAULT_MAX_CONCURRENT) {}

  /**
   * The id a connection's announce gives it: the announce's `mcu`; for an original board, which says only
   * `available_sensors`, `board-<remote ip>`, with `-2`, `-3`... when another online connection holds it or
   * the id is `keyed`. A keyed id is only ever taken by naming it with its key: the key is checked against
   * the announced `mcu`, so an id made up here must never be one.
   */
  idFor(announce: AnnounceLine, remoteIp: string | null, connection: number, keyed: (id: string) => boolean = () => false): string {
    if (announce.mcu !== undefined) return announce.mcu;
    const base = `board-${remoteIp ?? 'unknown'}`;
    let id = base;
    for (let n = 2; this.heldByOther(id, connection) || keyed(id); n++) id = `${base}-${n}`;
    return id;
  }

  /** Marks `id` online for this connection, (re)reading what the announce says. */
  connect(id: string, announce: AnnounceLine, info: ConnectInfo): McuEntry {
    const sensors: string[] = [];
    const announcedNames = new Map<string, string>();
    const unknownSensors: string[] = [];
    for (const name of announce.available_sensors) {
      const spec = findSensor(name);
      if (spec === undefined) {
        if (!unknownSensors.includes(name)) unknownSensors.push(name);
      } else if (!announcedNames.has(spec.name)) {
        announcedNames.set(spec.name, name);
        sensors.push(spec.name);
      }
    }
    const actuators: string[] = [];
    for (const name of announce.available_actuators ?? []) {
      const spec = findActuator(name);
      if (spec === undefined) continue;
      if (!announcedNames.has(spec.name)) announcedNames.set(spec.name, name);
      if (!actuators.includes(spec.name)) actuators.push(spec.name);
    }
    const previous = this.entries.get(id);
    const entry: McuEntry = {
      id,
      model: announce.model ?? previous?.model ?? null,
      place: announce.place ?? previous?.place ?? null,
      firmware: announce.firmware ?? previous?.firmware ?? null,
      sensors,
      announcedNames,
      unknownSensors,
      actuators,
      online: true,
      announcedMemory: announce.memory_model ?? null,
      sawPeakMemory: previous?.sawPeakMemory ?? false,
      remote: info.remote,
      connectedAt: info.at,
      lastSeenAt: info.at,
      maxConcurrent: announce.max_concurrent ?? this.defaultMaxConcurrent,
      speed: announce.speed ?? 1,
      connection: info.connection,
      link: announce.link ?? null,
      wifiPm: announce.wifi_pm ?? null,
      memorySamplingMs: announce.memory_sampling_ms ?? null,
      transport: info.transport ?? null,
      serialPath: info.transport === 'serial' ? (info.serialPath ?? null) : null,
      anonymous: info.anonymous,
    };
    if (previous?.anonymous === true) this.anonymousCount--;
    if (entry.anonymous) this.anonymousCount++;
    this.entries.set(id, entry);
    this.gone.delete(id);
    return entry;
  }

  /**
   * Knows `id` again, offline, from an announce stored at `at` before a restart (a board online now keeps
   * its entry): commands routed to it wait for it to reconnect rather than failing as unknown. `anonymous`
   * is decided by the caller from the stored record and the keys configured now.
   */
  restore(id: string, announce: AnnounceLine, at: number, anonymous: boolean): void {
    if (this.entries.get(id)?.online === true) return;
    const entry = this.connect(id, announce, { connection: -1, remote: null, at, anonymous });
    entry.online = false;
    entry.connection = null;
    entry.connectedAt = null;
    // Its absence counts from its last announce, the latest the store says it was here: counted from the
    // restart, every restart would give each board ever seen a new --forget-after.
    this.markGone(id, Math.min(at, now()));
  }

  /** Marks `id` offline if this connection still holds it; false when a newer connection took it over. */
  disconnect(id: string, connection: number): boolean {
    const entry = this.entries.get(id);
    if (entry === undefined || entry.connection !== connection) return false;
    entry.online = false;
    entry.connection = null;
    this.markGone(id, now());
    return true;
  }

  /** Removes and returns the entries offline since `before` or earlier, oldest first. */
  forgetGoneSince(before: number): McuEntry[] {
    this.sortGone();
    const forgotten: McuEntry[] = [];
    for (const [id, since] of this.gone) {
      if (since > before) break;
      this.gone.delete(id);
      const entry = this.entries.get(id);
      if (entry === undefined || entry.online) continue;
      this.remove(entry);
      forgotten.push(entry);
    }
    return forgotten;
  }

  /**
   * Removes and returns offline anonymous entries, longest offline first, until at most `max` anonymous
   * entries are known. Online ones are never removed: the device connection cap bounds those.
   */
  forgetAnonymousBeyond(max: number): McuEntry[] {
    const forgotten: McuEntry[] = [];
    if (this.anonymousCount <= max) return forgotten;
    this.sortGone();
    for (const id of this.gone.keys()) {
      if (this.anonymousCount <= max) break;
      const entry = this.entries.get(id);
      if (entry === undefined || entry.online) {
        this.gone.delete(id);
        continue;
      }
      if (!entry.anonymous) continue;
      this.gone.delete(id);
      this.remove(entry);
      forgotten.push(entry);
    }
    this.forgottenOverCapCount += forgotten.length;
    for (const entry of forgotten) if (this.forgottenOverCap.length < 5) this.forgottenOverCap.push(entry.id);
    return forgotten;
  }

  /** How many anonymous entries the cap forgot since the last call, and the first few of their ids. */
  takeForgottenOverCap(): { count: number; ids: string[] } {
    const taken = { count: this.forgottenOverCapCount, ids: this.forgottenOverCap };
    this.forgottenOverCapCount = 0;
    this.forgottenOverCap = [];
    return taken;
  }

  /** Anonymous entries known, online or not. */
  get anonymousKnown(): number {
    return this.anonymousCount;
  }

  get(id: string): McuEntry | undefined {
    return this.entries.get(id);
  }

  /** Every entry by id, in no particular order: what routing looks MCUs up in (no copy, no sort). */
  byId(): ReadonlyMap<string, McuEntry> {
    return this.entries;
  }

  /** All entries, lowest id first. */
  list(): McuEntry[] {
    return [...this.entries.values()].sort((a, b) => compareIds(a.id, b.id));
  }

  private remove(entry: McuEntry): void {
    this.entries.delete(entry.id);
    if (entry.anonymous) this.anonymousCount--;
  }

  private markGone(id: string, since: number): void {
    this.gone.delete(id);
    this.gone.set(id, since);
    if (since < this.goneLatest) this.goneUnsorted = true;
    else this.goneLatest = since;
  }

  /** Puts `gone` back in time order once restored boards left it out of order (once per restart). */
  private sortGone(): void {
    if (!this.goneUnsorted) return;
    const sorted = [...this.gone].sort((a, b) => a[1] - b[1]);
    this.gone.clear();
    for (const [id, since] of sorted) this.gone.set(id, since);
    this.goneUnsorted = false;
  }

  private heldByOther(id: string, connection: number): boolean {
    const entry = this.entries.get(id);
    return entry?.online === true && entry.connection !== connection;
  }
}

/** Where an MCU's memory figures come from: its announce, else measured once it reported any. */
export function memorySourceOf(entry: McuEntry): MemorySource {
  if (entry.announcedMemory !== null) return entry.announcedMemory;
  return entry.sawPeakMemory ? 'measured' : 'unknown';
}

/** Plain string order (code units), the same on every platform and locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
