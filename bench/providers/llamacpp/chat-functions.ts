import type { ToolDefinition } from '../../host/tool-host.js';
import type { ChatModelFunctions, GbnfJsonSchema, GbnfPrimitive } from './node-llama-cpp-api.js';

/**
 * Our tools as node-llama-cpp functions. node-llama-cpp turns each function's parameter schema into a
 * grammar the model's call must follow, and that grammar understands a subset of JSON Schema in which every
 * listed property must be written. So the schemas are narrowed to that subset, and each optional top-level
 * property becomes "its type or null": the model can then leave it out by writing null, and the null is
 * dropped from the arguments again, so the tool sees the property omitted (and applies its default), not a
 * made-up value.
 */

export interface ChatFunctions {
  functions: ChatModelFunctions;
  /** Per tool, the optional properties made nullable, whose nulls `callArguments` drops. */
  optional: ReadonlyMap<string, ReadonlySet<string>>;
}

const PRIMITIVES: readonly GbnfPrimitive[] = ['string', 'number', 'integer', 'boolean', 'null'];
/** For a schema the grammar cannot express: any JSON value. */
const ANY_VALUE: GbnfJsonSchema = {
  oneOf: [{ type: ['string', 'number', 'boolean', 'null'] }, { type: 'array' }, { type: 'object', additionalProperties: true }],
};
const STRING_FORMATS = ['date-time', 'time', 'date'] as const;

export function toChatFunctions(tools: readonly ToolDefinition[]): ChatFunctions {
  const functions: ChatModelFunctions = {};
  const optional = new Map<string, ReadonlySet<string>>();
  for (const tool of tools) {
    const { params, nullable } = toolParams(tool.inputSchema);
    functions[tool.name] = { description: tool.description, params };
    optional.set(tool.name, nullable);
  }
  return { functions, optional };
}

/** The arguments JSON text of a call, with the nulls standing for omitted optional properties removed. */
export function callArguments(name: string, params: unknown, optional: ChatFunctions['optional']): string {
  if (params === undefined) return '{}';
  const nullable = optional.get(name);
  if (nullable === undefined || !isRecord(params)) return JSON.stringify(params);
  const kept = Object.fromEntries(Object.entries(params).filter(([key, value]) => !(value === null && nullable.has(key))));
  return JSON.stringify(kept);
}

function toolParams(inputSchema: Record<string, unknown>): { params: GbnfJsonSchema; nullable: ReadonlySet<string> } {
  const properties = isRecord(inputSchema.properties) ? inputSchema.properties : {};
  const required = new Set(stringArray(inputSchema.required));
  const nullable = new Set<string>();
  const converted: Record<string, GbnfJsonSchema> = {};
  for (const [key, schema] of Object.entries(properties)) {
    const property = toGbnfSchema(schema);
    if (required.has(key) || allowsNull(property)) {
      converted[key] = property;
    } else {
      converted[key] = { oneOf: [property, { type: 'null' }], ...describe(schema) };
      nullable.add(key);
    }
  }
  return { params: { type: 'object', properties: converted }, nullable };
}

/** Narrows a JSON Schema to what node-llama-cpp's grammar supports, keeping the descriptions. */
export function toGbnfSchema(schema: unknown): GbnfJsonSchema {
  if (!isRecord(schema)) return ANY_VALUE;
  const description = describe(schema);
  if ('const' in schema && isPrimitiveValue(schema.const)) return { const: schema.const, ...description };
  if (Array.isArray(schema.enum) && schema.enum.every(isPrimitiveValue)) return { enum: schema.enum, ...description };
  const alternatives = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : null;
  if (alternatives !== null && alternatives.length > 0) return { oneOf: alternatives.map(toGbnfSchema), ...description };

  const types = typeof schema.type === 'string' ? [schema.type] : stringArray(schema.type);
  if (types.length === 0) return isRecord(schema.properties) ? objectSchema(schema, description) : ANY_VALUE;
  if (types.length > 1) {
    if (types.every(isPrimitive)) return { type: types.filter(isPrimitive), ...description };
    return { oneOf: types.map((type) => toGbnfSchema({ ...schema, type })), ...description };
  }
  const type = types[0];
  switch (type) {
    case 'object':
      return objectSchema(schema, description);
    case 'array':
      return {
        type: 'array',
        ...(schema.items === undefined ? {} : { items: toGbnfSchema(schema.items) }),
        ...numberField(schema, 'minItems'),
        ...numberField(schema, 'maxItems'),
        ...description,
      };
    case 'string': {
      const format = STRING_FORMATS.find((known) => known === schema.format);
      if (format !== undefined) return { type: 'string', format, ...description };
      return { type: 'string', ...numberField(schema, 'minLength'), ...numberField(schema, 'maxLength'), ...description };
    }
    case 'number':
    case 'integer':
    case 'boolean':
    case 'null':
      return { type, ...description };
    default:
      return ANY_VALUE;
  }
}

function objectSchema(schema: Record<string, unknown>, description: { description?: string }): GbnfJsonSchema {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  // `additionalProperties` is only carried over when it is a schema: JSON Schema's default (true) would let
  // the grammar invite keys the tool never asked for.
  const additional = isRecord(schema.additionalProperties) ? { additionalProperties: toGbnfSchema(schema.additionalProperties) } : {};
  return {
    type: 'object',
    properties: Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, toGbnfSchema(value)])),
    ...additional,
    ...description,
  };
}

function allowsNull(schema: GbnfJsonSchema): boolean {
  if ('type' in schema) return schema.type === 'null' || (Array.isArray(schema.type) && schema.type.includes('null'));
  if ('oneOf' in schema) return schema.oneOf.some(allowsNull);
  if ('enum' in schema) return schema.enum.includes(null);
  return 'const' in schema && schema.const === null;
}

function describe(schema: unknown): { description?: string } {
  return isRecord(schema) && typeof schema.description === 'string' ? { description: schema.description } : {};
}

function numberField<K extends string>(schema: Record<string, unknown>, key: K): Partial<Record<K, number>> {
  const value = schema[key];
  return typeof value === 'number' ? ({ [key]: value } as Partial<Record<K, number>>) : {};
}

function isPrimitive(type: string): type is GbnfPrimitive {
  return (PRIMITIVES as readonly string[]).includes(type);
}

function isPrimitiveValue(value: unknown): value is string | number | boolean | null {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
