import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { openServerLinks, toolHostOver } from '../../bench/host/connect.js';
import { clientFactory, gatewayServers, openAll, type ServerLinks } from '../../bench/host/server-link.js';
import type { McpTransportKind, ToolHost } from '../../bench/host/tool-host.js';
import { type RunningBroker, startMosquitto } from '../../bench/mcp/mqtt/local-broker.js';
import type { SensorToolOutput } from '../../bench/mcp/tool-result.js';
import { CLI_PATH } from '../../core/package.js';
import { startTestSystem, type TestSystem } from './fault-tolerance.test-helper.js';

/**
 * Whatever a model (or a broken client) sends, the servers answer it and stay up: wrong types, NaN-ish
 * strings, negative or huge durations, interval 0 with a duration, unknown or empty arguments, unknown
 * places, boards and sensors, unknown tools, arguments that are not even an object. Each gets an error
 * result saying what was wrong, and a good call right after it is answered, over every transport.
 */

interface BadCall {
  what: string;
  tool: string;
  args: Record<string, unknown>;
  /** The message must say this. */
  says: RegExp;
  /** The host's error code for it (undefined: the fleet tools carry none). */
  code: string | undefined;
}

const READ = 'dht11_read_temperature';

const BAD_CALLS: readonly BadCall[] = [
  {
    what: 'a word for a number',
    tool: READ,
    args: { interval: 'fast' },
    says: /interval must be a number of seconds.*\(got "fast"\)/,
    code: 'invalid-arguments',
  },
  { what: 'a NaN-ish string', tool: READ, args: { duration: 'NaN' }, says: /duration must be a number of seconds.*\(got "NaN"\)/, code: 'invalid-arguments' },
  // JSON carries NaN as null; in memory it stays NaN: either way it is named.
  {
    what: 'NaN itself',
    tool: READ,
    args: { duration: Number.NaN },
    says: /duration must be a number of seconds.*\(got (NaN|null)\)/,
    code: 'invalid-arguments',
  },
  {
    what: 'Infinity',
    tool: READ,
    args: { interval: Number.POSITIVE_INFINITY },
    says: /interval must be a number of seconds.*\(got (Infinity|null)\)/,
    code: 'invalid-arguments',
  },
  { what: 'a number in a string', tool: READ, args: { duration: '5' }, says: /duration must be a number of seconds.*\(got "5"\)/, code: 'invalid-arguments' },
  {
    what: 'a negative duration',
    tool: READ,
    args: { duration: -1 },
    says: /duration must be 0 \(one sample\) or a positive number of seconds \(got -1\)/,
    code: 'invalid-arguments',
  },
  {
    what: 'a huge duration',
    tool: READ,
    args: { duration: 1e12 },
    says: /duration must be at most 600 seconds \(got 1000000000000\)/,
    code: 'invalid-arguments',
  },
  { what: 'a negative interval', tool: READ, args: { interval: -2 }, says: /interval must not be negative \(got -2\)/, code: 'invalid-arguments' },
  {
    what: 'interval 0 with a duration',
    tool: READ,
    args: { interval: 0, duration: 5 },
    says: /interval must be at least 0\.05 seconds when sampling/,
    code: 'invalid-arguments',
  },
  {
    what: 'too many samples',
    tool: READ,
    args: { duration: 600, interval: 0.1 },
    says: /about 6000 samples; at most 1000 per call/,
    code: 'invalid-arguments',
  },
  { what: 'a word for a boolean', tool: READ, args: { real_time: 'yes' }, says: /real_time must be true or false \(got "yes"\)/, code: 'invalid-arguments' },
  {
    what: 'an unknown argument',
    tool: READ,
    args: { sensor: 'DHT11' },
    says: /unknown argument "sensor"; valid arguments: interval, duration, real_time, mcu, place/,
    code: 'invalid-arguments',
  },
  { what: 'null for a name', tool: READ, args: { mcu: null }, says: /mcu must be an MCU id .* \(got null\)/, code: 'invalid-arguments' },
  { what: 'a blank name', tool: READ, args: { place: '   ' }, says: /place must not be empty/, code: 'invalid-arguments' },
  {
    what: 'an object for a name',
    tool: READ,
    args: { place: { name: 'kitchen' } },
    says: /place must be a place name .*\(got \{"name":"kitchen"\}\)/,
    code: 'invalid-arguments',
  },
  {
    what: 'several mistakes at once',
    tool: READ,
    args: { duration: -1, interval: 'x', mode: 1 },
    says: /interval must be a number[\s\S]*duration must be 0[\s\S]*unknown argument "mode"/,
    code: 'invalid-arguments',
  },
  { what: 'an unknown place', tool: READ, args: { place: 'attic' }, says: /no MCU is in place "attic"; places with DHT11: living-room/, code: 'unknown-place' },
  { what: 'an unknown MCU', tool: READ, args: { mcu: 'esp32-attic' }, says: /no MCU "esp32-attic"; MCUs with DHT11: .*esp32-living-room/, code: 'unknown-mcu' },
  { what: 'a board without the sensor', tool: READ, args: { mcu: 'esp8266-garage' }, says: /MCU "esp8266-garage" has no DHT11/, code: 'no-device' },
  { what: 'a place without the sensor', tool: READ, args: { place: 'garage' }, says: /no MCU carries DHT11 in place "garage"/, code: 'no-device' },
  {
    what: 'an unknown sensor type',
    tool: 'list_devices',
    args: { sensor: 'FLUXCAP-9000' },
    says: /unknown sensor "FLUXCAP-9000"; sensor types: DHT11, /,
    code: undefined,
  },
  { what: 'a filter of the wrong type', tool: 'list_devices', args: { place: 7 }, says: /place must be a string/, code: 'invalid-arguments' },
  { what: 'an argument a tool does not take', tool: 'list_sensors', args: { verbose: true }, says: /"verbose"/, code: 'invalid-arguments' },
  {
    what: 'a misspelt tool',
    tool: 'dht11_read_temprature',
    args: {},
    says: /unknown tool "dht11_read_temprature"; did you mean "dht11_read_temperature"/,
    code: 'unknown-tool',
  },
  {
    what: 'a tool of another server',
    tool: 'read_temperature',
    args: {},
    says: /unknown tool "read_temperature"; did you mean "dht11_read_temperature"/,
    code: 'unknown-tool',
  },
];

/** Arguments that are not an object never reach a tool: the SDK refuses the request itself. */
const NOT_OBJECTS: readonly unknown[] = [[1, 2], 'duration=5', 42, true];

let system: TestSystem;
let broker: RunningBroker;
const hosts = new Map<McpTransportKind, { host: ToolHost; links: ServerLinks }>();

before(async () => {
  [system, broker] = await Promise.all([startTestSystem(), startMosquitto()]);
  const datapool = system.system.server.datapool;
  const datapoolUrl = `http://127.0.0.1:${system.system.server.httpAddress!.port}`;
  const open = async (transport: McpTransportKind): Promise<void> => {
    const links =
      transport === 'stdio'
        ? await openStdioSubset(datapoolUrl)
        : await openServerLinks({ transport, architecture: 'gateway', datapool, brokerUrl: broker.url, validateResults: false });
    hosts.set(transport, { host: await toolHostOver(links, { transport, architecture: 'gateway' }), links });
  };
  await Promise.all((['memory', 'stdio', 'http', 'mqtt'] as const).map(open));
});

after(async () => {
  await Promise.all([...hosts.values()].map(({ host }) => host.close()));
  await system?.close();
  await broker?.stop();
});

/**
 * The DHT11 and fleet servers as child processes on stdio (the real CLI, `mcp serve --transport stdio`),
 * reaching the datapool over HTTP: what every host does for all 23 servers, here for the two these calls use.
 */
function openStdioSubset(datapoolUrl: string): Promise<ServerLinks> {
  const newClient = clientFactory({ validateResults: false });
  const targets = gatewayServers().filter((target) => target.server === 'iotmcp/sensors/dht11' || target.server === 'iotmcp/fleet');
  return openAll(
    targets,
    async (target) => {
      const sensor = target.role.kind === 'sensor' ? target.role.spec.name : 'fleet';
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [CLI_PATH, 'mcp', 'serve', '--transport', 'stdio', '--sensor', sensor, '--datapool', datapoolUrl],
        stderr: 'ignore',
      });
      const client = newClient();
      await client.connect(transport);
      return { server: target.server, role: target.role, client, ...(transport.pid !== null && { pid: transport.pid }) };
    },
    async () => {},
  );
}

/** A good call, answered in full: the server behind `host` is still up. */
async function assertStillServes(host: ToolHost, after: string): Promise<void> {
  const result = await host.call(READ, { place: 'bedroom' }, { timeoutMs: 5000 });
  assert.equal(result.isError, false, `${host.transport}, after ${after}: ${result.text}`);
  assert.equal((result.structured as unknown as SensorToolOutput).mcu, 'esp32c6-bedroom');
}

async function assertBadCallsAnswered(transport: McpTransportKind): Promise<void> {
  const { host, links } = hosts.get(transport)!;
  for (const bad of BAD_CALLS) {
    const result = await host.call(bad.tool, bad.args, { timeoutMs: 5000 });
    const label = `${transport}, ${bad.what} (${JSON.stringify(bad.args)})`;
    assert.equal(result.isError, true, `${label}: ${result.text}`);
    assert.equal(result.transportError, undefined, `${label}: an error result, not a failed call: ${result.text}`);
    assert.equal(result.errorCode, bad.code, `${label}: ${result.text}`);
    assert.match(result.text, bad.says, label);
    assert.equal(result.structured, null, `${label}: nothing was read`);
    await assertStillServes(host, bad.what);
  }

  // Below the host: a name no server has, and arguments that are not an object, sent straight to the server.
  const dht = links.links.find((link) => link.server === 'iotmcp/sensors/dht11')!.client;
  const unknown = await dht.callTool({ name: 'read_temprature', arguments: {} }, undefined, { timeout: 5000 });
  assert.equal(unknown.isError, true);
  assert.match(JSON.stringify(unknown.content), /Tool read_temprature not found/);
  for (const args of NOT_OBJECTS) {
    // The SDK answers such a request with a JSON-RPC error (a throw here) or an error result; either way it answers.
    const answer = await dht.callTool({ name: 'read_temperature', arguments: args as Record<string, unknown> }, undefined, { timeout: 5000 }).then(
      (result) => (result.isError === true ? 'error result' : 'accepted'),
      (error: Error) => error.message,
    );
    assert.notEqual(answer, 'accepted', `${transport}: arguments ${JSON.stringify(args)}`);
    assert.doesNotMatch(answer, /timed out/i, `${transport}: arguments ${JSON.stringify(args)} got no answer`);
    await assertStillServes(host, `arguments ${JSON.stringify(args)}`);
  }
  for (const link of links.links) {
    if (link.pid !== undefined) assert.doesNotThrow(() => process.kill(link.pid!, 0), `${link.server}'s process is alive`);
  }
}

for (const transport of ['memory', 'stdio', 'http', 'mqtt'] as const) {
  test(`over ${transport}: every bad call gets a clear error result, and the next good call is answered`, () => assertBadCallsAnswered(transport));
}

test('the datapool saw none of the refused calls: only good ones reached a board', async () => {
  // Every transport ran its good calls after each bad one; the bad ones were stopped before the datapool
  // (schema) or refused by its router (unknown place, board without the sensor), and nothing was left queued.
  const health = await system.system.server.datapool.health();
  assert.equal(health.mcusOnline, 6);
  const expectedGood = 4 * (BAD_CALLS.length + NOT_OBJECTS.length);
  assert.equal(health.commandsAccepted, expectedGood);
});
