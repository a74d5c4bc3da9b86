import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ACTUATORS } from '../../core/actuators/catalogue.js';
import type { ActuatorSpec } from '../../core/actuators/types.js';
import { PACKAGE_VERSION } from '../../core/package.js';
import { type ActuatorToolOptions, registerActuatorTools } from './actuator-tools.js';
import type { ServerEntry } from './contracts.js';
import { createSafetyServer, registerEmergencyStopTool, registerWaitTool } from './safety-server.js';
import { actuatorServerName, SAFETY_SERVER_NAME } from './tool-names.js';

/**
 * The actuator servers: one per actuator type (`iotmcp/actuators/relay-fan`) and the safety server. They exist
 * only when a caller hands over a safety gate and an audit log: the default servers never move anything.
 */

/** An actuator type's own server, its tools prefixed (`relay_fan_on`) like the all-sensors server's. */
export function createActuatorServer(spec: ActuatorSpec, options: ActuatorToolOptions): McpServer {
  const server = new McpServer(
    { name: actuatorServerName(spec.name), title: `${spec.name} actuator`, version: PACKAGE_VERSION },
    {
      instructions:
        `Drives the ${spec.name} actuators of an IoT fleet: ${spec.description}. Every move passes a safety gate; ` +
        'a refusal says why and what would be accepted.',
    },
  );
  registerActuatorTools(server, spec, options);
  return server;
}

/** The six actuator servers, then the safety server. */
export function actuatorServerEntries(options: ActuatorToolOptions): ServerEntry[] {
  return [
    ...ACTUATORS.map((spec) => ({
      name: actuatorServerName(spec.name),
      description: `${spec.name}: ${spec.description}`,
      factory: () => createActuatorServer(spec, options),
      actuates: true,
    })),
    // A stop moves every actuator (if only to its safe state): whoever may not move them may not stop them either.
    {
      name: SAFETY_SERVER_NAME,
      description: 'emergency_stop: every actuator of the session to its safe state; wait: let time pass',
      factory: () => createSafetyServer(options),
      actuates: true,
    },
  ];
}

/**
 * Every actuator tool, `emergency_stop` and `wait` on one server (a transport that serves a single server, as stdio): the
 * tools are prefixed, so they sit beside the all-sensors server's without a clash.
 */
export function registerEveryActuatorTool(server: McpServer, options: ActuatorToolOptions): void {
  for (const spec of ACTUATORS) registerActuatorTools(server, spec, options);
  registerEmergencyStopTool(server, options);
  registerWaitTool(server, options);
}
