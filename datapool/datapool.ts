import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { now } from '../core/clock.js';
import { type Logger, redactingLogger, stderrLogger } from '../core/log.js';
import { encodeLine } from '../core/wire/line-splitter.js';
import { type AnnounceLine, pingLine, REPLY_PROTOCOL_FIELDS, type ReplyLine } from '../core/wire/messages.js';
import { admit } from './commands/admit.js';
import { boardFailure, commandLine, exitLine, isFailure } from './commands/board-lines.js';
import { CommandBook, type CommandEvent, type LiveCommand, type NewCommand } from './commands/command-book.js';
import { isFinal, snapshot, waitForEnd } from './commands/command-waiters.js';
import { DeviceServer, type DeviceServerOptions } from './device-server.js';
import type { DeviceSession } from './device-session.js';
import { DEFAULT_OUTBOX_CAPACITY, DEFAULT_TTL_MS, Outbox, type OutboxItem } from './outbox.js';
import { PendingPings } from './pings.js';
import { McuRegistry, memorySourceOf } from './registry.js';
import { RetentionQueue } from './retention-queue.js';
import { SerialLines, type SerialOptions } from './serial/serial-lines.js';
import type { CommandRecord, StoreRecord } from './store/records.js';
import { LEGACY_STORE_FILE, SegmentedStore, type StoreOptions, storeDirectory } from './store/store.js';
import {
  type CommandError,
  type CommandRequest,
  type CommandStatus,
  type DatapoolClient,
  DatapoolError,
  type Health,
  type McuInfo,
  type PingOptions,
  type PingResult,
  type SampleRecord,
  type WaitOptions,
} from './types.js';
import { MAX_SERIES_SAMPLES } from './validate.js';

export type { CommandEvent } from './commands/command-book.js';

export interface DatapoolOptions {
  /** Directory of the store (its segments are in `store/`); created if missing. */
  dataDir: string;
  /** fsync every batch (survives power loss, not only a crash). Default false. */
  fsync?: boolean;
  /** Bytes after which a store segment is sealed and compacted. Default 64 MiB. */
  segmentBytes?: number;
  /**
   * Opens a store segment for appending; only fault tests change it (to run out of space on cue).
   */
  openSegment?: StoreOptions['openSegment'];
  /** The TCP listener boards connect to (default 127.0.0.1:9000) and its timeouts and limits. */
  devices?: DeviceServerOptions;
  /**
   * Serial lines boards are on (UART adapters, USB CDC boards), watched besides the TCP listener: the same
   * admission, routing, buffering and store as a TCP board.
   */
  serial?: SerialOptions;
  /** How long a command may wait for its MCU when the request gives no `ttlMs`. Default 30 s. */
  defaultTtlMs?: number;
  /**
   * How long a board's answer to an actuator command is waited for once the line is written, ms (the request's
   * `ttlMs` when smaller). Default `ACTUATOR_ANSWER_MS`.
   */
  actuatorAnswerMs?: number;
  /** Commands one MCU may have waiting. Default 1024. */
  outboxCapacity?: number;
  /** Period of the one TTL sweep, ms. Default 1000. */
  expirySweepMs?: number;
  /**
   * Finished commands kept for `status`/`wait`, in memory and in the store: at most this many (default
   * 100 000), holding at most `retainFinishedBytes` of samples (default 256 MiB), finished at most
   * `retentionMs` ago (default 24 h). Beyond any of the three the oldest is forgotten and compaction drops
   * its records, which is what bounds the store.
   */
  retainFinished?: number;
  retainFinishedBytes?: number;
  retentionMs?: number;
  /**
   * Bytes of orphan lines (replies for no running command) the store keeps, the newest first. Default 16 MiB:
   * a board that sends nothing but unexpected lines cannot fill the disk within the retention time.
   */
  retainOrphanBytes?: number;
  /** Samples a stream (duration < 0) may yield before it ends as done. Default: the most a series may have, 100,000. */
  maxStreamSamples?: number;
  /**
   * The boards this datapool serves, when it knows them (the embedded fleet): boards the store remembers from
   * another fleet are forgotten instead of waiting as offline ghosts. Absent: every stored board is kept.
   */
  fleetMcus?: ReadonlySet<string>;
  log?: Logger;
}

/** The settings that bound the store: how much finished history it keeps, its segment size, syncing. */
export type StoreSettings = Pick<DatapoolOptions, 'retainFinished' | 'retainFinishedBytes' | 'retentionMs' | 'segmentBytes' | 'fsync'>;

export const DEFAULT_RETAIN_FINISHED = 100_000;
export const DEFAULT_RETAIN_FINISHED_BYTES = 256 * 1024 * 1024;
export const DEFAULT_RETENTION_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_RETAIN_ORPHAN_BYTES = 16 * 1024 * 1024;
/** What an orphan record costs besides its line, bytes. */
const ORPHAN_OVERHEAD_BYTES = 100;
/** What a command's own records cost besides its samples' data, bytes (command, dispatch and end lines; measured about 710). */
const COMMAND_OVERHEAD_BYTES = 720;

/**
 * How long a board's answer to an actuator command is waited for, ms. A board answers one at once, with no
 * timer or queue, so this covers the link and nothing else; a move reported later than this would be a move
 * nobody expects any more, so the command fails instead of ever being delivered late.
 */
export const ACTUATOR_ANSWER_MS = 2000;

/** Exit commands whose acknowledgement we still expect; older ones are forgotten. */
const MAX_PENDING_EXITS = 10_000;

/** A `whenOnline` call still waiting. */
interface OnlineWaiter {
  /** An MCU came online. */
  announced(mcu: string): void;
  /** The datapool is closing: the wait ends with this error instead of holding its timer to the end. */
  abandon(error: DatapoolError): void;
}

/**
 * The datapool: accepts commands, routes each to one MCU, sends it when the MCU has a free slot, stores
 * every sample durably and hands it to whoever waits for it, the moment it is stored (no polling).
 *
 * Lifecycle of a command: `queued` (waiting in its MCU's outbox) -> `dispatched` (line written to the
 * board) -> `done` (final sample stored, or a stream cancelled) or `failed` (error, expiry, cancel, MCU
 * lost mid-series, datapool restart). A command sent to a board that drops before any sample goes back
 * to the front of the outbox and is sent again when the board returns. That life is the `CommandBook`'s, shared
 * with the device-native board; the datapool adds the outbox, the boards' connections and the store.
 */
export class Datapool implements DatapoolClient {
  private readonly registry = new McuRegistry();
  private readonly outbox: Outbox;
  private readonly devices: DeviceServer;
  /** The serial lines watched for boards, when any. */
  private serial: SerialLines | null = null;
  /** Online MCU id -> its connection. */
  private readonly sessions = new Map<string, DeviceSession>();
  /** Every command, live or finished and still answerable by `status`/`wait`; `bytes` counts its records. */
  private readonly commands: CommandBook;
  /** Instants of the orphan lines the store keeps: the newest, up to `retainOrphanBytes`, within the retention. */
  private readonly orphans: RetentionQueue<number>;
  private readonly pendingExits = new Set<string>();
  /** Each known board's last announce, to put its presence on record again (see `notePresence`). */
  private readonly announces = new Map<string, AnnounceLine>();
  private presenceNotedAt = Number.NEGATIVE_INFINITY;
  private readonly onlineWaiters = new Set<OnlineWaiter>();
  private readonly pings = new PendingPings();
  /** Actuator commands written to their board and not answered yet -> the timer that fails them unanswered. */
  private readonly actuations = new Map<string, NodeJS.Timeout>();
  private readonly actuatorAnswerMs: number;
  private readonly startedAt = now();
  private readonly log: Logger;
  private readonly defaultTtlMs: number;
  private readonly retentionMs: number;
  private accepted = 0;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly store: SegmentedStore,
    options: DatapoolOptions,
  ) {
    // The device token never reaches a log, whatever a board sends.
    this.log = redactingLogger(options.log ?? stderrLogger, [options.devices?.token]);
    this.defaultTtlMs = options.defaultTtlMs ?? DEFAULT_TTL_MS;
    this.actuatorAnswerMs = options.actuatorAnswerMs ?? ACTUATOR_ANSWER_MS;
    this.retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
    this.orphans = new RetentionQueue({
      count: Number.POSITIVE_INFINITY,
      bytes: options.retainOrphanBytes ?? DEFAULT_RETAIN_ORPHAN_BYTES,
      ageMs: this.retentionMs,
    });
    this.commands = new CommandBook({
      carrier: {
        withdraw: (command) => this.withdraw(command),
        release: (command) => this.release(command),
        recordEnd: (command, state, at, error) => this.append(endRecord(command, state, at, error)),
      },
      retain: {
        count: options.retainFinished ?? DEFAULT_RETAIN_FINISHED,
        bytes: options.retainFinishedBytes ?? DEFAULT_RETAIN_FINISHED_BYTES,
        ageMs: this.retentionMs,
      },
      commandBytes: COMMAND_OVERHEAD_BYTES,
      maxStreamSamples: options.maxStreamSamples ?? MAX_SERIES_SAMPLES,
    });
    this.outbox = new Outbox({
      capacity: options.outboxCapacity ?? DEFAULT_OUTBOX_CAPACITY,
      sweepIntervalMs: options.expirySweepMs ?? 1000,
      onExpire: (item) => this.expire(item),
      afterSweep: (at) => this.failOverdue(at),
    });
    this.devices = new DeviceServer(
      { ...options.devices, log: options.devices?.log === undefined ? this.log : redactingLogger(options.devices.log, [options.devices.token]) },
      {
        announce: (session, announce) => this.onAnnounce(session, announce),
        reply: (session, reply, line, receivedAt) => this.onReply(session, reply, line, receivedAt),
        closed: (session, reason) => this.onClosed(session, reason),
        sweep: (t) => {
          this.notePresence(t);
          this.forgetGone(t);
        },
      },
    );
  }

  /** Opens the store, replays it, and starts listening for boards. */
  static async open(options: DatapoolOptions): Promise<Datapool> {
    await mkdir(options.dataDir, { recursive: true });
    const log = options.log ?? stderrLogger;
    const { store, records } = await SegmentedStore.open(storeDirectory(options.dataDir), {
      fsync: options.fsync ?? false,
      log,
      legacyFile: join(options.dataDir, LEGACY_STORE_FILE),
      ...(options.segmentBytes !== undefined ? { segmentBytes: options.segmentBytes } : {}),
      ...(options.openSegment !== undefined ? { openSegment: options.openSegment } : {}),
    });
    const datapool = new Datapool(store, options);
    try {
      datapool.replay(records, options.fleetMcus);
      store.compactWith((record) => datapool.stillNeeded(record));
      await datapool.devices.listen();
      if (options.serial !== undefined) {
        datapool.serial = new SerialLines(options.serial, (stream, endpoint) => datapool.devices.adopt(stream, endpoint), datapool.log);
        await datapool.serial.start();
      }
    } catch (error) {
      await datapool.close();
      throw error;
    }
    return datapool;
  }

  /** Where boards connect. */
  devicesAddress(): AddressInfo | null {
    return this.devices.address();
  }

  /** The serial lines watched for boards now (with `auto`, those found so far); null when none were asked for. */
  serialLines(): { auto: boolean; paths: string[] } | null {
    return this.serial === null ? null : { auto: this.serial.auto, paths: this.serial.watched() };
  }

  async submit(request: CommandRequest): Promise<CommandStatus> {
    return snapshot((await this.accept(request)).status);
  }

  /**
   * Validates, routes, records and sends (or queues) a command; resolves once the command is durable. An
   * actuator command is never queued: refused at once when its board is offline, sent only once its own record
   * is stored (nothing moves that the store does not know of), and it takes none of the board's sampling slots.
   */
  private async accept(request: CommandRequest): Promise<LiveCommand> {
    if (this.closing !== null) throw new DatapoolError('unavailable', 'the datapool is shutting down');
    const { command, ttlMs: requestTtl, mcu } = admit(request, this.registry.byId());
    const session = this.sessions.get(mcu);
    const actuation = command.actuator !== undefined;
    if (actuation && session === undefined) {
      throw new DatapoolError(
        'device-offline',
        `MCU "${mcu}" is offline; an actuator command is sent at once or not at all, so it was not sent and ${command.actuator} did not move`,
      );
    }
    const sendNow = actuation || (session !== undefined && this.outbox.canSendNow(mcu));
    if (!sendNow && this.outbox.isFull(mcu)) {
      throw new DatapoolError(
        'queue-full',
        `MCU "${mcu}" already has ${this.outbox.waiting(mcu)} commands waiting (${session === undefined ? 'it is offline' : 'all its slots are busy'}); try again later`,
      );
    }

    const id = randomUUID();
    const accepted = now();
    const ttlMs = requestTtl ?? this.defaultTtlMs;
    const place = this.registry.get(mcu)?.place ?? null;
    const entry = this.commands.open({ id, request: command, mcu, place, accepted, ttlMs });
    // While the store is failing, a command goes to its board only once its own record is written (each new
    // command is then the probe that finds the space back); otherwise it is sent while the record is written.
    // An actuator command always waits for its record: nothing may move that a restart would not know of.
    const sendAtOnce = this.store.writable && !actuation;
    const stored = this.append({
      kind: 'command',
      id,
      at: accepted,
      request: command,
      mcu,
      place,
      expected: entry.status.expected,
      ttlMs,
    });
    const sendOrQueue = (): void => {
      if (actuation) {
        this.actuate(entry, session);
        return;
      }
      if (sendNow && session !== undefined && this.sessions.get(mcu) === session && this.outbox.canSendNow(mcu)) {
        this.outbox.startFlight(mcu, id);
        this.send(entry, session);
      } else {
        this.outbox.enqueue({ id, mcu, since: accepted, expiresAt: accepted + ttlMs });
        this.drain(mcu);
      }
    };
    if (sendAtOnce) sendOrQueue();
    // Answer once the command itself is durable; a command whose record could not be written never existed.
    if ((await stored) === null) {
      const error = storeUnavailable(this.store);
      if (sendAtOnce) this.withdraw(entry);
      await this.commands.finish(entry, 'failed', error, false);
      this.commands.forget(id);
      throw new DatapoolError(error.code, error.message);
    }
    if (!sendAtOnce) sendOrQueue();
    this.accepted++;
    return entry;
  }

  /**
   * Resolves when the command ends, or after `timeoutMs` with the status so far. Both `until` modes return
   * early only when the command ends; 'window' says the caller means to collect for the whole window.
   */
  async wait(id: string, options: WaitOptions): Promise<CommandStatus> {
    return this.commands.wait(id, options);
  }

  async run(request: CommandRequest, options: WaitOptions): Promise<CommandStatus> {
    // submit + wait without the copy of the status that submit would hand back.
    return waitForEnd(await this.accept(request), options);
  }

  async status(id: string): Promise<CommandStatus> {
    return this.commands.status(id);
  }

  /**
   * Stops a command. A stream (duration < 0) ends as `done`; a queued command, or a series still running,
   * fails with `cancelled` (samples so far kept). A running command is stopped on the board with
   * `{"command":"exit","target":<id>,"id":<new id>}` (the original firmware ignores `target` and stops all
   * of its streams). Cancelling a finished command changes nothing.
   */
  async cancel(id: string): Promise<CommandStatus> {
    return this.commands.cancel(id);
  }

  /**
   * Writes an actuator command to its board if it is still the board's connection, and fails it unanswered
   * after the answer deadline; a board gone meanwhile means nothing was sent.
   */
  private actuate(entry: LiveCommand, session: DeviceSession | undefined): void {
    const { status } = entry;
    const mcu = status.mcu!;
    if (this.closing !== null || session === undefined || this.sessions.get(mcu) !== session) {
      void this.commands.finish(entry, 'failed', {
        code: 'device-offline',
        message: `${this.closing === null ? `MCU "${mcu}" went offline` : 'the datapool began shutting down'} before the command was sent; ${status.request.actuator} did not move`,
      });
      return;
    }
    const deadlineMs = Math.min(this.actuatorAnswerMs, entry.ttlMs);
    const timer = setTimeout(() => {
      this.actuations.delete(status.id);
      if (isFinal(status.state)) return;
      void this.commands.finish(entry, 'failed', {
        code: 'expired',
        message: `MCU "${mcu}" did not answer the ${status.request.actuator} ${status.request.command} command within ${deadlineMs} ms: the actuator may or may not have moved; read its status before trying again`,
      });
    }, deadlineMs);
    timer.unref();
    this.actuations.set(status.id, timer);
    this.send(entry, session);
  }

  async mcus(): Promise<McuInfo[]> {
    return this.registry.list().map((entry) => {
      const session = this.sessions.get(entry.id);
      return {
        id: entry.id,
        model: entry.model,
        place: entry.place,
        firmware: entry.firmware,
        sensors: [...entry.sensors],
        unknownSensors: [...entry.unknownSensors],
        actuators: [...entry.actuators],
        online: entry.online,
        memorySource: memorySourceOf(entry),
        remote: entry.remote,
        connectedAt: entry.connectedAt,
        lastSeenAt: session?.lastSeenAt ?? entry.lastSeenAt,
        queued: this.outbox.waiting(entry.id),
        speed: entry.speed,
        ...(entry.link !== null && { link: entry.link }),
        ...(entry.transport !== null && { transport: entry.transport }),
        ...(entry.serialPath !== null && { serialPath: entry.serialPath }),
        ...(entry.wifiPm !== null && { wifiPm: entry.wifiPm }),
        ...(entry.memorySamplingMs !== null && { memorySamplingMs: entry.memorySamplingMs }),
        ...(entry.anonymous && { anonymous: true }),
      };
    });
  }

  /**
   * The idle round trip: a `ping` line straight to the board's socket and its answer back. Not a sensor
   * command: it takes no outbox place or timer slot and nothing is stored.
   */
  async ping(mcu: string, options: PingOptions): Promise<PingResult> {
    if (this.closing !== null) throw new DatapoolError('unavailable', 'the datapool is shutting down');
    if (typeof mcu !== 'string' || this.registry.get(mcu) === undefined) {
      throw new DatapoolError('unknown-mcu', `no MCU "${String(mcu)}" has connected to this datapool`);
    }
    const session = this.sessions.get(mcu);
    if (session === undefined) throw new DatapoolError('device-offline', `MCU "${mcu}" is offline`);
    const id = randomUUID();
    const answered = this.pings.expect(id, mcu, now(), options.timeoutMs);
    session.send(encodeLine(pingLine(id)));
    return answered;
  }

  /** Counts are since this process opened the datapool (replayed records are not counted again). */
  async health(): Promise<Health> {
    const known = this.registry.byId();
    let online = 0;
    for (const entry of known.values()) if (entry.online) online++;
    const store = this.store.health();
    return {
      ok: store.writable,
      uptimeMs: now() - this.startedAt,
      mcusOnline: online,
      mcusKnown: known.size,
      commandsAccepted: this.accepted,
      recordsStored: this.store.recordsAppended,
      heartbeatsReceived: this.devices.heartbeatsReceived,
      store,
    };
  }

  /**
   * Resolves once every MCU in `ids` is online here (announced and registered, which is later than the board
   * seeing its own connection up); rejects with `timeout` naming the missing ones, or `unavailable` when the
   * datapool closes first.
   */
  whenOnline(ids: readonly string[], timeoutMs = 10_000): Promise<void> {
    const missing = (): string[] => ids.filter((id) => this.registry.get(id)?.online !== true);
    // Each announce only crosses its own id off, so waiting for a fleet of thousands stays linear; when none
    // is left, every id is checked once more (one may have dropped meanwhile) and those offline go back.
    const waiting = new Set(missing());
    if (waiting.size === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const end = (error?: DatapoolError): void => {
        clearTimeout(timer);
        this.onlineWaiters.delete(waiter);
        if (error === undefined) resolve();
        else reject(error);
      };
      const waiter: OnlineWaiter = {
        announced: (mcu) => {
          if (!waiting.delete(mcu) || waiting.size > 0) return;
          for (const id of missing()) waiting.add(id);
          if (waiting.size === 0) end();
        },
        abandon: end,
      };
      const timer = setTimeout(() => {
        const absent = missing();
        const named = absent.slice(0, 20).join(', ') + (absent.length > 20 ? ` and ${absent.length - 20} more` : '');
        end(new DatapoolError('timeout', `MCUs not online after ${timeoutMs} ms: ${named}`));
      }, timeoutMs);
      this.onlineWaiters.add(waiter);
    });
  }

  /**
   * The command's status now, and every later sample and its end as each is stored, with nothing missed or
   * repeated in between. Returns a function that stops watching. The listener is never called for a
   * command that has already ended.
   */
  watch(id: string, listener: (event: CommandEvent) => void): { status: CommandStatus; stop: () => void } {
    return this.commands.watch(id, listener);
  }

  /** Stops listening for boards, answers every waiter with what it has, and flushes the store. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.outbox.close();
      for (const timer of this.actuations.values()) clearTimeout(timer);
      this.actuations.clear();
      this.pings.failAll(new DatapoolError('unavailable', 'the datapool is shutting down'));
      for (const waiter of [...this.onlineWaiters]) waiter.abandon(new DatapoolError('unavailable', 'the datapool is shutting down'));
      await this.serial?.close();
      await this.devices.close();
      this.commands.answerEveryWaiter();
      await this.store.close();
    })();
    return this.closing;
  }

  // ---- boards ----

  private onAnnounce(session: DeviceSession, announce: AnnounceLine): void {
    if (this.closing !== null) {
      session.close('datapool shutting down', 'debug');
      return;
    }
    // A board on a serial line that names itself not is known by its line, as a TCP one by its address.
    const where = session.remoteIp ?? (session.serialPath === undefined ? null : basename(session.serialPath));
    const id = this.registry.idFor(announce, where, session.connection, (made) => this.devices.hasDeviceKey(made));
    const proof = this.devices.proofOf(session);
    const previous = this.sessions.get(id);
    if (previous !== undefined && previous !== session) {
      // A second claim to a live id that proves nothing is what a process posing as the board looks like. The
      // board itself, back after its old connection died without a word, gets in once that one times out.
      if (proof === undefined && !this.devices.isSilent(previous, now())) {
        this.devices.turnAway(
          session,
          `refused: MCU "${id}" is already connected; another connection may take its place only with the MCU's device key or the device token, or once the first one has closed`,
          `refused a second connection for MCU "${id}", which is online and was not replaced: the new one proved nothing`,
        );
        return;
      }
      const reason = `replaced by a new connection from ${session.remote ?? 'unknown'}${proof === undefined ? ' (the old one was silent past the heartbeat timeout)' : ` (proved by its ${proof})`}`;
      this.goOffline(previous, reason);
      previous.close(reason, 'info');
    }
    session.accept(id);
    const anonymous = proof === undefined;
    const entry = this.registry.connect(id, announce, {
      connection: session.connection,
      remote: session.remote,
      transport: session.transport,
      serialPath: session.serialPath,
      at: session.lastSeenAt,
      anonymous,
    });
    this.sessions.set(id, session);
    this.announces.set(id, announce);
    this.store.write({ kind: 'mcu', id, at: session.lastSeenAt, announce, ...(anonymous && { anonymous: true }) });
    if (entry.unknownSensors.length > 0) {
      session.log.write('warn', `announced unknown sensor(s), kept in unknownSensors: ${entry.unknownSensors.join(', ')}`);
    }
    this.log('info', `MCU "${id}" online`, { remote: session.remote, sensors: entry.sensors, place: entry.place, ...(anonymous && { anonymous: true }) });
    this.outbox.setWindow(id, entry.maxConcurrent);
    this.drain(id);
    for (const waiter of [...this.onlineWaiters]) waiter.announced(id);
    // At once, not at the next sweep: a flood of made-up ids must not outgrow the cap between sweeps.
    if (anonymous) this.forgetGone(now(), false);
  }

  private onReply(session: DeviceSession, reply: ReplyLine, line: string, receivedAt: number): void {
    const mcu = session.mcu;
    if (mcu === null || this.closing !== null) return;
    session.onReplyFailure ??= (failed, error) => this.replyFailed(mcu, failed, error);
    // A ping's answer (even a late one) is never a sample or an orphan; nor is a pong naming no command here.
    if (this.pings.watching && this.pings.take(mcu, reply, receivedAt)) return;
    if (reply.pong === true && this.takePong(session, mcu, reply)) return;
    const mcuEntry = this.registry.get(mcu);
    if (mcuEntry !== undefined && typeof reply.peak_memory === 'number') mcuEntry.sawPeakMemory = true;

    const id = typeof reply.id === 'string' ? reply.id : undefined;
    const entry = id === undefined ? undefined : this.commands.find(id);
    if (entry === undefined || !this.commands.takes(entry, mcu)) {
      this.orphan(session, mcu, id, line, receivedAt, entry);
      return;
    }
    if (isFailure(reply)) {
      void this.commands.finish(entry, 'failed', boardFailure(mcu, reply));
      return;
    }

    const sample = this.commands.nextSample(entry, reply, mcu, mcuEntry, receivedAt, 0);
    const { final, seq } = sample;
    entry.bytes += line.length + SAMPLE_OVERHEAD_BYTES;
    const stored = this.append(sample);
    // The end goes into the same write as the final sample: a read costs one store round trip, not two.
    if (final) this.store.write(endRecord(entry, 'done', receivedAt));
    stored.then((storedAt) => {
      if (storedAt === null) {
        // A sample that is not stored is never handed out: the command fails, saying why.
        if (isFinal(entry.status.state)) return;
        this.withdraw(entry);
        void this.commands.finish(entry, 'failed', storeUnavailable(this.store, `sample ${seq}`));
        return;
      }
      sample.hops.stored = storedAt;
      this.commands.keep(entry, sample);
    });
  }

  /**
   * A pong that answers no ping. One carrying the id of a command this board is running means the board took
   * that command for a ping: the command fails now, instead of its caller waiting out the timeout for a
   * reading that is not coming. A pong that also carries a reading or an error is that command's reply like
   * any other (false: the caller handles it); a pong naming no command of this board is dropped.
   */
  private takePong(session: DeviceSession, mcu: string, reply: ReplyLine): boolean {
    const entry = typeof reply.id === 'string' ? this.commands.find(reply.id) : undefined;
    if (entry === undefined || entry.status.mcu !== mcu) return true;
    if (entry.status.state !== 'dispatched' || isFailure(reply) || carriesReading(reply)) return false;
    session.log.write('warn', `answered command ${entry.status.id} with a pong instead of a reading`);
    void this.commands.finish(entry, 'failed', {
      code: 'device-error',
      message: `MCU "${mcu}" answered with a pong (the answer to a ping), not a reading`,
    });
    return true;
  }

  /**
   * Handling a reply of `mcu` threw (its connection logged it). The command it names fails now with
   * `internal-error`: the board did answer, so nothing else would end it before its caller's timeout.
   */
  private replyFailed(mcu: string, reply: ReplyLine, error: unknown): void {
    const entry = typeof reply.id === 'string' ? this.commands.find(reply.id) : undefined;
    if (entry === undefined || entry.status.mcu !== mcu || entry.status.state !== 'dispatched') return;
    void this.commands.finish(entry, 'failed', {
      code: 'internal-error',
      message: `the datapool failed while handling MCU "${mcu}"'s reply: ${error instanceof Error ? error.message : String(error)}`,
    });
  }

  private onClosed(session: DeviceSession, reason: string): void {
    if (this.closing !== null || session.mcu === null) return;
    if (this.sessions.get(session.mcu) !== session) return; // already replaced
    this.goOffline(session, reason);
  }

  /**
   * The board behind this connection is gone. Commands it had not answered yet go back to the front of its
   * outbox; those it had partly answered fail with `device-offline`, keeping their samples.
   */
  private goOffline(session: DeviceSession, reason: string): void {
    const mcu = session.mcu!;
    this.sessions.delete(mcu);
    this.pings.failMcu(mcu, new DatapoolError('device-offline', `MCU "${mcu}" went offline (${reason}) before it answered the ping`));
    this.registry.disconnect(mcu, session.connection);
    const entry = this.registry.get(mcu);
    if (entry !== undefined) entry.lastSeenAt = session.lastSeenAt;
    this.writePresence(mcu, session.lastSeenAt);
    const t = now();
    const requeued: OutboxItem[] = [];
    for (const id of this.outbox.inFlight(mcu)) {
      this.outbox.endFlight(mcu, id);
      const command = this.commands.find(id);
      if (command === undefined || isFinal(command.status.state)) continue;
      if (command.received === 0) {
        this.commands.requeued(command);
        requeued.push({ id, mcu, since: t, expiresAt: t + command.ttlMs });
      } else {
        void this.commands.finish(command, 'failed', {
          code: 'device-offline',
          message: `MCU "${mcu}" went offline (${reason}) after ${command.received}${Number.isFinite(command.expected) ? ` of ${command.expected}` : ' streamed'} sample(s)`,
        });
      }
    }
    this.outbox.requeueFront(mcu, requeued);
    // An actuator command is never sent again: one the board had not answered may or may not have moved it.
    for (const id of [...this.actuations.keys()]) {
      const command = this.commands.find(id);
      if (command === undefined || command.status.mcu !== mcu || isFinal(command.status.state)) continue;
      void this.commands.finish(command, 'failed', {
        code: 'device-offline',
        message: `MCU "${mcu}" went offline (${reason}) before it answered: ${command.status.request.actuator} may or may not have moved; read its status once the board is back`,
      });
    }
    this.log('info', `MCU "${mcu}" offline: ${reason}`, { requeued: requeued.length });
  }

  /**
   * Forgets the boards offline for longer than the device listener's `forgetAfterMs`, and the anonymous boards
   * offline longest beyond `maxAnonymousMcus`, so the registry does not keep every id a process ever
   * announced. Commands still waiting for one fail now, saying why, rather than waiting out their TTL for a
   * board that is not coming back (and ending as if it had never connected). `report` is false when an
   * announce calls it: the sweep's line then says how many the cap forgot, one line however many announces.
   */
  /**
   * Puts on record, every quarter of `forgetAfterMs`, that each online board is still here. After a crash the
   * store is all a restart has: without this, a board connected for longer than `forgetAfterMs` would look gone
   * that long, and be forgotten (its waiting commands failed) before it had the time to reconnect.
   */
  private notePresence(t: number): void {
    if (t - this.presenceNotedAt < this.devices.forgetAfterMs / 4) return;
    this.presenceNotedAt = t;
    // Connected now is here now: a connection silent past the heartbeat timeout is closed by the same sweep.
    for (const mcu of this.sessions.keys()) this.writePresence(mcu, t);
  }

  /** The board's last announce again, at the instant it was last seen (what a restart counts its absence from). */
  private writePresence(mcu: string, at: number): void {
    const announce = this.announces.get(mcu);
    if (announce === undefined) return;
    this.store.write({ kind: 'mcu', id: mcu, at, announce, ...(this.registry.get(mcu)?.anonymous === true && { anonymous: true }) });
  }

  private forgetGone(t: number, report = true): void {
    if (this.closing !== null) return;
    const afterMs = this.devices.forgetAfterMs;
    const maxAnonymous = this.devices.maxAnonymousMcus;
    const fail = (mcu: string, message: string): void => {
      this.announces.delete(mcu);
      for (const item of this.outbox.forget(mcu)) {
        const command = this.commands.find(item.id);
        if (command === undefined || isFinal(command.status.state)) continue;
        void this.commands.finish(command, 'failed', { code: 'device-offline', message });
      }
    };
    const forgotten = this.registry.forgetGoneSince(t - afterMs);
    for (const mcu of forgotten) {
      fail(mcu.id, `MCU "${mcu.id}" was offline for over ${duration(afterMs)} and is forgotten; it is known again once it reconnects`);
    }
    for (const mcu of this.registry.forgetAnonymousBeyond(maxAnonymous)) {
      fail(
        mcu.id,
        `MCU "${mcu.id}" is forgotten: it proved nothing, and of the more than ${maxAnonymous} anonymous boards known it was offline longest; it is known again once it reconnects`,
      );
    }
    const named = (ids: string[], count: number): string =>
      ids.slice(0, 5).join(', ') + (count > ids.length || count > 5 ? ` and ${count - Math.min(ids.length, 5)} more` : '');
    if (forgotten.length > 0) {
      const ids = forgotten.map((mcu) => mcu.id);
      this.log('info', `forgot ${ids.length} MCU(s) offline for over ${duration(afterMs)}: ${named(ids, ids.length)}`);
    }
    if (!report) return;
    const overCap = this.registry.takeForgottenOverCap();
    if (overCap.count > 0) {
      this.log(
        'info',
        `forgot ${overCap.count} anonymous MCU(s), the longest offline, to keep at most ${maxAnonymous} known: ${named(overCap.ids, overCap.count)}`,
      );
    }
  }

  /** Sends waiting commands while the MCU has free slots. */
  private drain(mcu: string): void {
    const session = this.sessions.get(mcu);
    if (session === undefined) return;
    for (const item of this.outbox.takeReady(mcu)) {
      const entry = this.commands.find(item.id);
      if (entry === undefined || isFinal(entry.status.state)) {
        this.outbox.endFlight(mcu, item.id);
        continue;
      }
      this.send(entry, session);
    }
  }

  /** Writes the command line (with the sensor or actuator spelled as the board announced it). */
  private send(entry: LiveCommand, session: DeviceSession): void {
    const { status } = entry;
    const mcu = session.mcu!;
    const device = status.request.actuator ?? status.request.sensor ?? '';
    // If the connection is closing, the command stays in flight and its close puts it back in the outbox.
    session.send(encodeLine(commandLine(status, this.registry.get(mcu)?.announcedNames.get(device))));
    const at = now();
    this.commands.dispatched(entry, at);
    this.store.write({ kind: 'dispatch', id: status.id, mcu, at });
  }

  private orphan(session: DeviceSession, mcu: string, id: string | undefined, line: string, at: number, entry: LiveCommand | undefined): void {
    this.store.write({ kind: 'orphan', mcu, at, line });
    this.orphans.add(at, line.length + ORPHAN_OVERHEAD_BYTES, at);
    if (id !== undefined && this.pendingExits.delete(id)) return; // acknowledgement of our exit
    if (entry !== undefined && isFinal(entry.status.state)) return; // a sample that was already on its way
    session.log.write(
      'warn',
      id === undefined
        ? 'reply without an id kept as an orphan record'
        : `reply for ${entry === undefined ? 'unknown' : 'a not running'} command ${id} kept as an orphan record`,
    );
  }

  private expire(item: OutboxItem): void {
    const entry = this.commands.find(item.id);
    if (entry === undefined || isFinal(entry.status.state)) return;
    const mcu = this.registry.get(item.mcu);
    const t = now();
    let why: string;
    let code: 'expired' | 'queue-full' = 'expired';
    if (mcu === undefined) {
      why = `MCU "${item.mcu}" has not connected since the datapool started ${seconds(t - this.startedAt)} ago`;
    } else if (!mcu.online) {
      why = `MCU "${item.mcu}" was away for ${seconds(t - (mcu.lastSeenAt ?? this.startedAt))}`;
    } else {
      // Online but busy the whole time: the board is overloaded, not away.
      code = 'queue-full';
      why = `MCU "${item.mcu}" had no free slot (max_concurrent ${mcu.maxConcurrent}) for ${seconds(t - item.since)}`;
    }
    void this.commands.finish(entry, 'failed', { code, message: `${why}; the command's ttl is ${entry.ttlMs} ms` });
  }

  /**
   * Fails the commands a board took and then went quiet about: nothing for longer than the command's own
   * sampling could take (its interval, and for a series its duration) plus its ttl, since it was sent or since
   * its last sample. Without this, a board that takes commands and never answers holds them, and their
   * records, for ever. Only commands in flight are looked at: a few per board, not the whole history.
   */
  private failOverdue(at: number): void {
    for (const mcu of this.sessions.keys()) {
      for (const id of this.outbox.inFlight(mcu)) {
        const entry = this.commands.find(id);
        if (entry === undefined || entry.status.state !== 'dispatched') continue;
        const { request, samples, dispatched } = entry.status;
        const since = samples.at(-1)?.hops.received ?? dispatched ?? at;
        const sampling = (request.interval + (Number.isFinite(entry.expected) ? Math.max(0, request.duration) : 0)) * 1000;
        if (at - since <= sampling + entry.ttlMs) continue;
        this.withdraw(entry);
        void this.commands.finish(entry, 'failed', {
          code: 'expired',
          message: `MCU "${mcu}" sent nothing for this command for ${seconds(at - since)} (its sampling takes at most ${seconds(sampling)}, its ttl is ${entry.ttlMs} ms)`,
        });
      }
    }
  }

  // ---- what a command's life needs of the outbox, the boards and the store (see CommandCarrier) ----

  /** A command holds its board's slot no longer: the next one waiting may go. */
  private release(command: LiveCommand): void {
    const { status } = command;
    const answerDeadline = this.actuations.get(status.id);
    if (answerDeadline !== undefined) {
      clearTimeout(answerDeadline);
      this.actuations.delete(status.id);
    }
    if (status.mcu !== null && this.outbox.endFlight(status.mcu, status.id)) this.drain(status.mcu);
  }

  /**
   * Whether compaction keeps a record: a command's records while the command is still answerable, a board's
   * announce while the board is known, an orphan line within the retention.
   */
  private stillNeeded(record: StoreRecord): boolean {
    switch (record.kind) {
      case 'mcu':
        return this.registry.get(record.id) !== undefined;
      case 'orphan':
        return record.at >= (this.orphans.oldest ?? Number.POSITIVE_INFINITY) && record.at > now() - this.retentionMs;
      default:
        return this.commands.has(record.id);
    }
  }

  /** Takes back a command that has been queued or sent: out of its outbox, or stopped on its board. */
  private withdraw(entry: LiveCommand): void {
    const { status } = entry;
    // An actuator command is never queued, and its board answers at once: there is nothing to take back.
    if (status.mcu === null || status.request.actuator !== undefined) return;
    if (status.state === 'queued') {
      this.outbox.remove(status.mcu, status.id);
      return;
    }
    const session = this.sessions.get(status.mcu);
    if (status.state !== 'dispatched' || session === undefined) return;
    const exitId = randomUUID();
    session.send(encodeLine(exitLine(status.id, exitId)));
    this.rememberExit(exitId);
  }

  private rememberExit(id: string): void {
    this.pendingExits.add(id);
    if (this.pendingExits.size > MAX_PENDING_EXITS) {
      this.pendingExits.delete(this.pendingExits.values().next().value as string);
    }
  }

  /** Appends a record; resolves with the stored instant, or null if the write failed (the store logged it). */
  private append(record: StoreRecord): Promise<number | null> {
    return this.store.appendOrNull(record);
  }

  // ---- restart ----

  /**
   * Rebuilds commands from the store. Finished ones become answerable again; ones never sent and still
   * within their TTL wait for their MCU again; ones sent but unfinished cannot be trusted to be running
   * on the board any more and fail with `datapool-restarted`.
   */
  private replay(records: StoreRecord[], fleetMcus: ReadonlySet<string> | undefined): void {
    /** Samples of commands whose own line was lost: their end record can still bring them back. */
    const strays = new Map<string, SampleRecord[]>();
    for (const record of records) {
      switch (record.kind) {
        case 'command':
          // A repeated line (a compaction cut short by a crash leaves its inputs) must not reset the command.
          if (this.commands.has(record.id)) break;
          this.commands.open(replayed(record.id, { ...record, accepted: record.at }, record.ttlMs));
          break;
        case 'dispatch': {
          const entry = this.commands.find(record.id);
          if (entry !== undefined && !isFinal(entry.status.state)) this.commands.dispatched(entry, record.at);
          break;
        }
        case 'sample': {
          const entry = this.commands.find(record.id);
          if (entry === undefined) {
            const waiting = strays.get(record.id);
            if (waiting === undefined) strays.set(record.id, [record]);
            else waiting.push(record);
            break;
          }
          if (hasSample(entry.status.samples, record.seq)) break;
          entry.status.samples.push(record);
          entry.bytes += JSON.stringify(record.data).length + SAMPLE_OVERHEAD_BYTES;
          entry.received = Math.max(entry.received, record.seq + 1);
          if (record.final && !isFinal(entry.status.state)) {
            entry.status.state = 'done';
            entry.status.completed = record.hops.stored;
          }
          break;
        }
        case 'end': {
          let entry = this.commands.find(record.id);
          if (entry === undefined && record.command !== undefined) {
            entry = this.commands.open(replayed(record.id, record.command, this.defaultTtlMs));
            for (const sample of strays.get(record.id) ?? []) {
              if (hasSample(entry.status.samples, sample.seq)) continue;
              entry.status.samples.push(sample);
              entry.received = Math.max(entry.received, sample.seq + 1);
            }
            strays.delete(record.id);
          }
          if (entry === undefined || entry.retired) break;
          // The end record is the authority on how a command ended, whatever its samples' lines say.
          entry.status.state = record.state;
          entry.status.completed = record.at;
          if (record.error !== undefined) entry.status.error = record.error;
          else delete entry.status.error;
          if (record.samples !== undefined) entry.received = Math.max(entry.received, record.samples);
          this.commands.retire(entry);
          break;
        }
        case 'mcu':
          if (fleetMcus === undefined || fleetMcus.has(record.id)) {
            this.registry.restore(record.id, record.announce, record.at, this.devices.restoredAnonymous(record.id, record.anonymous === true));
            this.announces.set(record.id, record.announce);
          }
          break;
        case 'orphan':
          this.orphans.add(record.at, record.line.length + ORPHAN_OVERHEAD_BYTES, record.at);
          break;
      }
    }
    const t = now();
    for (const entry of [...this.commands.values()]) {
      const { status } = entry;
      status.samples.sort((a, b) => a.seq - b.seq);
      const lost = entry.received - status.samples.length;
      if (lost > 0) status.lostSamples = lost;
      if (isFinal(status.state)) {
        // Written before end records were kept for every command: its final sample ended it.
        this.commands.retire(entry);
        continue;
      }
      if (status.state === 'dispatched') {
        void this.commands.finish(entry, 'failed', {
          code: 'datapool-restarted',
          message:
            status.request.actuator === undefined
              ? `the datapool restarted while MCU "${status.mcu}" was running this command (${entry.received} sample(s) kept)`
              : `the datapool restarted before MCU "${status.mcu}" answered: ${status.request.actuator} may or may not have moved; read its status`,
        });
      } else if (status.request.actuator !== undefined) {
        // Never sent before the restart, and never sent late.
        void this.commands.finish(entry, 'failed', {
          code: 'expired',
          message: `the datapool restarted before the command was sent to MCU "${status.mcu}"; ${status.request.actuator} did not move`,
        });
      } else if (status.mcu !== null && status.accepted + entry.ttlMs > t) {
        this.outbox.enqueue({ id: status.id, mcu: status.mcu, since: status.accepted, expiresAt: status.accepted + entry.ttlMs });
      } else {
        void this.commands.finish(entry, 'failed', {
          code: 'expired',
          message: `the datapool restarted and the command's ttl of ${entry.ttlMs} ms had run out before MCU "${status.mcu}" got it`,
        });
      }
    }
  }
}

/**
 * How a command ended, with enough to answer for it if its own record is the line the store loses. Every
 * command gets one, even one that ended with its final sample: a lost sample line must not reopen it.
 */
function endRecord(entry: LiveCommand, state: 'done' | 'failed', at: number, error?: CommandError): StoreRecord {
  const { status } = entry;
  return {
    kind: 'end',
    id: status.id,
    at,
    state,
    ...(error ? { error } : {}),
    samples: entry.received,
    command: { request: status.request, mcu: status.mcu, place: status.place, expected: status.expected, accepted: status.accepted },
  };
}

/** A command rebuilt from the store, as it was accepted; its dispatch, samples and end are replayed onto it. */
function replayed(
  id: string,
  command: { request: CommandRecord['request']; mcu: string | null; place?: string | null; expected: number | null; accepted: number },
  ttlMs: number,
): NewCommand {
  return { id, request: command.request, mcu: command.mcu, place: command.place ?? null, accepted: command.accepted, ttlMs, expected: command.expected };
}

/** What a sample's record costs besides its data, bytes (ids, hops, device fields). */
const SAMPLE_OVERHEAD_BYTES = 400;

/** Whether a sample with this `seq` is already there (a line repeated in the store). */
function hasSample(samples: readonly SampleRecord[], seq: number): boolean {
  // Samples come in order, so a repeat is almost always the last one; the scan is for a damaged file.
  if (samples.length === 0) return false;
  if (samples[samples.length - 1]!.seq === seq) return true;
  return samples.some((sample) => sample.seq === seq);
}

/** The error for what the store could not write (`what`: the command itself unless said). */
function storeUnavailable(store: SegmentedStore, what = 'the command'): CommandError {
  const why = store.health().error ?? 'the write failed';
  return { code: 'store-unavailable', message: `the datapool could not store ${what} (${why}); nothing unstored is reported as a result` };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A span for a log line or error: hours when it is that long, seconds otherwise. */
function duration(ms: number): string {
  return ms >= 3_600_000 ? `${+(ms / 3_600_000).toFixed(1)} h` : seconds(ms);
}

/** The reply holds a field besides the protocol's and `pong`: a reading. */
function carriesReading(reply: ReplyLine): boolean {
  for (const key of Object.keys(reply)) if (key !== 'pong' && !REPLY_PROTOCOL_FIELDS.has(key)) return true;
  return false;
}
