import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { type ElicitRequest, ElicitRequestSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { findActuator } from '../../core/actuators/catalogue.js';
import { ERROR_META_KEY, TRIAL_META_KEY, WORLD_META_KEY } from '../../core/tool-meta.js';
import type { WorldContext } from '../../core/world/types.js';
import type { CommandRequest } from '../../datapool/types.js';
import { startTestSystem } from '../../system/test-system.test-helper.js';
import { CONFIRMATION_SCHEMA } from './actuator-confirmation.js';
import { fleetActuatorInstances } from './actuator-fleet.js';
import { type ActuatorToolOutput, CONFIRMATION_META_KEY } from './actuator-result.js';
import { actuatorServerEntries, createActuatorServer } from './actuator-servers.js';
import type { ActuatorToolOptions } from './actuator-tools.js';
import { connectInMemory, recordingDatapool, textOf } from './mcp-system.test-helper.js';
import { AuditLog } from './safety/audit-log.js';
import { verifyAuditLog } from './safety/audit-verify.js';
import { EmergencyStop } from './safety/emergency-stop.js';
import { SafetyGate } from './safety/gate.js';
import type { ConfirmationRequest } from './safety/gate-decision.js';
import { actuatorServerName } from './tool-names.js';
import { httpPathOf, serveMcpOverHttp } from './transports/http.js';

let closeSystem: () => Promise<void>;
let dir: string;
let auditPath: string;
let audit: AuditLog;
let options: ActuatorToolOptions;
/** Every actuator command that reached the datapool (and so a board). */
const sent: CommandRequest[] = [];
const clients: Client[] = [];

before(async () => {
  const started = await startTestSystem();
  closeSystem = started.close;
  dir = await mkdtemp(join(tmpdir(), 'iotmcp-actuator-confirmation-'));
  auditPath = join(dir, 'audit.jsonl');
  audit = await AuditLog.open(auditPath);
  const real = started.system.server.datapool;
  const datapool = recordingDatapool(real, sent);
  const gate = new SafetyGate({ emergencyStop: new EmergencyStop({ instances: fleetActuatorInstances(await real.mcus()) }) });
  options = { datapool, gate, audit };
});

after(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await audit?.close();
  await closeSystem?.();
  await rm(dir, { recursive: true, force: true });
});

type Answer = (request: ElicitRequest) => ElicitResult | Promise<ElicitResult>;

/** A real SDK client that declares elicitation and answers every question with `answer`, keeping what it was asked. */
function elicitingClient(answer: Answer): { client: Client; asked: ElicitRequest['params'][] } {
  const asked: ElicitRequest['params'][] = [];
  const client = new Client({ name: 'iotmcp-test-user', version: '0.0.0' }, { capabilities: { elicitation: {} } });
  client.setRequestHandler(ElicitRequestSchema, async (request) => {
    asked.push(request.params);
    return answer(request);
  });
  clients.push(client);
  return { client, asked };
}

async function windowServer(answer: Answer, extra: Partial<ActuatorToolOptions> = {}) {
  const { client, asked } = elicitingClient(answer);
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  const server: McpServer = createActuatorServer(findActuator('WINDOW-SERVO')!, { ...options, ...extra });
  await server.connect(serverSide);
  await client.connect(clientSide);
  return { client, asked };
}

const T0 = Date.UTC(2026, 5, 1, 12);

function world(trial: string, timeMs = T0): WorldContext {
  return { scenario: 'normal-day', seed: 11, timeMs, trial };
}

function call(client: Client, name: string, w: WorldContext) {
  return client.callTool({ name, arguments: {}, _meta: { [WORLD_META_KEY]: w } });
}

function codeOf(result: Awaited<ReturnType<Client['callTool']>>): string | undefined {
  return (result._meta?.[ERROR_META_KEY] as { code?: string } | undefined)?.code;
}

async function auditLines(): Promise<Record<string, unknown>[]> {
  return (await readFile(auditPath, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

test("the user's yes makes the move with the gate's code, which the model never sees; the question names the trial", async () => {
  const { client, asked } = await windowServer(() => ({ action: 'accept', content: { confirm: true } }));
  const before = sent.length;
  const opened = await call(client, 'window_servo_open', world('run/open#1'));
  assert.notEqual(opened.isError, true, textOf(opened));
  const output = opened.structuredContent as unknown as ActuatorToolOutput;
  assert.equal(output.state, 100);
  assert.deepEqual(output.event, { actuator: 'WINDOW-SERVO', place: output.place, timeMs: T0, value: 100 });
  assert.equal(sent.length, before + 1, 'the move reached the board once');
  assert.equal(opened._meta?.[CONFIRMATION_META_KEY], undefined, 'no code comes back once the user has answered');

  assert.equal(asked.length, 1);
  const question = asked[0]!;
  assert.match(question.message, /open.*WINDOW-SERVO.*Shall I go ahead\?/s);
  assert.equal(question._meta?.[TRIAL_META_KEY], 'run/open#1');
  assert.ok('requestedSchema' in question);
  assert.deepEqual(question.requestedSchema, CONFIRMATION_SCHEMA);

  // The board holds the move: a status read in a world carrying it says open.
  const status = await client.callTool({
    name: 'window_servo_status',
    arguments: {},
    _meta: { [WORLD_META_KEY]: { ...world('run/open#1', T0 + 60_000), actuators: [output.event!] } },
  });
  assert.equal((status.structuredContent as unknown as ActuatorToolOutput).state, 100);

  const moves = (await auditLines()).filter((line) => line['tool'] === 'window_servo_open');
  assert.deepEqual(
    moves.map((line) => [line['decision'], line['outcome']]),
    [
      [{ allowed: true, reason: 'confirmed by the user' }, { status: 'pending' }],
      [
        { allowed: true, reason: 'confirmed by the user' },
        { status: 'done', value: 100 },
      ],
    ],
  );
  assert.equal((await verifyAuditLog(auditPath)).ok, true);
});

test('declined, dismissed or answered no: nothing moves, the refusal says not to retry, and the audit log names confirmation-declined', async () => {
  const answers: [string, ElicitResult][] = [
    ['decline', { action: 'decline' }],
    ['cancel', { action: 'cancel' }],
    ['no', { action: 'accept', content: { confirm: false } }],
  ];
  for (const [label, answer] of answers) {
    const { client, asked } = await windowServer(() => answer);
    const before = sent.length;
    const refused = await call(client, 'window_servo_open', world(`run/declined#${label}`));
    assert.equal(refused.isError, true, label);
    assert.equal(codeOf(refused), 'confirmation-declined', label);
    assert.match(textOf(refused), /did not .*nothing was moved\. Do not retry/, label);
    assert.equal(refused._meta?.[CONFIRMATION_META_KEY], undefined, `${label}: no code to retry with`);
    assert.equal(sent.length, before, `${label}: nothing reached the board`);
    assert.equal(asked.length, 1, `${label}: asked once`);
    const last = (await auditLines()).at(-1)!;
    assert.equal(last['tool'], 'window_servo_open');
    assert.deepEqual(last['decision'], { allowed: false, rule: 'confirmation-declined', reason: textOf(refused) });
    assert.deepEqual(last['outcome'], { status: 'refused' });
  }
});

test('a question that fails or goes unanswered falls back to the code in _meta, as for a client that cannot be asked', async () => {
  const failing = await windowServer(() => {
    throw new Error('the user interface is gone');
  });
  const broken = await call(failing.client, 'window_servo_open', world('run/fallback#1'));
  assert.equal(codeOf(broken), 'confirmation-required');
  assert.ok((broken._meta?.[CONFIRMATION_META_KEY] as ConfirmationRequest | undefined)?.code);

  const silent = await windowServer(() => new Promise<never>(() => {}), { confirmationTimeoutMs: 200 });
  const before = sent.length;
  const late = await call(silent.client, 'window_servo_open', world('run/fallback#2'));
  assert.equal(codeOf(late), 'confirmation-required');
  assert.equal(silent.asked.length, 1);
  assert.equal(sent.length, before);

  // A client without the capability is never asked: the refusal carries the code for the user's channel.
  const plain = await connectInMemory(createActuatorServer(findActuator('WINDOW-SERVO')!, options));
  clients.push(plain);
  const code = await call(plain, 'window_servo_open', world('run/fallback#3'));
  assert.equal(codeOf(code), 'confirmation-required');
  const confirmation = code._meta?.[CONFIRMATION_META_KEY] as ConfirmationRequest | undefined;
  assert.ok(confirmation?.code);
  assert.ok(!textOf(code).includes(confirmation.code));
});

test('over Streamable HTTP the question travels on the call and the answered move is made', async () => {
  const http = await serveMcpOverHttp({ servers: actuatorServerEntries(options), listen: { host: '127.0.0.1', port: 0 } });
  try {
    const { client, asked } = elicitingClient(() => ({ action: 'accept', content: { confirm: true } }));
    await client.connect(new StreamableHTTPClientTransport(new URL(http.url(httpPathOf(actuatorServerName('WINDOW-SERVO'))))));
    const opened = await call(client, 'window_servo_open', world('run/http#1'));
    assert.notEqual(opened.isError, true, textOf(opened));
    assert.equal((opened.structuredContent as unknown as ActuatorToolOutput).state, 100);
    assert.equal(asked[0]?._meta?.[TRIAL_META_KEY], 'run/http#1');
    await client.close();
  } finally {
    await http.close();
  }
});
