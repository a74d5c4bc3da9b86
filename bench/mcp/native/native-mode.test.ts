import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { WorldContext } from '../../../core/world/types.js';
import { readStoredRecords } from '../../../datapool/store/store.js';
import { type EmbeddedSystem, startEmbeddedSystem } from '../../../system/embedded.js';
import { connectMqttClient } from '../mqtt/connect.js';
import { discoverServers } from '../mqtt/discovery.js';
import { type RunningBroker, startMosquitto } from '../mqtt/mosquitto.test-helper.js';
import { type MqttServing, serveOverMqtt } from '../mqtt/serve.js';
import { sensorServerEntries } from '../servers.js';
import { prefixedToolName, sensorServerName } from '../tool-names.js';
import type { SensorToolOutput } from '../tool-result.js';
import { deviceServerName, type NativeMcp, startNativeMcp } from './native-mcp.js';

const WORLD: WorldContext = { scenario: 'hot-afternoon', seed: 4242, timeMs: Date.parse('2026-06-21T15:00:00Z') };

let broker: RunningBroker;
let system: EmbeddedSystem;
let gateway: MqttServing;
let native: NativeMcp;
let dataDir: string;
const clients: Client[] = [];

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'iotmcp-native-'));
  [broker, system] = await Promise.all([startMosquitto(), startEmbeddedSystem({ devices: { host: '127.0.0.1', port: 0 }, http: false, dataDir })]);
  [gateway, native] = await Promise.all([
    serveOverMqtt({ brokerUrl: broker.url, servers: sensorServerEntries({ datapool: system.server.datapool, world: WORLD }) }),
    startNativeMcp({ fleet: system.fleet, brokerUrl: broker.url, world: WORLD }),
  ]);
});

after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await native?.close();
  await gateway?.close();
  await system?.close();
  await broker?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function connect(serverName: string): Promise<Client> {
  const client = await connectMqttClient({ brokerUrl: broker.url, serverName });
  clients.push(client);
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<SensorToolOutput> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = result.content.map((b) => (b.type === 'text' ? b.text : '')).join('\n');
  assert.notEqual(result.isError, true, `${name}: ${text}`);
  return result.structuredContent as unknown as SensorToolOutput;
}

test('every board serves its own prefixed sensor tools as iotmcp/devices/<mcu id>', async () => {
  const found = await discoverServers({ brokerUrl: broker.url, filter: 'iotmcp/devices/+', waitMs: 3000, expect: system.fleet.mcus.length });
  assert.deepEqual(
    found.map((s) => s.serverName),
    system.fleet.mcus.map((m) => deviceServerName(m.id)).sort(),
  );
  const board = system.fleet.mcu('esp32-living-room')!;
  const client = await connect(deviceServerName(board.id));
  const { tools } = await client.listTools();
  const expected = [...new Set(board.firmware.sensors.map((s) => s.spec))].flatMap((spec) =>
    Object.keys(spec.tools).map((tool) => prefixedToolName(spec.name, tool)),
  );
  expected.push('ping_device');
  assert.deepEqual(tools.map((t) => t.name).sort(), expected.sort());
});

test('native and gateway mode give the same readings for the same world, board and tool', async () => {
  let compared = 0;
  // Boards run in parallel; each board's tools one after another (a board has few timers).
  await Promise.all(
    system.fleet.mcus.map(async (board) => {
      const nativeClient = await connect(deviceServerName(board.id));
      for (const spec of new Set(board.firmware.sensors.map((s) => s.spec))) {
        const gatewayClient = await connect(sensorServerName(spec.name));
        for (const tool of Object.keys(spec.tools)) {
          const args = { duration: 0.1, interval: 0.05 };
          const [viaDevice, viaDatapool] = await Promise.all([
            call(nativeClient, prefixedToolName(spec.name, tool), args),
            call(gatewayClient, tool, { ...args, mcu: board.id }),
          ]);
          assert.equal(viaDevice.mcu, board.id);
          assert.equal(viaDatapool.mcu, board.id);
          assert.equal(viaDevice.readings.length, 2);
          assert.deepEqual(
            viaDevice.readings.map((r) => r.values),
            viaDatapool.readings.map((r) => r.values),
            `${board.id} ${spec.name} ${tool}`,
          );
          compared++;
        }
        await gatewayClient.close();
      }
    }),
  );
  assert.ok(compared >= 80, `compared ${compared} board/tool pairs`);
  // The world is the trial's, not the fleet's: a different seed reads differently somewhere.
  const board = native.boards.get('esp32-living-room')!;
  const other = await board.run({ sensor: 'DHT11', world: { ...WORLD, seed: WORLD.seed + 1 } }, { timeoutMs: 2000 });
  const same = await board.run({ sensor: 'DHT11', world: WORLD }, { timeoutMs: 2000 });
  assert.notDeepEqual(other.samples[0]!.data, same.samples[0]!.data);
});

test('the native board client records honest hops and reports only its own board', async () => {
  const board = native.boards.get('esp8266-garage')!;
  const status = await board.run({ sensor: 'hc_sr04', command: 'read_distance', interval: 0.02, duration: 0.06 }, { timeoutMs: 2000 });
  assert.equal(status.state, 'done');
  assert.equal(status.samples.length, 3);
  for (const sample of status.samples) {
    const { accepted, dispatched, received, stored } = sample.hops;
    assert.ok(accepted <= dispatched && dispatched <= received, JSON.stringify(sample.hops));
    assert.equal(stored, received, 'nothing is stored in native mode');
    assert.equal(sample.device.memorySource, 'modeled');
    assert.equal(typeof sample.device.peakMemory, 'number');
  }
  assert.deepEqual(
    status.samples.map((s) => s.final),
    [false, false, true],
  );
  const [only, ...rest] = await board.mcus();
  assert.equal(rest.length, 0);
  assert.deepEqual({ id: only!.id, place: only!.place, sensors: only!.sensors }, { id: 'esp8266-garage', place: 'garage', sensors: ['HC-SR04', 'KY-035'] });
  await assert.rejects(board.run({ sensor: 'DHT11' }, { timeoutMs: 100 }), { code: 'no-device' });
  await assert.rejects(board.run({ sensor: 'HC-SR04', mcu: 'esp32-living-room' }, { timeoutMs: 100 }), { code: 'unknown-mcu' });
  await assert.rejects(board.run({ sensor: 'HC-SR04', command: 'fly' }, { timeoutMs: 100 }), { code: 'unknown-command' });

  const stream = await board.submit({ sensor: 'HC-SR04', interval: 0.01, duration: -1 });
  const cancelled = await board.cancel(stream.id);
  assert.equal(cancelled.state, 'done');
});

test('native commands never reach the datapool: its store holds no orphan replies', async () => {
  const board = native.boards.get('esp32c6-bedroom')!;
  await board.run({ sensor: 'TMP36', interval: 0.01, duration: 0.05 }, { timeoutMs: 2000 });
  await system.close();
  const records = await readStoredRecords(dataDir);
  assert.ok(
    records.some((r) => r.kind === 'sample'),
    'the gateway calls were stored',
  );
  assert.equal(records.filter((r) => r.kind === 'orphan').length, 0);
});
