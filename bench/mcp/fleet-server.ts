import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { now } from '../../core/clock.js';
import { nameKey } from '../../core/names.js';
import { findSensor, SENSORS } from '../../core/sensors/catalogue.js';
import { DEFAULT_PING_TIMEOUT_MS } from '../../datapool/pings.js';
import { DatapoolError, type McuInfo, type PingResult } from '../../datapool/types.js';
import type { SensorServerOptions } from './contracts.js';
import { ANSWER_MARGIN_MS, deadline } from './deadline.js';
import { errorCodeOf, errorResult } from './tool-errors.js';
import { prefixedToolName, sensorServerName } from './tool-names.js';

/**
 * The fleet's own tools: which boards exist, where they are, what they carry and whether they are online,
 * so a model can choose `mcu` or `place` for a sensor tool. Read-only; nothing here touches a board.
 */

export const FLEET_SERVER_NAME = 'iotmcp/fleet';
export const FLEET_RESOURCE_URI = 'iotmcp://fleet';
/** The idle round trip tool: a measurement probe the benchmark host calls but never offers a model. */
export const PING_TOOL_NAME = 'ping_device';

export interface DeviceSummary {
  id: string;
  model: string | null;
  place: string | null;
  online: boolean;
  sensors: string[];
}

export interface SensorSummary {
  sensor: string;
  description: string;
  /** Server of its own tools (stdio/HTTP/MQTT): `iotmcp/sensors/dht11`. */
  server: string;
  tools: { name: string; prefixedName: string; command: string; returns: string[] }[];
  /** The boards carrying it. */
  mcus: { id: string; place: string | null; online: boolean }[];
}

export function deviceSummaries(mcus: readonly McuInfo[], pinnedMcu?: string): DeviceSummary[] {
  return mcus
    .filter((mcu) => pinnedMcu === undefined || mcu.id === pinnedMcu)
    .map((mcu) => ({ id: mcu.id, model: mcu.model, place: mcu.place, online: mcu.online, sensors: [...mcu.sensors] }));
}

export function sensorSummaries(mcus: readonly McuInfo[], pinnedMcu?: string): SensorSummary[] {
  const devices = deviceSummaries(mcus, pinnedMcu);
  return SENSORS.map((spec) => ({
    sensor: spec.name,
    description: spec.description,
    server: sensorServerName(spec.name),
    tools: Object.entries(spec.tools).map(([tool, command]) => ({
      name: tool,
      prefixedName: prefixedToolName(spec.name, tool),
      command,
      returns: [...(spec.commands[command] ?? [])],
    })),
    mcus: devices.filter((device) => device.sensors.includes(spec.name)).map((device) => ({ id: device.id, place: device.place, online: device.online })),
  }));
}

const deviceShape = z.object({
  id: z.string(),
  model: z.string().nullable(),
  place: z.string().nullable(),
  online: z.boolean(),
  sensors: z.array(z.string()),
});

const sensorShape = z.object({
  sensor: z.string(),
  description: z.string(),
  server: z.string(),
  tools: z.array(z.object({ name: z.string(), prefixedName: z.string(), command: z.string(), returns: z.array(z.string()) })),
  mcus: z.array(z.object({ id: z.string(), place: z.string().nullable(), online: z.boolean() })),
});

const filterText = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .trim()
    .min(1, { error: `${what} must not be empty; omit it to list everything` })
    .max(128)
    .optional();

/** Registers `list_devices`, `list_sensors` and the `iotmcp://fleet` resource on `server`. */
export function registerFleetTools(server: McpServer, options: SensorServerOptions): void {
  const { datapool, pinnedMcu } = options;
  const readOnly = { readOnlyHint: true, openWorldHint: false, destructiveHint: false, idempotentHint: true };

  server.registerTool(
    'list_devices',
    {
      title: 'List IoT devices',
      description:
        'Lists the microcontrollers (MCUs) of the IoT fleet: id, model, place in the home, the sensor types each carries, ' +
        'and whether it is online. Use an id as the mcu argument, or a place as the place argument, of any sensor tool. ' +
        'Optional filters: sensor (any spelling, e.g. "dht11") and place (e.g. "kitchen").',
      inputSchema: z.strictObject({
        sensor: filterText('sensor').describe('Only MCUs carrying this sensor type, e.g. "DHT11" (optional)'),
        place: filterText('place').describe('Only MCUs in this place, e.g. "kitchen" (optional)'),
      }),
      outputSchema: z.object({ devices: z.array(deviceShape), count: z.number() }),
      annotations: readOnly,
    },
    async (args): Promise<CallToolResult> =>
      guarded(async () => {
        let devices = deviceSummaries(await deadline(datapool.mcus(), ANSWER_MARGIN_MS, 'the fleet list'), pinnedMcu);
        if (args.sensor !== undefined) {
          const spec = findSensor(args.sensor);
          if (spec === undefined) return toolError(`unknown sensor "${args.sensor}"; sensor types: ${SENSORS.map((s) => s.name).join(', ')}`);
          devices = devices.filter((device) => device.sensors.includes(spec.name));
        }
        if (args.place !== undefined) {
          const wanted = nameKey(args.place);
          const all = devices;
          devices = devices.filter((device) => device.place !== null && nameKey(device.place) === wanted);
          if (devices.length === 0) return toolError(`no MCU in place "${args.place}"; places: ${placesOf(all).join(', ') || 'none'}`);
        }
        const text = devices
          .map((d) => `${d.id} (${d.model ?? 'unknown model'}) in ${d.place ?? 'no place'}, ${d.online ? 'online' : 'OFFLINE'}: ${d.sensors.join(', ')}`)
          .join('\n');
        return {
          content: [{ type: 'text', text: `${devices.length} MCU${devices.length === 1 ? '' : 's'}:\n${text}` }],
          structuredContent: { devices, count: devices.length },
        };
      }),
  );

  server.registerTool(
    'list_sensors',
    {
      title: 'List sensor types',
      description:
        'Lists the 22 sensor types: what each senses, its MCP tools and the fields they return, and which MCUs (and places) ' +
        "carry it and whether they are online. Tool names are given as on the sensor's own server and prefixed " +
        '(e.g. dht11_read_temperature) as on the combined server.',
      inputSchema: z.strictObject({}),
      outputSchema: z.object({ sensors: z.array(sensorShape), count: z.number() }),
      annotations: readOnly,
    },
    async (): Promise<CallToolResult> =>
      guarded(async () => {
        const sensors = sensorSummaries(await deadline(datapool.mcus(), ANSWER_MARGIN_MS, 'the fleet list'), pinnedMcu);
        const text = sensors
          .map((s) => {
            const where = s.mcus.map((m) => `${m.place ?? m.id}${m.online ? '' : ' (offline)'}`).join(', ') || 'not in the fleet';
            return `${s.sensor} (${s.description}) in ${where}; tools: ${s.tools.map((t) => t.prefixedName).join(', ')}`;
          })
          .join('\n');
        return { content: [{ type: 'text', text }], structuredContent: { sensors, count: sensors.length } };
      }),
  );

  server.registerResource(
    'fleet',
    FLEET_RESOURCE_URI,
    { title: 'IoT fleet', description: 'The MCUs of the fleet with their places, sensors and online state (JSON)', mimeType: 'application/json' },
    async (uri) => {
      const devices = deviceSummaries(await deadline(datapool.mcus(), ANSWER_MARGIN_MS, 'the fleet list'), pinnedMcu);
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify({ devices }, null, 2) }] };
    },
  );
}

async function guarded(body: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await body();
  } catch (error) {
    return toolError(`the fleet could not be listed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function toolError(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

function placesOf(devices: readonly DeviceSummary[]): string[] {
  return [...new Set(devices.flatMap((device) => (device.place === null ? [] : [device.place])))].sort();
}

/** What `ping_device` returns: the round trip, and the instants `latencyOf` splits like a sensor call's. */
export interface PingToolOutput {
  mcu: string;
  answeredBy: PingResult['answeredBy'];
  /** The datapool's (or the device-native client's) ping round trip, ms. */
  roundTripMs: number;
  deviceElapsedMs: number | null;
  /** Epoch ms; mcp* on the MCP server's clock, the rest on the datapool's. */
  timing: {
    mcpReceived: number;
    dispatched: number;
    firstReceived: number;
    lastReceived: number;
    mcpReturned: number;
    /** One entry, shaped like a sensor sample's, so the device part is found where latencyOf looks. */
    samples: { received: number; stored: number; deviceTimestamp: null; deviceElapsedMs: number | null }[];
  };
}

const pingOutputSchema = z.object({
  mcu: z.string(),
  answeredBy: z.enum(['pong', 'error-line']),
  roundTripMs: z.number(),
  deviceElapsedMs: z.number().nullable(),
  timing: z.object({
    mcpReceived: z.number(),
    dispatched: z.number(),
    firstReceived: z.number(),
    lastReceived: z.number(),
    mcpReturned: z.number(),
    samples: z.array(z.object({ received: z.number(), stored: z.number(), deviceTimestamp: z.null(), deviceElapsedMs: z.number().nullable() })),
  }),
});

export interface PingToolOptions {
  /** How long to wait for the board, ms (default DEFAULT_PING_TIMEOUT_MS). */
  timeoutMs?: number;
}

/**
 * Registers `ping_device`: the idle round trip to one board (the paper's "no-load firmware that answers
 * without touching a sensor"), through the same server, datapool and link as a sensor call. Arguments:
 * `mcu` or `place` (the first online board there); a server pinned to a board takes none. The benchmark
 * host lists it but never offers it to a model (`HOST_ONLY_TOOLS`).
 */
export function registerPingTool(server: McpServer, options: SensorServerOptions, tuning: PingToolOptions = {}): void {
  const { datapool, pinnedMcu } = options;
  const timeoutMs = tuning.timeoutMs ?? DEFAULT_PING_TIMEOUT_MS;
  const inputSchema =
    pinnedMcu !== undefined
      ? z.strictObject({})
      : z
          .strictObject({
            mcu: filterText('mcu').describe('The MCU id to ping, e.g. "esp32-living-room" (this or place)'),
            place: filterText('place').describe('Ping the first online MCU in this place, e.g. "kitchen" (this or mcu)'),
          })
          .refine((args) => args.mcu !== undefined || args.place !== undefined, { error: 'give mcu or place: the board to ping' });
  server.registerTool(
    PING_TOOL_NAME,
    {
      title: 'Ping a device',
      description:
        'Measures the idle round trip to one microcontroller: it answers at once without touching a sensor. ' +
        (pinnedMcu !== undefined ? `Pings MCU "${pinnedMcu}".` : 'Give mcu (its id) or place (the first online MCU there).'),
      inputSchema,
      outputSchema: pingOutputSchema,
      annotations: { readOnlyHint: true, openWorldHint: true, destructiveHint: false, idempotentHint: true },
    },
    async (args: { mcu?: string; place?: string }): Promise<CallToolResult> => {
      const mcpReceived = now();
      try {
        const mcu = pinnedMcu ?? args.mcu ?? (await boardIn(args.place!, options));
        const ping = await deadline(datapool.ping(mcu, { timeoutMs }), timeoutMs + ANSWER_MARGIN_MS, 'the ping');
        const output: PingToolOutput = {
          mcu: ping.mcu,
          answeredBy: ping.answeredBy,
          roundTripMs: ping.roundTripMs,
          deviceElapsedMs: ping.deviceElapsedMs,
          timing: {
            mcpReceived,
            dispatched: ping.sent,
            firstReceived: ping.received,
            lastReceived: ping.received,
            mcpReturned: 0,
            samples: [{ received: ping.received, stored: ping.received, deviceTimestamp: null, deviceElapsedMs: ping.deviceElapsedMs }],
          },
        };
        const held = ping.deviceElapsedMs === null ? 'the board does not say how long it held it' : `the board held it ${ping.deviceElapsedMs} ms`;
        const text = `${ping.mcu} answered a ping (${ping.answeredBy}) in ${ping.roundTripMs.toFixed(3)} ms; ${held}`;
        output.timing.mcpReturned = now();
        return { content: [{ type: 'text', text }], structuredContent: output as unknown as Record<string, unknown> };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return errorResult(`could not ping ${args.mcu ?? pinnedMcu ?? `a board in "${args.place ?? ''}"`}: ${message}`, errorCodeOf(error));
      }
    },
  );
}

/** The first online board in `place` (lowest id); rejects naming the places when there is none. */
async function boardIn(place: string, options: SensorServerOptions): Promise<string> {
  const mcus = await deadline(options.datapool.mcus(), ANSWER_MARGIN_MS, 'the fleet list');
  const wanted = nameKey(place);
  const here = mcus.filter((mcu) => mcu.place !== null && nameKey(mcu.place) === wanted).sort((a, b) => (a.id < b.id ? -1 : 1));
  if (here.length === 0) {
    throw new DatapoolError('unknown-place', `no MCU in place "${place}"; places: ${placesOf(deviceSummaries(mcus)).join(', ') || 'none'}`);
  }
  const online = here.find((mcu) => mcu.online);
  if (online === undefined) throw new DatapoolError('device-offline', `every MCU in "${place}" is offline: ${here.map((m) => m.id).join(', ')}`);
  return online.id;
}
