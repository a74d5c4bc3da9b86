import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { connectMqttClient } from './connect.js';
import { echoServerFactory } from './echo-server.test-helper.js';
import { passwordFile } from './local-broker.js';
import { type RunningBroker, startMosquitto } from './mosquitto.test-helper.js';
import { type MqttServing, serveOverMqtt } from './serve.js';

/** A broker that admits only its users, as a lab's would: MCP works with credentials and fails clearly without. */

const USERS = { bench: 'bench-password', lab: 'lab-password' };
const NAME = 'iotmcp/test/echo';
let broker: RunningBroker;
let serving: MqttServing;

before(async () => {
  broker = await startMosquitto({ users: USERS });
  serving = await serveOverMqtt({
    brokerUrl: broker.url,
    servers: [{ name: NAME, description: 'echo', factory: echoServerFactory() }],
    host: { username: 'lab', password: USERS.lab },
    log: () => undefined,
  });
});

after(async () => {
  await serving?.close();
  await broker?.stop();
});

test('an MCP tool call over a broker with users works with credentials', async () => {
  const client = await connectMqttClient({ brokerUrl: broker.url, serverName: NAME, username: 'bench', password: USERS.bench });
  try {
    const result = await client.callTool({ name: 'echo', arguments: { text: 'over a locked broker' } });
    assert.equal((result.structuredContent as { text: string }).text, 'over a locked broker');
  } finally {
    await client.close();
  }
});

test('without credentials, or with a wrong password, connecting fails at once and says why', async () => {
  const started = performance.now();
  await assert.rejects(
    connectMqttClient({ brokerUrl: broker.url, serverName: NAME, connectTimeoutMs: 5000 }),
    /the broker refused the connection \(Connection refused: Not authorized\): this broker requires credentials: give --mqtt-username .*IOTMCP_MQTT_PASSWORD/,
  );
  await assert.rejects(
    connectMqttClient({ brokerUrl: broker.url, serverName: NAME, username: 'bench', password: 'guess', connectTimeoutMs: 5000 }),
    /refused the connection .*: check the username and password/,
  );
  await assert.rejects(
    serveOverMqtt({ brokerUrl: broker.url, servers: [{ name: 'iotmcp/test/other', description: 'x', factory: echoServerFactory() }], log: () => undefined }),
    /this broker requires credentials/,
    'a server host (which redials) fails too, rather than retrying forever',
  );
  assert.ok(performance.now() - started < 3000, 'refusals come with the CONNACK, not after a timeout');
});

test("the password file is in mosquitto_passwd's PBKDF2-SHA512 format, one salted line per user", () => {
  const text = passwordFile({ alice: 'secret' });
  assert.match(text, /^alice:\$7\$101\$[A-Za-z0-9+/]{16}\$[A-Za-z0-9+/]{86}==\n$/);
  assert.notEqual(passwordFile({ alice: 'secret' }), text, 'a fresh salt each time');
  assert.throws(() => passwordFile({ 'a:b': 'x' }), /without ':'/);
});
