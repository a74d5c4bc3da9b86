import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PERF_CHARTS, renderPerfCharts } from './perf-charts.js';
import { assertWellFormedSvg, concurrencySeries, fullPerfResult, latencyCell, quickPerfResult } from './perf-fixtures.test-helper.js';
import type { PerfResult } from './perf-types.js';

function chart(charts: [string, string][], file: string): string {
  const found = charts.find(([name]) => name === file);
  assert.ok(found, `${file} rendered`);
  return found[1];
}

describe('renderPerfCharts', () => {
  test('a full run draws the three charts, each well-formed', () => {
    const charts = renderPerfCharts(fullPerfResult());
    assert.deepEqual(
      charts.map(([file]) => file),
      [PERF_CHARTS.latency.file, PERF_CHARTS.latencyDistribution.file, PERF_CHARTS.concurrency.file, PERF_CHARTS.fleet.file],
    );
    for (const [file, svg] of charts) assertWellFormedSvg(svg, file);
  });

  test('the latency chart has a bar per measured cell, sub-millisecond cells in microseconds', () => {
    const svg = chart(renderPerfCharts(quickPerfResult()), PERF_CHARTS.latency.file);
    assert.match(svg, />memory\/gateway\/ideal \(n=100\)</);
    assert.match(svg, />memory\/gateway\/wifi \(n=100\)</);
    assert.doesNotMatch(svg, /stdio|mqtt/, 'skipped cells are not drawn');
    assert.match(svg, />datapool: 150\.0 µs</);
    assert.match(svg, />network: 18\.2 ms</);
    assert.match(svg, />mean total: 410\.0 µs</);
    // Two panels nested one under the other, on one scale: the fast cell's bar is as much shorter as it is faster.
    assert.equal((svg.match(/<svg /g) ?? []).length, 3);
    const widths = [...svg.matchAll(/<rect x="[\d.]+" y="34" width="([\d.]+)" height="24"/g)].map((m) => Number(m[1]));
    const [fastSum, slowSum] = [widths.slice(0, 4).reduce((a, b) => a + b, 0), widths.slice(4).reduce((a, b) => a + b, 0)];
    assert.ok(fastSum > 0 && slowSum / fastSum > 20, `bars ${fastSum} vs ${slowSum}`);
  });

  test('the concurrency chart draws each series with its dashed ideal line, labels escaped', () => {
    const result: PerfResult = {
      ...fullPerfResult(),
      concurrency: [
        concurrencySeries({
          label: 'boards <A&B>',
          mcus: 2,
          slots: 8,
          throughput: [
            [1, 100],
            [2, 190],
            [4, 300],
          ],
          limit: 'timers',
        }),
      ],
    };
    const svg = chart(renderPerfCharts(result), PERF_CHARTS.concurrency.file);
    assertWellFormedSvg(svg, 'concurrency.svg');
    assert.match(svg, />boards &lt;A&amp;B&gt;</);
    assert.match(svg, />boards &lt;A&amp;B&gt;: linear from level 1</);
    assert.equal((svg.match(/stroke-dasharray/g) ?? []).length, 2, 'the ideal line and its legend swatch');
    assert.equal((svg.match(/<circle /g) ?? []).length, 3, 'a marker per measured level');
    for (const tick of ['1', '2', '4']) assert.match(svg, new RegExp(`text-anchor="middle">${tick}</text>`));
  });

  test('the fleet chart shows memory per MCU and time online against fleet size', () => {
    const svg = chart(renderPerfCharts(fullPerfResult()), PERF_CHARTS.fleet.file);
    assert.match(svg, />Fleet process memory per emulated MCU</);
    assert.match(svg, />Time to bring the fleet online</);
    for (const size of ['10', '100', '1,000', '10,000']) assert.match(svg, new RegExp(`text-anchor="middle">${size}</text>`));
  });

  test('a chart with no data is left out, never drawn empty', () => {
    const full = fullPerfResult();
    const nothing: PerfResult = {
      ...full,
      latency: [latencyCell('http', 'gateway', 'ideal', { skipped: 'not selected' })],
      concurrency: [],
      fleetScale: { levels: [], openFileLimit: null },
    };
    assert.deepEqual(renderPerfCharts(nothing), []);
    const latencyOnly: PerfResult = { ...nothing, latency: [latencyCell('memory', 'gateway', 'ideal')] };
    assert.deepEqual(
      renderPerfCharts(latencyOnly).map(([file]) => file),
      [PERF_CHARTS.latency.file, PERF_CHARTS.latencyDistribution.file],
    );
  });
});

test('the latency distributions put every measured cell on one log axis, from its quantiles', () => {
  const svg = renderPerfCharts(fullPerfResult()).find(([file]) => file === PERF_CHARTS.latencyDistribution.file)![1];
  assert.match(svg, /memory\/gateway\/ideal \(n=\d+\)/);
  assert.match(svg, /mqtt\/native\/wifi \(n=\d+\)/);
  assert.match(svg, /ms \(log scale\)/);
});
