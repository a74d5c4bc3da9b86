import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { device, runManifest, sensorCall, trialRecord } from './report.test-helper.js';
import { summarizeRun } from './summarize.js';

describe('summarizeRun', () => {
  test('the last record of a key supersedes earlier ones (a retried error)', () => {
    const summary = summarizeRun(runManifest(), [trialRecord({ outcome: 'error', errorType: 'provider-error' }), trialRecord({ outcome: 'success' })]);
    assert.equal(summary.counts.recorded, 1);
    assert.equal(summary.counts.error, 0);
    assert.deepEqual(summary.errors, {});
    assert.equal(summary.success.rate, 1);
  });

  test('infrastructure errors are counted apart and left out of every rate', () => {
    const trials = [
      trialRecord({ taskId: 'a', outcome: 'success' }),
      trialRecord({ taskId: 'b', outcome: 'success' }),
      trialRecord({ taskId: 'c', outcome: 'failure' }),
      trialRecord({ taskId: 'd', outcome: 'error', errorType: 'device-offline' }),
    ];
    const summary = summarizeRun(runManifest({ taskIds: ['a', 'b', 'c', 'd', 'e'] }), trials);
    assert.deepEqual(summary.counts, { planned: 5, recorded: 4, scored: 3, success: 2, failure: 1, error: 1 });
    assert.equal(summary.success.n, 3);
    assert.equal(summary.success.rate, 2 / 3);
    assert.ok(summary.success.ci95 !== null && summary.success.ci95[0] < 2 / 3 && summary.success.ci95[1] > 2 / 3);
    assert.deepEqual(summary.errors, { 'device-offline': 1 });
    assert.equal(summary.by.suite['basic']?.n, 3);
  });

  test('a trial counts once for each board that answered it; trials reaching no board are not counted', () => {
    const trials = [
      trialRecord({
        taskId: 'two-boards',
        calls: [sensorCall({ mcu: 'esp32-a' }), sensorCall({ mcu: 'esp32-a' }), sensorCall({ mcu: 'pico-b' })],
      }),
      trialRecord({ taskId: 'one-board', outcome: 'failure', calls: [sensorCall({ mcu: 'pico-b' })] }),
      trialRecord({ taskId: 'no-board', calls: [sensorCall({ isError: true })] }),
    ];
    const summary = summarizeRun(runManifest(), trials);
    assert.deepEqual(Object.keys(summary.by.mcu), ['esp32-a', 'pico-b']);
    assert.equal(summary.by.mcu['esp32-a']?.n, 1);
    assert.equal(summary.by.mcu['pico-b']?.n, 2);
    assert.equal(summary.by.mcu['pico-b']?.successes, 1);
  });

  test('a trial counts for each of its sensors; basic tasks are in no variant or style', () => {
    const summary = summarizeRun(runManifest(), [
      trialRecord({ taskId: 'a', sensors: ['DHT11', 'DS18B20'] }),
      trialRecord({ taskId: 'b', suite: 'complex', variant: 'ambiguification', style: 'colloquial', outcome: 'failure' }),
    ]);
    assert.equal(summary.by.sensor['DHT11']?.n, 2);
    assert.equal(summary.by.sensor['DS18B20']?.n, 1);
    assert.deepEqual(Object.keys(summary.by.variant), ['ambiguification']);
    assert.equal(summary.by.variant['ambiguification']?.rate, 0);
    assert.deepEqual(Object.keys(summary.by.style), ['colloquial']);
    assert.deepEqual(Object.keys(summary.by.suite), ['basic', 'complex']);
  });

  test('pass@k and pass^k over tasks whose k trials were all scored', () => {
    const outcomes: Record<string, ('success' | 'failure' | 'error')[]> = {
      twoOfThree: ['success', 'failure', 'success'],
      allThree: ['success', 'success', 'success'],
      none: ['failure', 'failure', 'failure'],
      incomplete: ['success', 'error', 'success'],
    };
    const trials = Object.entries(outcomes).flatMap(([taskId, list]) => list.map((outcome, trial) => trialRecord({ taskId, trial, outcome })));
    const summary = summarizeRun(runManifest({ taskIds: Object.keys(outcomes), trials: 3 }), trials);
    const reliability = summary.reliability;
    assert.ok(reliability);
    assert.equal(reliability.k, 3);
    assert.equal(reliability.tasks, 3);
    assert.ok(Math.abs(reliability.passAtK.value - 2 / 3) < 1e-12);
    assert.ok(Math.abs(reliability.passHatK.value - 1 / 3) < 1e-12);
    for (const figure of [reliability.passAtK, reliability.passHatK]) {
      assert.ok(figure.ci95[0] >= 0 && figure.ci95[0] <= figure.value && figure.ci95[1] >= figure.value && figure.ci95[1] <= 1);
    }
    assert.equal(summary.counts.planned, 12);
  });

  test('no reliability figures with one trial per task', () => {
    assert.equal(summarizeRun(runManifest(), [trialRecord()]).reliability, null);
  });

  test('a failed trial counts once per distinct reason', () => {
    const summary = summarizeRun(runManifest(), [
      trialRecord({ taskId: 'a', outcome: 'failure', failures: ['wrong-argument', 'wrong-argument', 'wrong-answer'] }),
      trialRecord({ taskId: 'b', outcome: 'failure', failures: ['wrong-answer'] }),
    ]);
    assert.deepEqual(summary.failures, { 'wrong-argument': 1, 'wrong-answer': 2 });
  });

  test('device memory is the highest peak any reply carried, labelled from the manifest', () => {
    const manifest = runManifest({
      devices: [device('esp32-a', 'ESP32-S3'), device('pico-b', 'RP2040', 'measured')],
      sessions: [
        { peakRssBytes: 90_000_000, peakHeapBytes: null },
        { peakRssBytes: 120_000_000, peakHeapBytes: 40_000_000 },
      ],
    });
    const summary = summarizeRun(manifest, [
      trialRecord({
        taskId: 'a',
        calls: [sensorCall({ mcu: 'esp32-a', peakMemory: [30_000, 52_000, null] }), sensorCall({ mcu: 'esp32-a', peakMemory: [41_000] })],
      }),
      trialRecord({ taskId: 'b', outcome: 'error', calls: [sensorCall({ mcu: 'stranger', peakMemory: [9_000] })] }),
    ]);
    assert.deepEqual(summary.memory.devices, [
      { mcu: 'esp32-a', model: 'ESP32-S3', peakBytes: 52_000, source: 'modeled' },
      { mcu: 'pico-b', model: 'RP2040', peakBytes: null, source: 'measured' },
      { mcu: 'stranger', model: null, peakBytes: 9_000, source: 'unknown' },
    ]);
    assert.deepEqual(summary.memory.host, { peakRssBytes: 120_000_000, peakHeapBytes: 40_000_000 });
  });

  test('cost is null when no trial had a price, else the sum of the priced ones', () => {
    const prices = { date: '2026-01-15', source: 'provider pricing pages' };
    const unpriced = summarizeRun(runManifest({ prices }), [trialRecord({ taskId: 'a' }), trialRecord({ taskId: 'b' })]);
    assert.equal(unpriced.cost.usd, null);
    assert.equal(unpriced.cost.perTrialUsd, null);
    assert.deepEqual(unpriced.cost.prices, prices);

    const priced = summarizeRun(runManifest({ prices }), [
      trialRecord({ taskId: 'a', costUsd: 0.01 }),
      trialRecord({ taskId: 'b', costUsd: 0.03 }),
      trialRecord({ taskId: 'c', costUsd: null }),
    ]);
    assert.ok(Math.abs(priced.cost.usd! - 0.04) < 1e-12);
    assert.ok(Math.abs(priced.cost.perTrialUsd! - 0.02) < 1e-12);
  });

  test('tokens add up over every kept record', () => {
    const summary = summarizeRun(runManifest(), [
      trialRecord({ taskId: 'a', usage: { inputTokens: 100, outputTokens: 10, cachedInputTokens: 40 } }),
      trialRecord({ taskId: 'b', outcome: 'error', usage: { inputTokens: 50, outputTokens: 5 } }),
    ]);
    assert.deepEqual(summary.tokens, { input: 150, output: 15, cachedInput: 40 });
  });

  test('latency: single reads only for one-sample calls; error results and null parts left out', () => {
    const summary = summarizeRun(runManifest(), [
      trialRecord({
        taskId: 'a',
        timing: { totalMs: 1000, llmMs: 600, toolMs: 300, harnessMs: 100 },
        calls: [
          sensorCall({ latency: { totalMs: 100, networkMs: null, deviceMs: null } }),
          sensorCall({ latency: { totalMs: 300 } }),
          sensorCall({ count: 5, latency: { totalMs: 5000, samplingMs: 4000 } }),
          sensorCall({ count: 1, realTime: true, latency: { totalMs: 2000 } }),
          sensorCall({ isError: true, latency: { totalMs: 3 } }),
        ],
      }),
      trialRecord({ taskId: 'b', outcome: 'error', timing: { totalMs: 99_999, llmMs: 0, toolMs: 0, harnessMs: 0 } }),
    ]);
    const { toolCall, singleRead, trial } = summary.latency;
    // 4 measured calls of the first trial + the one of the error trial; the error result is not measured.
    assert.equal(toolCall.total.n, 5);
    assert.equal(toolCall.network.n, 4);
    assert.equal(singleRead.n, 3);
    assert.equal(singleRead.mean, 200);
    assert.equal(trial.total.n, 1);
    assert.equal(trial.total.mean, 1000);
    assert.equal(trial.llm.mean, 600);
  });

  test('calls per trial against the oracle, over the scored trials that counted them', () => {
    const summary = summarizeRun(runManifest({ taskIds: ['a', 'b', 'c', 'd'] }), [
      trialRecord({ taskId: 'a', callCounts: { made: 3, reference: 1 } }),
      trialRecord({ taskId: 'b', outcome: 'failure', callCounts: { made: 1, reference: 1 } }),
      trialRecord({ taskId: 'c' }),
      trialRecord({ taskId: 'd', outcome: 'error' }),
    ]);
    assert.deepEqual(summary.calls, { trials: 2, perTrial: 2, referencePerTrial: 1, ratio: 2 });
    assert.equal(summarizeRun(runManifest(), [trialRecord()]).calls, null, 'no counts recorded: unknown, not zero');
  });

  test('the format versions come from the manifest; a run that kept none says so', () => {
    const formats = { task: 2, toolOutput: 2, scoring: 2 };
    assert.deepEqual(summarizeRun({ ...runManifest(), formats }, [trialRecord()]).formats, formats);
    assert.equal(summarizeRun(runManifest(), [trialRecord()]).formats, null);
  });

  test('provider and paper figures are carried into the summary', () => {
    const summary = summarizeRun(runManifest(), [trialRecord()]);
    assert.equal(summary.provider.reportedModel, 'rules-v1', 'taken from a trial when the manifest has none');
    assert.equal(summary.provider.label, 'baseline (rule-based agent)');
    assert.deepEqual(summary.paper, { successRate: 1, meanResponseMs: 205, peakMemoryBytes: 74 * 1024, concurrency: 4 });
  });
});
