import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Task } from '../../tasks/schema.js';
import type { ReferenceAgent } from '../loop/agent.js';
import type { FailureType } from '../results/trial-record.js';
import { createAdversaryAgent } from './adversary.js';
import { ADVERSARIES, SCORER_ADVERSARIES, type ScorerAdversaryName } from './adversary-names.js';
import { createOracleAgent, NOTHING_READ } from './oracle.js';
import { gatewayTools, playAndScore, shippedTasks } from './simulated-trial.test-helper.js';

/**
 * The scorer under attack: every scripted attack plays the whole shipped suite against simulated devices
 * and is scored as a run scores it. Each must be caught on almost every task, for its own reason, while the
 * oracle (the same calls, a plain true answer) passes every one. `iotmcp-bench run --provider adversary
 * --model NAME` plays the same attack through the real system.
 */

const tools = gatewayTools();
let suite: Task[];

before(async () => {
  suite = await shippedTasks();
  assert.ok(suite.length > 1000);
});

/** The reason each attack must fail for, on every task it fails. */
const CAUGHT_BY: Readonly<Record<ScorerAdversaryName, readonly FailureType[]>> = {
  hedge: ['wrong-answer'],
  dump: ['wrong-answer'],
  echo: ['wrong-answer'],
  shotgun: ['unnecessary-call'],
  'no-data': ['missing-call'],
  flip: ['wrong-answer'],
  swap: ['wrong-answer'],
  stuff: ['wrong-answer'],
  'unit-swap': ['wrong-answer'],
  'near-miss': ['wrong-answer'],
  contradict: ['wrong-answer'],
  'over-call': ['unnecessary-call'],
  wander: ['unnecessary-call'],
  negate: ['wrong-answer'],
};

describe('adversaries', () => {
  test('each names itself as an attack, not a model; an unknown name lists the attacks', () => {
    for (const name of ADVERSARIES) {
      const provider = createAdversaryAgent({ provider: 'adversary', model: name });
      assert.equal(provider.kind, 'adversary');
      assert.match(provider.label, new RegExp(`^adversary ${name} .*not a language model`));
    }
    assert.throws(() => createAdversaryAgent({ provider: 'adversary', model: 'gpt-4o' }), /--model must name one of hedge, dump, echo/);
    assert.throws(() => createAdversaryAgent({ provider: 'adversary' }), /--model must name one of/);
  });

  test('the oracle passes every task: the attacks below fail on the scorer, not on the harness', async () => {
    const oracle = createOracleAgent({ provider: 'oracle' });
    const failed: string[] = [];
    for (const task of suite) {
      const { score } = await playAndScore(oracle, task, tools);
      if (!score.success) failed.push(`${task.id}: ${score.failures.join(', ')}`);
    }
    assert.deepEqual(failed, []);
  });

  test("the oracle's fallback text, given after the right calls, passes no task", async () => {
    const oracle = createOracleAgent({ provider: 'oracle' });
    const fallback: ReferenceAgent = {
      ...oracle,
      startTrial(task) {
        const player = oracle.startTrial(task);
        return {
          async turn(request) {
            const turn = await player.turn(request);
            return turn.toolCalls.length > 0 ? turn : { ...turn, content: NOTHING_READ };
          },
        };
      },
    };
    const passed: string[] = [];
    for (const task of suite) if ((await playAndScore(fallback, task, tools)).score.success) passed.push(task.id);
    assert.deepEqual(passed, []);
  });

  // The attacks on safety have nothing to attack in a paper task (they play it as the oracle): safety-adversaries.test.ts.
  for (const name of SCORER_ADVERSARIES) {
    test(`${name}: passes at most 2% of tasks, and fails for its own reason`, async () => {
      const provider = createAdversaryAgent({ provider: 'adversary', model: name });
      // Denying a verdict needs one: on tasks without a yes/no or a choice, negate has nothing to attack.
      const attacked = name === 'negate' ? suite.filter((task) => task.expect.answer.some((f) => f.kind === 'boolean' || f.kind === 'choice')) : suite;
      const passed: string[] = [];
      const otherReasons: string[] = [];
      for (const task of attacked) {
        const { score, played } = await playAndScore(provider, task, tools);
        if (score.success) {
          passed.push(`${task.id}: ${JSON.stringify(played.answer)}`);
          continue;
        }
        if (!CAUGHT_BY[name].some((reason) => score.failures.includes(reason))) otherReasons.push(`${task.id}: ${score.failures.join(', ')}`);
      }
      assert.ok(passed.length <= 0.02 * attacked.length, `${passed.length} of ${attacked.length} passed, e.g.\n${passed.slice(0, 5).join('\n')}`);
      assert.deepEqual(otherReasons.slice(0, 5), [], 'caught, but not for what it does');
    });
  }
});
