import { smoothGaussian, uniform } from '../noise.js';
import type { Scenario } from './scenario.js';

const TAU = 2 * Math.PI;

/**
 * One swing component: amplitude (deg) and period (s). The angle is A sin(2 pi t / T + phase); its rate,
 * the gyro's truth, is the exact derivative, so tilt and rotation agree.
 */
interface Swing {
  amplitude: number;
  periodS: number;
}

const PITCH: readonly Swing[] = [
  { amplitude: 28, periodS: 4.3 },
  { amplitude: 8, periodS: 1.1 },
];
const ROLL: readonly Swing[] = [
  { amplitude: 32, periodS: 3.1 },
  { amplitude: 6, periodS: 0.9 },
];

function angle(swings: readonly Swing[], tS: number, seed: number, key: string): number {
  let sum = 0;
  for (let i = 0; i < swings.length; i++) {
    const s = swings[i]!;
    sum += s.amplitude * Math.sin((TAU * tS) / s.periodS + TAU * uniform(seed, key, i));
  }
  return sum;
}

function rate(swings: readonly Swing[], tS: number, seed: number, key: string): number {
  let sum = 0;
  for (let i = 0; i < swings.length; i++) {
    const s = swings[i]!;
    sum += ((s.amplitude * TAU) / s.periodS) * Math.cos((TAU * tS) / s.periodS + TAU * uniform(seed, key, i));
  }
  return sum;
}

export const SHAKEN: Scenario = {
  name: 'shaken',
  description: 'The boards on the workshop bench are being shaken and tipped about (next to a magnet); the garage feels it',
  defaultHour: 14,
  focus: ['workshop'],
  overlay(env, ctx) {
    const { place, focus, seed, timeMs } = ctx;
    if (focus.includes(place.id)) {
      const tS = timeMs / 1000;
      env.tiltDeg.pitch += angle(PITCH, tS, seed, 'pitch-phase');
      env.tiltDeg.roll += angle(ROLL, tS, seed, 'roll-phase');
      // Roll turns about x, pitch about y; the yaw swing is a plain sine.
      env.rotationDegS.x = rate(ROLL, tS, seed, 'roll-phase');
      env.rotationDegS.y = rate(PITCH, tS, seed, 'pitch-phase');
      env.rotationDegS.z = 60 * Math.sin((TAU * tS) / 2.7 + TAU * uniform(seed, 'yaw-phase', 0));
      env.vibrationMs2 = Math.min(9, Math.max(2.5, 4.5 + 1.5 * smoothGaussian(seed, 'shake', timeMs, 1500)));
      // The board swings nearer to and farther from a magnet lying on the bench.
      env.magneticFieldMt += 12 + 8 * Math.sin((TAU * tS) / 4.3 + TAU * uniform(seed, 'pitch-phase', 0));
      env.soundDb = Math.max(env.soundDb, 58 + 3 * smoothGaussian(seed, 'rattle', timeMs, 1000));
    } else if (place.neighbours.some((n) => focus.includes(n))) {
      env.vibrationMs2 += 0.3;
    }
  },
};
