import { createHash } from 'node:crypto';
import { PING_TOOL_NAME } from '../mcp/fleet-server.js';
import { prefixedToolName, TOOL_NAME_PATTERN } from '../mcp/tool-names.js';

/**
 * The names the model sees. Gateway: the sensor servers' tools prefixed with their sensor
 * (`dht11_read_temperature`) and the fleet tools as they are (`list_devices`). Native: each board offers its
 * own copy, so the board id goes in front (`esp32_living_room__dht11_read_temperature`). Every name fits
 * every provider's pattern (^[a-zA-Z0-9_-]{1,64}$); one that would not is shortened with a hash.
 */
export function hostToolName(sensor: string | null, tool: string, pinnedMcu?: string): string {
  const base = sensor === null ? tool : prefixedToolName(sensor, tool);
  if (pinnedMcu === undefined) return base;
  const board = pinnedMcu
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const name = `${board}__${base}`;
  if (TOOL_NAME_PATTERN.test(name)) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, 64 - 9)}_${hash}`;
}

/**
 * Tools (by their own, unprefixed name, of the fleet or of a board) the host lists and can call but never
 * offers a model: measurement probes. A model offered `ping_device` would change the task suite's tool set.
 */
export const HOST_ONLY_TOOLS: ReadonlySet<string> = new Set([PING_TOOL_NAME]);

/** The host's name of the idle round trip tool: `ping_device` (gateway), `esp32_living_room__ping_device` (a board's own). */
export function pingToolName(pinnedMcu?: string): string {
  return hostToolName(null, PING_TOOL_NAME, pinnedMcu);
}
