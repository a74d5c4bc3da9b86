import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ALL_TOOLS, SENSORS } from '../../core/sensors/catalogue.js';
import type { WorldContext } from '../../core/world/types.js';
import { createWorld } from '../../core/world/world.js';
import { startTestSystem } from '../../system/test-system.test-helper.js';
import { prefixedToolName, TOOL_NAME_PATTERN } from '../mcp/tool-names.js';
import type { SensorToolOutput } from '../mcp/tool-result.js';
import { connectToolHost, toolHostOver } from './connect.js';
import { openMemoryLinks } from './memory-links.js';
import { clientFactory } from './server-link.js';
import type { ToolHost } from './tool-host.js';

let system: Awaited<ReturnType<typeof startTestSystem>>;
let host: ToolHost;

before(async () => {
  system = await startTestSystem();
  host = await connectToolHost({ transport: 'memory', architecture: 'gateway', datapool: system.system.server.datapool });
});

after(async () => {
  await host?.close();
  await system?.close();
});

const EVENING = Date.UTC(2026, 5, 21, 19, 30);

test('the memory host offers the 80 sensor tools in catalogue order, then the 2 fleet tools, under provider-safe names', () => {
  assert.equal(host.transport, 'memory');
  assert.equal(host.architecture, 'gateway');
  assert.equal(host.tools.length, 82);
  const expected = [...ALL_TOOLS.map((t) => prefixedToolName(t.sensor, t.tool)), 'list_devices', 'list_sensors'];
  assert.deepEqual(
    host.tools.map((t) => t.name),
    expected,
  );
  for (const tool of host.tools) {
    assert.match(tool.name, TOOL_NAME_PATTERN);
    assert.ok(tool.description.length > 20, `${tool.name} has a description`);
    assert.equal(tool.inputSchema['type'], 'object', tool.name);
    assert.equal(tool.pinnedMcu, undefined);
  }
  const dht = host.tools.find((t) => t.name === 'dht11_read_temperature')!;
  assert.deepEqual(
    { server: dht.server, mcpName: dht.mcpName, sensor: dht.sensor, tool: dht.tool },
    { server: 'iotmcp/sensors/dht11', mcpName: 'read_temperature', sensor: 'DHT11', tool: 'read_temperature' },
  );
  const fleet = host.tools.find((t) => t.name === 'list_devices')!;
  assert.deepEqual({ server: fleet.server, sensor: fleet.sensor, tool: fleet.tool }, { server: 'iotmcp/fleet', sensor: null, tool: 'list_devices' });
  assert.equal(new Set(host.tools.map((t) => t.sensor).filter((s) => s !== null)).size, SENSORS.length);
});

test('a sensor call returns its readings as text and structure, between the host instants', async () => {
  const result = await host.call('dht11_read_temperature', { place: 'bedroom' });
  assert.equal(result.isError, false, result.text);
  assert.equal(result.transportError, undefined);
  assert.equal(result.errorCode, undefined);
  const output = result.structured as unknown as SensorToolOutput;
  assert.equal(output.sensor, 'DHT11');
  assert.equal(output.mcu, 'esp32c6-bedroom');
  assert.equal(typeof output.readings[0]!.values['temperature'], 'number');
  assert.match(result.text, /^DHT11 on esp32c6-bedroom \(bedroom\), 1 sample\nt=0\.00 s: temperature -?\d+(\.\d+)? C$/);
  assert.ok(result.sent <= output.timing.mcpReceived && output.timing.mcpReturned <= result.received, 'host instants enclose the server');

  const devices = await host.call('list_devices', {});
  assert.equal(devices.isError, false, devices.text);
  assert.equal((devices.structured as { count: number }).count, 6);
});

test('each call samples the world in its _meta: a fire and a quiet night read the kitchen as the world says', async () => {
  const fire: WorldContext = { scenario: 'fire', seed: 7, timeMs: EVENING };
  const night: WorldContext = { scenario: 'quiet-night', seed: 7, timeMs: EVENING };
  const [hot, cool] = await Promise.all([fire, night].map((world) => host.call('lm35_read_celsius', { place: 'kitchen' }, { world })));
  for (const [world, result] of [
    [fire, hot],
    [night, cool],
  ] as const) {
    assert.equal(result!.isError, false, result!.text);
    const celsius = (result!.structured as unknown as SensorToolOutput).readings[0]!.values['celsius'] as number;
    const air = createWorld({ scenario: world.scenario, seed: world.seed }).environment('kitchen', world.timeMs).airTemperatureC;
    // The LM35 is +-1 C with a little ADC noise: its reading is the world's air temperature, nearly.
    assert.ok(Math.abs(celsius - air) < 2.5, `${world.scenario}: LM35 read ${celsius} C where the world has ${air} C`);
  }
  const hotC = (hot!.structured as unknown as SensorToolOutput).readings[0]!.values['celsius'] as number;
  const coolC = (cool!.structured as unknown as SensorToolOutput).readings[0]!.values['celsius'] as number;
  assert.ok(hotC >= 40 && coolC < 30, `fire ${hotC} C, quiet night ${coolC} C`);
  // The world travelled with the command the datapool ran.
  const id = (hot!.structured as unknown as SensorToolOutput).id;
  assert.deepEqual((await system.system.server.datapool.status(id)).request.world, fire);
});

test('a world the servers cannot sample is an error result saying what is wrong, and nothing is run', async () => {
  const negative = await host.call('dht11_read_temperature', {}, { world: { scenario: 'fire', seed: -1, timeMs: EVENING } });
  assert.equal(negative.isError, true);
  assert.equal(negative.errorCode, 'invalid-world');
  assert.equal(negative.transportError, undefined);
  assert.match(negative.text, /invalid world.*seed must not be negative/);

  const unknown = await host.call('dht11_read_temperature', {}, { world: { scenario: 'volcano', seed: 1, timeMs: EVENING } });
  assert.equal(unknown.errorCode, 'invalid-world');
  assert.match(unknown.text, /unknown scenario "volcano"; scenarios: .*quiet-night/);

  const endless = await host.call('dht11_read_temperature', {}, { world: { scenario: 'fire', seed: 1, timeMs: Number.NaN } });
  assert.equal(endless.errorCode, 'invalid-world');
  assert.match(endless.text, /timeMs/);
});

test("error results carry the datapool's code: a model's mistake is told from an absent board", async () => {
  const nowhere = await host.call('dht11_read_temperature', { place: 'attic' });
  assert.equal(nowhere.isError, true);
  assert.equal(nowhere.errorCode, 'unknown-place');
  assert.match(nowhere.text, /no MCU is in place "attic"; places with DHT11: living-room/);
  assert.equal(nowhere.transportError, undefined);

  const lacking = await host.call('dht11_read_temperature', { mcu: 'esp8266-garage' });
  assert.equal(lacking.errorCode, 'no-device');

  const badArguments = await host.call('dht11_read_temperature', { duration: -3 });
  assert.equal(badArguments.isError, true);
  assert.equal(badArguments.errorCode, 'invalid-arguments');
  assert.match(badArguments.text, /duration must be 0/);
});

test('a board that is switched off gives an offline code, not a mistake of the model', async () => {
  const own = await startTestSystem();
  const links = await openMemoryLinks({
    servers: { datapool: own.system.server.datapool, graceMs: 300 },
    newClient: clientFactory({ validateResults: false }),
  });
  const offlineHost = await toolHostOver(links, { transport: 'memory', architecture: 'gateway' });
  try {
    await own.system.fleet.mcu('esp8266-garage')!.stop();
    const result = await offlineHost.call('hc_sr04_read_distance', { mcu: 'esp8266-garage' });
    assert.equal(result.isError, true);
    // However it ends (the command expires, or the call outwaits it), the code says the board is away.
    assert.ok(result.errorCode === 'expired' || result.errorCode === 'device-offline', `code ${result.errorCode}: ${result.text}`);
    assert.match(result.text, /offline/);
    assert.equal(result.transportError, undefined);
  } finally {
    await offlineHost.close();
    await own.close();
  }
});

test('an unknown tool name is an error result naming the closest tools, not a throw', async () => {
  const result = await host.call('read_temperature', {});
  assert.equal(result.isError, true);
  assert.equal(result.errorCode, 'unknown-tool');
  assert.equal(result.structured, null);
  assert.match(result.text, /^unknown tool "read_temperature"; did you mean "dht11_read_temperature"/);
  assert.match(result.text, /82 tools are offered/);
  assert.equal(result.refused, 'unknown tool "read_temperature"', 'refused by the host, not sent');
  assert.equal(result.infraFailure, undefined, "the model's mistake");
});

test('many trials share the connections: concurrent calls with their own worlds each get their own', async () => {
  const worlds = Array.from({ length: 12 }, (_, i): WorldContext => ({ scenario: i % 2 === 0 ? 'fire' : 'quiet-night', seed: i, timeMs: EVENING }));
  const results = await Promise.all(worlds.map((world) => host.call('lm35_read_celsius', {}, { world })));
  results.forEach((result, i) => {
    assert.equal(result.isError, false, result.text);
    const celsius = (result.structured as unknown as SensorToolOutput).readings[0]!.values['celsius'] as number;
    assert.ok(i % 2 === 0 ? celsius >= 40 : celsius < 30, `trial ${i}: ${celsius} C`);
  });
});

test('close is idempotent, and a call after it is a transport error, not a throw', async () => {
  const system2 = await startTestSystem();
  const other = await connectToolHost({ transport: 'memory', architecture: 'gateway', datapool: system2.system.server.datapool, validateResults: false });
  try {
    await Promise.all([other.close(), other.close()]);
    await other.close();
    const result = await other.call('dht11_read_temperature', {});
    assert.equal(result.isError, true);
    assert.ok(result.transportError !== undefined && result.transportError.length > 0, result.text);
    assert.deepEqual(result.infraFailure, { type: 'transport-error', message: result.transportError }, 'the infrastructure, not the model');
  } finally {
    await system2.close();
  }
});

test('options that cannot work are refused with what is missing', async () => {
  await assert.rejects(connectToolHost({ transport: 'memory', architecture: 'gateway' }), /needs a datapool/);
  await assert.rejects(connectToolHost({ transport: 'stdio', architecture: 'gateway' }), /option datapoolUrl/);
  await assert.rejects(
    connectToolHost({ transport: 'http', architecture: 'native', datapool: system.system.server.datapool }),
    /native architecture runs over MQTT only/,
  );
  await assert.rejects(connectToolHost({ transport: 'mqtt', architecture: 'gateway', datapool: system.system.server.datapool }), /needs a broker/);
});
