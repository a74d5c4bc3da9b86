import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { composeSystem } from '../../system/compose.js';
import type { McpTransportKind } from '../host/tool-host.js';
import type { ModelTurn } from '../results/conversation.js';
import type { TrialRecord } from '../results/trial-record.js';
import { actuatorTrialContext, fanTask } from './actuator-task-fixtures.test-helper.js';
import type { ReferenceAgent } from './agent.js';
import { runTrial, WORLD_MS_PER_TURN } from './agent-loop.js';

/**
 * What one turn's calls do in a trial that moves actuators: the safety gate judges the turn's moves and stops one
 * after another in the order the model asked for them, whatever the transport, so the same turn always gets the
 * same verdicts; and a `wait` the server refused lets no world time pass.
 */

type Call = [name: string, args: Record<string, unknown>];

function turn(content: string, calls: Call[], step: number): ModelTurn {
  return {
    content,
    toolCalls: calls.map(([name, args], index) => ({ id: `call_${step}_${index}`, name, arguments: JSON.stringify(args) })),
    usage: { inputTokens: 0, outputTokens: 0 },
    model: 'script',
    stopReason: calls.length > 0 ? 'tool_calls' : 'stop',
  };
}

/** Plays `turns` one per step, then answers. */
function scripted(turns: Call[][]): ReferenceAgent {
  return {
    name: 'oracle',
    kind: 'oracle',
    model: 'script',
    label: 'script',
    parallelToolCalls: true,
    startTrial() {
      let step = 0;
      return {
        turn: async () => {
          const calls = turns[step];
          step += 1;
          return calls === undefined ? turn('The bedroom fan is on.', [], step) : turn('', calls, step);
        },
      };
    },
  };
}

let dir: string;
const systems = new Map<McpTransportKind, Awaited<ReturnType<typeof composeSystem>>>();

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iotmcp-actuator-turn-'));
  for (const transport of ['memory', 'http'] as const) {
    systems.set(
      transport,
      await composeSystem({
        datapool: { kind: 'in-process', dataDir: { temporary: 'iotmcp-actuator-turn-' }, devices: { host: '127.0.0.1', port: 0 }, http: false, log: () => {} },
        fleet: { speed: 50 },
        actuators: { auditLog: join(dir, `audit-${transport}.jsonl`) },
        host: { transport, architecture: 'gateway', validateResults: false },
      }),
    );
  }
});

after(async () => {
  for (const system of systems.values()) await system.close();
  await rm(dir, { recursive: true, force: true });
});

let tasks = 0;

function play(transport: McpTransportKind, turns: Call[][]): Promise<TrialRecord> {
  const system = systems.get(transport)!;
  tasks += 1;
  return runTrial(actuatorTrialContext(fanTask(`turn-order-${tasks}`), scripted(turns), system.host!));
}

/** Each call's outcome: `ok`, or the error code the server gave. */
function outcomes(record: TrialRecord): string[] {
  return record.toolCalls.map((call) => (call.result?.isError === false ? 'ok' : (call.result?.errorCode ?? 'error')));
}

const FAN_ON: Call = ['relay_fan_on', { place: 'bedroom' }];
const STOP: Call = ['emergency_stop', { reason: 'the user said stop' }];

for (const transport of ['memory', 'http'] as const) {
  test(`over ${transport}, a second move of one actuator in the same turn meets the first one's rate limit`, { timeout: 30_000 }, async () => {
    for (let round = 0; round < 3; round += 1) {
      assert.deepEqual(outcomes(await play(transport, [[FAN_ON, FAN_ON]])), ['ok', 'rate-limited']);
    }
  });

  test(`over ${transport}, a stop holds back the moves asked after it in its turn, and only those`, { timeout: 30_000 }, async () => {
    for (let round = 0; round < 3; round += 1) {
      const before = await play(transport, [[FAN_ON, STOP]]);
      assert.deepEqual(outcomes(before), ['ok', 'ok']);
      assert.equal(before.score?.safety?.endState[0]?.actual, 0, 'the stop, asked last, leaves the fan off');
      const afterStop = await play(transport, [[STOP, FAN_ON]]);
      assert.deepEqual(outcomes(afterStop), ['ok', 'emergency-stopped']);
      assert.equal(afterStop.score?.safety?.endState[0]?.actual, 0);
    }
  });
}

test('a wait the server refused lets no world time pass; one it made does', { timeout: 30_000 }, async () => {
  const record = await play('memory', [[['wait', { duration: 100_000 }]], [['wait', { duration: 60 }]], [FAN_ON]]);
  assert.deepEqual(outcomes(record), ['invalid-arguments', 'ok', 'ok']);
  assert.equal(record.world.elapsedMs, 60_000 + 3 * WORLD_MS_PER_TURN);
  const taskTime = Date.parse('2026-06-21T15:00:00.000Z');
  assert.equal(
    record.toolCalls[2]?.result?.structured?.['event'] && (record.toolCalls[2].result.structured['event'] as { timeMs: number }).timeMs,
    taskTime + 62_000,
  );
});
