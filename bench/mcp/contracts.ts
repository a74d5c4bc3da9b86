import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { WorldContext } from '../../core/world/types.js';
import type { DatapoolClient } from '../../datapool/types.js';

/**
 * What the MCP layer's pieces agree on. The sensor servers are built on a `DatapoolClient`, so the same
 * servers run on the gateway architecture (in-process or HTTP datapool) and on a single board's own
 * device-native client.
 */

/** Builds one MCP server instance. One instance serves one client connection (one SDK Protocol each). */
export type ServerFactory = () => McpServer;

export interface SensorServerOptions {
  datapool: DatapoolClient;
  /** Only MCUs with this id / in this place are offered (device-native mode pins a server to its board). */
  pinnedMcu?: string;
  /** Carried on every command so emulated boards sample this world (a trial's own world). */
  world?: WorldContext;
}

/** One server to offer over a multi-server transport (HTTP paths, MQTT server-names). */
export interface ServerEntry {
  /** `iotmcp/sensors/dht11`-style name (MQTT server-name; the HTTP path is derived from it). */
  name: string;
  /** One short line (MQTT presence description). */
  description: string;
  factory: ServerFactory;
  /**
   * Its tools can move actuators (an actuator server, the safety server): a transport that tells its callers
   * apart lets only those allowed to move things reach it (`McpHttpOptions.actuatorToken`).
   */
  actuates?: boolean;
}

/** MCP over MQTT server-name of a sensor type's server: `iotmcp/sensors/<sensor key>` (e.g. iotmcp/sensors/hc-sr04). */
export const SENSOR_SERVER_NAME_PREFIX = 'iotmcp/sensors/';
/** MCP over MQTT server-name of a board's own server in device-native mode: `iotmcp/devices/<mcu id>`. */
export const DEVICE_SERVER_NAME_PREFIX = 'iotmcp/devices/';
