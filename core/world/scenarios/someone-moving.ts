import { encoderRest } from '../baseline.js';
import { smoothGaussian, uniform } from '../noise.js';
import type { PlaceEnvironment } from '../types.js';
import type { OverlayContext, Scenario } from './scenario.js';

/** Seconds the person spends in each place before walking on. */
export const DWELL_S = 30;
const DAY_S = 86_400;

/** Within [from, to) seconds of the visit. */
function during(within: number, from: number, to: number): boolean {
  return within >= from && within < to;
}

/**
 * Detents this person turns the knob in a place on every visit (seeded, signed, 2..6 either way).
 * The knob turns at seconds 20-24 of each visit.
 */
function turnsPerVisit(seed: number, placeId: string): number {
  const u = uniform(seed, `turns:${placeId}`, 0);
  return (u < 0.5 ? -1 : 1) * (2 + Math.floor(((u * 2) % 1) * 5));
}

/**
 * Someone walks round the places of the world on a seeded loop, 30 s in each. Where they are, the PIR
 * sees them, they pass in front of the ranger, cross the light barrier on the way in and out, press the
 * button, play with the joystick, touch the metal sensor, turn and push the encoder, carry a magnetic
 * key fob past the Hall sensor, and talk. Every visit follows the same timetable, so a task can pick a time.
 */
function overlay(env: PlaceEnvironment, ctx: OverlayContext): void {
  const { place, tour, seed } = ctx;
  const slot = tour.indexOf(place.id);
  if (slot < 0 || tour.length === 0) return;
  const cycleS = DWELL_S * tour.length;
  // The encoder counts from midnight: that is when this world's day begins.
  const daySeconds = ((((ctx.timeMs / 1000) % DAY_S) + DAY_S) % DAY_S) + cycleS * uniform(seed, 'tour-phase', 0);
  const cycle = Math.floor(daySeconds / cycleS);
  const inCycle = daySeconds - cycle * cycleS;
  const here = Math.floor(inCycle / DWELL_S);
  const within = inCycle - here * DWELL_S;
  const turns = turnsPerVisit(seed, place.id);

  // Turns made on visits already finished today, then the visit under way.
  let turned = cycle * turns;
  if (here > slot) turned += turns;
  if (here === slot && within >= 24) turned += turns;
  else if (here === slot && within >= 20) turned += (turns * (within - 20)) / 4;
  env.encoder.position = encoderRest(seed, place.id) + turned;

  if (here !== slot) {
    // Next door to where they are, their voice carries.
    const current = tour[here];
    if (current !== undefined && place.neighbours.includes(current)) env.soundDb = Math.max(env.soundDb, 45);
    return;
  }

  env.motion = true;
  env.soundDb = Math.max(env.soundDb, 60 + 3 * smoothGaussian(seed, 'voice', ctx.timeMs, 2000));
  env.vibrationMs2 += 0.15;
  if (during(within, 4, 16)) {
    const personCm = 60 + 90 * (1 - Math.sin((Math.PI * (within - 4)) / 12));
    env.distanceCm = Math.min(env.distanceCm, personCm);
  }
  env.beamBlocked = during(within, 1, 2) || during(within, 27, 28);
  env.buttonPressed = during(within, 8, 9.5);
  if (during(within, 10, 16)) {
    const phase = (2 * Math.PI * (within - 10)) / 6;
    env.joystick.x = 0.9 * Math.sin(phase);
    env.joystick.y = 0.7 * Math.sin(2 * phase);
    env.joystick.pressed = during(within, 13, 13.8);
  }
  env.touched = during(within, 17, 19);
  env.encoder.pressed = during(within, 24.5, 25.5);
  if (during(within, 21, 26)) {
    const pole = uniform(seed, 'fob-pole', 0) < 0.5 ? -1 : 1;
    env.magneticFieldMt += pole * (18 + 6 * Math.sin((Math.PI * (within - 21)) / 5));
  }
}

export const SOMEONE_MOVING: Scenario = {
  name: 'someone-moving',
  description:
    'Someone walks round every place in turn (30 s each): motion, footsteps past the ranger, buttons, joystick, touch, encoder, a magnetic key fob, talking',
  defaultHour: 18,
  focus: [],
  overlay,
};
