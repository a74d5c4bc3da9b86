import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { measureConcurrency } from './concurrency.js';
import { liveChildren } from './process-children.test-helper.js';

describe('concurrency scaling', () => {
  test('both series measure every level through the MCP host, level 1 is the baseline, the limit is computed', async () => {
    const lines: string[] = [];
    const series = await measureConcurrency({
      quick: true,
      log: (line) => lines.push(line),
      levels: [1, 8],
      levelDurationMs: 300,
      generatedBoards: 2,
      validateResults: false,
    });
    assert.equal(series.length, 2, 'the default fleet and the generated one');
    const [defaultFleet, generated] = series;
    assert.equal(defaultFleet?.mcus, 6);
    // The default fleet's boards with a DHT11 or an HC-SR04: ESP32 (4 timers), ESP32-C6 (2), ESP8266 (2).
    assert.equal(defaultFleet?.slots, 8);
    assert.equal(generated?.mcus, 2);
    assert.equal(generated?.slots, 8);
    for (const one of series) {
      assert.deepEqual(
        one.levels.map((level) => level.level),
        [1, 8],
      );
      for (const level of one.levels) {
        assert.ok(level.throughputPerS > 0, `${one.label} level ${level.level}: calls completed`);
        assert.equal(level.errors, 0, `${one.label} level ${level.level}: no call failed`);
        assert.equal(level.calls, level.latency.n, 'every successful call has a latency');
        assert.ok((level.latency.p50 ?? 0) >= 20, 'a read holds the timer for the sensor conversion (24-25 ms)');
        assert.ok(level.cpuCores > 0);
      }
      assert.equal(one.levels[0]?.efficiency, 1);
      assert.ok([1, 8].includes(one.linearUpTo), `linearUpTo ${one.linearUpTo} is a measured level`);
      assert.ok(one.limit.length > 0);
      assert.equal(one.transport, 'memory');
    }
    const children = await liveChildren();
    if (children !== null) {
      assert.deepEqual(
        children.filter((child) => child.command.includes('fleet-process')),
        [],
        'no fleet process left running',
      );
    }
  });
});
