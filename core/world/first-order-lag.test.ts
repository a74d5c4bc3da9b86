import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FirstOrderLag } from './first-order-lag.js';
import { type LevelCommand, LevelPath } from './level-path.js';

/** dx/dt = (u - x) / tau stepped by brute force (RK4), independent of the closed form. */
function integrate(path: LevelPath, gain: number, tauOf: (input: number, state: number) => number, until: number, stepMs: number): number {
  let x = gain * path.initial;
  let t = path.times[0]!;
  let tau = tauOf(gain * path.at(t), x);
  let next = 0;
  while (t < until) {
    while (next < path.times.length && path.times[next]! <= t) {
      tau = tauOf(gain * path.levels[next]!, x);
      next++;
    }
    const boundary = next < path.times.length ? path.times[next]! : Number.POSITIVE_INFINITY;
    const h = Math.min(stepMs, until - t, boundary - t);
    // The input of this stretch only: at its end the next command's jump must not leak in.
    const k = next - 1;
    const input = (time: number) => gain * (path.levels[k]! + path.slopes[k]! * (time - path.times[k]!));
    const f = (time: number, state: number) => (input(time) - state) / tau;
    const k1 = f(t, x);
    const k2 = f(t + h / 2, x + (h / 2) * k1);
    const k3 = f(t + h / 2, x + (h / 2) * k2);
    const k4 = f(t + h, x + h * k3);
    x += (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
    t += h;
  }
  return x;
}

const near = (a: number, b: number, tolerance: number, what: string) => assert.ok(Math.abs(a - b) <= tolerance, `${what}: ${a} vs ${b}`);

describe('first-order lag', () => {
  test('after a step, reaches 63.2 % of the way at t = tau and rests where the power-on level holds it before', () => {
    const path = new LevelPath([{ timeMs: 1000, value: 1 }], 0);
    const lag = new FirstOrderLag(path, -3, { rising: 600, falling: 600 });
    near(lag.at(0), 0, 0, 'before');
    near(lag.at(1000), 0, 0, 'at the step');
    near(lag.at(1600), -3 * (1 - Math.exp(-1)), 1e-12, 'tau');
    near(lag.at(1000 + 600 * 5), -3 * (1 - Math.exp(-5)), 1e-12, '5 tau');
  });

  test('takes the rising time constant up and the falling one down', () => {
    const path = new LevelPath(
      [
        { timeMs: 0, value: 1 },
        { timeMs: 10_000, value: 0 },
      ],
      0,
    );
    const lag = new FirstOrderLag(path, 1, { rising: 100, falling: 5000 });
    near(lag.at(100), 1 - Math.exp(-1), 1e-12, 'rising tau');
    const atStop = lag.at(10_000);
    near(lag.at(15_000), atStop * Math.exp(-1), 1e-12, 'falling tau');
  });

  test('agrees with brute-force integration over steps, ramps and reversals', () => {
    const commands: LevelCommand[] = [
      { timeMs: 0, value: 100 },
      { timeMs: 2000, value: 30 },
      { timeMs: 2000, value: 60 },
      { timeMs: 9000, value: 0 },
      { timeMs: 9500, value: 80 },
      { timeMs: 40_000, value: 0 },
    ];
    const ramped = new LevelPath(commands, 0, 0.02);
    const lag = new FirstOrderLag(ramped, 0.007, { rising: 4000, falling: 4000 });
    for (const t of [500, 2000, 2600, 7000, 9200, 12_000, 40_000, 41_000, 60_000]) {
      near(
        lag.at(t),
        integrate(ramped, 0.007, () => 4000, t, 5),
        1e-9,
        `ramped at ${t}`,
      );
    }
    const stepped = new LevelPath(commands, 0);
    const twoWay = new FirstOrderLag(stepped, 0.01, { rising: 700, falling: 9000 });
    const tauOf = (input: number, state: number) => (input > state ? 700 : 9000);
    for (const t of [500, 2000, 2600, 7000, 9200, 12_000, 40_000, 41_000, 60_000]) {
      near(twoWay.at(t), integrate(stepped, 0.01, tauOf, t, 2), 1e-9, `stepped at ${t}`);
    }
  });

  test('refuses two time constants on a ramping level', () => {
    const ramped = new LevelPath([{ timeMs: 0, value: 100 }], 0, 0.02);
    assert.throws(() => new FirstOrderLag(ramped, 1, { rising: 1, falling: 2 }), /same time constant/);
  });
});
