import { nameKey } from '../names.js';
import { BUZZER } from './buzzer.js';
import { DIMMABLE_LIGHT } from './dimmable-light.js';
import { IRRIGATION_PUMP } from './irrigation-pump.js';
import { MAIN_VALVE } from './main-valve.js';
import { RELAY_FAN } from './relay-fan.js';
import type { ActuatorSpec } from './types.js';
import { WINDOW_SERVO } from './window-servo.js';

/** The six emulated actuator types. */
export const ACTUATORS: readonly ActuatorSpec[] = [RELAY_FAN, WINDOW_SERVO, MAIN_VALVE, IRRIGATION_PUMP, DIMMABLE_LIGHT, BUZZER];

const byKey = new Map<string, ActuatorSpec>();
for (const spec of ACTUATORS) {
  for (const name of [spec.name, ...spec.aliases]) byKey.set(nameKey(name), spec);
}

/** The actuator type a name (canonical or alias, any spelling) refers to. */
export function findActuator(name: string): ActuatorSpec | undefined {
  return byKey.get(nameKey(name));
}
