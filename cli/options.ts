import { InvalidArgumentError } from 'commander';
import { BROKER_ENV, DEFAULT_BROKER_URL } from '../bench/mcp/mqtt/defaults.js';
import type { HostPort } from '../core/net/host-port.js';

/** Parses `HOST:PORT`, `:PORT` or `PORT` (host defaults to 127.0.0.1: services stay local unless told otherwise). */
export function parseHostPort(value: string): HostPort {
  const match = /^(?:\[?([^\]]*?)\]?:)?(\d{1,5})$/.exec(value.trim());
  const port = match ? Number(match[2]) : NaN;
  if (!match || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError(`expected HOST:PORT (e.g. 127.0.0.1:9000), got "${value}"`);
  }
  return { host: match[1] || '127.0.0.1', port };
}

export function parseNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`expected a number, got "${value}"`);
  return n;
}

export function parseInteger(value: string): number {
  const n = parseNumber(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`expected a whole number, got "${value}"`);
  return n;
}

/** A number above 0 (`--retain-mb 0.5`). */
export function parsePositive(value: string): number {
  const n = parseNumber(value);
  if (n <= 0) throw new InvalidArgumentError(`expected a number above 0, got "${value}"`);
  return n;
}

/** A whole number of at least 1 (`--concurrency 4`). */
export function parsePositiveInteger(value: string): number {
  const n = parseInteger(value);
  if (n < 1) throw new InvalidArgumentError(`expected a whole number of at least 1, got "${value}"`);
  return n;
}

/** A world time: ISO 8601 (`2026-06-21T15:00:00Z`) or milliseconds since the epoch. */
export function parseWorldTime(value: string): number {
  const asNumber = Number(value);
  const ms = Number.isFinite(asNumber) && value.trim() !== '' ? asNumber : Date.parse(value);
  if (!Number.isFinite(ms)) throw new InvalidArgumentError(`expected an ISO time or epoch ms, got "${value}"`);
  return ms;
}

export function parseNetwork(value: string): 'ideal' | 'wifi' {
  if (value === 'ideal' || value === 'wifi') return value;
  throw new InvalidArgumentError(`expected "ideal" or "wifi", got "${value}"`);
}

export const DEFAULT_DEVICES = '127.0.0.1:9000';
export const DEFAULT_HTTP = '127.0.0.1:8000';
export const DEFAULT_DATAPOOL_URL = process.env['IOTMCP_DATAPOOL'] ?? 'http://127.0.0.1:8000';
export const DEFAULT_DATA_DIR = '.iotmcp/datapool';
/** The broker `--broker` defaults to: `IOTMCP_BROKER`, else a local Mosquitto. */
export const DEFAULT_BROKER = process.env[BROKER_ENV] ?? DEFAULT_BROKER_URL;
