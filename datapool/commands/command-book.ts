import { now } from '../../core/clock.js';
import { type ReplyLine, replyElapsedMs, sampleCount } from '../../core/wire/messages.js';
import { type RetentionLimits, RetentionQueue } from '../retention-queue.js';
import {
  type CommandError,
  type CommandStatus,
  DatapoolError,
  type MemorySource,
  type NormalizedCommand,
  type SampleRecord,
  type WaitOptions,
} from '../types.js';
import { MAX_SERIES_SAMPLES } from '../validate.js';
import { readingOf } from './board-lines.js';
import { answerSampleWaiters, answerWaiters, isFinal, snapshot, type Waiter, waitForEnd } from './command-waiters.js';

/** What a watcher of one command hears, each as soon as it is kept (stored, where there is a store). */
export type CommandEvent = { type: 'sample'; sample: SampleRecord } | { type: 'end'; status: CommandStatus };

/** One command: its status, and what its life needs besides. */
export interface LiveCommand {
  status: CommandStatus;
  /** How long it may wait for its MCU, ms (0 where nothing waits: a device-native board). */
  ttlMs: number;
  /** Samples it will yield; Infinity for a stream. */
  expected: number;
  /** Samples received so far, kept or still being kept: the next one's `seq`. */
  received: number;
  waiters: Set<Waiter>;
  /** Made by the first `watch` (few commands are watched; none of the 100,000 kept needs an empty set). */
  watchers: Set<(event: CommandEvent) => void> | null;
  /** Counted among the finished commands kept for `status`/`wait`. */
  retired: boolean;
  /** About what it takes where it is kept, bytes: what the retention's byte limit counts. */
  bytes: number;
}

/** A command as it is accepted (or as a store gives it back). */
export interface NewCommand {
  id: string;
  request: NormalizedCommand;
  mcu: string | null;
  place: string | null;
  accepted: number;
  ttlMs: number;
  /** Samples it will yield, null for a stream; when absent, counted from the request. */
  expected?: number | null;
}

/** What a sample says about the board that took it. */
export interface SampleSource {
  place: string | null;
  /** What the board's announce says about its memory figures, if anything. */
  announcedMemory?: 'modeled' | 'measured' | null;
}

/** What differs between the owners of commands (the datapool, a device-native board). */
export interface CommandCarrier {
  /** Takes back a command that is queued or running: out of its queue, or stopped on its board. */
  withdraw(command: LiveCommand): void;
  /**
   * The command holds its board's slot no longer. Called at its final sample and again at its end: the second
   * call must change nothing.
   */
  release(command: LiveCommand): void;
  /**
   * Puts a command's end on record; nobody hears of the end before this settles. Absent where nothing is
   * recorded.
   */
  recordEnd?(command: LiveCommand, state: 'done' | 'failed', at: number, error: CommandError | undefined): Promise<unknown>;
}

export interface CommandBookOptions {
  carrier: CommandCarrier;
  /** Finished commands kept for `status`/`wait`: the newest within all three limits. */
  retain: RetentionLimits;
  /** What a command counts towards `retain.bytes` before any sample. Default 0. */
  commandBytes?: number;
  /** Samples a stream (duration < 0) may yield before it ends as done. Default: the most a series may have. */
  maxStreamSamples?: number;
  /** Said after the id when no command has it (` on MCU "x"`). */
  where?: string;
}

/**
 * The life of every command of one owner (the datapool, or a device-native board): the live ones and the
 * finished ones still answerable, each from its acceptance through its dispatch, its samples, and its end
 * (done, failed or cancelled) to its retirement, with the callers waiting for it or watching it answered
 * on the way. Lifecycle of a command: `queued` -> `dispatched` -> `done` or `failed`; where there is no
 * queue it is dispatched at once. How a command is queued, sent, freed and stored is the owner's
 * (`CommandCarrier`).
 */
export class CommandBook {
  private readonly commands = new Map<string, LiveCommand>();
  /** Finished commands still answerable by `status`/`wait`, oldest first, forgotten beyond the retention. */
  private readonly finished: RetentionQueue<string>;
  private readonly carrier: CommandCarrier;
  private readonly commandBytes: number;
  private readonly maxStreamSamples: number;
  private readonly where: string;

  constructor(options: CommandBookOptions) {
    this.carrier = options.carrier;
    this.finished = new RetentionQueue(options.retain);
    this.commandBytes = options.commandBytes ?? 0;
    this.maxStreamSamples = options.maxStreamSamples ?? MAX_SERIES_SAMPLES;
    this.where = options.where ?? '';
  }

  /** Registers a command as `queued`. */
  open(command: NewCommand): LiveCommand {
    const { request } = command;
    const expected = command.expected === undefined ? sampleCount(request.interval, request.duration) : (command.expected ?? Number.POSITIVE_INFINITY);
    const live: LiveCommand = {
      status: {
        id: command.id,
        state: 'queued',
        request,
        mcu: command.mcu,
        place: command.place,
        expected: Number.isFinite(expected) ? expected : null,
        samples: [],
        accepted: command.accepted,
      },
      ttlMs: command.ttlMs,
      expected,
      received: 0,
      waiters: new Set(),
      watchers: null,
      retired: false,
      bytes: this.commandBytes,
    };
    this.commands.set(command.id, live);
    return live;
  }

  has(id: string): boolean {
    return this.commands.has(id);
  }

  find(id: string): LiveCommand | undefined {
    return this.commands.get(id);
  }

  /** The command with this id; throws `not-found` when there is none (never was, or forgotten). */
  get(id: string): LiveCommand {
    const command = typeof id === 'string' ? this.commands.get(id) : undefined;
    if (command === undefined) throw new DatapoolError('not-found', `no command with id "${String(id)}"${this.where}`);
    return command;
  }

  /** Every command known, live and finished. */
  values(): IterableIterator<LiveCommand> {
    return this.commands.values();
  }

  /** Drops a command at once, whatever its state (one that, as it turned out, never existed). */
  forget(id: string): void {
    this.commands.delete(id);
  }

  /** Its line went to its board at `at`. */
  dispatched(command: LiveCommand, at: number): void {
    command.status.state = 'dispatched';
    command.status.dispatched = at;
  }

  /** Back to waiting for its board, as if never sent (the board dropped before answering it). */
  requeued(command: LiveCommand): void {
    command.status.state = 'queued';
    delete command.status.dispatched;
  }

  /** Whether a reply from `mcu` is this command's to take: it runs there and has samples still to come. */
  takes(command: LiveCommand, mcu: string): boolean {
    const { status } = command;
    return (
      status.mcu === mcu && status.state === 'dispatched' && command.received < (Number.isFinite(command.expected) ? command.expected : this.maxStreamSamples)
    );
  }

  /**
   * The command's next sample, made from a reading reply of `mcu` received at `receivedAt` (`storedAt`: when
   * it was kept, or 0 until it is): it is counted at once but not yet part of the command; `keep` adds it. A
   * final sample frees the board's slot now, and a stream that reached the most samples it may have is
   * stopped on its board: a board cannot make one command hold without end.
   */
  nextSample(command: LiveCommand, reply: ReplyLine, mcu: string, board: SampleSource | undefined, receivedAt: number, storedAt: number): SampleRecord {
    const { status } = command;
    const seq = command.received++;
    const stream = !Number.isFinite(command.expected);
    const final = stream ? seq + 1 >= this.maxStreamSamples : seq + 1 >= command.expected;
    const peakMemory = typeof reply.peak_memory === 'number' ? reply.peak_memory : null;
    const memorySource: MemorySource = board?.announcedMemory ?? (peakMemory !== null ? 'measured' : 'unknown');
    const sample: SampleRecord = {
      kind: 'sample',
      id: status.id,
      seq,
      mcu,
      place: board?.place ?? status.place,
      sensor: status.request.actuator ?? status.request.sensor ?? '',
      ...(status.request.actuator !== undefined && { actuator: status.request.actuator }),
      command: status.request.command,
      data: readingOf(reply),
      device: {
        timestamp: typeof reply.timestamp === 'number' ? reply.timestamp : null,
        peakMemory,
        memorySource,
        elapsedMs: replyElapsedMs(reply),
      },
      hops: { accepted: status.accepted, dispatched: status.dispatched ?? receivedAt, received: receivedAt, stored: storedAt },
      final,
    };
    if (final) {
      if (stream) this.carrier.withdraw(command);
      // The board's timer is free as soon as it sent the last sample: the next command may go now.
      this.carrier.release(command);
    }
    return sample;
  }

  /** Adds a sample made by `nextSample` to its command and tells whoever waits for it; the final one ends it. */
  keep(command: LiveCommand, sample: SampleRecord): void {
    command.status.samples.push(sample);
    if (command.watchers !== null) for (const watcher of command.watchers) watcher({ type: 'sample', sample });
    if (sample.final) void this.finish(command, 'done', undefined, false);
    else answerSampleWaiters(command);
  }

  /**
   * Ends a command (once: a finished one is left as it is): frees its slot, puts its end on record (unless
   * `record` is false: it was recorded with the final sample, or must not be), then answers its waiters and
   * watchers and keeps it among the finished.
   */
  async finish(command: LiveCommand, state: 'done' | 'failed', error?: CommandError, record = true): Promise<void> {
    const { status } = command;
    if (isFinal(status.state)) return;
    status.state = state;
    if (error !== undefined) status.error = error;
    status.completed = now();
    this.carrier.release(command);
    if (record && this.carrier.recordEnd !== undefined) await this.carrier.recordEnd(command, state, status.completed, error);
    const final = answerWaiters(command);
    if (command.watchers !== null) for (const watcher of command.watchers) watcher({ type: 'end', status: final });
    command.watchers = null;
    this.retire(command);
  }

  /**
   * Stops a command. A stream (duration < 0) ends as `done`; a queued command, or a series still running,
   * fails with `cancelled` (samples so far kept). Cancelling a finished command changes nothing.
   */
  async cancel(id: string): Promise<CommandStatus> {
    const command = this.get(id);
    const { status } = command;
    if (isFinal(status.state) || status.mcu === null) return snapshot(status);
    const queued = status.state === 'queued';
    this.carrier.withdraw(command);
    if (queued) {
      await this.finish(command, 'failed', { code: 'cancelled', message: `cancelled before it was sent to MCU "${status.mcu}"` });
    } else if (Number.isFinite(command.expected)) {
      await this.finish(command, 'failed', { code: 'cancelled', message: `cancelled after ${command.received} of ${command.expected} samples` });
    } else {
      await this.finish(command, 'done');
    }
    return snapshot(status);
  }

  /** Keeps a finished command (once) among those answerable, forgetting the oldest beyond the retention. */
  retire(command: LiveCommand): void {
    if (command.retired) return;
    command.retired = true;
    const { status } = command;
    for (const forgotten of this.finished.add(status.id, command.bytes, status.completed ?? now())) this.commands.delete(forgotten);
  }

  /** A copy of the command's status now. */
  status(id: string): CommandStatus {
    return snapshot(this.get(id).status);
  }

  /**
   * Resolves when the command ends, or after `timeoutMs` with the status so far. Both `until` modes return
   * early only when the command ends; 'window' says the caller means to collect for the whole window.
   */
  wait(id: string, options: WaitOptions): Promise<CommandStatus> {
    return waitForEnd(this.get(id), options);
  }

  /**
   * The command's status now, and every later sample and its end as each is kept, with nothing missed or
   * repeated in between. Returns a function that stops watching. The listener is never called for a
   * command that has already ended.
   */
  watch(id: string, listener: (event: CommandEvent) => void): { status: CommandStatus; stop: () => void } {
    const command = this.get(id);
    if (isFinal(command.status.state)) return { status: snapshot(command.status), stop: () => {} };
    command.watchers ??= new Set();
    const watchers = command.watchers;
    watchers.add(listener);
    return { status: snapshot(command.status), stop: () => watchers.delete(listener) };
  }

  /** Answers every waiter with what its command has now (the owner is closing). */
  answerEveryWaiter(): void {
    for (const command of this.commands.values()) answerWaiters(command);
  }
}
