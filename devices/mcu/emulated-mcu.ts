import { EventEmitter } from 'node:events';
import type { ReplyLine } from '../../core/wire/messages.js';
import type { NetworkFaults, NetworkProfileName } from '../network/profiles.js';
import type { AttachedActuator } from './actuator-driver.js';
import type { FirmwareClock } from './clock.js';
import type { AttachedSensor, SampleTiming } from './firmware.js';
import { checkSpeed, Firmware } from './firmware.js';
import type { FleetBoard } from './fleet-board.js';
import type { ReconnectOptions } from './link.js';
import { McuLink } from './link.js';
import type { McuProfile } from './profile.js';
import type { WorldSource } from './world-source.js';

/**
 * One emulated board: the firmware's protocol logic wired to a TCP link to the datapool, or to a serial line.
 * Events (re-emitted from the link): 'online', 'offline' (Error | undefined), 'error' (Error).
 */

export interface EmulatedMcuOptions {
  id: string;
  profile: McuProfile;
  place: string;
  sensors: readonly AttachedSensor[];
  /** Actuators the board drives (none when absent). */
  actuators?: readonly AttachedActuator[] | undefined;
  worlds: WorldSource;
  datapool: { host: string; port: number };
  /** Reach the datapool over this serial line instead of TCP (`datapool` is then unused). */
  serial?: { path: string; baudRate?: number; handshakeMs?: number } | undefined;
  network?: NetworkProfileName | undefined;
  faults?: NetworkFaults | undefined;
  /** Seeds this board's network draws and backoff jitter; its id when absent. */
  seed?: number | string;
  timing?: SampleTiming | undefined;
  /** Run the firmware this many times faster than real time (>= 1, default 1); heartbeats and timeouts are not sped up. */
  speed?: number | undefined;
  heartbeatMs?: number | undefined;
  reconnect?: ReconnectOptions | undefined;
  connectTimeoutMs?: number | undefined;
  clock?: FirmwareClock | undefined;
  /** The datapool's device token, sent in the announce line. */
  token?: string;
}

/** Returns true when it consumed the reply. */
export type ReplyTap = (reply: ReplyLine) => boolean;

export class EmulatedMcu extends EventEmitter implements FleetBoard {
  readonly firmwareKind = 'emulator';
  readonly id: string;
  readonly model: string;
  readonly place: string;
  /** Announced sensor names. */
  readonly sensors: readonly string[];
  /** Announced actuator names. */
  readonly actuators: readonly string[];
  readonly profile: McuProfile;
  readonly firmware: Firmware;
  /** How many times faster than real time the firmware samples (1 = real time). */
  readonly speed: number;
  /** The network model of the board's WiFi (its link to the datapool, or to the broker in native mode). */
  readonly network: NetworkProfileName;
  private readonly link: McuLink;
  /** Local consumers of replies (device-native mode); a reply a tap claims never reaches the link. */
  private readonly replyTaps = new Set<ReplyTap>();

  /** Throws when the firmware and its drivers do not fit the board's heap. */
  constructor(options: EmulatedMcuOptions) {
    super();
    this.id = options.id;
    this.model = options.profile.model;
    this.place = options.place;
    this.profile = options.profile;
    this.sensors = options.sensors.map((s) => s.name);
    this.actuators = (options.actuators ?? []).map((a) => a.name);
    this.speed = checkSpeed(options.speed);
    this.network = options.network ?? 'ideal';
    // The firmware's replies go to the link, which exists a line later; nothing is sent before start().
    let link: McuLink | undefined;
    this.firmware = new Firmware({
      id: options.id,
      profile: options.profile,
      place: options.place,
      sensors: options.sensors,
      actuators: options.actuators,
      worlds: options.worlds,
      clock: options.clock,
      timing: options.timing,
      speed: options.speed,
      send: (reply) => {
        for (const tap of this.replyTaps) if (tap(reply)) return;
        link?.send(reply);
      },
    });
    link = new McuLink({
      host: options.datapool.host,
      port: options.datapool.port,
      serial: options.serial,
      announce: () => this.firmware.announce(),
      onLine: (line) => this.firmware.handle(line),
      onBadLine: (problem) => this.firmware.reportError(problem),
      outputQueueDepth: options.profile.outputQueueDepth,
      network: { profile: this.network, wifi: options.profile.wifi, faults: options.faults },
      seed: options.seed ?? options.id,
      heartbeatMs: options.heartbeatMs,
      reconnect: options.reconnect,
      connectTimeoutMs: options.connectTimeoutMs,
      ...(options.token !== undefined && { token: options.token }),
    });
    this.link = link;
    link.on('online', () => this.emit('online'));
    link.on('offline', (err?: Error) => this.emit('offline', err));
    link.on('error', (err: Error) => {
      if (this.listenerCount('error') > 0) this.emit('error', err);
    });
  }

  get online(): boolean {
    return this.link.online;
  }

  /**
   * Lets a device-native client (an MCP server on the board) take the firmware's replies to its own commands:
   * `tap` returns true for a reply it consumed; all others go to the datapool link as before.
   * Returns a function that removes the tap.
   */
  tapReplies(tap: ReplyTap): () => void {
    this.replyTaps.add(tap);
    return () => this.replyTaps.delete(tap);
  }

  /** Starts dialing the datapool (and redialing whenever the link drops). */
  start(): void {
    this.link.start();
  }

  /** Resolves the next time the board is connected and announced (at once if it is). */
  whenOnline(): Promise<void> {
    if (this.online) return Promise.resolve();
    return new Promise((resolve) => this.once('online', () => resolve()));
  }

  /** Fault injection: drops the link; the board redials on its own. */
  disconnect(): void {
    this.link.disconnect();
  }

  /** Fault injection: network faults from now on (a latency spike); `undefined` restores the board's own. */
  setFaults(faults: NetworkFaults | undefined): void {
    this.link.setFaults(faults);
  }

  /** Fault injection: raw bytes to the datapool, as a broken firmware would send them; false when offline. */
  injectRaw(bytes: Uint8Array | string): boolean {
    return this.link.injectRaw(bytes);
  }

  /** Switches the board off: stops its commands and closes the link for good. */
  async stop(): Promise<void> {
    this.firmware.stop();
    await this.link.stop();
  }
}
