import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Logger } from '../../../core/log.js';
import type { SensorSpec } from '../../../core/sensors/types.js';
import type { WorldContext } from '../../../core/world/types.js';
import type { RunningFleet } from '../../../devices/fleet/start-fleet.js';
import type { EmulatedMcu } from '../../../devices/mcu/emulated-mcu.js';
import { DEVICE_SERVER_NAME_PREFIX, type ServerEntry } from '../contracts.js';
import { registerPingTool } from '../fleet-server.js';
import { type MqttServing, type ServeOverMqttOptions, serveOverMqtt } from '../mqtt/serve.js';
import type { MqttServerHost } from '../mqtt/server-host.js';
import { registerSensorTools } from '../sensor-tools.js';
import { SERVER_VERSION } from '../servers.js';
import { NativeBoardClient } from './native-board.js';

/**
 * Device-native mode: every board of a running fleet also hosts its own MCP server over MQTT
 * (host -> broker -> device, as in the ESP32 MCP-over-MQTT tutorials), next to its datapool link
 * (host -> datapool -> device). Each board's server is `iotmcp/devices/<mcu id>` and offers the tools of
 * the sensors it carries, prefixed with the sensor (`dht11_read_temperature`), run on that board alone,
 * and `ping_device`, the board's idle round trip (host -> broker -> board and back, no sensor touched).
 */

export interface StartNativeMcpOptions {
  fleet: RunningFleet;
  brokerUrl: string;
  /** Carried on every command, as `SensorServerOptions.world` is in gateway mode; a call's `_meta` world wins. */
  world?: WorldContext;
  log?: Logger;
  /** Host options for every board's server (timeouts, credentials, QoS...). */
  host?: ServeOverMqttOptions['host'];
}

export interface NativeMcp {
  /** One per board, in fleet order. */
  readonly hosts: readonly MqttServerHost[];
  /** Board id -> the client its tools use. */
  readonly boards: ReadonlyMap<string, NativeBoardClient>;
  /** Takes the boards' servers off the broker (their presences cleared); the boards keep running. */
  close(): Promise<void>;
}

export function deviceServerName(mcuId: string): string {
  return DEVICE_SERVER_NAME_PREFIX + mcuId;
}

/** Resolves once every board's server is online on the broker. */
export async function startNativeMcp(options: StartNativeMcpOptions): Promise<NativeMcp> {
  // A board serves MCP itself only in the emulator: our MicroPython firmware speaks the device protocol alone.
  const other = options.fleet.boards.filter((board) => board.firmwareKind !== 'emulator').map((board) => board.id);
  if (other.length > 0) {
    throw new Error(`device-native MCP needs every board on the emulator firmware; ${other.join(', ')} run${other.length === 1 ? 's' : ''} MicroPython`);
  }
  const boards = new Map<string, NativeBoardClient>();
  for (const mcu of options.fleet.mcus) boards.set(mcu.id, new NativeBoardClient({ mcu }));
  const entries = options.fleet.mcus.map((mcu) => boardEntry(mcu, boards.get(mcu.id)!, options.world));
  const closeBoards = (): void => {
    for (const board of boards.values()) board.close();
  };
  let serving: MqttServing;
  try {
    serving = await serveOverMqtt({
      brokerUrl: options.brokerUrl,
      servers: entries,
      idPrefix: 'native',
      ...(options.log !== undefined && { log: options.log }),
      ...(options.host !== undefined && { host: options.host }),
    });
  } catch (error) {
    closeBoards();
    throw error;
  }
  return {
    hosts: serving.hosts,
    boards,
    async close() {
      await serving.close();
      closeBoards();
    },
  };
}

function boardEntry(mcu: EmulatedMcu, board: NativeBoardClient, world: WorldContext | undefined): ServerEntry {
  const specs = distinctSpecs(mcu);
  const name = deviceServerName(mcu.id);
  return {
    name,
    description: `${mcu.model} in ${mcu.place}: ${specs.map((s) => s.name).join(', ')}`,
    factory: () => {
      const server = new McpServer({ name, version: SERVER_VERSION });
      for (const spec of specs) {
        registerSensorTools(server, spec, {
          datapool: board,
          pinnedMcu: mcu.id,
          pinnedPlace: mcu.place,
          prefix: true,
          ...(world !== undefined && { world }),
        });
      }
      registerPingTool(server, { datapool: board, pinnedMcu: mcu.id });
      return server;
    },
  };
}

/** A board may carry two sensors of one type; its server offers that type's tools once. */
function distinctSpecs(mcu: EmulatedMcu): SensorSpec[] {
  const seen = new Map<string, SensorSpec>();
  for (const sensor of mcu.firmware.sensors) if (!seen.has(sensor.spec.name)) seen.set(sensor.spec.name, sensor.spec);
  return [...seen.values()];
}
