import { EventEmitter } from 'node:events';
import { MessageChannel, Worker } from 'node:worker_threads';
import { MAX_LINE_BYTES } from '../../core/wire/messages.js';
import type { EmulatedMcuOptions } from '../mcu/emulated-mcu.js';
import { checkSpeed } from '../mcu/firmware.js';
import type { FleetBoard } from '../mcu/fleet-board.js';
import type { McuProfile } from '../mcu/profile.js';
import type { NetworkProfileName } from '../network/profiles.js';
import type { BoardWorkerData, BoardWorkerMessage, BoardWorkerRequest, WiredDevice } from './board-worker.js';
import { planPins } from './pin-plan.js';
import { openSerialLine, relayLine } from './uart-line.js';

/**
 * An emulated board whose firmware is our MicroPython firmware, running in MicroPython (its WebAssembly port)
 * in a worker thread of its own, with `peak_memory` measured by MicroPython's allocator. It has the surface of
 * `EmulatedMcu` that a fleet uses and takes the same options, plus `serial` to put the board on a serial line
 * instead of TCP. The board's devices are wired to ESP32-S3 pins by `planPins`.
 *
 * What it does not model: the network profile and faults (its bytes cross the real loopback or pty), sample
 * `timing` (a MicroPython driver takes what its bus takes) and an injected clock. A sped-up fleet's `speed` is
 * passed on: the firmware divides its waits by it and scales its timestamps, as the TypeScript firmware does.
 *
 * Events: 'online', 'offline' (Error | undefined), 'error' (Error), 'console' (a line the board printed).
 */

export interface MicroPythonMcuOptions extends EmulatedMcuOptions {
  /** Put the board on this serial line (a pty end or an adapter) instead of dialing the datapool over TCP. */
  serial?: { path: string; baudRate?: number } | undefined;
  /** How often the firmware samples `gc.mem_alloc()` for `peak_memory`, ms (default 10, the original's). */
  memorySamplingMs?: number | undefined;
  /** A serial session ends after this long without a byte from the datapool, ms (default 10 000). */
  serialSilentMs?: number | undefined;
}

const EMULATED_GC_THRESHOLD = 2048;

/** The firmware's config.json for an emulated board. */
export function emulatedBoardConfig(options: MicroPythonMcuOptions, sensors: WiredDevice[], actuators: WiredDevice[]): Record<string, unknown> {
  const profile: McuProfile = options.profile;
  const serial = options.serial;
  return {
    board: { id: options.id, model: profile.model, place: options.place },
    link: serial ? 'serial' : 'tcp',
    ...(serial
      ? { serial: { uart: 1, baudrate: serial.baudRate ?? 115_200, tx: 38, rx: 39, rxbuf: 1024 } }
      : { server: { host: options.datapool.host, port: options.datapool.port } }),
    ...(options.token !== undefined && { token: options.token }),
    sensors,
    actuators,
    limits: {
      timers: profile.maxConcurrentCommands,
      pending_queue: profile.pendingQueueDepth,
      output_queue: profile.outputQueueDepth,
      // An emulated board takes every line the datapool may send (a world with a long actuator history).
      max_line_bytes: MAX_LINE_BYTES,
    },
    ...(options.heartbeatMs !== undefined && { heartbeat_ms: options.heartbeatMs }),
    ...(options.serialSilentMs !== undefined && { silent_ms: options.serialSilentMs }),
    ...(options.memorySamplingMs !== undefined && { memory_sampling_ms: options.memorySamplingMs }),
    ...(options.reconnect !== undefined && {
      reconnect: { base_ms: Math.max(1, Math.round(options.reconnect.baseMs ?? 100)), cap_ms: Math.max(1, Math.round(options.reconnect.capMs ?? 5000)) },
    }),
    speed: checkSpeed(options.speed),
    // The WebAssembly port allocates on every asyncio sleep, where an ESP32's asyncio allocates nothing: collect
    // after every 2 KB of garbage (the least the firmware allows is 1 KB) so that the port's own garbage adds at
    // most that to a peak, instead of the 16 KB a board is configured with.
    gc_threshold: EMULATED_GC_THRESHOLD,
  };
}

/** A MicroPython board's heap, bytes. */
export interface BoardHeap {
  /** `gc.mem_alloc()`: live objects and garbage not yet collected. */
  alloc: number;
  /** `gc.mem_alloc()` right after a collection. */
  live: number;
  /** What the stand-ins for a board's C modules hold of `live`; the firmware leaves it out of `peak_memory`. */
  platform: number;
}

export class MicroPythonMcu extends EventEmitter implements FleetBoard {
  readonly firmwareKind = 'micropython';
  readonly id: string;
  readonly model: string;
  readonly place: string;
  /** Announced sensor names. */
  readonly sensors: readonly string[];
  /** Announced actuator names. */
  readonly actuators: readonly string[];
  readonly profile: McuProfile;
  readonly speed: number;
  /** Kept for the fleet's bookkeeping; the board's bytes cross the real link unmodelled. */
  readonly network: NetworkProfileName;
  /** The firmware's config.json. */
  readonly config: Record<string, unknown>;
  private readonly data: BoardWorkerData;
  private readonly serial: { path: string; baudRate: number } | undefined;
  private stopRelay: (() => Promise<void>) | undefined;
  private relayClosed: Promise<void> = Promise.resolve();
  private worker: Worker | undefined;
  private isOnline = false;
  private stopping: Promise<void> | undefined;
  private readonly heapWaiters: ((stats: BoardHeap) => void)[] = [];

  /** Throws when the board's devices do not fit an ESP32-S3's pins. */
  constructor(options: MicroPythonMcuOptions) {
    super();
    this.id = options.id;
    this.model = options.profile.model;
    this.place = options.place;
    this.profile = options.profile;
    this.sensors = options.sensors.map((s) => s.name);
    this.actuators = (options.actuators ?? []).map((a) => a.name);
    this.speed = checkSpeed(options.speed);
    this.network = options.network ?? 'ideal';
    const plan = planPins(options.sensors, options.actuators ?? []);
    if (!plan.ok) throw new Error(`${options.id}: ${plan.error}`);
    const sensors: WiredDevice[] = plan.sensors.map((e) => ({ ...e }));
    const actuators: WiredDevice[] = plan.actuators.map((e) => ({ ...e }));
    this.config = emulatedBoardConfig(options, sensors, actuators);
    this.serial = options.serial && { path: options.serial.path, baudRate: options.serial.baudRate ?? 115_200 };
    const world = options.worlds.defaultWorld;
    this.data = {
      mcuId: options.id,
      place: options.place,
      config: this.config,
      sensors,
      actuators,
      world: { scenario: world.scenario, seed: world.seed, worldMs: options.worlds.defaultTimeMs(), wallMs: Date.now(), speed: this.speed },
      ...(options.serialSilentMs !== undefined && { serialSilentMs: options.serialSilentMs }),
    };
  }

  get online(): boolean {
    return this.isOnline;
  }

  /** Boots the board in its worker; it dials (or handshakes) and keeps reconnecting until `stop()`. */
  start(): void {
    if (this.worker || this.stopping) return;
    // The clock of the default world moves on while the board boots: hand over its reading as of now.
    this.data.world.wallMs = Date.now();
    const transfer = [];
    let data = this.data;
    if (this.serial) {
      // The real line lives in this thread (serialport's binding cannot run in a worker); the board gets a relay.
      const channel = new MessageChannel();
      this.stopRelay = relayLine(openSerialLine(this.serial.path, this.serial.baudRate), channel.port1);
      data = { ...data, uarts: { 1: channel.port2 } };
      transfer.push(channel.port2);
    }
    const worker = new Worker(new URL('./board-worker.js', import.meta.url), { workerData: data, transferList: transfer });
    this.worker = worker;
    worker.on('message', (message: BoardWorkerMessage) => this.onMessage(message));
    worker.on('error', (err) => this.report(err));
    worker.on('exit', () => {
      this.worker = undefined;
      this.setOffline(undefined);
      this.relayClosed = this.stopRelay?.() ?? Promise.resolve();
      this.stopRelay = undefined;
    });
  }

  /** Resolves the next time the board is connected and announced (at once if it is). */
  whenOnline(): Promise<void> {
    if (this.online) return Promise.resolve();
    return new Promise((resolve) => this.once('online', () => resolve()));
  }

  /** The board's MicroPython heap now: all allocated bytes, the live part after a collection, and the platform's share of it. */
  heap(): Promise<BoardHeap> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error(`${this.id} is not running`));
    return new Promise((resolve) => {
      this.heapWaiters.push(resolve);
      worker.postMessage({ type: 'heap' } satisfies BoardWorkerRequest);
    });
  }

  /** Switches the board off: closes its link and ends its worker. */
  stop(): Promise<void> {
    if (this.stopping) return this.stopping;
    const worker = this.worker;
    if (!worker) return Promise.resolve();
    this.stopping = new Promise<void>((resolve) => {
      const timer = setTimeout(() => void worker.terminate(), 2000);
      worker.once('exit', () => {
        clearTimeout(timer);
        // The exit handler of start() has closed the relay by now.
        void this.relayClosed.then(resolve, resolve);
      });
      worker.postMessage({ type: 'stop' } satisfies BoardWorkerRequest);
    });
    return this.stopping;
  }

  private onMessage(message: BoardWorkerMessage): void {
    switch (message.type) {
      case 'online':
        this.isOnline = true;
        this.emit('online');
        return;
      case 'offline':
        this.setOffline(message.error === undefined ? undefined : new Error(message.error));
        return;
      case 'error':
        this.report(new Error(message.message));
        return;
      case 'console':
        this.emit('console', message.line);
        return;
      case 'heap':
        for (const waiter of this.heapWaiters.splice(0)) waiter({ alloc: message.alloc, live: message.live, platform: message.platform });
        return;
      default:
        return;
    }
  }

  private setOffline(err: Error | undefined): void {
    if (!this.isOnline) return;
    this.isOnline = false;
    this.emit('offline', err);
  }

  private report(err: Error): void {
    if (this.listenerCount('error') > 0) this.emit('error', err);
  }
}
