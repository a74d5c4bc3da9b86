import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ALL_TOOLS, SENSORS } from '../../core/sensors/catalogue.js';
import type { EmbeddedSystem } from '../../system/embedded.js';
import { startTestSystem } from '../../system/test-system.test-helper.js';
import { connectInMemory, textOf, UUID } from './mcp-system.test-helper.js';
import { createAllSensorsServer, createFleetServer, createSensorServer, sensorServerEntries } from './servers.js';
import { prefixedToolName, sensorServerName } from './tool-names.js';
import type { SensorToolOutput } from './tool-result.js';

let system: EmbeddedSystem;
let closeSystem: () => Promise<void>;
const clients: Client[] = [];

before(async () => {
  ({ system, close: closeSystem } = await startTestSystem());
});

after(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await closeSystem?.();
});

async function connect(server: Parameters<typeof connectInMemory>[0]): Promise<Client> {
  const client = await connectInMemory(server);
  clients.push(client);
  return client;
}

test('each of the 22 sensor servers lists exactly its own tools, 80 in all', async () => {
  const datapool = system.server.datapool;
  const listed: { sensor: string; tool: string }[] = [];
  for (const spec of SENSORS) {
    const client = await connect(createSensorServer(spec, { datapool }));
    assert.equal(client.getServerVersion()?.name, sensorServerName(spec.name));
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((tool) => tool.name).sort(), Object.keys(spec.tools).sort(), spec.name);
    for (const tool of tools) {
      assert.equal(tool.annotations?.readOnlyHint, true);
      assert.ok(tool.description && tool.description.length > 100, `${spec.name} ${tool.name} has a real description`);
      assert.deepEqual(Object.keys(tool.inputSchema.properties ?? {}).sort(), ['duration', 'interval', 'mcu', 'place', 'real_time']);
      assert.ok(tool.outputSchema, `${tool.name} has an output schema`);
      listed.push({ sensor: spec.name, tool: tool.name });
    }
  }
  assert.equal(listed.length, 80);
  assert.deepEqual(
    listed,
    ALL_TOOLS.map(({ sensor, tool }) => ({ sensor, tool })),
  );
});

test('every tool of every sensor returns live readings with the fields, units and ordered timing', async () => {
  const datapool = system.server.datapool;
  const mcus = await datapool.mcus();
  for (const spec of SENSORS) {
    const client = await connect(createSensorServer(spec, { datapool }));
    for (const [tool, command] of Object.entries(spec.tools)) {
      const result = await client.callTool({ name: tool, arguments: {} });
      const what = `${spec.name} ${tool}`;
      assert.notEqual(result.isError, true, `${what}: ${textOf(result)}`);
      const output = result.structuredContent as unknown as SensorToolOutput;
      assert.equal(output.sensor, spec.name);
      assert.equal(output.command, command);
      assert.match(output.id, UUID);
      const board = mcus.find((mcu) => mcu.id === output.mcu);
      assert.ok(board?.sensors.includes(spec.name), `${what} was read on a board carrying it (${output.mcu})`);
      assert.equal(output.place, board?.place);
      assert.equal(output.count, 1);
      assert.deepEqual(Object.keys(output.readings[0]!.values).sort(), [...spec.commands[command]!].sort(), what);
      for (const field of spec.commands[command]!) {
        assert.equal(output.units[field], spec.fields[field]?.unit, `${what} unit of ${field}`);
      }
      assert.equal(typeof output.readings[0]!.timestamp, 'number');
      assert.equal(typeof output.readings[0]!.peak_memory, 'number');
      const t = output.timing;
      const order = [t.mcpReceived, t.accepted, t.dispatched, t.firstReceived, t.lastStored, t.mcpReturned];
      for (let i = 1; i < order.length; i++) {
        assert.ok(typeof order[i] === 'number' && order[i]! >= order[i - 1]!, `${what}: timing step ${i} in order: ${order.join(' <= ')}`);
      }
      assert.ok(!Number.isInteger(t.accepted) || !Number.isInteger(t.lastStored), 'instants carry sub-millisecond precision');
      assert.match(textOf(result), new RegExp(`^${spec.name} on ${output.mcu}`));
    }
  }
});

test('the all-sensors server lists the 80 prefixed tools and the fleet tools', async () => {
  const client = await connect(createAllSensorsServer({ datapool: system.server.datapool }));
  const { tools } = await client.listTools();
  const names = tools.map((tool) => tool.name);
  const expected = ALL_TOOLS.map(({ sensor, tool }) => prefixedToolName(sensor, tool));
  assert.deepEqual(
    names.filter((name) => !name.startsWith('list_')),
    expected,
  );
  assert.deepEqual(names.filter((name) => name.startsWith('list_')).sort(), ['list_devices', 'list_sensors']);
  assert.ok(names.includes('hc_sr04_read_distance') && names.includes('guva_s12sd_read_uvi'));

  const result = await client.callTool({ name: 'hc_sr04_read_distance', arguments: { place: 'garage' } });
  assert.notEqual(result.isError, true, textOf(result));
  assert.equal((result.structuredContent as unknown as SensorToolOutput).mcu, 'esp8266-garage');
});

test('the fleet server lists the 6 MCUs and where each sensor type is', async () => {
  const client = await connect(createFleetServer({ datapool: system.server.datapool }));
  const devices = await client.callTool({ name: 'list_devices', arguments: {} });
  const { devices: list, count } = devices.structuredContent as { devices: { id: string; online: boolean; place: string }[]; count: number };
  assert.equal(count, 6);
  assert.ok(list.every((device) => device.online));
  assert.match(textOf(devices), /esp32-living-room \(ESP32\) in living-room, online: DHT11/);

  const dht = await client.callTool({ name: 'list_devices', arguments: { sensor: 'dht-11' } });
  assert.deepEqual((dht.structuredContent as { devices: { id: string }[] }).devices.map((d) => d.id).sort(), ['esp32-living-room', 'esp32c6-bedroom']);
  const nowhere = await client.callTool({ name: 'list_devices', arguments: { place: 'attic' } });
  assert.equal(nowhere.isError, true);
  assert.match(textOf(nowhere), /places: bedroom, garage, garden, kitchen, living-room, workshop/);

  const sensors = await client.callTool({ name: 'list_sensors', arguments: {} });
  const summary = sensors.structuredContent as { sensors: { sensor: string; mcus: unknown[]; tools: unknown[] }[]; count: number };
  assert.equal(summary.count, 22);
  assert.ok(summary.sensors.every((sensor) => sensor.mcus.length > 0 && sensor.tools.length > 0));

  const resource = await client.readResource({ uri: 'iotmcp://fleet' });
  const first = resource.contents[0];
  assert.ok(first && 'text' in first);
  assert.equal((JSON.parse(first.text) as { devices: unknown[] }).devices.length, 6);
});

test('sensorServerEntries names the 22 servers and each factory builds a fresh server', () => {
  const entries = sensorServerEntries({ datapool: system.server.datapool });
  assert.equal(entries.length, 22);
  assert.equal(entries[0]!.name, 'iotmcp/sensors/dht11');
  assert.ok(entries.some((entry) => entry.name === 'iotmcp/sensors/hc-sr04'));
  assert.notEqual(entries[0]!.factory(), entries[0]!.factory());
});

test('a server pinned to one board offers no mcu or place and reads only that board', async () => {
  const datapool = system.server.datapool;
  const client = await connect(createSensorServer(SENSORS[0]!, { datapool, pinnedMcu: 'esp32c6-bedroom' }));
  const { tools } = await client.listTools();
  assert.deepEqual(Object.keys(tools[0]!.inputSchema.properties ?? {}).sort(), ['duration', 'interval', 'real_time']);
  assert.match(tools[0]!.description ?? '', /on MCU "esp32c6-bedroom"/);
  const result = await client.callTool({ name: 'read_temperature', arguments: {} });
  assert.equal((result.structuredContent as unknown as SensorToolOutput).mcu, 'esp32c6-bedroom', textOf(result));
  const elsewhere = await client.callTool({ name: 'read_temperature', arguments: { mcu: 'esp32-living-room' } });
  assert.equal(elsewhere.isError, true);
  assert.match(textOf(elsewhere), /unknown argument "mcu"; valid arguments: interval, duration, real_time/);
});

test('a world given in the options travels with every command', async () => {
  const datapool = system.server.datapool;
  const world = { scenario: 'fire', seed: 7, timeMs: Date.UTC(2026, 5, 21, 18) };
  const client = await connect(createSensorServer(SENSORS[0]!, { datapool, world }));
  const result = await client.callTool({ name: 'read_all', arguments: {} });
  const { id } = result.structuredContent as unknown as SensorToolOutput;
  assert.deepEqual((await datapool.status(id)).request.world, world);
});
