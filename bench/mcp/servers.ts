import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { PACKAGE_VERSION } from '../../core/package.js';
import { SENSORS } from '../../core/sensors/catalogue.js';
import type { SensorSpec } from '../../core/sensors/types.js';
import { actuatorServerEntries } from './actuator-servers.js';
import type { ActuatorToolOptions } from './actuator-tools.js';
import type { SensorServerOptions, ServerEntry } from './contracts.js';
import { FLEET_SERVER_NAME, registerFleetTools, registerPingTool } from './fleet-server.js';
import { registerSensorTools, type SensorToolOptions } from './sensor-tools.js';
import { sensorServerName } from './tool-names.js';

/**
 * The MCP servers the benchmark offers: one per sensor type (as the original did), one carrying every
 * sensor tool (prefixed) plus the fleet tools, and the fleet alone. Each factory builds a fresh instance,
 * because one McpServer serves one connection.
 */

export const ALL_SENSORS_SERVER_NAME = 'iotmcp/all';

/** Options every server factory takes: the datapool and pinning of the contract, plus call tuning. */
export type McpServerOptions = SensorServerOptions & Omit<SensorToolOptions, 'prefix'>;

export const SERVER_VERSION = PACKAGE_VERSION;

/** A sensor type's own server: `iotmcp/sensors/dht11` with the unprefixed tools of the original (read_temperature...). */
export function createSensorServer(spec: SensorSpec, options: McpServerOptions): McpServer {
  const server = new McpServer(
    { name: sensorServerName(spec.name), title: `${spec.name} sensor`, version: SERVER_VERSION },
    { instructions: `Live readings of the ${spec.name} sensors of an IoT fleet: ${spec.description}.` },
  );
  registerSensorTools(server, spec, { ...options, prefix: false });
  return server;
}

/** Every sensor tool, prefixed (`dht11_read_temperature`), and the fleet tools: one server for a whole fleet. */
export function createAllSensorsServer(options: McpServerOptions): McpServer {
  const server = new McpServer(
    { name: ALL_SENSORS_SERVER_NAME, title: 'IoT fleet: all sensors', version: SERVER_VERSION },
    {
      instructions:
        'Live readings of the sensors of an IoT fleet (a simulated home). Each tool is <sensor>_<reading>; list_devices and ' +
        'list_sensors say which boards and places carry which sensors.',
    },
  );
  for (const spec of SENSORS) registerSensorTools(server, spec, { ...options, prefix: true });
  registerFleetTools(server, options);
  return server;
}

/**
 * The fleet's tools alone (`iotmcp/fleet`): list_devices, list_sensors, the iotmcp://fleet resource, and
 * ping_device (the idle round trip; the benchmark host never offers it to a model).
 */
export function createFleetServer(options: McpServerOptions): McpServer {
  const server = new McpServer(
    { name: FLEET_SERVER_NAME, title: 'IoT fleet directory', version: SERVER_VERSION },
    { instructions: 'Which microcontrollers the IoT fleet has, where they are, which sensors they carry, whether they are online.' },
  );
  registerFleetTools(server, options);
  registerPingTool(server, options);
  return server;
}

/** The 22 sensor-type servers, for a transport that offers many servers (HTTP paths, MQTT server-names). */
export function sensorServerEntries(options: McpServerOptions): ServerEntry[] {
  return SENSORS.map((spec) => ({
    name: sensorServerName(spec.name),
    description: `${spec.name}: ${spec.description}`,
    factory: () => createSensorServer(spec, options),
  }));
}

export function allSensorsServerEntry(options: McpServerOptions): ServerEntry {
  return {
    name: ALL_SENSORS_SERVER_NAME,
    description: 'All 80 sensor tools (prefixed, e.g. dht11_read_temperature) and the fleet tools',
    factory: () => createAllSensorsServer(options),
  };
}

export function fleetServerEntry(options: McpServerOptions): ServerEntry {
  return {
    name: FLEET_SERVER_NAME,
    description: 'The fleet: list_devices and list_sensors',
    factory: () => createFleetServer(options),
  };
}

/** What the actuator servers need beyond the datapool: the safety gate and the audit log (and call tuning). */
export type ActuatorServersOption = Omit<ActuatorToolOptions, 'datapool'>;

/**
 * Every server: the 22 sensor servers, then all-sensors and the fleet; and only when `actuators` is given, the
 * six actuator servers and the safety server. Without it nothing offered can move an actuator.
 */
export function allServerEntries(options: McpServerOptions, actuators?: ActuatorServersOption): ServerEntry[] {
  const sensors = [...sensorServerEntries(options), allSensorsServerEntry(options), fleetServerEntry(options)];
  return actuators === undefined ? sensors : [...sensors, ...actuatorServerEntries({ ...actuators, datapool: options.datapool })];
}
