import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { assertWellFormedSvg, fullPerfResult, quickPerfResult } from './perf-fixtures.test-helper.js';
import type { PerfResult } from './perf-types.js';
import { writePerfOutputs } from './write-perf-outputs.js';

async function tempDir(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'iotmcp-perf-report-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('writePerfOutputs', () => {
  test('writes perf.json, perf.csv, report.md and every chart, nothing else, and names them', async (t) => {
    const dir = join(await tempDir(t), 'results', 'perf-x');
    const result = fullPerfResult();
    const files = await writePerfOutputs(dir, result);
    assert.deepEqual(files, ['perf.json', 'perf.csv', 'report.md', 'latency.svg', 'latency-cdf.svg', 'concurrency.svg', 'fleet.svg']);
    assert.deepEqual((await readdir(dir)).sort(), [...files].sort(), 'no temp files left behind');
    assert.deepEqual(JSON.parse(await readFile(join(dir, 'perf.json'), 'utf8')), result);
    assert.match(await readFile(join(dir, 'perf.csv'), 'utf8'), /^section,subject,metric,value\n/);
    const report = await readFile(join(dir, 'report.md'), 'utf8');
    for (const chart of files.filter((file) => file.endsWith('.svg'))) {
      assert.ok(report.includes(`](${chart})`), `report embeds ${chart}`);
      assertWellFormedSvg(await readFile(join(dir, chart), 'utf8'), chart);
    }
  });

  test('a run without charts writes the three files and embeds no chart', async (t) => {
    const dir = await tempDir(t);
    const result: PerfResult = { ...quickPerfResult(), latency: [], concurrency: [], fleetScale: { levels: [], openFileLimit: null } };
    const files = await writePerfOutputs(dir, result);
    assert.deepEqual(files, ['perf.json', 'perf.csv', 'report.md']);
    assert.deepEqual((await readdir(dir)).sort(), ['perf.csv', 'perf.json', 'report.md']);
    assert.doesNotMatch(await readFile(join(dir, 'report.md'), 'utf8'), /\.svg\)/);
  });

  test('writing again replaces the files whole', async (t) => {
    const dir = await tempDir(t);
    await writePerfOutputs(dir, fullPerfResult());
    const quick = quickPerfResult();
    await writePerfOutputs(dir, quick);
    assert.equal(JSON.parse(await readFile(join(dir, 'perf.json'), 'utf8')).id, quick.id);
    assert.match(await readFile(join(dir, 'report.md'), 'utf8'), /Mode: quick/);
  });
});
