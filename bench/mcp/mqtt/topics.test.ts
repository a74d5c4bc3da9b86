import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serveOverMqtt, serverIds } from './serve.js';
import {
  controlTopic,
  idProblem,
  parseServerPresenceTopic,
  rpcTopic,
  serverNameFilterProblem,
  serverNameProblem,
  serverPresenceFilter,
  serverPresenceTopic,
} from './topics.js';

test('server-names must contain "/", not start with one, and hold no wildcard', () => {
  assert.equal(serverNameProblem('iotmcp/sensors/dht11'), null);
  assert.match(serverNameProblem('dht11') ?? '', /must contain a "\/"/);
  assert.match(serverNameProblem('/iotmcp/x') ?? '', /must not start with "\/"/);
  assert.match(serverNameProblem('iotmcp/+/x') ?? '', /must not contain/);
  assert.match(serverNameProblem('iotmcp/#') ?? '', /must not contain/);
  assert.match(serverNameProblem('') ?? '', /non-empty/);
});

test('server-ids and client-ids are one topic level', () => {
  assert.equal(idProblem('server-id', 'host-1a2b3c-dht11'), null);
  for (const bad of ['a/b', 'a+b', 'a#', '']) assert.notEqual(idProblem('client-id', bad), null, bad);
});

test("a server-id may not be a level of the protocol's own topics (its control topic would read as a presence topic)", () => {
  assert.equal(controlTopic('presence', 'iotmcp/a'), serverPresenceTopic('iotmcp', 'a'));
  for (const reserved of ['presence', 'capability']) assert.match(idProblem('server-id', reserved) ?? '', /choose another/);
  assert.equal(idProblem('client-id', 'presence'), null);
});

test('discovery filters allow whole-level wildcards only', () => {
  assert.equal(serverNameFilterProblem('iotmcp/#'), null);
  assert.equal(serverNameFilterProblem('iotmcp/+/dht11'), null);
  assert.equal(serverNameFilterProblem('#'), null);
  assert.notEqual(serverNameFilterProblem('iotmcp/#/x'), null);
  assert.notEqual(serverNameFilterProblem('iotmcp/dht#'), null);
  assert.equal(serverPresenceFilter('iotmcp/#'), '$mcp-server/presence/+/iotmcp/#');
});

test('topics follow the specification and presence topics parse back', () => {
  assert.equal(controlTopic('s1', 'iotmcp/sensors/dht11'), '$mcp-server/s1/iotmcp/sensors/dht11');
  assert.equal(rpcTopic('c1', 's1', 'iotmcp/sensors/dht11'), '$mcp-rpc/c1/s1/iotmcp/sensors/dht11');
  const presence = serverPresenceTopic('s1', 'iotmcp/sensors/dht11');
  assert.equal(presence, '$mcp-server/presence/s1/iotmcp/sensors/dht11');
  assert.deepEqual(parseServerPresenceTopic(presence), { serverId: 's1', serverName: 'iotmcp/sensors/dht11' });
  assert.equal(parseServerPresenceTopic('$mcp-server/presence/s1'), null);
  assert.equal(parseServerPresenceTopic('$mcp-server/presence/s1/nameless'), null);
  assert.equal(parseServerPresenceTopic('$mcp-rpc/c/s/a/b'), null);
});

test('server-ids of one process are unique, readable and valid', () => {
  const entries = ['iotmcp/sensors/dht11', 'iotmcp/sensors/hc-sr04', 'iotmcp/devices/dht11'].map((name) => ({
    name,
    description: '',
    factory: () => {
      throw new Error('not called');
    },
  }));
  const ids = serverIds(entries, 'my host.local');
  assert.equal(new Set(ids).size, 3);
  assert.match(ids[0]!, /^my-host\.local-[0-9a-f]{6}-dht11$/);
  assert.match(ids[1]!, /-hc-sr04$/);
  assert.match(ids[2]!, /-dht11-2$/);
  for (const id of ids) assert.equal(idProblem('server-id', id), null);
});

test('explicit server-ids: one per server, valid and distinct, checked before anything connects', async () => {
  const servers = ['iotmcp/sensors/dht11', 'iotmcp/fleet'].map((name) => ({
    name,
    description: '',
    factory: () => {
      throw new Error('not called');
    },
  }));
  // Port 1: nothing listens there, so any attempt to connect would fail differently.
  const serve = (ids: string[]) => serveOverMqtt({ brokerUrl: 'mqtt://127.0.0.1:1', servers, serverIds: ids, log: () => undefined });
  await assert.rejects(
    serve(['only-one']),
    /1 server-id\(s\) given for 2 MCP server\(s\): give one per server, in this order: iotmcp\/sensors\/dht11, iotmcp\/fleet/,
  );
  await assert.rejects(serve(['a', 'a']), /server-id "a" given twice/);
  await assert.rejects(serve(['a', 'b/c']), /must not contain "\/"/);
});
