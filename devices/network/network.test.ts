import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DelayLine } from './delay-line.js';
import { createNetworkConditions } from './profiles.js';

const wifi = { meanMs: 5, jitterMs: 4 };

describe('network conditions', () => {
  test('ideal adds no delay and loses nothing', () => {
    const ideal = createNetworkConditions({ profile: 'ideal', wifi, seed: 1 });
    for (let i = 0; i < 100; i++) {
      assert.equal(ideal.delayMs(), 0);
      assert.equal(ideal.dropReply(), false);
    }
  });

  test('wifi delays follow the board model, never negative, and replay with the seed', () => {
    const draw = (seed: number) => {
      const net = createNetworkConditions({ profile: 'wifi', wifi, seed });
      return Array.from({ length: 2000 }, () => net.delayMs());
    };
    const a = draw(7);
    assert.deepEqual(draw(7), a, 'same seed, same delays');
    assert.notDeepEqual(draw(8), a, 'another seed, other delays');
    assert.ok(a.every((d) => d >= 0));
    const mean = a.reduce((s, d) => s + d, 0) / a.length;
    assert.ok(Math.abs(mean - wifi.meanMs) < 0.5, `mean ${mean}`);
  });

  test('faults: loss rate and latency spikes', () => {
    const lossy = createNetworkConditions({ profile: 'ideal', wifi, seed: 3, faults: { lossRate: 0.25 } });
    const lost = Array.from({ length: 4000 }, () => lossy.dropReply()).filter(Boolean).length;
    assert.ok(lost > 800 && lost < 1200, `${lost} of 4000 lost at 25%`);
    const spiky = createNetworkConditions({ profile: 'ideal', wifi, seed: 3, faults: { extraDelayMs: 50, spikeRate: 0.1 } });
    const delays = Array.from({ length: 2000 }, () => spiky.delayMs());
    const spikes = delays.filter((d) => d === 50).length;
    assert.ok(delays.every((d) => d === 0 || d === 50));
    assert.ok(spikes > 120 && spikes < 280, `${spikes} spikes of 2000 at 10%`);
  });
});

describe('delay line', () => {
  test('delivers at once when idle and undelayed', () => {
    const got: number[] = [];
    const line = new DelayLine<number>((n) => got.push(n));
    line.push(1, 0);
    assert.deepEqual(got, [1]);
  });

  test('never lets a short delay overtake a long one', async () => {
    const got: { n: number; at: number }[] = [];
    let done: () => void = () => {};
    const finished = new Promise<void>((resolve) => (done = resolve));
    const line = new DelayLine<number>((n) => {
      got.push({ n, at: performance.now() });
      if (n === 3) done();
    });
    const start = performance.now();
    line.push(1, 40);
    line.push(2, 0);
    line.push(3, 5);
    await finished;
    assert.deepEqual(
      got.map((g) => g.n),
      [1, 2, 3],
    );
    assert.ok(got[0]!.at - start >= 35, 'the first waited its delay');
    assert.equal(line.size, 0);
  });

  test('clear() forgets what waits', async () => {
    const got: number[] = [];
    const line = new DelayLine<number>((n) => got.push(n));
    line.push(1, 10);
    line.clear();
    line.push(2, 1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.deepEqual(got, [2]);
  });
});
