import type { Scenario } from './scenario.js';

export const QUIET_NIGHT: Scenario = {
  name: 'quiet-night',
  description: 'The middle of the night: dark, silent (25-30 dBA), cool, everyone asleep',
  defaultHour: 3,
  pinnedHour: 3,
  climate: { outdoorMeanC: 16, outdoorSwingC: 5, dayToDayC: 1, houseC: 21 },
  focus: [],
  overlay(env) {
    env.soundDb = Math.min(30, Math.max(25, env.soundDb));
  },
};
