import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { device, runManifest, sensorCall, trialRecord } from './report.test-helper.js';
import { CSV_COLUMNS } from './summary-csv.js';
import { OUTPUT_FILES, writeRunOutputs } from './write-outputs.js';

async function tempDir(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'iotmcp-report-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Loose well-formedness: one <svg> root, every opened tag closed in order, nothing after the root. */
function assertWellFormedSvg(text: string, name: string): void {
  assert.ok(text.trimStart().startsWith('<svg'), `${name} starts with <svg`);
  const stack: string[] = [];
  let closedRoot = false;
  for (const match of text.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    const [, closing, tag, selfClosing] = match;
    assert.ok(!closedRoot, `${name}: nothing after </svg>`);
    if (selfClosing) continue;
    if (closing) {
      assert.equal(stack.pop(), tag, `${name}: </${tag}> closes what was opened`);
      if (stack.length === 0) closedRoot = true;
    } else {
      stack.push(tag!);
    }
  }
  assert.equal(stack.length, 0, `${name}: every tag closed`);
  assert.ok(closedRoot, `${name}: root closed`);
  assert.ok(!/<text[^>]*>[^<]*&(?!amp;|lt;|gt;|quot;)/.test(text), `${name}: text is escaped`);
}

function sampleRun() {
  const manifest = runManifest({
    runId: 'run-2026-01-01',
    taskIds: ['a', 'b', 'c', 'd'],
    devices: [device('esp32-a', 'ESP32-S3')],
    prices: { date: '2026-01-15', source: 'provider pricing pages' },
  });
  const trials = [
    trialRecord({ taskId: 'a', calls: [sensorCall({ mcu: 'esp32-a', peakMemory: [61_440] })], costUsd: 0.002 }),
    trialRecord({ taskId: 'b', suite: 'complex', variant: 'integration', category: 'cross-place <&>', outcome: 'failure' }),
    trialRecord({ taskId: 'c', suite: 'complex', variant: 'ambiguification', style: 'colloquial' }),
    trialRecord({ taskId: 'd', outcome: 'error', errorType: 'trial-timeout' }),
  ];
  return { manifest, trials };
}

describe('writeRunOutputs', () => {
  test('writes every file, atomically, and returns the summary it wrote', async (t) => {
    const dir = await tempDir(t);
    const { manifest, trials } = sampleRun();
    const summary = await writeRunOutputs(dir, manifest, trials);
    const files = (await readdir(dir)).sort();
    assert.deepEqual(files, [...OUTPUT_FILES].sort(), 'all outputs and no temp files left behind');
    assert.deepEqual(JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')), summary);
    assert.equal(summary.success.rate, 2 / 3);
  });

  test('summary.csv reads back: the documented header and a row per group key', async (t) => {
    const dir = await tempDir(t);
    const { manifest, trials } = sampleRun();
    const summary = await writeRunOutputs(dir, manifest, trials);
    const all = (await readFile(join(dir, 'summary.csv'), 'utf8')).trimEnd().split('\n');
    assert.equal(all[0], CSV_COLUMNS.join(','));
    // Every row names its run, provider and model, so the CSVs of several runs concatenate.
    const run = `${summary.runId},${summary.provider.name},${summary.provider.reportedModel ?? summary.provider.model},`;
    assert.ok(
      all.slice(1).every((line) => line.startsWith(run)),
      all[1],
    );
    const lines = all.map((line) => (line.startsWith(run) ? line.slice(run.length) : line));
    const overall = lines.find((line) => line.startsWith('overall,all,'))?.split(',');
    assert.ok(overall);
    assert.deepEqual(overall.slice(0, 5), ['overall', 'all', '3', '2', String(2 / 3)]);
    assert.equal(Number(overall[5]), summary.success.ci95![0]);
    assert.deepEqual(overall.slice(7), ['', '', '', '']);
    assert.ok(lines.includes(`variant,integration,1,0,0,0,${summary.by.variant['integration']!.ci95![1]},,,,`));
    assert.ok(lines.some((line) => line.startsWith('latency.singleRead,own,')));
    assert.ok(lines.includes('error,trial-timeout,1,,,,,,,,'));
    // A key holding the separator's neighbours is quoted, not split.
    assert.ok(lines.some((line) => line.startsWith('category,cross-place <&>,')));
  });

  test("charts: categories lowest first against the paper's line, failure types by category, latency distributions", async (t) => {
    const dir = await tempDir(t);
    const { manifest, trials } = sampleRun();
    await writeRunOutputs(dir, manifest, trials);
    const category = await readFile(join(dir, 'success-by-category.svg'), 'utf8');
    const labels = [...category.matchAll(/text-anchor="end">([^<]+)</g)].map((m) => m[1]);
    assert.ok(labels.indexOf('cross-place &lt;&amp;&gt;') < labels.indexOf('single-read'), 'the failing category is listed first');
    assert.match(category, /paper: 100%/);
    const matrix = await readFile(join(dir, 'failures-by-category.svg'), 'utf8');
    assert.match(matrix, />wrong-answer</);
    assert.match(matrix, />1 \(100%\)</, 'the failed category: one trial, all of it wrong-answer');
    const report = await readFile(join(dir, 'report.md'), 'utf8');
    assert.match(report, /!\[Failure types by category\]\(failures-by-category\.svg\)/);
    const cdf = await readFile(join(dir, 'latency-cdf.svg'), 'utf8');
    assert.match(cdf, /single reads, total \(n=\d+\)/);
    assert.match(cdf, /paper: 205 ms mean/);
    assert.match(report, /!\[Latency distributions\]\(latency-cdf\.svg\)/);
  });

  test('report.md sets the paper’s figures beside ours and embeds the charts', async (t) => {
    const dir = await tempDir(t);
    const { manifest, trials } = sampleRun();
    await writeRunOutputs(dir, manifest, trials);
    const report = await readFile(join(dir, 'report.md'), 'utf8');
    assert.match(report, /^# iotmcp-bench run `run-2026-01-01`: baseline \(rule-based agent\) \(not a language model\)/);
    assert.match(report, /\| Task success \| 66\.7% \(95% CI [\d.]+–[\d.]+%\), n=3 \| 100\.0% of tool calls \|/);
    assert.match(
      report,
      /\| Mean response time, single read \| 200\.0 ms \(n=\d+\)(; waiting for a busy board excluded \(mean [\d.]+ ms\))? \| 205\.0 ms average \|/,
    );
    assert.match(report, /\| Peak MCU memory \| 60\.0 KB \(esp32-a, modeled\) \| 74\.0 KB \|/);
    assert.match(report, /measured by `iotmcp-bench perf`/);
    assert.match(report, /linear up to 4 simultaneous requests/);
    assert.match(report, /sha256 `abc123`/);
    assert.match(report, /\| trial-timeout \| 1 \|/);
    assert.match(report, /prices of 2026-01-15/);
    for (const chart of ['latency-breakdown.svg', 'success-by-variant.svg', 'success-by-sensor.svg', 'success-by-category.svg']) {
      assert.ok(report.includes(`](${chart})`), `embeds ${chart}`);
    }
    assert.doesNotMatch(report, /## Reliability/, 'no pass@k section with one trial per task');
  });

  test('the SVG charts are well-formed and carry the bars', async (t) => {
    const dir = await tempDir(t);
    const { manifest, trials } = sampleRun();
    await writeRunOutputs(dir, manifest, trials);
    for (const name of OUTPUT_FILES.filter((file) => file.endsWith('.svg'))) {
      assertWellFormedSvg(await readFile(join(dir, name), 'utf8'), name);
    }
    const variants = await readFile(join(dir, 'success-by-variant.svg'), 'utf8');
    assert.match(variants, />basic \(no variant\)</);
    assert.match(variants, />integration</);
    assert.match(variants, />0\.0% \(n=1\)</);
    const categories = await readFile(join(dir, 'success-by-category.svg'), 'utf8');
    assert.match(categories, /cross-place &lt;&amp;&gt;/);
    const latency = await readFile(join(dir, 'latency-breakdown.svg'), 'utf8');
    assert.match(latency, /datapool: 60\.0 ms/);
    assert.match(latency, /mean total: 200\.0 ms/);
  });

  test('an empty run still writes a readable report', async (t) => {
    const dir = await tempDir(t);
    const summary = await writeRunOutputs(dir, runManifest(), []);
    assert.equal(summary.success.rate, null);
    const report = await readFile(join(dir, 'report.md'), 'utf8');
    assert.match(report, /\| Task success \| no scored trials \| 100\.0% of tool calls \|/);
    for (const name of OUTPUT_FILES.filter((file) => file.endsWith('.svg'))) {
      assertWellFormedSvg(await readFile(join(dir, name), 'utf8'), name);
    }
  });

  test('pass@k and pass^k appear when trials repeat', async (t) => {
    const dir = await tempDir(t);
    const trials = [0, 1, 2].map((trial) => trialRecord({ taskId: 'a', trial, outcome: trial === 1 ? 'failure' : 'success' }));
    await writeRunOutputs(dir, runManifest({ taskIds: ['a'], trials: 3 }), trials);
    const report = await readFile(join(dir, 'report.md'), 'utf8');
    assert.match(report, /## Reliability over 3 trials per task/);
    assert.match(report, /\| pass@3 \| 100\.0% \|/);
    assert.match(report, /\| pass\^3 \| 0\.0% \|/);
    const csv = await readFile(join(dir, 'summary.csv'), 'utf8');
    assert.match(csv, /^run-test,baseline,rules-v1,reliability,pass@3,1,,1,0,1,,,,$/m);
  });
});
