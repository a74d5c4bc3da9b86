import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { WorldContext } from '../../core/world/types.js';
import { type EmbeddedSystem, startEmbeddedSystem } from '../../system/embedded.js';
import { type RunningBroker, startMosquitto } from '../mcp/mqtt/mosquitto.test-helper.js';
import { TOOL_NAME_PATTERN } from '../mcp/tool-names.js';
import type { SensorToolOutput } from '../mcp/tool-result.js';
import { latencyOf } from '../scoring/latency.js';
import { connectToolHost, openServerLinks, type ToolHostOptions, toolHostOver } from './connect.js';
import { pingToolName } from './host-tool-names.js';
import type { ToolHost } from './tool-host.js';

/** The same host over every transport: real sockets, a real broker, real child processes. */

const FIRE: WorldContext = { scenario: 'fire', seed: 11, timeMs: Date.UTC(2026, 5, 21, 19, 30) };

let broker: RunningBroker;
let system: EmbeddedSystem;
let dataDir: string;
let datapoolUrl: string;

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'iotmcp-host-'));
  [broker, system] = await Promise.all([
    startMosquitto(),
    startEmbeddedSystem({ devices: { host: '127.0.0.1', port: 0 }, http: { host: '127.0.0.1', port: 0 }, dataDir }),
  ]);
  datapoolUrl = `http://127.0.0.1:${system.server.httpAddress!.port}`;
});

after(async () => {
  await system?.close();
  await broker?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Options every host here shares: validators skipped, since compiling 80 of them per host is slow and covered elsewhere. */
function options(transport: ToolHostOptions['transport'], architecture: ToolHostOptions['architecture'] = 'gateway'): ToolHostOptions {
  return { transport, architecture, datapool: system.server.datapool, brokerUrl: broker.url, fleet: system.fleet, validateResults: false };
}

/** A fire in the kitchen, read through `host`: the world crossed the transport with the call. */
async function assertReadsTheFire(host: ToolHost, name = 'lm35_read_celsius', args: Record<string, unknown> = { place: 'kitchen' }): Promise<void> {
  const result = await host.call(name, args, { world: FIRE, timeoutMs: 5000 });
  assert.equal(result.isError, false, result.text);
  const output = result.structured as unknown as SensorToolOutput;
  assert.equal(output.mcu, 'esp32s3-kitchen');
  const celsius = output.readings[0]!.values['celsius'] as number;
  assert.ok(celsius >= 40, `${host.transport}: the kitchen is on fire, yet the LM35 reads ${celsius} C`);
  assert.ok(result.sent < result.received);
}

/** The idle round trip works through `host` by name, split into every part, though no model is offered it. */
async function assertPings(host: ToolHost, mcu = 'esp32-living-room'): Promise<void> {
  const name = pingToolName(host.architecture === 'native' ? mcu : undefined);
  assert.ok(!host.tools.some((t) => t.tool === 'ping_device'), `${host.transport}: ping_device is not offered to models`);
  const result = await host.call(name, host.architecture === 'native' ? {} : { mcu }, { timeoutMs: 5000 });
  assert.equal(result.isError, false, `${host.transport}/${host.architecture}: ${result.text}`);
  assert.equal(result.structured?.['mcu'], mcu);
  assert.equal(result.structured?.['answeredBy'], 'pong');
  const parts = latencyOf(result);
  assert.ok(
    [parts.mcpMs, parts.datapoolMs, parts.networkMs, parts.deviceMs].every((part) => typeof part === 'number' && part >= 0),
    JSON.stringify(parts),
  );
}

function assertGatewayTools(host: ToolHost): void {
  assert.equal(host.tools.length, 82);
  assert.equal(host.tools.filter((t) => t.sensor === null).length, 2);
  assert.ok(host.tools.every((t) => TOOL_NAME_PATTERN.test(t.name) && t.pinnedMcu === undefined));
  assert.deepEqual(
    host.tools.slice(-2).map((t) => t.name),
    ['list_devices', 'list_sensors'],
  );
}

test('in memory the host calls ping_device by name though it offers only the 82 tools', async () => {
  const host = await connectToolHost(options('memory'));
  try {
    assertGatewayTools(host);
    await assertPings(host);
    const unknown = await host.call('ping_devices', { mcu: 'esp32-living-room' });
    assert.equal(unknown.errorCode, 'unknown-tool');
    assert.doesNotMatch(unknown.text, /"ping_device"/, 'never suggested to a model');
  } finally {
    await host.close();
  }
});

test('over Streamable HTTP the host lists the 82 tools and a call carries its world', async () => {
  const host = await connectToolHost(options('http'));
  try {
    assert.equal(host.transport, 'http');
    assertGatewayTools(host);
    await assertReadsTheFire(host);
    await assertPings(host);
  } finally {
    await host.close();
  }
});

test('over MQTT the host lists the 82 tools and a call carries its world', async () => {
  const host = await connectToolHost(options('mqtt'));
  try {
    assert.equal(host.transport, 'mqtt');
    assertGatewayTools(host);
    assert.equal(host.tools[0]!.server, 'iotmcp/sensors/dht11');
    await assertReadsTheFire(host);
    const devices = await host.call('list_devices', { place: 'garage' });
    assert.match(devices.text, /esp8266-garage/);
    await assertPings(host, 'esp8266-garage');
  } finally {
    await host.close();
  }
});

test('native over MQTT: every board offers its own tools, named after it and pinned to it, beside the fleet directory', async () => {
  const host = await connectToolHost(options('mqtt', 'native'));
  try {
    assert.equal(host.architecture, 'native');
    const expected = system.fleet.mcus.reduce((sum, mcu) => {
      const specs = new Set(mcu.firmware.sensors.map((sensor) => sensor.spec));
      return sum + [...specs].reduce((n, spec) => n + Object.keys(spec.tools).length, 0);
    }, 0);
    const boardTools = host.tools.filter((t) => t.pinnedMcu !== undefined);
    assert.equal(boardTools.length, expected);
    assert.deepEqual(
      host.tools.filter((t) => t.pinnedMcu === undefined).map((t) => t.name),
      ['list_devices', 'list_sensors'],
    );
    assert.ok(host.tools.every((t) => TOOL_NAME_PATTERN.test(t.name)));

    const dht = host.tools.find((t) => t.name === 'esp32_living_room__dht11_read_temperature')!;
    assert.deepEqual(
      { server: dht.server, mcpName: dht.mcpName, sensor: dht.sensor, tool: dht.tool, pinnedMcu: dht.pinnedMcu },
      {
        server: 'iotmcp/devices/esp32-living-room',
        mcpName: 'dht11_read_temperature',
        sensor: 'DHT11',
        tool: 'read_temperature',
        pinnedMcu: 'esp32-living-room',
      },
    );
    assert.match(dht.description, /on MCU "esp32-living-room" in living-room/);
    // A board's tools cannot be pointed elsewhere: no mcu or place to choose.
    assert.deepEqual(Object.keys(dht.inputSchema['properties'] as object).sort(), ['duration', 'interval', 'real_time']);
    // Both DHT11 boards offer the tool, side by side (catalogue order, then board).
    assert.deepEqual(
      host.tools.filter((t) => t.sensor === 'DHT11' && t.tool === 'read_temperature').map((t) => t.pinnedMcu),
      ['esp32-living-room', 'esp32c6-bedroom'],
    );

    await assertReadsTheFire(host, 'esp32s3_kitchen__lm35_read_celsius', {});
    // Each board answers its own ping, over the broker, with no datapool in between.
    await assertPings(host, 'esp32-living-room');
    await assertPings(host, 'esp32c6-bedroom');
  } finally {
    await host.close();
  }
});

test('over stdio one child per server serves the 82 tools; a child that dies fails its calls as transport errors, not throws', async () => {
  const lines: string[] = [];
  const links = await openServerLinks({ transport: 'stdio', architecture: 'gateway', datapoolUrl, validateResults: false, log: (line) => lines.push(line) });
  const host = await toolHostOver(links, { transport: 'stdio', architecture: 'gateway' });
  try {
    assert.equal(links.links.length, 23);
    assert.ok(links.links.every((link) => typeof link.pid === 'number'));
    assertGatewayTools(host);
    await assertReadsTheFire(host);
    await assertPings(host);
    assert.ok(
      lines.some((line) => line.startsWith('iotmcp/sensors/lm35: mcp: serving')),
      'children say hello on stderr, to the log',
    );

    const dht = links.links.find((link) => link.server === 'iotmcp/sensors/dht11')!;
    const gone = new Promise<void>((resolve) => (dht.client.onclose = resolve));
    process.kill(dht.pid!, 'SIGKILL');
    await gone;
    const result = await host.call('dht11_read_temperature', {}, { timeoutMs: 5000 });
    assert.equal(result.isError, true);
    assert.ok(result.transportError !== undefined, result.text);
    assert.match(result.text, /dht11_read_temperature failed \(MCP server iotmcp\/sensors\/dht11\)/);
    // The other servers live on.
    await assertReadsTheFire(host);
  } finally {
    await host.close();
  }
  // Closing ended every child.
  for (const link of links.links) assert.throws(() => process.kill(link.pid!, 0), { code: 'ESRCH' }, link.server);
});
