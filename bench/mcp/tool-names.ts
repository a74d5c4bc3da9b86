import { SENSOR_SERVER_NAME_PREFIX } from './contracts.js';

/**
 * Every LLM provider accepts tool names matching ^[a-zA-Z0-9_-]{1,64}$; some reject dots, spaces or
 * capitals in surprising ways, so names are lower case with everything else folded to '_'.
 */
export const TOOL_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

function snake(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** A sensor's tool under a name unique across all sensors: `dht11_read_temperature`, `hc_sr04_read_distance`. */
export function prefixedToolName(sensor: string, tool: string): string {
  const name = `${snake(sensor)}_${snake(tool)}`;
  if (!TOOL_NAME_PATTERN.test(name)) throw new Error(`tool name "${name}" (${sensor} ${tool}) is not a valid tool name`);
  return name;
}

/** The URL/topic-safe key of a sensor type: lower case with '-' (`dht11`, `hc-sr04`, `guva-s12sd`). */
export function sensorPathKey(sensor: string): string {
  return sensor
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** MCP server name of a sensor type's server: `iotmcp/sensors/dht11`, `iotmcp/sensors/hc-sr04`. */
export function sensorServerName(sensor: string): string {
  return SENSOR_SERVER_NAME_PREFIX + sensorPathKey(sensor);
}

/** MCP server names of the actuator servers: `iotmcp/actuators/<actuator key>` (e.g. iotmcp/actuators/relay-fan). */
export const ACTUATOR_SERVER_NAME_PREFIX = 'iotmcp/actuators/';

/** MCP server name of an actuator type's server: `iotmcp/actuators/window-servo`. */
export function actuatorServerName(actuator: string): string {
  return ACTUATOR_SERVER_NAME_PREFIX + sensorPathKey(actuator);
}

/** MCP server name of the safety server, which carries `emergency_stop`. */
export const SAFETY_SERVER_NAME = 'iotmcp/safety';
