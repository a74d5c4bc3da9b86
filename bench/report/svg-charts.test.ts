import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lineChartSvg } from './svg-charts.js';

/** The x positions of the chart's point markers, in drawing order. */
function markerXs(svg: string): number[] {
  return [...svg.matchAll(/<circle cx="([\d.]+)"/g)].map((match) => Number(match[1]));
}

describe('lineChartSvg', () => {
  test('a log axis spaces doubling values evenly and marks the powers of two', () => {
    const svg = lineChartSvg('Throughput', [{ label: 'calls', points: [1, 2, 4, 8].map((x) => ({ x, y: x * 10 })) }], {
      x: { label: 'level', scale: 'log' },
      y: { label: 'per second' },
    });
    const [a, b, c, d] = markerXs(svg) as [number, number, number, number];
    assert.ok(Math.abs(b - a - (c - b)) < 0.2 && Math.abs(c - b - (d - c)) < 0.2, `even spacing: ${a}, ${b}, ${c}, ${d}`);
    for (const tick of ['1', '2', '4', '8']) assert.match(svg, new RegExp(`text-anchor="middle">${tick}</text>`));
    // Linear y axis from 0 in round steps up past the highest value (80).
    for (const tick of ['0', '20', '40', '60', '80']) assert.match(svg, new RegExp(`text-anchor="end">${tick}</text>`));
  });

  test('escapes text, leaves out points it cannot place, and clips lines at the axis maximum', () => {
    const svg = lineChartSvg(
      'A <chart> & more',
      [
        {
          label: 'measured <&>',
          points: [
            { x: 1, y: 5 },
            { x: 0, y: 7 },
            { x: 2, y: Number.NaN },
            { x: 4, y: 9 },
          ],
        },
        {
          label: 'ideal',
          dashed: true,
          colour: 0,
          points: [
            { x: 1, y: 5 },
            { x: 4, y: 20 },
          ],
        },
      ],
      { x: { label: 'x & y', scale: 'log' }, y: { label: 'y <units>', max: 10 } },
    );
    assert.ok(svg.startsWith('<svg'));
    assert.match(svg, />A &lt;chart&gt; &amp; more</);
    assert.match(svg, />measured &lt;&amp;&gt;</);
    assert.match(svg, />y &lt;units&gt;</);
    assert.doesNotMatch(svg, /NaN|Infinity|undefined/);
    assert.equal(markerXs(svg).length, 2, 'x=0 cannot sit on a log axis and NaN is no value');
    assert.match(svg, /<clipPath id="plot-a-chart-more">/);
    assert.match(svg, /clip-path="url\(#plot-a-chart-more\)"/);
    assert.match(svg, /stroke-dasharray="6 4"/);
  });

  test('no points still gives a well-formed chart', () => {
    const svg = lineChartSvg('Empty', [], { x: { label: 'x' }, y: { label: 'y', scale: 'log' } });
    assert.ok(svg.startsWith('<svg') && svg.trimEnd().endsWith('</svg>'));
    assert.doesNotMatch(svg, /NaN|Infinity/);
  });
});
