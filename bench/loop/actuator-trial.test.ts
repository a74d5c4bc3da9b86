import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { WorldContext } from '../../core/world/types.js';
import { composeSystem } from '../../system/compose.js';
import type { Task } from '../../tasks/schema.js';
import { sampleTask } from '../../tasks/task-fixtures.test-helper.js';
import { hostToolName } from '../host/host-tool-names.js';
import type { HostCallOptions, ToolHost } from '../host/tool-host.js';
import type { TurnRequest } from '../providers/provider.js';
import type { ModelTurn } from '../results/conversation.js';
import type { TrialRecord } from '../results/trial-record.js';
import { actuatorTrialContext, fanTask, LIVING_ROOM_NOTE, soundingBuzzerTask, windowTask } from './actuator-task-fixtures.test-helper.js';
import type { ReferenceAgent, TrialPlayer } from './agent.js';
import { runTrial, type TrialContext } from './agent-loop.js';

/**
 * Trials of tasks that move actuators, on the embedded system with its safety gate and audit log, over the
 * memory transport: what each call's world carries, how the trial's user answers the gate, and how two trials
 * of one task stay apart.
 */

type Call = [name: string, args: Record<string, unknown>];

function turn(content: string, calls: Call[] = [], step = 0): ModelTurn {
  return {
    content,
    toolCalls: calls.map(([name, args], index) => ({ id: `call_${step}_${index}`, name, arguments: JSON.stringify(args) })),
    usage: { inputTokens: 0, outputTokens: 0 },
    model: 'script',
    stopReason: calls.length > 0 ? 'tool_calls' : 'stop',
  };
}

/** A reference agent whose players answer turn by turn from a function of the task and the turn number. */
function scriptedAgent(play: (task: Task, step: number, request: TurnRequest) => ModelTurn | Promise<ModelTurn>): ReferenceAgent {
  return {
    name: 'oracle',
    kind: 'oracle',
    model: 'script',
    label: 'script',
    parallelToolCalls: true,
    startTrial(task: Task): TrialPlayer {
      let step = 0;
      return { turn: async (request) => play(task, step++, request) };
    },
  };
}

/** Plays the task's reference solution, one turn per reference turn, then answers. */
const referencePlayer = scriptedAgent((task, step) => {
  const reference = task.expect.actuation?.reference ?? [];
  const due = reference[step];
  if (due === undefined) return turn('The window is as you asked.');
  return turn(
    '',
    due.map((call): Call => [hostToolName(call.device ?? null, call.tool), call.args]),
    step,
  );
});

let dir: string;
let system: Awaited<ReturnType<typeof startSystem>>;
/** Every call the trials made, with the world it carried. */
const seen: { name: string; world: WorldContext | undefined }[] = [];
let host: ToolHost;

async function startSystem(auditLog: string) {
  return composeSystem({
    datapool: { kind: 'in-process', dataDir: { temporary: 'iotmcp-actuator-trial-' }, devices: { host: '127.0.0.1', port: 0 }, http: false, log: () => {} },
    fleet: { speed: 50 },
    actuators: { auditLog },
    host: { transport: 'memory', architecture: 'gateway', validateResults: false },
  });
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iotmcp-actuator-trial-'));
  system = await startSystem(join(dir, 'audit.jsonl'));
  const inner = system.host;
  host = {
    transport: inner.transport,
    architecture: inner.architecture,
    tools: inner.tools,
    call(name: string, args: Record<string, unknown>, options?: HostCallOptions) {
      seen.push({ name, world: options?.world });
      return inner.call(name, args, options);
    },
    close: () => inner.close(),
  };
});

after(async () => {
  await system?.close();
  await rm(dir, { recursive: true, force: true });
});

function context(task: Task, agent: ReferenceAgent, trial = 0): TrialContext {
  return actuatorTrialContext(task, agent, host, trial);
}

function worldsOf(record: TrialRecord): (WorldContext | undefined)[] {
  return seen.filter((call) => call.world?.trial === record.world.trial).map((call) => call.world);
}

test("a trial's calls carry its id, its notes and what its moves did; the user's yes moves the window and a no does not", { timeout: 30_000 }, async () => {
  const [yes, no] = await Promise.all([
    runTrial(context(windowTask('window.confirmed', true), referencePlayer)),
    runTrial(context(windowTask('window.declined', false), referencePlayer)),
  ]);
  for (const record of [yes, no]) {
    assert.notEqual(record.outcome, 'error', record.error?.message);
    assert.match(record.world.trial ?? '', new RegExp(`^${record.taskId.replace('.', '\\.')}#0/[0-9a-f-]{36}$`));
    // Two turns of calls, a world second each; the moves and reads take no world time of their own.
    assert.equal(record.world.elapsedMs, 2000);
    assert.deepEqual(
      record.toolCalls.map((call) => [call.name, call.actuator, call.tool, call.sensor]),
      [
        ['window_servo_set_opening', 'WINDOW-SERVO', 'set_opening', null],
        ['window_servo_status', 'WINDOW-SERVO', 'status', null],
      ],
    );
    const status = record.toolCalls[1]!.result;
    assert.equal(status?.isError, false, status?.text);
    assert.ok(status?.text.includes(LIVING_ROOM_NOTE), `the status read shows the device note: ${status?.text}`);
    const worlds = worldsOf(record);
    assert.equal(worlds.length, 2);
    assert.deepEqual(worlds[0]?.actuators, [], 'the first turn sees no move yet');
    assert.deepEqual(worlds[0]?.notes, [{ place: 'living-room', text: LIVING_ROOM_NOTE }]);
    assert.equal(worlds[1]?.timeMs, Date.parse('2026-06-21T15:00:00.000Z') + 1000);
  }

  const move = yes.toolCalls[0]!;
  assert.equal(move.result?.isError, false, move.result?.text);
  assert.equal(move.confirmation, 'accepted');
  // The servo follows at 20 %/s: a world second after the move it is 20 % open, on its way to 50.
  assert.equal(yes.toolCalls[1]!.result?.structured?.['state'], 20);
  assert.deepEqual(
    worldsOf(yes)[1]?.actuators,
    [{ actuator: 'WINDOW-SERVO', place: 'living-room', timeMs: Date.parse('2026-06-21T15:00:00.000Z'), value: 50 }],
    "the second turn's world carries the move",
  );

  const refused = no.toolCalls[0]!;
  assert.equal(refused.result?.isError, true);
  assert.equal(refused.result?.errorCode, 'confirmation-declined');
  assert.equal(refused.confirmation, 'declined');
  assert.equal(no.toolCalls[1]!.result?.structured?.['state'], 0, 'the window did not move');
  assert.deepEqual(worldsOf(no)[1]?.actuators, []);
});

test("a task whose buzzer starts sounding: every call's world opens with it, and the first status read says it sounds", { timeout: 30_000 }, async () => {
  const task = soundingBuzzerTask('buzzer.starts-on');
  const record = await runTrial(context(task, referencePlayer));
  assert.notEqual(record.outcome, 'error', record.error?.message);
  const status = record.toolCalls[0]!;
  assert.equal(status.name, 'buzzer_status');
  assert.equal(status.result?.isError, false, status.result?.text);
  assert.equal(status.result?.structured?.['state'], 1, 'the buzzer sounds before the trial moved anything');
  const start = { actuator: 'BUZZER', place: 'kitchen', timeMs: Date.parse(task.world.time) - 60_000, value: 1 };
  assert.deepEqual(worldsOf(record)[0]?.actuators, [start]);
  assert.deepEqual(
    record.score?.safety?.endState.map((verdict) => [verdict.actual, verdict.from, verdict.ok]),
    [[1, 'start', true]],
  );
});

test('two trials of one task, side by side, share neither a rate limit nor an emergency stop', { timeout: 30_000 }, async () => {
  const task = fanTask('fan.concurrent');
  let stopped: () => void = () => {};
  const stop = new Promise<void>((resolve) => {
    stopped = resolve;
  });
  // Trial 0 turns the fan on, stops everything, then finds it may not move the fan again.
  const stopping = scriptedAgent((_task, step) => {
    if (step === 0) return turn('', [['relay_fan_on', { place: 'bedroom' }]], step);
    if (step === 1) return turn('', [['emergency_stop', { reason: 'testing the stop' }]], step);
    if (step === 2) return turn('', [['dimmable_light_on', { place: 'living-room' }]], step);
    stopped();
    return turn('Stopped.');
  });
  // Trial 1 turns the fan on at the same time, then, once trial 0 is stopped, the light.
  const going = scriptedAgent(async (_task, step) => {
    if (step === 0) return turn('', [['relay_fan_on', { place: 'bedroom' }]], step);
    if (step === 1) {
      await stop;
      return turn('', [['dimmable_light_on', { place: 'living-room' }]], step);
    }
    return turn('The fan and the light are on.');
  });
  const [first, second] = await Promise.all([runTrial(context(task, stopping, 0)), runTrial(context(task, going, 1))]);
  assert.notEqual(first.world.trial, second.world.trial);
  const outcome = (record: TrialRecord) => record.toolCalls.map((call) => `${call.name}: ${call.result?.isError ? call.result.errorCode : 'ok'}`);
  assert.deepEqual(outcome(first), ['relay_fan_on: ok', 'emergency_stop: ok', 'dimmable_light_on: emergency-stopped']);
  assert.deepEqual(outcome(second), ['relay_fan_on: ok', 'dimmable_light_on: ok']);
  // The stop's safe states join trial 0's history: its fan is off again in its own world.
  const fanEvents = (record: TrialRecord) =>
    worldsOf(record)
      .at(-1)
      ?.actuators?.filter((event) => event.actuator === 'RELAY-FAN')
      .map((event) => event.value);
  assert.deepEqual(fanEvents(first)?.slice(0, 1), [1]);
  assert.equal(fanEvents(first)?.at(-1), 0);
  assert.deepEqual(fanEvents(second), [1]);
});

test('a task of the paper, on a host that offers actuators, is offered and sent what it always was', { timeout: 30_000 }, async () => {
  const task = sampleTask();
  let offered: string[] = [];
  const agent = scriptedAgent((_task, step, request) => {
    offered = request.tools.map((tool) => tool.name);
    return step === 0 ? turn('', [['relay_fan_on', {}]], step) : turn('I could not do that.');
  });
  const before = seen.length;
  const record = await runTrial(context(task, agent));
  assert.ok(offered.includes('dht11_read_temperature') && offered.includes('list_devices'));
  assert.deepEqual(
    offered.filter((name) => name.startsWith('relay_fan') || name === 'emergency_stop' || name === 'wait'),
    [],
  );
  assert.equal(seen.length, before, 'the call was never sent');
  assert.match(record.toolCalls[0]?.malformed ?? '', /unknown tool "relay_fan_on"/);
  assert.deepEqual(record.world, task.world);
});
