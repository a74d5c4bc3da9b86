import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { CLI_PATH } from '../../core/package.js';
import { findSensor } from '../../core/sensors/catalogue.js';
import { LogCollector } from '../../datapool/fake-board.test-helper.js';
import { HttpDatapoolClient } from '../../datapool/http-client.js';
import { startDatapoolServer } from '../../datapool/server.js';
import { EmulatedMcu } from '../../devices/mcu/emulated-mcu.js';
import { ESP32_S3 } from '../../devices/mcu/profiles.js';
import { createWorldSource } from '../../devices/mcu/world-source.js';
import { boardSurvey } from './board-report.js';
import { surveyBoards } from './board-survey.js';
import { perfCsv } from './perf-csv.js';
import { fullPerfResult } from './perf-fixtures.test-helper.js';

const run = promisify(execFile);

async function datapoolWithBoard(t: import('node:test').TestContext, sensors: string[]): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'iotmcp-survey-'));
  const logs = new LogCollector();
  const server = await startDatapoolServer({ dataDir, log: logs.log, devices: { host: '127.0.0.1', port: 0 }, http: { host: '127.0.0.1', port: 0 } });
  t.after(async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  if (sensors.length > 0) {
    const board = new EmulatedMcu({
      id: 'lab-s3',
      profile: ESP32_S3,
      place: 'kitchen',
      sensors: sensors.map((name) => ({ name, spec: findSensor(name)! })),
      worlds: createWorldSource({ scenario: 'normal-day', seed: 3, startTimeMs: Date.UTC(2025, 5, 1, 12) }),
      datapool: { host: '127.0.0.1', port: server.devicesAddress.port },
    });
    t.after(() => board.stop());
    board.start();
    await board.whenOnline();
  }
  return `http://127.0.0.1:${server.httpAddress!.port}`;
}

describe('perf surveys the boards of a running datapool', () => {
  test('each board is pinged and each of its sensors read, split by hop, with the memory it reported and how it is linked', async (t) => {
    const url = await datapoolWithBoard(t, ['DHT11', 'LM35']);
    const client = new HttpDatapoolClient(url);
    t.after(() => client.close());
    const [board, ...others] = await surveyBoards({ client, rounds: 4, log: () => {} });
    assert.equal(others.length, 0);
    assert.ok(board);
    assert.equal(board.mcu, 'lab-s3');
    assert.equal(board.model, 'ESP32-S3');
    assert.equal(board.transport, 'tcp');
    assert.equal(board.link, 'tcp');
    assert.equal(board.memorySource, 'modeled');
    assert.equal(board.idle.calls, 4);
    assert.equal(board.idle.device.n, 4, 'our firmware says how long it held each ping');
    assert.deepEqual(
      board.commands.map((c) => [c.command, c.calls]),
      [
        ['DHT11 read_all', 4],
        ['LM35 read_all', 4],
      ],
    );
    for (const command of board.commands) {
      // The parts are each taken from the same records as the total, so none can exceed it.
      for (const part of [command.queue, command.network, command.device, command.store]) {
        assert.equal(part.n, 4);
        assert.ok(part.max! <= command.total.max! + 1e-6, `${command.command}: a part (${part.max}) within the total (${command.total.max})`);
      }
      assert.ok(command.peakMemory.min! > 0, 'every answer reported its peak memory');
    }
    assert.equal(board.errors, 0);

    const report = boardSurvey([board]);
    assert.match(report, /\| lab-s3 \| ESP32-S3 \| iotmcp-bench-emulator\/[\d.]+ \| tcp \| tcp \| – \| modeled \| real time \|/);
    assert.match(report, /\| lab-s3 \| LM35 read_all \| 4 \| [\d.]+ ms \|/);
    assert.doesNotMatch(report, /NaN|undefined|null/);
    const csv = perfCsv({ ...fullPerfResult(), boards: [board] });
    assert.match(csv, /^boards,lab-s3 DHT11 read_all,device_p50_ms,[\d.]+$/m);
    assert.match(csv, /^boards,lab-s3 ping,round_trip_n,4$/m);
  });

  test('`perf --datapool` against a datapool with no board online measures nothing and exits 1, saying so', async (t) => {
    const url = await datapoolWithBoard(t, []);
    const out = await mkdtemp(join(tmpdir(), 'iotmcp-survey-out-'));
    t.after(() => rm(out, { recursive: true, force: true }));
    await assert.rejects(run(process.execPath, [CLI_PATH, 'perf', '--datapool', url, '--quick', '--out', out]), (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 1);
      assert.match(error.stderr, /no board .* answered a single call: nothing was measured/);
      return true;
    });
    const perf = JSON.parse(await readFile(join(out, 'perf.json'), 'utf8')) as { boards?: unknown[]; latency: unknown[] };
    assert.deepEqual(perf.boards, [], 'only the boards section ran');
    assert.deepEqual(perf.latency, []);
  });
});
