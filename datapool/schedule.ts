import { randomUUID } from 'node:crypto';
import { now } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import { type CommandRequest, type CommandStatus, DatapoolError } from './types.js';

/** The original's schedule body: issue `request` every `interval` seconds from `start` to `end` (local time). */
export interface ScheduleSpec {
  startMs: number;
  endMs: number;
  intervalS: number;
  request: CommandRequest;
}

export interface ScheduleStatus {
  id: string;
  state: 'waiting' | 'running' | 'finished' | 'cancelled';
  start: number;
  end: number;
  interval: number;
  request: CommandRequest;
  /** Ids of the commands issued so far, in order. */
  commands: string[];
  /** Occurrences the datapool refused (e.g. the MCU's outbox was full). */
  errors: { at: number; code: string; message: string }[];
}

interface Schedule {
  status: ScheduleStatus;
  next: number;
  timer: NodeJS.Timeout | null;
}

/**
 * Runs schedules with one timer per schedule, armed for its next occurrence only (nothing polls). Missed
 * occurrences (a start in the past) are skipped, not issued in a burst.
 */
export class Scheduler {
  private readonly schedules = new Map<string, Schedule>();

  constructor(
    private readonly submit: (request: CommandRequest) => Promise<CommandStatus>,
    private readonly log: Logger,
  ) {}

  add(spec: ScheduleSpec): ScheduleStatus {
    if (!(spec.intervalS > 0) || !Number.isFinite(spec.intervalS)) {
      throw new DatapoolError('invalid-request', `schedule interval must be a number of seconds > 0 (got ${spec.intervalS})`);
    }
    if (spec.endMs < spec.startMs) throw new DatapoolError('invalid-request', 'schedule end is before its start');
    const t = Date.now();
    if (spec.endMs < t) throw new DatapoolError('invalid-request', 'schedule end is already past');
    const step = spec.intervalS * 1000;
    const skipped = t > spec.startMs ? Math.ceil((t - spec.startMs) / step) : 0;
    const schedule: Schedule = {
      status: {
        id: randomUUID(),
        state: 'waiting',
        start: spec.startMs,
        end: spec.endMs,
        interval: spec.intervalS,
        request: spec.request,
        commands: [],
        errors: [],
      },
      next: spec.startMs + skipped * step,
      timer: null,
    };
    this.schedules.set(schedule.status.id, schedule);
    this.arm(schedule);
    return schedule.status;
  }

  get(id: string): ScheduleStatus | undefined {
    return this.schedules.get(id)?.status;
  }

  cancel(id: string): ScheduleStatus | undefined {
    const schedule = this.schedules.get(id);
    if (schedule === undefined) return undefined;
    if (schedule.timer !== null) clearTimeout(schedule.timer);
    schedule.timer = null;
    if (schedule.status.state === 'waiting' || schedule.status.state === 'running') schedule.status.state = 'cancelled';
    return schedule.status;
  }

  close(): void {
    for (const id of this.schedules.keys()) this.cancel(id);
  }

  private arm(schedule: Schedule): void {
    if (schedule.next > schedule.status.end) {
      schedule.status.state = 'finished';
      schedule.timer = null;
      return;
    }
    schedule.timer = setTimeout(() => this.fire(schedule), Math.max(0, schedule.next - Date.now()));
  }

  private fire(schedule: Schedule): void {
    const { status } = schedule;
    status.state = 'running';
    this.submit(status.request).then(
      (command) => status.commands.push(command.id),
      (error: unknown) => {
        const code = error instanceof DatapoolError ? error.code : 'internal';
        const message = error instanceof Error ? error.message : String(error);
        status.errors.push({ at: now(), code, message });
        this.log('warn', `schedule ${status.id}: command refused: ${message}`);
      },
    );
    schedule.next += status.interval * 1000;
    this.arm(schedule);
  }
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/** Parses "YYYY-MM-DD HH:MM:SS" as local time (the original's format); null when it is not one. */
export function parseLocalTime(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = LOCAL_TIME.exec(text.trim());
  if (m === null) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, s);
  const roundTrips = date.getFullYear() === y && date.getMonth() === mo - 1 && date.getDate() === d && date.getHours() === h && date.getMinutes() === mi;
  return roundTrips ? date.getTime() : null;
}
