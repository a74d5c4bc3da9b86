import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bestTool, placeIn, scriptedToolUser } from './scripted-tool-user.test-helper.js';
import type { WireRequest, WireTool } from './wire-server.test-helper.js';

const PLACE = { type: 'string', description: 'Optional place: bedroom, garage, kitchen, living-room. Default: any place.' };
const tool = (name: string, properties: Record<string, unknown> = { place: PLACE }): WireTool => ({
  name,
  description: name,
  inputSchema: { type: 'object', properties },
});
const TOOLS = [tool('list_devices', {}), tool('dht11_read_temperature'), tool('dht11_read_humidity'), tool('mq2_read_smoke')];

function request(fields: Partial<WireRequest>): WireRequest {
  return { provider: 'openai', index: 0, model: 'm', tools: TOOLS, toolChoice: 'auto', lastUserText: '', toolResults: [], body: {}, headers: {}, ...fields };
}

test('with no results yet it calls the tool named by the question, with the place it mentions', () => {
  assert.deepEqual(scriptedToolUser(request({ lastUserText: "What's the humidity in the living room right now?" })), {
    kind: 'tool-calls',
    calls: [{ name: 'dht11_read_humidity', arguments: '{"place":"living-room"}' }],
  });
});

test('prefixes count as the same word, ties go to the first tool, and no place means {}', () => {
  assert.equal(bestTool(TOOLS, 'any smoky smell?').name, 'list_devices', 'smoky is not smoke: no match, first tool');
  assert.equal(bestTool(TOOLS, 'is there smoke?').name, 'mq2_read_smoke');
  assert.equal(bestTool(TOOLS, 'temperatures today').name, 'dht11_read_temperature');
  assert.equal(bestTool(TOOLS, 'read the dht11').name, 'dht11_read_temperature', 'a tie between the two DHT11 tools: the first');
  assert.deepEqual(scriptedToolUser(request({ lastUserText: 'Is there smoke?' })), {
    kind: 'tool-calls',
    calls: [{ name: 'mq2_read_smoke', arguments: '{}' }],
  });
});

test('places come from the enum or the description list; the longest match wins', () => {
  const withEnum = tool('x', { place: { type: 'string', enum: ['room', 'living-room'] } });
  assert.equal(placeIn(withEnum, 'the living room please'), 'living-room');
  assert.equal(placeIn(tool('x'), 'in the GARAGE'), 'garage');
  assert.equal(placeIn(tool('x'), 'in the attic'), undefined);
  assert.equal(placeIn(tool('x', {}), 'in the garage'), undefined);
});

test('once tool results exist it answers with a sentence repeating them', () => {
  const reply = scriptedToolUser(request({ lastUserText: 'temperature?', toolResults: ['kitchen: 22.5 °C', 'bedroom: 19 °C'] }));
  assert.equal(reply.kind, 'text');
  assert.ok(reply.kind === 'text' && reply.text.includes('kitchen: 22.5 °C') && reply.text.includes('bedroom: 19 °C'));
});

test("with tools refused (toolChoice 'none' or none offered) it answers in text", () => {
  assert.equal(scriptedToolUser(request({ lastUserText: 'temperature?', toolChoice: 'none' })).kind, 'text');
  assert.equal(scriptedToolUser(request({ lastUserText: 'temperature?', tools: [] })).kind, 'text');
});
