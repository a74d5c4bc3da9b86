import { randomUUID } from 'node:crypto';
import { now } from '../../../core/clock.js';
import { pingLine, type ReplyLine } from '../../../core/wire/messages.js';
import { admit } from '../../../datapool/commands/admit.js';
import { boardFailure, commandLine, exitLine, isFailure } from '../../../datapool/commands/board-lines.js';
import { CommandBook, type LiveCommand, type SampleSource } from '../../../datapool/commands/command-book.js';
import { isFinal, snapshot, waitForEnd } from '../../../datapool/commands/command-waiters.js';
import { PendingPings } from '../../../datapool/pings.js';
import {
  type CommandRequest,
  type CommandStatus,
  type DatapoolClient,
  DatapoolError,
  type Health,
  type McuInfo,
  type PingOptions,
  type PingResult,
  type WaitOptions,
} from '../../../datapool/types.js';
import type { EmulatedMcu } from '../../../devices/mcu/emulated-mcu.js';
import { FIRMWARE_NAME } from '../../../devices/mcu/firmware.js';
import { DelayLine } from '../../../devices/network/delay-line.js';
import { createNetworkConditions, type NetworkConditions } from '../../../devices/network/profiles.js';

/**
 * Device-native mode: one board as a `DatapoolClient`, its commands run straight on its firmware with no
 * datapool in between, as when a board hosts its own MCP server (host -> broker -> device). So the same MCP
 * sensor tools work on either architecture, and a command lives exactly as in the datapool (the same
 * `CommandBook`: same checks and error codes, same samples, same ends), restricted to this one board.
 *
 * Differences from the datapool, all inherent to having none: nothing is stored (so `hops.stored`
 * equals `hops.received`), there is no outbox (a board that cannot take a command says so itself:
 * busy, MemoryError), and `ttlMs` has nothing to wait for.
 *
 * The board's WiFi hop (to the broker, in this architecture) is modelled like its link to the datapool in
 * the gateway one: on the `wifi` profile each line to the board and each reply back waits one draw of the
 * board's WiFi delay, in order, so native and gateway latencies compare on the same network.
 */

export interface NativeBoardClientOptions {
  mcu: EmulatedMcu;
  /** Finished commands kept for `status`/`wait`; the oldest are forgotten past this. Default 1000. */
  retainFinished?: number;
}

export class NativeBoardClient implements DatapoolClient {
  readonly mcu: EmulatedMcu;
  private readonly commands: CommandBook;
  /** What every sample says about this board. */
  private readonly board: SampleSource;
  private readonly untap: () => void;
  private readonly network: NetworkConditions;
  private readonly toBoard: DelayLine<string>;
  private readonly fromBoard: DelayLine<ReplyLine>;
  private readonly pings = new PendingPings();
  private readonly startedAt = now();
  private accepted = 0;
  private closed = false;

  constructor(options: NativeBoardClientOptions) {
    this.mcu = options.mcu;
    this.commands = new CommandBook({
      // The firmware frees its own timer; stopping a command is an `exit` straight to it.
      carrier: { withdraw: (command) => this.stop(command), release: () => {} },
      retain: { count: options.retainFinished ?? 1000, bytes: Number.POSITIVE_INFINITY, ageMs: Number.POSITIVE_INFINITY },
      where: ` on MCU "${options.mcu.id}"`,
    });
    this.board = { place: options.mcu.place, announcedMemory: options.mcu.firmware.announce().memory_model ?? null };
    this.network = createNetworkConditions({ profile: options.mcu.network, wifi: options.mcu.profile.wifi, seed: `${options.mcu.id}/native` });
    this.toBoard = new DelayLine((line) => this.mcu.firmware.handle(line));
    this.fromBoard = new DelayLine((reply) => this.receive(reply));
    this.untap = options.mcu.tapReplies((reply) => this.onReply(reply));
  }

  async submit(request: CommandRequest): Promise<CommandStatus> {
    return snapshot(this.accept(request).status);
  }

  async wait(id: string, options: WaitOptions): Promise<CommandStatus> {
    return this.commands.wait(id, options);
  }

  async run(request: CommandRequest, options: WaitOptions): Promise<CommandStatus> {
    return waitForEnd(this.accept(request), options);
  }

  async status(id: string): Promise<CommandStatus> {
    return this.commands.status(id);
  }

  /** Stops a command on the board (`exit` with `target`): a stream ends `done`, a series `cancelled`. */
  async cancel(id: string): Promise<CommandStatus> {
    return this.commands.cancel(id);
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
        // The client is on the board itself: it is reachable whenever the client is.
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
    if (this.closed) throw this.closedError();
    if (mcu !== this.mcu.id) throw new DatapoolError('unknown-mcu', `this is MCU "${this.mcu.id}"; it cannot ping MCU "${String(mcu)}"`);
    const id = randomUUID();
    // Registered first: the firmware answers inside handle().
    const answered = this.pings.expect(id, mcu, now(), options.timeoutMs);
    this.toBoard.push(JSON.stringify(pingLine(id)), this.network.delayMs());
    return answered;
  }

  /** Stops taking replies; unfinished commands are stopped on the board, fail, and their waiters are answered. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.untap();
    this.toBoard.clear();
    this.fromBoard.clear();
    this.pings.failAll(new DatapoolError('unavailable', `the device-native client of MCU "${this.mcu.id}" closed`));
    for (const command of this.commands.values()) {
      if (isFinal(command.status.state)) continue;
      this.stop(command);
      void this.commands.finish(command, 'failed', { code: 'device-offline', message: `the device-native client of MCU "${this.mcu.id}" closed` });
    }
  }

  /** Validates and routes a request as the datapool does, then hands the command line to the board. */
  private accept(request: CommandRequest): LiveCommand {
    if (this.closed) throw this.closedError();
    // Actuator commands go through the datapool only for now: its store keeps their record and outcome.
    if (typeof request === 'object' && request !== null && request.actuator != null) {
      throw new DatapoolError(
        'no-device',
        `the device-native client of MCU "${this.mcu.id}" drives no actuators yet; send actuator commands through the datapool`,
      );
    }
    const { command, mcu } = admit(request, [{ id: this.mcu.id, place: this.mcu.place, sensors: this.sensorTypes(), online: true }]);
    // There is no queue to wait in, so no ttl either: the board takes the command or refuses it at once.
    const live = this.commands.open({ id: randomUUID(), request: command, mcu, place: this.mcu.place, accepted: now(), ttlMs: 0 });
    this.accepted++;
    const sensorName = this.mcu.firmware.sensors.find((s) => s.spec.name === command.sensor)?.name;
    // The firmware may answer at once (a refusal), so the command is registered before the hand-over.
    this.commands.dispatched(live, now());
    this.toBoard.push(JSON.stringify(commandLine(live.status, sensorName)), this.network.delayMs());
    return live;
  }

  /** `exit` for one command, straight to the firmware. */
  private stop(command: LiveCommand): void {
    this.mcu.firmware.handle(JSON.stringify(exitLine(command.status.id)));
  }

  /**
   * Takes the firmware's replies to this client's commands and pings (after the WiFi hop back); every other
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
    const received = now();
    if (this.pings.watching && this.pings.take(this.mcu.id, reply, received)) return;
    const command = this.commands.find(reply.id as string);
    // Not taken: a sample already on its way when the command was cancelled.
    if (command === undefined || !this.commands.takes(command, this.mcu.id)) return;
    if (isFailure(reply)) {
      void this.commands.finish(command, 'failed', boardFailure(this.mcu.id, reply));
      return;
    }
    // Nothing is stored in native mode: a sample is kept the instant it is received.
    this.commands.keep(command, this.commands.nextSample(command, reply, this.mcu.id, this.board, received, received));
  }

  private sensorTypes(): string[] {
    return [...new Set(this.mcu.firmware.sensors.map((s) => s.spec.name))];
  }

  private closedError(): DatapoolError {
    return new DatapoolError('unavailable', `the device-native client of MCU "${this.mcu.id}" is closed`);
  }
}
