import { crc32 } from 'node:zlib';
import type { AnnounceLine } from '../../core/wire/messages.js';
import type { CommandError, NormalizedCommand, SampleRecord } from '../types.js';

/** A command as accepted. `expected` is null for a stream. */
export interface CommandRecord {
  kind: 'command';
  id: string;
  at: number;
  request: NormalizedCommand;
  mcu: string | null;
  place: string | null;
  expected: number | null;
  ttlMs: number;
}

/** The command line was written to the MCU's socket (again, after a reconnect). */
export interface DispatchRecord {
  kind: 'dispatch';
  id: string;
  mcu: string;
  at: number;
}

/**
 * How a command ended. Written for every command, even when its final sample already says it, so a lost
 * sample line cannot turn a finished command into an unfinished one; `samples` is how many it yielded.
 */
export interface EndRecord {
  kind: 'end';
  id: string;
  at: number;
  state: 'done' | 'failed';
  error?: CommandError;
  /** Samples the command yielded (absent in records written before it was kept). */
  samples?: number;
  /** The command as accepted, so a damaged command line does not lose a finished command (absent in older records). */
  command?: { request: NormalizedCommand; mcu: string | null; place: string | null; expected: number | null; accepted: number };
}

/** A reply line for no command we know (or one already finished): kept verbatim, never dropped. */
export interface OrphanRecord {
  kind: 'orphan';
  mcu: string;
  at: number;
  line: string;
}

/**
 * A board announced itself (without any token). Replayed after a restart, so the datapool knows its boards
 * before they reconnect: commands for them wait in the outbox instead of failing as unknown.
 */
export interface McuRecord {
  kind: 'mcu';
  id: string;
  at: number;
  announce: AnnounceLine;
  /** The connection proved nothing (no device key, no device token); absent when it did. */
  anonymous?: true;
}

export type StoreRecord = CommandRecord | DispatchRecord | SampleRecord | EndRecord | OrphanRecord | McuRecord;

const RECORD_KINDS = new Set(['command', 'dispatch', 'sample', 'end', 'orphan', 'mcu']);

/**
 * One record as a line: its CRC-32 in 8 hex digits, a space, its JSON. The checksum makes damage in the middle
 * of the store (a flipped bit, a half-overwritten line) show as a bad line instead of a record with a changed
 * value. Lines of stores written before checksums (plain JSON) are still read.
 */
export function encodeRecord(record: StoreRecord): string {
  const json = JSON.stringify(record);
  return `${hex8(crc32(json))} ${json}\n`;
}

/** The record a line holds, or null when it is damaged (checksum, JSON or shape). `line` has no newline. */
export function decodeRecord(line: string): StoreRecord | null {
  let json = line;
  if (line.charCodeAt(0) !== 0x7b /* { */) {
    if (line.length < 10 || line.charCodeAt(8) !== 0x20) return null;
    json = line.slice(9);
    if (line.slice(0, 8) !== hex8(crc32(json))) return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isObject(value)) return null;
  return hasRecordShape(value) ? (value as unknown as StoreRecord) : null;
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/** Enough of each kind's shape that replay can rely on it (the file may have been edited by hand). */
function hasRecordShape(r: Record<string, unknown>): boolean {
  const { kind } = r;
  if (typeof kind !== 'string' || !RECORD_KINDS.has(kind)) return false;
  if (kind === 'orphan') return typeof r['mcu'] === 'string' && typeof r['at'] === 'number' && typeof r['line'] === 'string';
  if (typeof r['id'] !== 'string') return false;
  switch (kind) {
    case 'command':
      return (
        typeof r['at'] === 'number' &&
        isObject(r['request']) &&
        (typeof r['request']['sensor'] === 'string' || typeof r['request']['actuator'] === 'string') &&
        typeof r['ttlMs'] === 'number'
      );
    case 'dispatch':
      return typeof r['at'] === 'number' && typeof r['mcu'] === 'string';
    case 'mcu':
      return (
        typeof r['at'] === 'number' &&
        isObject(r['announce']) &&
        Array.isArray(r['announce']['available_sensors']) &&
        r['announce']['available_sensors'].every((sensor) => typeof sensor === 'string')
      );
    case 'sample':
      return typeof r['seq'] === 'number' && typeof r['final'] === 'boolean' && isObject(r['hops']) && isObject(r['data']);
    default:
      return (
        typeof r['at'] === 'number' && (r['state'] === 'done' || r['state'] === 'failed') && (r['samples'] === undefined || typeof r['samples'] === 'number')
      );
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
