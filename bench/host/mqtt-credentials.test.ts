import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type EmbeddedSystem, startEmbeddedSystem } from '../../system/embedded.js';
import { type RunningBroker, startMosquitto } from '../mcp/mqtt/mosquitto.test-helper.js';
import { connectToolHost, type ToolHostOptions } from './connect.js';
import type { ToolHost } from './tool-host.js';

/**
 * The host passes its MQTT credentials to every connection of a run (servers, boards, its own client) on a
 * broker that admits only its users.
 */

const USERS = { bench: 'bench-pw' };
let broker: RunningBroker;
let system: EmbeddedSystem;
let dataDir: string;

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'iotmcp-host-secrets-'));
  [broker, system] = await Promise.all([
    startMosquitto({ users: USERS }),
    startEmbeddedSystem({ devices: { host: '127.0.0.1', port: 0 }, http: false, dataDir, log: () => {} }),
  ]);
});

after(async () => {
  await system?.close();
  await broker?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function readsTheKitchen(host: ToolHost, name: string, args: Record<string, unknown>): Promise<void> {
  try {
    const result = await host.call(name, args, { timeoutMs: 5000 });
    assert.equal(result.isError, false, result.text);
    assert.equal((result.structured as { mcu?: string }).mcu, 'esp32s3-kitchen');
  } finally {
    await host.close();
  }
}

function mqttOptions(architecture: ToolHostOptions['architecture']): ToolHostOptions {
  return {
    transport: 'mqtt',
    architecture,
    datapool: system.server.datapool,
    brokerUrl: broker.url,
    fleet: system.fleet,
    validateResults: false,
    log: () => {},
  };
}

test('gateway and native hosts work with credentials', async () => {
  const mqtt = { username: 'bench', password: USERS.bench };
  await readsTheKitchen(await connectToolHost({ ...mqttOptions('gateway'), mqtt }), 'lm35_read_celsius', { place: 'kitchen' });
  await readsTheKitchen(await connectToolHost({ ...mqttOptions('native'), mqtt }), 'esp32s3_kitchen__lm35_read_celsius', {});
});

test('without credentials the host fails at once, saying why', async () => {
  await assert.rejects(connectToolHost(mqttOptions('gateway')), /this broker requires credentials: give --mqtt-username/);
  await assert.rejects(connectToolHost({ ...mqttOptions('native'), mqtt: { username: 'bench', password: 'wrong' } }), /check the username and password/);
});
