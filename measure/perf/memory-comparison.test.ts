import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ESP32_S3 } from '../../devices/mcu/profiles.js';
import { memoryComparison } from './board-report.js';
import { measureMemoryComparison } from './memory-comparison.js';
import { perfCsv } from './perf-csv.js';
import { fullPerfResult } from './perf-fixtures.test-helper.js';

describe('perf sets the memory model against MicroPython measuring the same board', () => {
  test('each command runs on both firmwares; the calibrated model stays near what MicroPython measures; the report and CSV carry both', async () => {
    const result = await measureMemoryComparison({ quick: true, rounds: 4, log: () => {} });
    assert.equal(result.skipped, undefined, result.skipped);
    assert.match(result.measuredBy ?? '', /^iotmcp-micropython\//);
    assert.deepEqual(
      result.rows.map((row) => row.command),
      [
        'DHT11 read_all',
        'LM35 read_all',
        'BH1750 read_all',
        'MPU6050 read_all',
        'DS18B20 read_all',
        'HC-SR04 read_all',
        'DHT11 series of 5 samples',
        '4 reads at once',
      ],
    );
    for (const row of result.rows) {
      assert.ok(row.calls >= 1, `${row.command}: called on both boards`);
      assert.ok(row.modeled !== null && row.measured !== null, row.command);
      // The model is calibrated from this experiment: if the firmware's heap moves, this says the model is stale.
      const ratio = row.measured! / row.modeled!;
      assert.ok(ratio > 0.8 && ratio < 1.25, `${row.command}: measured ${row.measured} B against modelled ${row.modeled} B`);
    }
    const single = result.rows.find((row) => row.command === 'DHT11 read_all')!;
    const busy = result.rows.find((row) => row.command === '4 reads at once')!;
    assert.ok(busy.measured! > single.measured!, 'four commands at once hold more heap than one, as MicroPython measures it');

    const calibration = result.calibration!;
    assert.equal(calibration.profile, 'ESP32-S3');
    assert.equal(calibration.perCommand.modeled, ESP32_S3.memory.perCommand);
    for (const [name, pair] of Object.entries({ atRest: calibration.atRest, perCommand: calibration.perCommand, perReply: calibration.perReply })) {
      assert.ok(pair.measured > 0, `${name} measured`);
      assert.ok(pair.measured / pair.modeled > 0.75 && pair.measured / pair.modeled < 1.33, `${name}: model ${pair.modeled} B, measured ${pair.measured} B`);
    }

    // Every driver's share as the model charges it stays near what MicroPython measures for it.
    assert.equal(result.drivers?.length, 28, 'the 22 sensor drivers and the 6 actuator drivers');
    for (const driver of result.drivers!) {
      assert.ok(driver.measured > 0, `${driver.name}: a driver holds some heap`);
      assert.ok(
        driver.measured / driver.modeled > 0.75 && driver.measured / driver.modeled < 1.33,
        `${driver.name}: model ${driver.modeled} B, measured ${driver.measured} B`,
      );
    }
    const pack = result.actuatorPackage!;
    assert.ok(
      pack.measured / pack.modeled > 0.9 && pack.measured / pack.modeled < 1.1,
      `actuator package: model ${pack.modeled} B, measured ${pack.measured} B`,
    );
    const base = result.firmwareBase!;
    assert.ok(base.measured / base.modeled > 0.9 && base.measured / base.modeled < 1.1, `firmware base: model ${base.modeled} B, measured ${base.measured} B`);

    const report = memoryComparison(result);
    assert.match(report, /## Memory: modelled against measured/);
    assert.match(report, /\| DS18B20 read_all \| [\d.]+ KB \| [\d.]+ KB \| [\d.]+ \| 4 \|/);
    assert.match(report, /\| heap at rest \(firmware \+ drivers\) \| [\d.]+ KB \| [\d.]+ KB \|/);
    assert.doesNotMatch(report, /NaN|undefined|null/);
    const csv = perfCsv({ ...fullPerfResult(), memory: result });
    assert.match(csv, /^memory,LM35 read_all,measured_peak_bytes,\d+$/m);
    assert.match(csv, /^memory,ESP32-S3 per_command,measured_bytes,\d+$/m);
    assert.match(csv, /^memory,KY-040 driver,measured_bytes,\d+$/m);
    assert.match(report, /\| MPU6050 \| sensor \| \d+ B \| \d+ B \| [\d.]+ \|/);
  });

  test('a perf run that did not measure memory says nothing about it', () => {
    assert.equal(memoryComparison(undefined), '');
    assert.match(
      memoryComparison({ skipped: 'MicroPython could not start: x', board: 'b', measuredBy: null, rows: [], calibration: null }),
      /Not measured: MicroPython could not start/,
    );
  });
});
