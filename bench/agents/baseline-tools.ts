import { nameKey } from '../../core/names.js';
import type { ToolDefinition } from '../host/tool-host.js';
import { descriptionConceptOf, isStopword, tokens } from './baseline-words.js';

/**
 * What the baseline learns from the tools it is offered, exactly as a model would: names, descriptions and
 * input schemas (never the host's own records of them), and from the fleet tool's text reply which board
 * sits where and carries what.
 */

export interface FieldInfo {
  name: string;
  unit: string | null;
  /** Concepts of the field's name and unit: what the field *is*. */
  concepts: ReadonlySet<string>;
  /** Concepts of its description: what it is about. */
  about: ReadonlySet<string>;
  /** A yes/no field ("True while ..."). */
  flag: boolean;
  /** What each element of a list field is, when its description says ("[air probe, soil/water probe]"). */
  items: readonly string[] | null;
}

export interface SensorTool {
  name: string;
  /** The sensor type the description names ("DHT11"). */
  sensor: string;
  /** The board a native tool is pinned to (from `on MCU "..."`), null on the gateway. */
  mcu: string | null;
  /** That board's place, when the description says (`on MCU "..." in kitchen`). */
  place: string | null;
  /** What the tool does, from its description ("read temperature"). */
  action: string;
  fields: readonly FieldInfo[];
  /** Concepts of the sensor's one-line description. */
  topic: ReadonlySet<string>;
  /** The arguments its schema declares. */
  args: ReadonlySet<string>;
}

export interface FleetTool {
  name: string;
}

export interface Board {
  id: string;
  place: string | null;
  online: boolean;
  sensors: readonly string[];
}

/** A sensor type as its tools describe it. */
export interface SensorInfo {
  name: string;
  key: string;
  tools: SensorTool[];
  /** Concept -> how strongly the sensor is about it (1 its topic or a field, 0.5 a field's description). */
  vocab: Map<string, number>;
}

export interface Catalogue {
  sensorTools: readonly SensorTool[];
  fleetTools: readonly FleetTool[];
  /** Places a sensor tool's `place` argument lists. */
  places: readonly string[];
  sensors: readonly SensorInfo[];
  /** How rare each concept is among the sensors (log(1 + sensors / sensors about it)): rarer decides more. */
  idf: ReadonlyMap<string, number>;
}

/** The concepts a tool's description speaks of. */
export function conceptsOf(text: string): Set<string> {
  const found = new Set<string>();
  for (const word of tokens(text)) if (!isStopword(word) && !/^\d/.test(word)) found.add(descriptionConceptOf(word));
  return found;
}

/** What a unit says a value is. */
const UNIT_CONCEPTS: Readonly<Record<string, string>> = {
  C: 'temperature',
  '%RH': 'humidity',
  lux: 'light',
  cm: 'distance',
  V: 'voltage',
  mT: 'magnet',
  'm/s2': 'accel',
  'deg/s': 'gyro',
  deg: 'angle',
  dBA: 'sound',
  '%': 'moisture',
};

function parseField(text: string): FieldInfo | undefined {
  const match = /^([a-z_][a-z0-9_]*)(?: \[([^\]]+)\])?: (.*)$/is.exec(text.trim());
  if (!match) return undefined;
  const [, name = '', unit, description = ''] = match;
  const concepts = conceptsOf(name.replace(/_/g, ' '));
  const unitConcept = unit === undefined ? undefined : UNIT_CONCEPTS[unit];
  if (unitConcept !== undefined) concepts.add(unitConcept);
  const items =
    /\[([^\]]+,[^\]]+)\]/
      .exec(description)?.[1]
      ?.split(',')
      .map((item) => item.trim()) ?? null;
  return { name, unit: unit ?? null, concepts, about: conceptsOf(description), flag: /^true\b/i.test(description.trim()), items };
}

/** `DHT11 on MCU "x" in kitchen (topic): read temperature, live. Returns temperature [C]: ...; humidity ... One sample now ...` */
const SENSOR_NAME = /^([A-Za-z0-9][\w-]*)/;
const BOARD = /^\S+ on MCU "([^"]+)"(?: in ([^\s(]+))?/;
const TOPIC = /^[^(]*\((.*)\): ([^,.]+), live\./s;
const RETURNS = /Returns (.*?)\.(?: One sample now|$)/s;

function declaredArgs(tool: ToolDefinition): Set<string> {
  const properties = tool.inputSchema['properties'];
  return new Set(typeof properties === 'object' && properties !== null ? Object.keys(properties) : []);
}

/** Reads a sensor tool's description piece by piece, so a description that says more still reads. */
function readSensorTool(tool: ToolDefinition): SensorTool | undefined {
  const args = declaredArgs(tool);
  // A sensor tool samples: it takes duration and interval.
  if (!args.has('duration') || !args.has('interval')) return undefined;
  const description = tool.description;
  const sensor = SENSOR_NAME.exec(description)?.[1] ?? tool.name;
  const board = BOARD.exec(description);
  const topic = TOPIC.exec(description);
  const fields = (RETURNS.exec(description)?.[1] ?? '')
    .split('; ')
    .map(parseField)
    .filter((f): f is FieldInfo => f !== undefined);
  return {
    name: tool.name,
    sensor,
    mcu: board?.[1] ?? null,
    place: board?.[2] ?? null,
    action: topic?.[2] ?? tool.name.replace(/_/g, ' '),
    fields,
    topic: conceptsOf(topic?.[1] ?? description),
    args,
  };
}

/** Places listed in a `place` argument's description ("Optional place: living-room, kitchen. Default: ..."). */
function placesOf(tool: ToolDefinition): string[] {
  const properties = tool.inputSchema['properties'] as Record<string, { description?: unknown }> | undefined;
  const description = properties?.['place']?.description;
  if (typeof description !== 'string') return [];
  const match = /place:\s*([^.]+)\./i.exec(description);
  return match
    ? match[1]!
        .split(',')
        .map((p) => p.trim())
        .filter((p) => /^[a-z0-9][a-z0-9 _-]*$/i.test(p))
    : [];
}

export function readCatalogue(tools: readonly ToolDefinition[]): Catalogue {
  const sensorTools: SensorTool[] = [];
  const fleetTools: FleetTool[] = [];
  const places = new Set<string>();
  for (const tool of tools) {
    if (/(^|_)list_devices$/.test(tool.name)) {
      fleetTools.push({ name: tool.name });
      continue;
    }
    const sensorTool = readSensorTool(tool);
    if (sensorTool === undefined) continue;
    sensorTools.push(sensorTool);
    for (const place of placesOf(tool)) places.add(place);
  }
  const sensors = sensorsOf(sensorTools);
  return { sensorTools, fleetTools, places: [...places], sensors, idf: inverseFrequencies(sensors) };
}

function sensorsOf(tools: readonly SensorTool[]): SensorInfo[] {
  const byKey = new Map<string, SensorInfo>();
  for (const tool of tools) {
    const key = nameKey(tool.sensor);
    let info = byKey.get(key);
    if (info === undefined) {
      info = { name: tool.sensor, key, tools: [], vocab: new Map() };
      byKey.set(key, info);
    }
    info.tools.push(tool);
    const vocab = info.vocab;
    const weigh = (concept: string, weight: number) => vocab.set(concept, Math.max(vocab.get(concept) ?? 0, weight));
    for (const concept of tool.topic) weigh(concept, 1);
    for (const field of tool.fields) {
      for (const concept of field.concepts) weigh(concept, 1);
      for (const concept of field.about) weigh(concept, 0.5);
    }
  }
  return [...byKey.values()];
}

function inverseFrequencies(sensors: readonly SensorInfo[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const sensor of sensors) for (const concept of sensor.vocab.keys()) counts.set(concept, (counts.get(concept) ?? 0) + 1);
  return new Map([...counts].map(([concept, count]) => [concept, Math.log(1 + sensors.length / count)]));
}

/** `esp32-living-room (ESP32) in living-room, online: DHT11, HC-SR501` lines of a list_devices reply. */
const DEVICE_LINE = /^\s*(\S+) \((.*?)\) in (.+?), (online|offline)\b:?\s*(.*)$/i;

export function parseDeviceList(text: string): Board[] {
  const boards: Board[] = [];
  for (const line of text.split('\n')) {
    const match = DEVICE_LINE.exec(line);
    if (!match) continue;
    const [, id = '', , place = '', state = '', sensors = ''] = match;
    boards.push({
      id,
      place: place === 'no place' ? null : place,
      online: state.toLowerCase() === 'online',
      sensors: sensors
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    });
  }
  return boards;
}
