import type { Scenario } from './scenario.js';

export const NORMAL_DAY: Scenario = {
  name: 'normal-day',
  description: 'An ordinary midsummer day: mild weather, sun through the windows, lamps in the evening, nobody around',
  defaultHour: 10,
  focus: [],
};
