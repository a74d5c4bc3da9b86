import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Scalar, Task } from '../../tasks/schema.js';
import type { ToolDefinition } from '../host/tool-host.js';
import type { TurnRequest } from '../providers/provider.js';
import type { Message, ModelTurn } from '../results/conversation.js';
import { checkAnswer } from '../scoring/answer-check.js';
import { createOracleAgent, NOTHING_READ } from './oracle.js';
import { definitions, gatewayTools, nativeTools, playAndScore, shippedTasks } from './simulated-trial.test-helper.js';

const oracle = createOracleAgent({ provider: 'oracle' });
const signal = new AbortController().signal;
let tasks: Map<string, Task>;

before(async () => {
  tasks = new Map((await shippedTasks()).map((t) => [t.id, t]));
  assert.equal(tasks.size, 1254);
});

function task(id: string): Task {
  const found = tasks.get(id);
  assert.ok(found, `task ${id} is shipped`);
  return found;
}

/** A sensor tool's structured result as the servers build it: only readings[].values matters here. */
function result(...values: Record<string, unknown>[]): Record<string, unknown> {
  return { readings: values.map((v, seq) => ({ seq, values: v, timestamp: null, peak_memory: null })), count: values.length };
}

/** The conversation after the oracle's turn was answered with these structured results, in call order. */
function answered(prompt: string, turns: { turn: ModelTurn; results: Record<string, unknown>[] }[]) {
  const messages: Message[] = [{ role: 'user', content: prompt }];
  const results = new Map<string, Record<string, unknown> | null>();
  for (const { turn, results: structured } of turns) {
    messages.push({ role: 'assistant', content: turn.content, toolCalls: turn.toolCalls });
    turn.toolCalls.forEach((call, i) => {
      results.set(call.id, structured[i] ?? null);
      messages.push({ role: 'tool', toolCallId: call.id, name: call.name, content: 'reading', isError: false });
    });
  }
  return { messages, results };
}

const gateway = definitions(gatewayTools());
const native = definitions(nativeTools());

function request(t: Task, tools: ToolDefinition[], extra: Partial<TurnRequest> = {}): TurnRequest {
  return { messages: [{ role: 'user', content: t.prompt }], tools, toolChoice: 'auto', signal, ...extra };
}

/** The oracle's turn in a trial of `t`. */
function play(t: Task, turnRequest: TurnRequest): Promise<ModelTurn> {
  return oracle.startTrial(t).turn(turnRequest);
}

function passes(t: Task, answer: string, bindings: Map<string, Scalar[]>): void {
  const verdicts = checkAnswer(answer, t.expect.answer, bindings);
  assert.deepEqual(
    verdicts.filter((v) => !v.ok).map((v) => `${v.id}: ${v.reason}`),
    [],
    `answer "${answer}"`,
  );
}

describe('oracle', () => {
  test('names itself as a check of the harness, not a model', () => {
    assert.equal(oracle.name, 'oracle');
    assert.equal(oracle.kind, 'oracle');
    assert.equal(oracle.model, 'expected-calls');
    assert.match(oracle.label, /not a model/);
    assert.equal(oracle.parallelToolCalls, true);
  });

  test('a single read: the first option, its required arguments only, then the value it read', async () => {
    const t = task('dht11.living-room-temperature');
    const tools = gateway;
    const first = await play(t, request(t, tools));
    assert.deepEqual(first.toolCalls, [{ id: 'oracle_1_0', name: 'dht11_read_temperature', arguments: '{"place":"living-room"}' }]);
    assert.equal(first.stopReason, 'tool_calls');
    assert.deepEqual(first.usage, { inputTokens: 0, outputTokens: 0 });

    const second = await play(t, { ...request(t, tools), ...answered(t.prompt, [{ turn: first, results: [result({ temperature: 27 })] }]) });
    assert.deepEqual(second.toolCalls, []);
    assert.equal(second.model, 'expected-calls');
    assert.match(second.content, /\b27\b/);
    passes(t, second.content, new Map([['main', [27]]]));
  });

  test('a series asks for the interval and duration the task wants and states the aggregate', async () => {
    const t = task('tmp36.workshop-celsius-series');
    const first = await play(t, request(t, gateway));
    assert.equal(first.toolCalls.length, 1);
    const args = JSON.parse(first.toolCalls[0]!.arguments) as Record<string, unknown>;
    // Once a second is the server's default, so the task lets the interval be left out.
    assert.equal(args['interval'] ?? 1, 1);
    assert.equal(args['duration'], 5);
    const celsius = [20, 21, 22, 23, 24];
    const second = await play(t, {
      ...request(t, gateway),
      ...answered(t.prompt, [{ turn: first, results: [result(...celsius.map((c) => ({ celsius: c, raw: 1, voltage: 1 })))] }]),
    });
    assert.match(second.content, /\b22\b/);
    passes(t, second.content, new Map([['main', celsius]]));
  });

  test('a conditional call is made only once its condition holds over what was read', async () => {
    const t = task('lm35.kitchen-celsius.v07');
    const tools = gateway;
    const first = await play(t, request(t, tools));
    assert.deepEqual(
      first.toolCalls.map((c) => c.name),
      ['lm35_read_celsius'],
    );

    // Under 28 C: the alarm call is not due, so the oracle answers.
    const cool = await play(t, { ...request(t, tools), ...answered(t.prompt, [{ turn: first, results: [result({ celsius: 25 })] }]) });
    assert.deepEqual(cool.toolCalls, []);
    passes(t, cool.content, new Map([['main', [25]]]));

    // At 28 C or above: it checks the alarm in a second step, then states it.
    const hot = await play(t, { ...request(t, tools), ...answered(t.prompt, [{ turn: first, results: [result({ celsius: 31 })] }]) });
    assert.deepEqual(
      hot.toolCalls.map((c) => [c.id, c.name]),
      [['oracle_2_0', 'lm35_read_alarm']],
    );
    const final = await play(t, {
      ...request(t, tools),
      ...answered(t.prompt, [
        { turn: first, results: [result({ celsius: 31 })] },
        { turn: hot, results: [result({ alarm: false })] },
      ]),
    });
    assert.deepEqual(final.toolCalls, []);
    passes(
      t,
      final.content,
      new Map<string, Scalar[]>([
        ['main', [31]],
        ['alarm', [false]],
      ]),
    );
  });

  test('expected calls answered by one and the same call are made once and all bound from it', async () => {
    const t = task('mpu6050.level-accel');
    assert.equal(t.expect.calls.length, 3);
    const first = await play(t, request(t, gateway));
    assert.deepEqual(
      first.toolCalls.map((c) => c.name),
      ['mpu6050_read_accel'],
    );
    const accel = { x: 0.12, y: -0.31, z: 9.79 };
    const second = await play(t, { ...request(t, gateway), ...answered(t.prompt, [{ turn: first, results: [result({ accel })] }]) });
    passes(
      t,
      second.content,
      new Map([
        ['main.accel.x', [accel.x]],
        ['main.accel.y', [accel.y]],
        ['main.accel.z', [accel.z]],
      ]),
    );
  });

  test('a choice between two places: both calls in one turn, then the place the values pick', async () => {
    const t = task('dht11.living-room-temperature.v08');
    const first = await play(t, request(t, gateway));
    assert.deepEqual(
      first.toolCalls.map((c) => [c.id, c.name]),
      [
        ['oracle_1_0', 'dht11_read_temperature'],
        ['oracle_1_1', 'ds18b20_read_temp'],
      ],
    );
    for (const [inside, outside] of [
      [28, 22.5],
      [19, 24.25],
    ] as const) {
      const second = await play(t, {
        ...request(t, gateway),
        ...answered(t.prompt, [{ turn: first, results: [result({ temperature: inside }), result({ temperatures: [outside, 18] })] }]),
      });
      passes(
        t,
        second.content,
        new Map([
          ['main', [inside]],
          ['garden', [outside]],
        ]),
      );
    }
  });

  test('native architecture: the tool pinned to the board the task names, without mcu or place arguments', async () => {
    const t = task('dht11.living-room-temperature');
    const first = await play(t, request(t, native));
    assert.deepEqual(first.toolCalls, [{ id: 'oracle_1_0', name: 'esp32_living_room__dht11_read_temperature', arguments: '{}' }]);
  });

  test("toolChoice 'none' makes it answer with what it has, never with nothing", async () => {
    const t = task('dht11.living-room-temperature');
    const turn = await play(t, request(t, gateway, { toolChoice: 'none' }));
    assert.deepEqual(turn.toolCalls, []);
    assert.equal(turn.stopReason, 'stop');
    assert.equal(turn.content, NOTHING_READ);
  });

  test('a failed call is not made again, and the answer states what the others read', async () => {
    const t = task('dht11.living-room-temperature.v08');
    const first = await play(t, request(t, gateway));
    // The DS18B20 call failed (null result): the oracle answers with the living room value alone.
    const second = await play(t, { ...request(t, gateway), ...answered(t.prompt, [{ turn: first, results: [result({ temperature: 23 })] }]) });
    assert.deepEqual(second.toolCalls, []);
    assert.match(second.content, /\b23\b/);
  });

  test('the same request always gets the same turn', async () => {
    const t = task('dht11.living-room-temperature.v08');
    const a = await play(t, request(t, gateway));
    const b = await play(t, request(t, gateway));
    assert.deepEqual(a, b);
  });

  // The benchmark's own scorer over every shipped task: the oracle must score 100% in both architectures.
  for (const architecture of ['gateway', 'native'] as const) {
    test(`scores 100% on every shipped task, ${architecture} architecture`, async () => {
      const tools = architecture === 'gateway' ? gatewayTools() : nativeTools();
      const failures: string[] = [];
      for (const t of tasks.values()) {
        const { played, score } = await playAndScore(oracle, t, tools);
        if (!score.success) {
          const why = [...score.calls.failures.map((f) => f.message), ...score.answer.facts.filter((f) => !f.ok).map((f) => `${f.id}: ${f.reason}`)];
          failures.push(`${t.id}: ${why.join('; ')} (answer "${played.answer}")`);
        }
      }
      assert.deepEqual(failures.slice(0, 5), []);
    });
  }
});
