import { randomUUID } from 'node:crypto';
import type { FieldValue, Reading } from '../../../core/sensors/types.js';
import type { EmulatedMcu } from '../../../devices/mcu/emulated-mcu.js';
import { FIRMWARE_NAME } from '../../../devices/mcu/firmware.js';
import { DelayLine } from '../../../devices/network/delay-line.js';
import { createNetworkConditions, type NetworkConditions } from '../../../devices/network/profiles.js';
import { pingLine, REPLY_PROTOCOL_FIELDS, replyElapsedMs, sampleCount, type CommandLine, type ReplyLine } from '../../../core/wire/messages.js';
import { now } from '../../../core/clock.js';
import { answerSampleWaiters, answerWaiters, isFinal, snapshot, waitForEnd, type Waiter } from '../../../datapool/command-waiters.js';
import { PendingPings } from '../../../datapool/pings.js';
import { route } from '../../../datapool/router.js';
import { normalizeRequest } from '../../../datapool/validate.js';
import {
  DatapoolError,
  type CommandError,
  type CommandRequest,
  type CommandStatus,
  type DatapoolClient,
  type Health,
  type McuInfo,
  type PingOptions,
  type PingResult,
  type SampleRecord,
  type WaitOptions,
} from '../../../datapool/types.js';

/**
 * Device-native mode: commands run straight on one board's firmware, with no datapool in between, as
 * when a board hosts its own MCP server (host -> broker -> device). It speaks `DatapoolClient`, so the
 * same MCP sensor tools work on either architecture, and it validates and routes exactly as the
 * datapool does (same checks, same error codes), restricted to this one board.
 *
 * Differences from the datapool, all inherent to having none: nothing is stored (so `hops.stored`
 * equals `hops.received`), there is no outbox (a board that cannot take a command says so itself:
 * queue full, MemoryError), and `ttlMs` has nothing to wait for.
 *
 * The board's WiFi hop (to the broker, in this architecture) is modelled like its link to the datapool in
 * the gateway one: on the `wifi` profile each line to the board and each reply back waits one draw of the
 * board's WiFi delay, in order, so native and gateway latencies compare on the same network.
 */

export interface BoardCommandRunnerOptions {
  mcu: EmulatedMcu;
  /** Finished commands kept for `status`/`wait`; the oldest are forgotten past this. Default 1000. */
  retainFinished?: number;
}


interface Entry {
  status: CommandStatus;
  /** Samples it will yield; Infinity for a stream. */
  expected: number;
  waiters: Set<Waiter>;
}


export class BoardCommandRunner implements DatapoolClient {
  readonly mcu: EmulatedMcu;
  private readonly commands = new Map<string, Entry>();
  /** Finished command ids, oldest first. */
  private readonly finished = new Set<string>();
  private readonly retainFinished: number;
  private readonly untap: () => void;
  private readonly network: NetworkConditions;
  private readonly toBoard: DelayLine<string>;
  private readonly fromBoard: DelayLine<ReplyLine>;
  private readonly pings = new PendingPings();
  private readonly startedAt = now();
  private accepted = 0;
  private closed = false;

  constructor(options: BoardCommandRunnerOptions) {
    this.mcu = options.mcu;
    this.retainFinished = options.retainFinished ?? 1000;
    this.network = createNetworkConditions({ profile: options.mcu.network, wifi: options.mcu.profile.wifi, seed: `${options.mcu.id}/native` });
    this.toBoard = new DelayLine((line) => this.mcu.firmware.handle(line));
    this.fromBoard = new DelayLine((reply) => this.receive(reply));
    this.untap = options.mcu.tapReplies((reply) => this.onReply(reply));
  }

  async submit(request: CommandRequest): Promise<CommandStatus> {
    if (this.closed) throw new DatapoolError('unavailable', `the native command runner of MCU "${this.mcu.id}" is closed`);
    const { command } = normalizeRequest(request);
    const routed = route(command, [{ id: this.mcu.id, place: this.mcu.place, sensors: this.sensorTypes(), online: true }]);
    if (!routed.ok) throw new DatapoolError(routed.error.code, routed.error.message);
    const id = randomUUID();
    const accepted = now();
    const expected = sampleCount(command.interval, command.duration);
    const entry: Entry = {
      status: {
        id,
        state: 'dispatched',
        request: command,
        mcu: this.mcu.id,
        place: this.mcu.place,
        expected: Number.isFinite(expected) ? expected : null,
        samples: [],
        accepted,
      },
      expected,
      waiters: new Set(),
    };
    this.commands.set(id, entry);
    this.accepted++;
    const line: CommandLine = {
      sensor: this.mcu.firmware.sensors.find((s) => s.spec.name === command.sensor)?.name ?? command.sensor,
      command: command.command,
      interval: command.interval,
      duration: command.duration,
      id,
    };
    if (command.world !== undefined) line.world = command.world;
    entry.status.dispatched = now();
    // The firmware may answer at once (a refusal), so the entry is registered before the hand-over.
    this.toBoard.push(JSON.stringify(line), this.network.delayMs());
    return snapshot(entry.status);
  }

  async wait(id: string, options: WaitOptions): Promise<CommandStatus> {
    return waitForEnd(this.entry(id), options);
  }

  async run(request: CommandRequest, options: WaitOptions): Promise<CommandStatus> {
    const status = await this.submit(request);
    return this.wait(status.id, options);
  }

  async status(id: string): Promise<CommandStatus> {
    return snapshot(this.entry(id).status);
  }

  /** Stops a command on the board (`exit` with `target`): a stream ends `done`, a series `cancelled`. */
  async cancel(id: string): Promise<CommandStatus> {
    const entry = this.entry(id);
    if (isFinal(entry.status.state)) return snapshot(entry.status);
    this.mcu.firmware.handle(JSON.stringify({ command: 'exit', target: id } satisfies CommandLine));
    if (Number.isFinite(entry.expected)) {
      this.finish(entry, 'failed', {
        code: 'cancelled',
        message: `cancelled after ${entry.status.samples.length} of ${entry.expected} samples`,
      });
    } else {
      this.finish(entry, 'done');
    }
    return snapshot(entry.status);
  }

  async mcus(): Promise<McuInfo[]> {
    const announced = this.mcu.firmware.announce();
    const t = Date.now();
    return [
      {
        id: this.mcu.id,
        model: this.mcu.model,
        place: this.mcu.place,
        firmware: announced.firmware ?? FIRMWARE_NAME,
        sensors: this.sensorTypes(),
        unknownSensors: [],
        // The runner is on the board itself: it is reachable whenever the runner is.
        online: !this.closed,
        memorySource: announced.memory_model ?? 'unknown',
        remote: null,
        connectedAt: null,
        lastSeenAt: t,
        queued: this.mcu.firmware.pending,
        speed: this.mcu.speed,
      },
    ];
  }

  async health(): Promise<Health> {
    return {
      ok: true,
      uptimeMs: now() - this.startedAt,
      mcusOnline: this.closed ? 0 : 1,
      mcusKnown: 1,
      commandsAccepted: this.accepted,
      recordsStored: 0,
    };
  }

  /** The idle round trip on the board itself: the firmware answers the ping line as it reads it. */
  async ping(mcu: string, options: PingOptions): Promise<PingResult> {
    if (this.closed) throw new DatapoolError('unavailable', `the native command runner of MCU "${this.mcu.id}" is closed`);
    if (mcu !== this.mcu.id) throw new DatapoolError('unknown-mcu', `this is MCU "${this.mcu.id}"; it cannot ping MCU "${String(mcu)}"`);
    const id = randomUUID();
    // Registered first: the firmware answers inside handle().
    const answered = this.pings.expect(id, mcu, now(), options.timeoutMs);
    this.toBoard.push(JSON.stringify(pingLine(id)), this.network.delayMs());
    return answered;
  }

  /** Stops taking replies; unfinished commands fail and their waiters are answered. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.untap();
    this.toBoard.clear();
    this.fromBoard.clear();
    this.pings.failAll(new DatapoolError('unavailable', `the native command runner of MCU "${this.mcu.id}" closed`));
    for (const entry of this.commands.values()) {
      if (isFinal(entry.status.state)) continue;
      this.mcu.firmware.handle(JSON.stringify({ command: 'exit', target: entry.status.id } satisfies CommandLine));
      this.finish(entry, 'failed', { code: 'device-offline', message: `the native command runner of MCU "${this.mcu.id}" closed` });
    }
  }

  /**
   * Takes the firmware's replies to this runner's commands and pings (after the WiFi hop back); every other
   * reply, a pong for the datapool's ping among them, goes on to the datapool link.
   */
  private onReply(reply: ReplyLine): boolean {
    const id = typeof reply.id === 'string' ? reply.id : undefined;
    if (id === undefined || !(this.commands.has(id) || this.pings.expects(id))) return false;
    this.fromBoard.push(reply, this.network.delayMs());
    return true;
  }

  private receive(reply: ReplyLine): void {
    if (this.closed) return;
    if (this.pings.watching && this.pings.take(this.mcu.id, reply, now())) return;
    const entry = this.commands.get(reply.id as string);
    if (entry === undefined) return;
    const received = now();
    const { status } = entry;
    if (isFinal(status.state)) return; // a sample already on its way when the command was cancelled
    if (reply.error !== undefined && reply.error !== null) {
      const error = typeof reply.error === 'string' ? reply.error : JSON.stringify(reply.error);
      // A board with every timer and queue slot taken is busy, not broken: say so, so a host can tell.
      const code = error.startsWith('Command queue full') ? 'queue-full' : 'device-error';
      this.finish(entry, 'failed', { code, message: `MCU "${this.mcu.id}" reported: ${error}` });
      return;
    }
    const seq = status.samples.length;
    const final = seq + 1 >= entry.expected;
    const data: Reading = {};
    for (const key of Object.keys(reply)) {
      if (!REPLY_PROTOCOL_FIELDS.has(key)) data[key] = reply[key] as FieldValue;
    }
    const peakMemory = typeof reply.peak_memory === 'number' ? reply.peak_memory : null;
    const sample: SampleRecord = {
      kind: 'sample',
      id: status.id,
      seq,
      mcu: this.mcu.id,
      place: this.mcu.place,
      sensor: status.request.sensor,
      command: status.request.command,
      data,
      device: {
        timestamp: typeof reply.timestamp === 'number' ? reply.timestamp : null,
        peakMemory,
        memorySource: this.mcu.firmware.announce().memory_model ?? (peakMemory !== null ? 'measured' : 'unknown'),
        elapsedMs: replyElapsedMs(reply),
      },
      // accepted: the call; dispatched: handed to the firmware; received: the reply produced. Nothing is
      // stored in native mode, so `stored` is the instant the reply was received.
      hops: { accepted: status.accepted, dispatched: status.dispatched ?? received, received, stored: received },
      final,
    };
    status.samples.push(sample);
    if (final) this.finish(entry, 'done');
    else answerSampleWaiters(entry);
  }

  private finish(entry: Entry, state: 'done' | 'failed', error?: CommandError): void {
    const { status } = entry;
    if (isFinal(status.state)) return;
    status.state = state;
    if (error !== undefined) status.error = error;
    status.completed = now();
    answerWaiters(entry);
    this.finished.add(status.id);
    while (this.finished.size > this.retainFinished) {
      const oldest = this.finished.values().next().value as string;
      this.finished.delete(oldest);
      this.commands.delete(oldest);
    }
  }

  private sensorTypes(): string[] {
    return [...new Set(this.mcu.firmware.sensors.map((s) => s.spec.name))];
  }

  private entry(id: string): Entry {
    const entry = typeof id === 'string' ? this.commands.get(id) : undefined;
    if (entry === undefined) throw new DatapoolError('not-found', `no command with id "${String(id)}" on MCU "${this.mcu.id}"`);
    return entry;
  }
}

