import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { findActuator } from '../../core/actuators/catalogue.js';
import { TRIAL_META_KEY, WORLD_META_KEY } from '../../core/tool-meta.js';
import { toolHostOver } from './connect.js';
import { clientFactory, openAll } from './server-link.js';
import type { ToolHost } from './tool-host.js';
import { TrialUsers } from './trial-users.js';

/**
 * A server of our own that asks to confirm every move, as the safety gate does: an elicitation naming the trial
 * its call's world names. What the user answered comes back as the tool's text.
 */
function askingServer(): McpServer {
  const server = new McpServer({ name: 'iotmcp/actuators/relay-fan', version: '0' });
  server.registerTool('relay_fan_on', { description: 'on' }, async (extra) => {
    const world = extra._meta?.[WORLD_META_KEY] as { trial?: string } | undefined;
    const reply = await server.server.elicitInput({
      message: 'Turn the fan on?',
      requestedSchema: { type: 'object', properties: { confirm: { type: 'boolean' } }, required: ['confirm'] },
      ...(world?.trial === undefined ? {} : { _meta: { [TRIAL_META_KEY]: world.trial } }),
    });
    return { content: [{ type: 'text', text: `${reply.action}${reply.content?.['confirm'] === true ? ' confirm' : ''}` }] };
  });
  return server;
}

async function askingHost(users: TrialUsers | undefined): Promise<ToolHost> {
  const spec = findActuator('RELAY-FAN')!;
  const server = askingServer();
  const newClient = clientFactory({ validateResults: false, ...(users !== undefined && { users }) });
  const links = await openAll(
    [{ server: 'iotmcp/actuators/relay-fan' }],
    async (target) => {
      const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
      await server.connect(serverSide);
      const client = newClient();
      await client.connect(clientSide);
      return { server: target.server, role: { kind: 'actuator', spec }, client };
    },
    () => server.close(),
  );
  return toolHostOver(users === undefined ? links : { ...links, users }, { transport: 'memory', architecture: 'gateway' });
}

const world = (trial?: string) => ({ scenario: 'default', seed: 1, timeMs: Date.parse('2025-06-01T12:00:00Z'), ...(trial !== undefined && { trial }) });

test("the host's clients answer a request to confirm a move as the user of the trial it names, and the result says what they said", async (t) => {
  const users = new TrialUsers();
  const host = await askingHost(users);
  t.after(() => host.close());

  const tool = host.tools.find((candidate) => candidate.name === 'relay_fan_on');
  assert.deepEqual({ actuator: tool?.actuator, tool: tool?.tool, sensor: tool?.sensor }, { actuator: 'RELAY-FAN', tool: 'on', sensor: null });

  const [yes, no] = await Promise.all([
    host.call('relay_fan_on', {}, { world: world('task#0/a'), user: { confirms: true } }),
    host.call('relay_fan_on', {}, { world: world('task#1/b'), user: { confirms: false } }),
  ]);
  assert.equal(yes.text, 'accept confirm');
  assert.equal(yes.confirmation, 'accepted');
  assert.equal(no.text, 'decline');
  assert.equal(no.confirmation, 'declined');
  assert.equal(users.size, 0, 'a trial is known only while one of its calls runs');
});

test('a request naming no trial, a trial with no call in flight, or a call without a user is declined', async (t) => {
  const users = new TrialUsers();
  const host = await askingHost(users);
  t.after(() => host.close());

  const noTrial = await host.call('relay_fan_on', {}, { world: world(), user: { confirms: true } });
  assert.equal(noTrial.text, 'decline');
  assert.equal(noTrial.confirmation, undefined, 'no user of this call was asked');
  const noUser = await host.call('relay_fan_on', {}, { world: world('task#0/c') });
  assert.equal(noUser.text, 'decline');
  assert.equal(noUser.confirmation, undefined);
  assert.deepEqual(users.answer({ [TRIAL_META_KEY]: 'task#0/c' }), { action: 'decline' }, 'the trial is over: nobody answers for it');
  assert.deepEqual(users.answer(undefined), { action: 'decline' });
});

test('clients made without a registry still declare elicitation, and decline every request', async (t) => {
  const host = await askingHost(undefined);
  t.after(() => host.close());
  const result = await host.call('relay_fan_on', {}, { world: world('task#0/d'), user: { confirms: true } });
  assert.equal(result.isError, false);
  assert.equal(result.text, 'decline');
});

test('when several calls of one trial are in flight, the answer is recorded on those that can move something', () => {
  const users = new TrialUsers();
  const move = users.register('t', { confirms: true }, true);
  const read = users.register('t', { confirms: true }, false);
  const other = users.register('u', { confirms: false }, true);
  assert.deepEqual(users.answer({ [TRIAL_META_KEY]: 't' }), { action: 'accept', content: { confirm: true } });
  assert.deepEqual(move.answers, ['accepted']);
  assert.deepEqual(read.answers, []);
  assert.deepEqual(other.answers, []);
  move.release();
  move.release();
  read.release();
  other.release();
  assert.equal(users.size, 0);
});
