import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ALL_TOOLS, SENSORS } from '../../../core/sensors/catalogue.js';
import { type EmbeddedSystem, startEmbeddedSystem } from '../../../system/embedded.js';
import { sensorServerEntries } from '../servers.js';
import { sensorServerName } from '../tool-names.js';
import type { SensorToolOutput } from '../tool-result.js';
import { openMqttSession } from './connect.js';
import { discoverServers } from './discovery.js';
import { type RunningBroker, startMosquitto } from './mosquitto.test-helper.js';
import { type MqttServing, serveOverMqtt } from './serve.js';

let broker: RunningBroker;
let system: EmbeddedSystem;
let serving: MqttServing;
let dataDir: string;

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'iotmcp-mqtt-'));
  [broker, system] = await Promise.all([startMosquitto(), startEmbeddedSystem({ devices: { host: '127.0.0.1', port: 0 }, http: false, dataDir })]);
  serving = await serveOverMqtt({ brokerUrl: broker.url, servers: sensorServerEntries({ datapool: system.server.datapool }) });
});

after(async () => {
  await serving?.close();
  await system?.close();
  await broker?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('all 22 sensor servers are discovered and every one of the 80 tools is listed and called over MQTT', async () => {
  const found = await discoverServers({ brokerUrl: broker.url, filter: 'iotmcp/sensors/#', waitMs: 3000, expect: SENSORS.length });
  assert.deepEqual(
    found.map((s) => s.serverName),
    SENSORS.map((spec) => sensorServerName(spec.name)).sort(),
  );
  assert.ok(
    found.every((s) => s.description.length > 0 && s.description.length < 200),
    'short presence descriptions',
  );

  const called: { sensor: string; tool: string }[] = [];
  await Promise.all(
    SENSORS.map(async (spec) => {
      const server = found.find((s) => s.serverName === sensorServerName(spec.name))!;
      const { client, transport } = await openMqttSession({ brokerUrl: broker.url, serverName: server.serverName });
      try {
        assert.equal(transport.serverId, server.serverId);
        const { tools } = await client.listTools();
        assert.deepEqual(tools.map((t) => t.name).sort(), Object.keys(spec.tools).sort(), spec.name);
        for (const [tool, command] of Object.entries(spec.tools)) {
          const result = (await client.callTool({ name: tool, arguments: {} })) as CallToolResult;
          const text = result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
          assert.notEqual(result.isError, true, `${spec.name} ${tool}: ${text}`);
          const output = result.structuredContent as unknown as SensorToolOutput;
          assert.equal(output.readings.length, 1);
          assert.deepEqual(Object.keys(output.readings[0]!.values).sort(), [...spec.commands[command]!].sort());
          called.push({ sensor: spec.name, tool });
        }
      } finally {
        await client.close();
      }
    }),
  );
  assert.equal(called.length, 80);
  const key = (c: { sensor: string; tool: string }): string => `${c.sensor} ${c.tool}`;
  assert.deepEqual(called.map(key).sort(), ALL_TOOLS.map(key).sort());
  // Every session was ended by its client and forgotten by its host.
  for (const host of serving.hosts) assert.deepEqual(host.sessionClientIds(), [], host.serverName);
});
