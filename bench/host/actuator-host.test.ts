import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ACTUATORS } from '../../core/actuators/catalogue.js';
import { composeSystem } from '../../system/compose.js';
import { type RunningBroker, startMosquitto } from '../mcp/mqtt/mosquitto.test-helper.js';
import { verifyAuditLog } from '../mcp/safety/audit-verify.js';
import { TOOL_NAME_PATTERN } from '../mcp/tool-names.js';
import { connectToolHost } from './connect.js';
import type { McpTransportKind, ToolHost } from './tool-host.js';

/**
 * A host that offers actuators: over each transport that serves the tools in this process (memory, Streamable
 * HTTP, MQTT), the actuator servers and the safety server come after the sensors and the fleet, and a move the
 * gate asks the user to confirm is answered by the trial's user across the transport. Over stdio and on the
 * native architecture, where no one gate would see every move, the host refuses to offer them.
 */

let dir: string;
let broker: RunningBroker;
let system: Awaited<ReturnType<typeof startSystem>>;

function startSystem(auditLog: string) {
  return composeSystem({
    datapool: { kind: 'in-process', dataDir: { temporary: 'iotmcp-actuator-host-' }, devices: { host: '127.0.0.1', port: 0 }, http: false, log: () => {} },
    fleet: { speed: 50 },
    actuators: { auditLog },
  });
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iotmcp-actuator-host-'));
  [broker, system] = await Promise.all([startMosquitto(), startSystem(join(dir, 'audit.jsonl'))]);
});

after(async () => {
  await system?.close();
  await broker?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const ACTUATOR_TOOLS = ACTUATORS.reduce((count, spec) => count + Object.keys(spec.commands).length, 0);

function connect(transport: McpTransportKind, architecture: 'gateway' | 'native' = 'gateway'): Promise<ToolHost> {
  return connectToolHost(system.hostOptions({ transport, architecture, brokerUrl: broker.url, validateResults: false }));
}

function assertActuatorTools(host: ToolHost): void {
  assert.equal(host.tools.length, 82 + ACTUATOR_TOOLS + 2);
  assert.ok(host.tools.every((tool) => TOOL_NAME_PATTERN.test(tool.name)));
  const names = host.tools.map((tool) => tool.name);
  const fleetAt = names.indexOf('list_sensors');
  assert.deepEqual(names.slice(fleetAt + 1, fleetAt + 4), ['relay_fan_on', 'relay_fan_off', 'relay_fan_status'], 'the catalogue order, after the fleet');
  assert.deepEqual(names.slice(-2), ['emergency_stop', 'wait']);
  const moves = host.tools.filter((tool) => tool.actuator !== undefined);
  assert.equal(moves.length, ACTUATOR_TOOLS);
  assert.ok(moves.every((tool) => tool.sensor === null && tool.safety === undefined && tool.name.endsWith(`_${tool.tool}`)));
  const window = host.tools.find((tool) => tool.name === 'window_servo_set_opening');
  assert.deepEqual([window?.actuator, window?.tool, window?.server], ['WINDOW-SERVO', 'set_opening', 'iotmcp/actuators/window-servo']);
  for (const name of ['emergency_stop', 'wait']) {
    const tool = host.tools.find((candidate) => candidate.name === name);
    assert.deepEqual([tool?.sensor, tool?.actuator, tool?.tool, tool?.safety], [null, undefined, name, true]);
  }
}

for (const transport of ['memory', 'http', 'mqtt'] as const) {
  test(`over ${transport} the actuator tools follow the fleet's, and the trial's user answers the gate across the transport`, {
    timeout: 30_000,
  }, async (t) => {
    const host = await connect(transport);
    t.after(() => host.close());
    assertActuatorTools(host);
    const world = { scenario: 'hot-afternoon', seed: 3, timeMs: Date.UTC(2026, 5, 21, 15), trial: `${transport}#0/host-test` };
    const moved = await host.call('window_servo_set_opening', { value: 30, place: 'living-room' }, { world, user: { confirms: true }, timeoutMs: 10_000 });
    assert.equal(moved.isError, false, moved.text);
    assert.equal(moved.confirmation, 'accepted');
    assert.deepEqual(moved.structured?.['event'], { actuator: 'WINDOW-SERVO', place: 'living-room', timeMs: world.timeMs, value: 30 });
    const declined = await host.call(
      'window_servo_open',
      { place: 'living-room' },
      { world: { ...world, trial: `${transport}#1/host-test` }, user: { confirms: false }, timeoutMs: 10_000 },
    );
    assert.equal(declined.errorCode, 'confirmation-declined', declined.text);
    assert.equal(declined.confirmation, 'declined');
    assert.equal(declined.infraFailure, undefined, "a user's no is the trial's to handle, not the infrastructure's");
  });
}

test('over stdio and on the native architecture a host refuses to offer actuators, naming why', async () => {
  await assert.rejects(connect('stdio'), /not offered over stdio.*one safety gate.*--mcp memory, http or mqtt/);
  await assert.rejects(connect('mqtt', 'native'), /gateway architecture only.*--architecture gateway/);
});

test('every call the hosts made is on record in the one audit log, and the log verifies', async () => {
  const verdict = await verifyAuditLog(join(dir, 'audit.jsonl'));
  assert.equal(verdict.ok, true, JSON.stringify(verdict.problem));
  assert.ok(verdict.entries >= 6, `${verdict.entries} entries`);
});
