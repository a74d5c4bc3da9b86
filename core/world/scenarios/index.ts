import { nameKey } from '../../names.js';
import { DRY_PLANT } from './dry-plant.js';
import { FIRE } from './fire.js';
import { HOT_AFTERNOON } from './hot-afternoon.js';
import { LEAK } from './leak.js';
import { NORMAL_DAY } from './normal-day.js';
import { QUIET_NIGHT } from './quiet-night.js';
import type { Scenario } from './scenario.js';
import { SHAKEN } from './shaken.js';
import { SOMEONE_MOVING } from './someone-moving.js';

export const SCENARIOS: readonly Scenario[] = [NORMAL_DAY, HOT_AFTERNOON, QUIET_NIGHT, SOMEONE_MOVING, FIRE, DRY_PLANT, LEAK, SHAKEN];

/** A scenario by name, any spelling ("Hot Afternoon", "hot_afternoon" -> hot-afternoon). */
export function findScenario(name: string): Scenario | undefined {
  const key = nameKey(name);
  return SCENARIOS.find((s) => nameKey(s.name) === key);
}
