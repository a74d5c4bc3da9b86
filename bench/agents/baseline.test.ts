import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Task } from '../../tasks/schema.js';
import { sampleTask } from '../../tasks/task-fixtures.test-helper.js';
import type { ToolDefinition } from '../host/tool-host.js';
import { toolInputSchema } from '../mcp/tool-input.js';
import type { TurnRequest } from '../providers/provider.js';
import type { Message } from '../results/conversation.js';
import { baselineTurn, CatalogueCache, createBaselineAgent } from './baseline.js';
import { NOTHING_FOUND } from './baseline-answer.js';
import { definitions, gatewayTools, nativeTools, playAndScore, playTrial, shippedTasks, simulateCall } from './simulated-trial.test-helper.js';

const signal = new AbortController().signal;
const gateway = definitions(gatewayTools());
const native = definitions(nativeTools());
let tasks: Task[];

before(async () => {
  tasks = await shippedTasks();
  assert.equal(tasks.length, 1254);
});

function asked(prompt: string): Task {
  return sampleTask({ prompt, world: { scenario: 'hot-afternoon', time: '2026-06-21T15:00:00.000Z', seed: 3 } });
}

function args(text: string): Record<string, unknown> {
  return JSON.parse(text) as Record<string, unknown>;
}

/** The fleet directory's reply, as the first turn's list_devices call gets it. */
const FLEET_TEXT = simulateCall(
  asked('-'),
  gatewayTools().find((t) => t.name === 'list_devices'),
  {},
).text;

/** The conversation after the baseline's list_devices call was answered. */
function afterFleet(prompt: string, tools: ToolDefinition[]): TurnRequest {
  const messages: Message[] = [
    { role: 'user', content: prompt },
    { role: 'assistant', content: '', toolCalls: [{ id: 'baseline_1_0', name: 'list_devices', arguments: '{}' }] },
    { role: 'tool', toolCallId: 'baseline_1_0', name: 'list_devices', content: FLEET_TEXT, isError: false },
  ];
  return { messages, tools, toolChoice: 'auto', signal, results: new Map([['baseline_1_0', null]]) };
}

describe('baseline', () => {
  test('names itself as keyword rules, not a language model', () => {
    const baseline = createBaselineAgent({ provider: 'baseline' });
    assert.equal(baseline.name, 'baseline');
    assert.equal(baseline.kind, 'baseline');
    assert.equal(baseline.model, 'keyword-rules-v1');
    assert.match(baseline.label, /not a language model/);
    assert.equal(baseline.parallelToolCalls, true);
  });

  test("the living room's temperature: asks the fleet, reads the DHT11 there, and states the value", async () => {
    const baseline = createBaselineAgent({ provider: 'baseline' });
    const played = await playTrial(baseline, asked("What's the temperature in the living room?"), gatewayTools());
    assert.deepEqual(
      played.calls.map((c) => [c.request.name, c.request.arguments]),
      [
        ['list_devices', '{}'],
        ['dht11_read_temperature', '{"place":"living-room"}'],
      ],
    );
    const reading = played.calls[1]!.result.structured as { readings: { values: { temperature: number } }[] };
    const temperature = reading.readings[0]!.values.temperature;
    assert.ok(played.answer !== null);
    assert.match(played.answer, new RegExp(`living room DHT11: temperature ${temperature} C`));
    assert.deepEqual(
      played.turns.map((t) => t.usage),
      [0, 1, 2].map(() => ({ inputTokens: 0, outputTokens: 0 })),
    );
  });

  test('"for 10 seconds every 2 seconds" becomes a series, stated as the average the request implies', async () => {
    const baseline = createBaselineAgent({ provider: 'baseline' });
    const played = await playTrial(baseline, asked('Log the bedroom humidity for 10 seconds every 2 seconds.'), gatewayTools());
    const read = played.calls[1]!;
    assert.equal(read.request.name, 'dht11_read_humidity');
    assert.deepEqual(args(read.request.arguments), { place: 'bedroom', duration: 10, interval: 2 });
    const values = (read.result.structured as { readings: { values: { humidity: number } }[] }).readings.map((r) => r.values.humidity);
    assert.equal(values.length, 5);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    // One committed figure per asked statistic, not every sample: a list of numbers answers nothing.
    assert.equal(played.answer, `bedroom DHT11: humidity: average ${Number(mean.toPrecision(6))} %RH (over 5 readings).`);
  });

  test('several places in one request are read in parallel, in one turn', async () => {
    const turn = baselineTurn(afterFleet('Is it warmer in the kitchen or out in the garden right now?', gateway));
    assert.deepEqual(
      turn.toolCalls.map((c) => [c.id, c.name, args(c.arguments)['place']]),
      [
        ['baseline_2_0', 'lm35_read_celsius', 'kitchen'],
        ['baseline_2_1', 'ds18b20_read_temp', 'garden'],
      ],
    );
  });

  test('a threshold in the question gets a verdict from the value read', () => {
    for (const [celsius, verdict] of [
      [31, 'above'],
      [25, 'below'],
    ] as const) {
      const request = afterFleet('Is the kitchen above 30 °C?', gateway);
      const structured = { sensor: 'LM35', place: 'kitchen', units: { celsius: 'C' }, readings: [{ values: { celsius } }] };
      request.messages.push(
        { role: 'assistant', content: '', toolCalls: [{ id: 'baseline_2_0', name: 'lm35_read_celsius', arguments: '{"place":"kitchen"}' }] },
        { role: 'tool', toolCallId: 'baseline_2_0', name: 'lm35_read_celsius', content: `celsius ${celsius} C`, isError: false },
      );
      const answer = baselineTurn({ ...request, results: new Map([['baseline_2_0', structured]]) }).content;
      assert.equal(answer, `The kitchen LM35 celsius is ${verdict} 30 C. kitchen LM35: celsius ${celsius} C.`);
    }
  });

  test('native architecture: the tool of the board in that place, without place or mcu', () => {
    const first = baselineTurn({
      messages: [{ role: 'user', content: "What's the temperature in the living room?" }],
      tools: native,
      toolChoice: 'auto',
      signal,
    });
    assert.deepEqual(
      first.toolCalls.map((c) => c.name),
      ['list_devices'],
    );
    const second = baselineTurn(afterFleet("What's the temperature in the living room?", native));
    assert.deepEqual(
      second.toolCalls.map((c) => [c.name, c.arguments]),
      [['esp32_living_room__dht11_read_temperature', '{}']],
    );
  });

  test('answers that it found no sensor when nothing in the request matches one', () => {
    const sensorsOnly = gateway.filter((tool) => !tool.name.startsWith('list_'));
    const turn = baselineTurn({ messages: [{ role: 'user', content: 'Tell me a joke about penguins.' }], tools: sensorsOnly, toolChoice: 'auto', signal });
    assert.deepEqual(turn.toolCalls, []);
    assert.equal(turn.content, NOTHING_FOUND);
    assert.equal(turn.stopReason, 'stop');
  });

  test('is deterministic: the same request gets the same turn, from any instance', async () => {
    const request = afterFleet('Watch the workshop MPU6050 gyro live for 4 seconds and compare the bedroom and garage.', gateway);
    const a = await createBaselineAgent({ provider: 'baseline' }).startTrial(sampleTask()).turn(request);
    const b = await createBaselineAgent({ provider: 'baseline' }).startTrial(sampleTask()).turn(request);
    const c = baselineTurn(request);
    assert.deepEqual(a, b);
    assert.deepEqual(a, c);
  });

  test('never throws on a shipped prompt, and every call it makes fits its tool schema', () => {
    const cache = new CatalogueCache();
    const schemas = { gateway: toolInputSchema(true), native: toolInputSchema(false) };
    const problems: string[] = [];
    let calls = 0;
    tasks.forEach((task, i) => {
      // Every prompt on the gateway's tools; a third of them on the boards' own (the rules are the same).
      for (const [architecture, tools] of i % 3 === 0
        ? ([
            ['gateway', gateway],
            ['native', native],
          ] as const)
        : ([['gateway', gateway]] as const)) {
        const first = baselineTurn({ messages: [{ role: 'user', content: task.prompt }], tools, toolChoice: 'auto', signal }, cache);
        if (first.toolCalls[0]?.name !== 'list_devices') problems.push(`${task.id}: first turn ${JSON.stringify(first.toolCalls)}`);
        const request = afterFleet(task.prompt, tools);
        const plan = baselineTurn(request, cache);
        for (const call of plan.toolCalls) {
          calls++;
          if (!tools.some((t) => t.name === call.name)) problems.push(`${task.id}: unknown tool ${call.name}`);
          const parsed = schemas[architecture].safeParse(args(call.arguments));
          if (!parsed.success) problems.push(`${task.id}: ${call.name} ${call.arguments}: ${parsed.error.message}`);
        }
        if (plan.toolCalls.length === 0 && plan.content === '') problems.push(`${task.id}: neither calls nor an answer`);
        // Its calls came back with nothing usable: it must still answer.
        request.messages.push({ role: 'assistant', content: plan.content, toolCalls: plan.toolCalls });
        for (const call of plan.toolCalls) request.messages.push({ role: 'tool', toolCallId: call.id, name: call.name, content: 'timeout', isError: true });
        const answer = baselineTurn({ ...request, toolChoice: 'none', results: new Map() }, cache);
        if (answer.toolCalls.length > 0 || answer.content.trim() === '') problems.push(`${task.id}: no final answer`);
      }
    });
    assert.deepEqual(problems.slice(0, 10), []);
    assert.ok(calls > tasks.length, `${calls} calls`);
  });

  test('solves a fair share of the suite as scored by the benchmark (a floor, not a target)', async () => {
    const baseline = createBaselineAgent({ provider: 'baseline' });
    const tools = gatewayTools();
    const sample = tasks.filter((_, i) => i % 4 === 0);
    let solved = 0;
    let basic = 0;
    for (const task of sample) {
      const { score } = await playAndScore(baseline, task, tools);
      if (score.success) solved++;
      if (score.success && task.suite === 'basic') basic++;
    }
    // Measured over the whole suite: 63.4-63.5% (basic 94.7-95.6%). The floors only catch a rule that broke.
    assert.ok(solved / sample.length >= 0.55, `${solved} of ${sample.length}`);
    const basicTasks = sample.filter((t) => t.suite === 'basic').length;
    assert.ok(basic >= 0.85 * basicTasks, `${basic} of ${basicTasks} basic tasks`);
  });
});
