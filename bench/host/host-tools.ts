import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { ACTUATORS } from '../../core/actuators/catalogue.js';
import type { ActuatorSpec } from '../../core/actuators/types.js';
import { SENSORS } from '../../core/sensors/catalogue.js';
import type { SensorSpec } from '../../core/sensors/types.js';
import { prefixedToolName } from '../mcp/tool-names.js';
import { HOST_ONLY_TOOLS, hostToolName } from './host-tool-names.js';
import type { ServerLink } from './server-link.js';
import type { HostTool } from './tool-host.js';

/**
 * The tools the model is offered: every connected server's tools, listed once, named for the model
 * (`dht11_read_temperature`, `esp32_living_room__dht11_read_temperature`, `list_devices`) and put in a
 * stable order: by sensor in catalogue order (then board, then the sensor's own tool order), then the fleet,
 * then the actuator tools by actuator in catalogue order (each in its datasheet's command order), the safety
 * server's last. Measurement probes (`ping_device`) are callable by name but never offered.
 */

/** Where a host tool's calls go. */
export interface ToolRoute {
  tool: HostTool;
  client: Client;
}

export interface HostToolSet {
  /** The tools offered to the model. */
  tools: HostTool[];
  /** Every callable tool by its host name: the offered ones and the host-only probes (`HOST_ONLY_TOOLS`). */
  routes: Map<string, ToolRoute>;
}

/** What a prefixed tool of a board's server is: `dht11_read_temperature` -> DHT11 read_temperature. */
const PREFIXED = new Map<string, { spec: SensorSpec; tool: string }>(
  SENSORS.flatMap((spec) => Object.keys(spec.tools).map((tool) => [prefixedToolName(spec.name, tool), { spec, tool }] as const)),
);
const CATALOGUE_INDEX = new Map<string, number>(SENSORS.map((spec, index) => [spec.name, index]));
/** Sort keys after every sensor tool: the fleet, then each actuator type, then the safety server. */
const FLEET_KEY = SENSORS.length;
const ACTUATOR_KEY = new Map<string, number>(ACTUATORS.map((spec, index) => [spec.name, FLEET_KEY + 1 + index]));
const SAFETY_KEY = FLEET_KEY + 1 + ACTUATORS.length;

interface Placed {
  tool: HostTool;
  client: Client;
  /** Sort key: sensor (catalogue index; the fleet, the actuators and the safety server after every sensor), board, tool. */
  key: [number, number, number];
}

/** Lists every link's tools (all at once) and names them; throws when two tools would share a name. */
export async function listHostTools(links: readonly ServerLink[]): Promise<HostToolSet> {
  const listed = await Promise.all(
    links.map(async (link) => {
      try {
        return (await link.client.listTools()).tools;
      } catch (error) {
        throw new Error(`could not list the tools of MCP server ${link.server}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }),
  );
  const placed = links.flatMap((link, linkIndex) => listed[linkIndex]!.map((tool, toolIndex) => place(link, linkIndex, tool, toolIndex)));
  placed.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2]);

  const routes = new Map<string, ToolRoute>();
  for (const { tool, client } of placed) {
    const taken = routes.get(tool.name);
    if (taken !== undefined) {
      throw new Error(`two tools would both be offered as "${tool.name}": ${taken.tool.mcpName} of ${taken.tool.server} and ${tool.mcpName} of ${tool.server}`);
    }
    routes.set(tool.name, { tool, client });
  }
  const offered = placed.filter((entry) => !isProbe(entry.tool));
  return { tools: offered.map((entry) => entry.tool), routes };
}

function place(link: ServerLink, linkIndex: number, listed: Tool, listedIndex: number): Placed {
  const common = {
    description: listed.description ?? listed.title ?? '',
    inputSchema: listed.inputSchema as Record<string, unknown>,
    server: link.server,
    mcpName: listed.name,
  };
  const { role } = link;
  const fleetKey = FLEET_KEY;
  if (role.kind === 'actuator') return placeActuatorTool(link, role.spec, listed, listedIndex, common);
  if (role.kind === 'safety') {
    return {
      tool: { ...common, name: hostToolName(null, listed.name), sensor: null, tool: listed.name, safety: true },
      client: link.client,
      key: [SAFETY_KEY, linkIndex, listedIndex],
    };
  }
  if (role.kind === 'fleet') {
    return {
      tool: { ...common, name: hostToolName(null, listed.name), sensor: null, tool: listed.name },
      client: link.client,
      key: [fleetKey, linkIndex, listedIndex],
    };
  }
  if (role.kind === 'sensor') {
    const { spec } = role;
    return {
      tool: { ...common, name: hostToolName(spec.name, listed.name), sensor: spec.name, tool: listed.name },
      client: link.client,
      key: [CATALOGUE_INDEX.get(spec.name) ?? fleetKey, 0, toolIndex(spec, listed.name, listedIndex)],
    };
  }
  const known = PREFIXED.get(listed.name);
  // A board tool the catalogue does not know (other firmware) keeps its own name, after the known ones.
  const sensor = known?.spec.name ?? null;
  const tool = known?.tool ?? listed.name;
  return {
    tool: { ...common, name: hostToolName(sensor, tool, role.mcu), sensor, tool, pinnedMcu: role.mcu },
    client: link.client,
    key: [
      known === undefined ? fleetKey : CATALOGUE_INDEX.get(known.spec.name)!,
      linkIndex,
      known === undefined ? listedIndex : toolIndex(known.spec, tool, listedIndex),
    ],
  };
}

/** A measurement probe of the fleet or a board: callable, never offered. */
function isProbe(tool: HostTool): boolean {
  return tool.sensor === null && tool.actuator === undefined && tool.safety === undefined && HOST_ONLY_TOOLS.has(tool.tool);
}

/**
 * An actuator server's tool (`window_servo_set_opening`) is the actuator and its command (`set_opening`), offered
 * under the name the server gives it. A tool the datasheet does not know keeps its name as its command.
 */
function placeActuatorTool(
  link: ServerLink,
  spec: ActuatorSpec,
  listed: Tool,
  listedIndex: number,
  common: Pick<HostTool, 'description' | 'inputSchema' | 'server' | 'mcpName'>,
): Placed {
  const commands = Object.keys(spec.commands);
  const index = commands.findIndex((command) => prefixedToolName(spec.name, command) === listed.name);
  const command = index >= 0 ? commands[index]! : listed.name;
  return {
    tool: { ...common, name: hostToolName(null, listed.name), sensor: null, tool: command, actuator: spec.name },
    client: link.client,
    key: [ACTUATOR_KEY.get(spec.name) ?? SAFETY_KEY, 0, index >= 0 ? index : 1000 + listedIndex],
  };
}

/** The tool's place in its sensor's own list; tools the catalogue lacks come after, as listed. */
function toolIndex(spec: SensorSpec, tool: string, listedIndex: number): number {
  const index = Object.keys(spec.tools).indexOf(tool);
  return index >= 0 ? index : 1000 + listedIndex;
}
