import type { ActuatorEvent } from '../../core/actuators/types.js';
import { nameKey } from '../../core/names.js';
import type { Reading, SensorSpec } from '../../core/sensors/types.js';
import type { AnnounceLine, BoardErrorCode, ReplyLine } from '../../core/wire/messages.js';
import { BOARD_BUSY, FIRMWARE_DEFAULT_INTERVAL_S, PING, PING_COMMAND, PONG, sampleCount } from '../../core/wire/messages.js';
import { type DeviceNote, deviceNoteProblems } from '../../core/world/device-notes.js';
import type { World, WorldContext } from '../../core/world/types.js';
import { ActuatorDrivers, type ActuatorTime, type AttachedActuator, STATUS_COMMAND } from './actuator-driver.js';
import type { FirmwareClock, Timer } from './clock.js';
import { realClock } from './clock.js';
import { attachedDriversBytes, MemoryModel } from './memory-model.js';
import { placeNote } from './place-note.js';
import type { McuProfile } from './profile.js';
import type { WorldSource } from './world-source.js';

/**
 * The protocol logic of the reference firmware, free of sockets: it announces the board, parses command
 * lines, runs each sampling command on one of the board's timers (extra commands wait in a bounded
 * pending queue), samples the simulated world and hands reply lines to `send`. Memory is accounted by a
 * `MemoryModel` and reported as `peak_memory` on every reply, as the original does.
 *
 * Two extensions serve the benchmark. Every sample reply carries `elapsed_ms`, the wall time the board held
 * the command (from reading its line to sending this reply), so a host can tell device time from network
 * time. And a board may run `speed` times faster than real time: its timers wait interval / speed (and
 * conversion time / speed) of wall time, while sample k still senses the world at the command's time +
 * k * interval, so the readings are exactly those of a real-time run. Its `timestamp` is uptime scaled by
 * the same factor (and taken when the sample was due), so the samples of a series stay `interval` apart as
 * on a real board; `elapsed_ms` is never scaled (it is what the host measures against). The announce says
 * `speed`, so a host knows the board's sampling times are that much shorter than a real board's. A third:
 * `{"command":"ping"}` is answered at once with a `pong` line (see `PING_COMMAND`), for the idle round trip.
 * And a command refused because every timer and queue slot is taken says so in `error_code: "busy"`.
 *
 * A board may also drive actuators (`ActuatorDrivers`): it announces them in `available_actuators` and answers
 * an `{"actuator", "command", "value"}` line at once, with no timer or queue slot, so an actuator command is
 * never late. Its reply carries the actuator's level field with the state the command sets (for `status`, where
 * the actuator is); a refusal carries its `error_code`, and so does a reply the heap could not hold.
 */

export const FIRMWARE_VERSION = '0.1.0';
export const FIRMWARE_NAME = `iotmcp-bench-emulator/${FIRMWARE_VERSION}`;

/** Bytes the `"peak_memory": N` member adds to a reply line (it is added after the line is sized). */
const PEAK_FIELD_BYTES = 24;

export type SampleTiming = 'instant' | 'datasheet';

/** A sensor wired to the board and the name it announces. */
export interface AttachedSensor {
  name: string;
  spec: SensorSpec;
}

export interface FirmwareOptions {
  /** Board id, announced as `mcu` and used to key each sensor's own noise. */
  id: string;
  profile: McuProfile;
  place: string;
  sensors: readonly AttachedSensor[];
  /** Actuators the board drives (none when absent). */
  actuators?: readonly AttachedActuator[] | undefined;
  worlds: WorldSource;
  /** Where reply and error lines go. */
  send: (reply: ReplyLine) => void;
  clock?: FirmwareClock | undefined;
  /** 'datasheet' delays each sample by the sensor's conversion time; 'instant' (default) does not. */
  timing?: SampleTiming | undefined;
  /** Run this many times faster than real time (>= 1, default 1). */
  speed?: number | undefined;
}

/** The speed option checked: a finite number >= 1 (1 when absent). Throws a clear error otherwise. */
export function checkSpeed(speed: number | undefined): number {
  if (speed === undefined) return 1;
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed < 1) {
    throw new Error(`invalid device speed ${String(speed)}: expected a number >= 1 (1 = real time)`);
  }
  return speed;
}

/** One accepted sampling command, queued or running on a timer. */
interface Job {
  id: string | undefined;
  sensor: AttachedSensor;
  fields: readonly string[];
  intervalMs: number;
  /** Samples to take; Infinity for a stream. */
  count: number;
  world: { world: World; context: WorldContext } | undefined;
  /** Clock time the command line was read: what `elapsed_ms` counts from. */
  heardAt: number;
  taken: number;
  startedAt: number;
  /** Clock time the next sample is due. */
  dueAt: number;
  timer: Timer | undefined;
}

/** What an error line is about, each field only when known. */
interface ErrorAbout {
  id?: string | undefined;
  sensor?: string | undefined;
  actuator?: string | undefined;
  code?: BoardErrorCode | undefined;
}

type Parsed = { ok: true; job: Job } | { ok: false; error: string };

/** The world a command line carries, checked: none, or the world to read with its context and actuator history. */
type ParsedWorld =
  | { ok: true; world: { world: World; context: WorldContext; history: readonly ActuatorEvent[]; notes: readonly DeviceNote[] } | undefined }
  | { ok: false; error: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class Firmware {
  readonly id: string;
  readonly profile: McuProfile;
  readonly place: string;
  readonly sensors: readonly AttachedSensor[];
  readonly actuators: readonly AttachedActuator[];
  readonly memory: MemoryModel;
  private readonly worlds: WorldSource;
  private readonly send: (reply: ReplyLine) => void;
  private readonly clock: FirmwareClock;
  private readonly timing: SampleTiming;
  /** Device time per wall time (>= 1). */
  readonly speed: number;
  private readonly bootedAt: number;
  private readonly byName = new Map<string, AttachedSensor>();
  private readonly drivers: ActuatorDrivers;
  private readonly runningJobs = new Set<Job>();
  private readonly pendingJobs: Job[] = [];

  /** Throws MicroPython's MemoryError text when the firmware and its drivers do not fit the heap. */
  constructor(options: FirmwareOptions) {
    this.id = options.id;
    this.profile = options.profile;
    this.place = options.place;
    this.sensors = options.sensors;
    this.actuators = options.actuators ?? [];
    this.drivers = new ActuatorDrivers(this.actuators, options.place);
    this.worlds = options.worlds;
    this.send = options.send;
    this.clock = options.clock ?? realClock;
    this.timing = options.timing ?? 'instant';
    this.speed = checkSpeed(options.speed);
    this.bootedAt = this.clock.now();
    this.memory = new MemoryModel(options.profile.heapBytes);
    const atRest = options.profile.memory.firmwareBase + attachedDriversBytes(options.sensors, this.actuators);
    const boot = this.memory.allocate(atRest);
    if (!boot.ok) throw new Error(`${options.id} (${options.profile.model}) cannot boot: ${boot.error}`);
    for (const sensor of options.sensors) {
      for (const name of [sensor.name, sensor.spec.name, ...sensor.spec.aliases]) {
        this.byName.set(nameKey(name), sensor);
      }
    }
  }

  /** Commands running on a timer now. */
  get running(): number {
    return this.runningJobs.size;
  }

  /** Commands waiting for a timer. */
  get pending(): number {
    return this.pendingJobs.length;
  }

  /**
   * MCU uptime, ms: what replies carry as `timestamp`. A reconnect does not reset it. A sped-up board counts
   * device time (wall time * speed); the tiny slack keeps k * (interval / speed) * speed from flooring to
   * one ms short of k * interval.
   */
  uptimeMs(): number {
    return this.uptimeAt(this.clock.now());
  }

  private uptimeAt(clockMs: number): number {
    return Math.floor((clockMs - this.bootedAt) * this.speed + 1e-6);
  }

  /** The first line the board sends after each connect. */
  announce(): AnnounceLine {
    return {
      available_sensors: this.sensors.map((s) => s.name),
      // Only a board that drives actuators says so: the announce of a sensor board stays the original's.
      ...(this.actuators.length > 0 && { available_actuators: this.actuators.map((a) => a.name) }),
      mcu: this.id,
      model: this.profile.model,
      place: this.place,
      firmware: FIRMWARE_NAME,
      memory_model: 'modeled',
      max_concurrent: this.profile.maxConcurrentCommands,
      pending_queue: this.profile.pendingQueueDepth,
      speed: this.speed,
    };
  }

  /** Executes one line from the server. Never throws: every failure becomes an error line. */
  handle(line: string): void {
    const heardAt = this.clock.now();
    const text = line.trim();
    if (text === '' || text === PONG || text === PING) return;
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch (err) {
      this.sendError(`Invalid JSON line: ${(err as Error).message}`);
      return;
    }
    if (!isRecord(message)) {
      this.sendError('Invalid command: expected a JSON object');
      return;
    }
    if (message.command === 'exit') {
      this.exit(typeof message.target === 'string' ? message.target : undefined);
      return;
    }
    if (message.actuator !== undefined && message.actuator !== null) {
      this.actuate(message, heardAt);
      return;
    }
    if (message.command === PING_COMMAND && message.sensor === undefined) {
      this.pong(typeof message.id === 'string' ? message.id : undefined, heardAt);
      return;
    }
    const parsed = this.parse(message, heardAt);
    if (!parsed.ok) {
      const id = typeof message.id === 'string' ? message.id : undefined;
      const sensor = typeof message.sensor === 'string' ? message.sensor : undefined;
      this.sendError(parsed.error, { id, sensor });
      return;
    }
    this.accept(parsed.job);
  }

  /** Reports a problem outside any command (the link uses it for lines it could not read). */
  reportError(error: string): void {
    this.sendError(error);
  }

  /** Stops every command and frees its timer (the board is switched off). */
  stop(): void {
    for (const job of [...this.runningJobs, ...this.pendingJobs]) this.drop(job);
    this.pendingJobs.length = 0;
  }

  private parse(message: Record<string, unknown>, heardAt: number): Parsed {
    const id = typeof message.id === 'string' ? message.id : undefined;
    if (typeof message.sensor !== 'string' || message.sensor === '') {
      return { ok: false, error: 'Invalid command: missing sensor' };
    }
    const sensor = this.byName.get(nameKey(message.sensor));
    if (!sensor) {
      const available = this.sensors.map((s) => s.name).join(', ');
      return { ok: false, error: `Sensor '${message.sensor}' not found. Available sensors: ${available}` };
    }
    const command = message.command ?? 'read_all';
    if (typeof command !== 'string') return { ok: false, error: 'Invalid command: command must be a string' };
    const fields = sensor.spec.commands[command];
    if (!fields) {
      const valid = Object.keys(sensor.spec.commands).join(', ');
      return { ok: false, error: `Unknown command '${command}' for sensor ${sensor.name}. Valid commands: ${valid}` };
    }
    const interval = message.interval ?? FIRMWARE_DEFAULT_INTERVAL_S;
    const duration = message.duration ?? 0;
    if (typeof interval !== 'number' || !Number.isFinite(interval)) {
      return { ok: false, error: `Invalid interval ${JSON.stringify(interval)}: expected a number of seconds` };
    }
    if (typeof duration !== 'number' || !Number.isFinite(duration)) {
      return { ok: false, error: `Invalid duration ${JSON.stringify(duration)}: expected a number of seconds` };
    }
    if (duration !== 0 && interval <= 0) {
      return { ok: false, error: `Invalid interval ${interval}: must be > 0 when duration is not 0` };
    }
    const parsedWorld = this.parseWorld(message.world);
    if (!parsedWorld.ok) return parsedWorld;
    const world: Job['world'] = parsedWorld.world && { world: parsedWorld.world.world, context: parsedWorld.world.context };
    return {
      ok: true,
      job: {
        id,
        sensor,
        fields,
        intervalMs: interval * 1000,
        count: sampleCount(interval, duration),
        world,
        heardAt,
        taken: 0,
        startedAt: 0,
        dueAt: 0,
        timer: undefined,
      },
    };
  }

  private parseWorld(context: unknown): ParsedWorld {
    if (context === undefined || context === null) return { ok: true, world: undefined };
    if (
      !isRecord(context) ||
      typeof context.scenario !== 'string' ||
      typeof context.seed !== 'number' ||
      typeof context.timeMs !== 'number' ||
      !Number.isFinite(context.timeMs)
    ) {
      return { ok: false, error: 'Invalid world: expected {"scenario": string, "seed": number, "timeMs": number}' };
    }
    const found = this.worlds.commandWorld(context.scenario, context.seed, context.actuators);
    if (!found.ok) return { ok: false, error: `Invalid world: ${found.error}` };
    // A line from the wire may say null where it means none.
    const notes = context.notes ?? [];
    const problem = deviceNoteProblems(notes)[0];
    if (problem !== undefined) return { ok: false, error: `Invalid world: ${problem}` };
    // commandWorld has checked the history.
    const history = Array.isArray(context.actuators) ? (context.actuators as ActuatorEvent[]) : [];
    return {
      ok: true,
      world: {
        world: found.world,
        context: { scenario: context.scenario, seed: context.seed, timeMs: context.timeMs },
        history,
        notes: notes as DeviceNote[],
      },
    };
  }

  /** Runs an actuator command and answers it at once: no timer, no queue slot. */
  private actuate(message: Record<string, unknown>, heardAt: number): void {
    const id = typeof message.id === 'string' ? message.id : undefined;
    const named = typeof message.actuator === 'string' ? message.actuator : undefined;
    if (message.sensor !== undefined && message.sensor !== null) {
      this.sendError('Invalid command: give either sensor or actuator, not both', { id, actuator: named, code: 'invalid-command' });
      return;
    }
    const parsedWorld = this.parseWorld(message.world);
    if (!parsedWorld.ok) {
      this.sendError(parsedWorld.error, { id, actuator: named, code: 'invalid-world' });
      return;
    }
    const { world } = parsedWorld;
    const time: ActuatorTime = world
      ? { kind: 'world', world: world.world, timeMs: world.context.timeMs, history: world.history }
      : { kind: 'board', uptimeMs: this.uptimeAt(heardAt) };
    const outcome = this.drivers.run(message.actuator, message.command, message.value, time);
    if (!outcome.ok) {
      this.sendError(outcome.error, { id, actuator: outcome.actuator?.name ?? named, code: outcome.code });
      return;
    }
    const reply: ReplyLine = {};
    if (id !== undefined) reply.id = id;
    reply.actuator = outcome.actuator.name;
    reply[outcome.actuator.spec.level.field] = outcome.state;
    // A status reply carries the note the command's world gives this board's place, as a device shows its label.
    const note = world !== undefined && message.command === STATUS_COMMAND ? placeNote(world.world, world.notes, this.place) : undefined;
    if (note !== undefined) reply.note = note;
    reply.timestamp = this.uptimeAt(heardAt);
    if (this.sendReply(reply, heardAt)) outcome.commit();
  }

  private accept(job: Job): void {
    const { maxConcurrentCommands, pendingQueueDepth } = this.profile;
    const hasTimer = this.runningJobs.size < maxConcurrentCommands;
    if (!hasTimer && this.pendingJobs.length >= pendingQueueDepth) {
      this.sendError(`Command queue full: ${this.runningJobs.size} running, ${this.pendingJobs.length} pending`, {
        id: job.id,
        sensor: job.sensor.name,
        code: BOARD_BUSY,
      });
      return;
    }
    const held = this.memory.allocate(this.profile.memory.perCommand);
    if (!held.ok) {
      this.sendError(held.error, { id: job.id, sensor: job.sensor.name });
      return;
    }
    if (hasTimer) this.start(job);
    else this.pendingJobs.push(job);
  }

  private start(job: Job): void {
    this.runningJobs.add(job);
    job.startedAt = this.clock.now();
    this.schedule(job);
  }

  /**
   * Plans the next sample relative to the command's start, so timer latency never accumulates. Offsets are
   * device time; a sped-up board waits them divided by its speed.
   */
  private schedule(job: Job): void {
    const readMs = this.timing === 'datasheet' ? job.sensor.spec.readTimeMs : 0;
    const spacing = Math.max(job.intervalMs, readMs);
    job.dueAt = job.startedAt + (readMs + job.taken * spacing) / this.speed;
    job.timer = this.clock.setTimer(() => this.sample(job), job.dueAt - this.clock.now());
  }

  private sample(job: Job): void {
    job.timer = undefined;
    // A board's hardware timer is punctual: the sample is stamped with the uptime it was due, so neither a
    // busy host's late timer (times speed, on a sped-up board) nor the cost of computing the simulated
    // world shifts a series' timestamps. `elapsed_ms` keeps the real wall time.
    const timestamp = this.uptimeAt(job.dueAt);
    const index = job.taken++;
    let reading: Reading;
    try {
      const world = job.world ? job.world.world : this.worlds.defaultWorld;
      const timeMs = job.world ? job.world.context.timeMs + index * job.intervalMs : this.worlds.defaultTimeMs();
      const env = world.environment(this.place, timeMs);
      reading = job.sensor.spec.sample({ env, world, instanceKey: `${this.id}/${job.sensor.name}` });
    } catch (err) {
      this.sendError(`Sensor read failed: ${(err as Error).message}`, { id: job.id, sensor: job.sensor.name });
      this.finish(job);
      return;
    }
    const reply: ReplyLine = {};
    for (const field of job.fields) reply[field] = reading[field];
    if (job.id !== undefined) reply.id = job.id;
    reply.sensor = job.sensor.name;
    reply.timestamp = timestamp;
    if (!this.sendReply(reply, job.heardAt)) {
      this.finish(job);
      return;
    }
    if (job.taken >= job.count) this.finish(job);
    else if (this.runningJobs.has(job)) this.schedule(job);
  }

  /**
   * Answers a ping at once: no timer, no queue slot, no sensor. The reply still passes through the modelled
   * heap like any other line, so its `peak_memory` is the board at rest plus one reply buffer.
   */
  private pong(id: string | undefined, heardAt: number): void {
    const reply: ReplyLine = {};
    if (id !== undefined) reply.id = id;
    reply.pong = true;
    reply.timestamp = this.uptimeAt(heardAt);
    this.sendReply(reply, heardAt);
  }

  /** Builds the reply in the modelled heap, stamps the peak and sends it; false after a MemoryError. */
  private sendReply(reply: ReplyLine, heardAt: number): boolean {
    // Stamped before sizing: the modelled buffer holds it, and building the line takes no emulated time.
    reply.elapsed_ms = Math.round((this.clock.now() - heardAt) * 1000) / 1000;
    const bytes = JSON.stringify(reply).length + PEAK_FIELD_BYTES + this.profile.memory.perReplyOverhead;
    const buffer = this.memory.allocate(bytes);
    if (!buffer.ok) {
      this.sendError(buffer.error, { id: reply.id, sensor: reply.sensor, actuator: reply.actuator, code: 'out-of-memory' });
      return false;
    }
    reply.peak_memory = this.memory.takePeak();
    this.send(reply);
    this.memory.release(bytes);
    // The firmware resets its mark once the reply is out: the next reply reports from here.
    this.memory.takePeak();
    return true;
  }

  private finish(job: Job): void {
    this.drop(job);
    this.promote();
  }

  /** Frees a command's timer and memory without a reply. */
  private drop(job: Job): void {
    job.timer?.cancel();
    job.timer = undefined;
    if (this.runningJobs.delete(job)) {
      this.memory.release(this.profile.memory.perCommand);
      return;
    }
    const at = this.pendingJobs.indexOf(job);
    if (at !== -1) {
      this.pendingJobs.splice(at, 1);
      this.memory.release(this.profile.memory.perCommand);
    }
  }

  private promote(): void {
    while (this.runningJobs.size < this.profile.maxConcurrentCommands) {
      const next = this.pendingJobs.shift();
      if (!next) return;
      this.start(next);
    }
  }

  /** `exit` with a target stops that command (stream, series or queued); without one, every stream. */
  private exit(target: string | undefined): void {
    const all = [...this.runningJobs, ...this.pendingJobs];
    const victims = target === undefined ? all.filter((j) => j.count === Infinity) : all.filter((j) => j.id === target);
    for (const job of victims) this.drop(job);
    this.promote();
  }

  private sendError(error: string, about: ErrorAbout = {}): void {
    const line: ReplyLine = { error };
    if (about.code !== undefined) line.error_code = about.code;
    if (about.id !== undefined) line.id = about.id;
    if (about.sensor !== undefined) line.sensor = about.sensor;
    if (about.actuator !== undefined) line.actuator = about.actuator;
    this.send(line);
  }
}
