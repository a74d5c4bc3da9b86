import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ToolDefinition } from '../../host/tool-host.js';
import { callArguments, toChatFunctions, toGbnfSchema } from './chat-functions.js';

const SENSOR_TOOL: ToolDefinition = {
  name: 'dht11_read',
  description: 'Read the DHT11.',
  inputSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: {
      interval: { default: 1, description: 'Seconds between samples', type: 'number', minimum: 0, maximum: 3600 },
      place: { description: 'Optional place', type: 'string', minLength: 1, maxLength: 128 },
      unit: { enum: ['c', 'f'] },
    },
    required: ['unit'],
    additionalProperties: false,
  },
};

test('optional properties become nullable and required ones stay as they are', () => {
  const { functions, optional } = toChatFunctions([SENSOR_TOOL]);
  assert.deepEqual(functions.dht11_read, {
    description: 'Read the DHT11.',
    params: {
      type: 'object',
      properties: {
        interval: { oneOf: [{ type: 'number', description: 'Seconds between samples' }, { type: 'null' }], description: 'Seconds between samples' },
        place: {
          oneOf: [{ type: 'string', minLength: 1, maxLength: 128, description: 'Optional place' }, { type: 'null' }],
          description: 'Optional place',
        },
        unit: { enum: ['c', 'f'] },
      },
    },
  });
  assert.deepEqual([...(optional.get('dht11_read') ?? [])].sort(), ['interval', 'place']);
});

test('a null for an optional property is dropped from the arguments; other values are kept', () => {
  const { optional } = toChatFunctions([SENSOR_TOOL]);
  assert.equal(callArguments('dht11_read', { interval: null, place: 'kitchen', unit: 'c' }, optional), '{"place":"kitchen","unit":"c"}');
  assert.equal(callArguments('dht11_read', { interval: 0.5, place: null, unit: null }, optional), '{"interval":0.5,"unit":null}');
  assert.equal(callArguments('dht11_read', undefined, optional), '{}');
  assert.equal(callArguments('unknown_tool', { a: null }, optional), '{"a":null}');
});

test('keywords the grammar cannot express are dropped and unions become oneOf', () => {
  assert.deepEqual(toGbnfSchema({ type: ['string', 'null'], pattern: '^a' }), { type: ['string', 'null'] });
  assert.deepEqual(toGbnfSchema({ anyOf: [{ type: 'integer' }, { const: 'auto' }] }), { oneOf: [{ type: 'integer' }, { const: 'auto' }] });
  assert.deepEqual(toGbnfSchema({ type: 'array', items: { type: 'string', format: 'date' }, maxItems: 3 }), {
    type: 'array',
    items: { type: 'string', format: 'date' },
    maxItems: 3,
  });
  assert.deepEqual(toGbnfSchema({ type: 'object', properties: { a: { type: 'boolean' } }, additionalProperties: true }), {
    type: 'object',
    properties: { a: { type: 'boolean' } },
  });
  const anything = toGbnfSchema({ $ref: '#/$defs/x' });
  assert.ok('oneOf' in anything && anything.oneOf.length === 3, 'an unsupported schema accepts any JSON value');
});
