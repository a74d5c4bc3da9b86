import type { Scenario } from './scenario.js';

export const HOT_AFTERNOON: Scenario = {
  name: 'hot-afternoon',
  description: 'A heatwave afternoon: 35-38 C outside, 29-32 C indoors, clear sky, strong sun and UV',
  defaultHour: 15,
  pinnedHour: 15,
  climate: { outdoorMeanC: 30.5, outdoorSwingC: 6.5, dayToDayC: 0.4, houseC: 29, houseHumidityPct: 45, uvPeak: 11, cloudiness: 0.03 },
  focus: [],
};
