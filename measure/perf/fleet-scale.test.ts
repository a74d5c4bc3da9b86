import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { measureFleetScale } from './fleet-scale.js';
import { openFileLimit } from './open-files.js';
import { liveChildren } from './process-children.test-helper.js';

describe('fleet scale', () => {
  test('every size comes online in its own process, serves commands and heartbeats, and leaves no process behind', async () => {
    const lines: string[] = [];
    const result = await measureFleetScale({
      quick: true,
      log: (line) => lines.push(line),
      sizes: [10, 50],
      commandWindowMs: 300,
      idleWindowMs: 300,
      heartbeatMs: 100,
    });
    assert.deepEqual(
      result.levels.map((level) => level.mcus),
      [10, 50],
    );
    for (const level of result.levels) {
      assert.equal(level.skipped, undefined, `${level.mcus} boards measured (${level.skipped})`);
      assert.ok((level.onlineMs ?? 0) > 0, `${level.mcus}: online time`);
      assert.ok((level.commandsPerS ?? 0) > 0, `${level.mcus}: commands went through`);
      assert.ok(level.commands > 0);
      assert.equal(level.commandErrors, 0, `${level.mcus}: no command failed`);
      // 100 ms heartbeats over a 300 ms idle window: the datapool must have counted some.
      assert.ok((level.heartbeatsPerS ?? 0) > 0, `${level.mcus}: heartbeats counted`);
      assert.equal(level.heartbeatMs, 100);
      assert.ok((level.idleDatapoolCores ?? -1) >= 0);
      assert.ok((level.fleetRssBytes ?? 0) > 0);
      // Measured from the fleet process's RSS after a collection: a few small boards can leave it at or even
      // under its baseline, which reads as 0 per board, never as a missing figure.
      assert.ok(level.bytesPerMcu !== null && level.bytesPerMcu >= 0, `${level.mcus}: memory per board`);
      assert.ok((level.datapoolRssBytes ?? 0) > 0);
    }
    assert.equal(lines.length, 2, 'one line per size');
    const children = await liveChildren();
    if (children !== null) {
      assert.deepEqual(
        children.filter((child) => child.command.includes('fleet-process')),
        [],
        'no fleet process left running',
      );
    }
  });

  test('a fleet larger than the open-file limit is skipped with the reason, without starting anything', async (t) => {
    const limit = await openFileLimit();
    if (limit === null) return t.skip('no /proc/self/limits here');
    const result = await measureFleetScale({ quick: true, log: () => {}, sizes: [limit + 1] });
    const [level] = result.levels;
    assert.equal(result.openFileLimit, limit);
    assert.match(level?.skipped ?? '', /ulimit -n/);
    assert.equal(level?.onlineMs, null);
    assert.equal(level?.commandsPerS, null);
  });
});
