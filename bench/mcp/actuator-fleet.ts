import { findActuator } from '../../core/actuators/catalogue.js';
import type { McuInfo } from '../../datapool/types.js';
import type { ActuatorInstance } from './safety/gate-instances.js';

/**
 * The actuator instances a fleet carries, from the datapool's `mcus()`: what the gate lets anyone move and what
 * an emergency stop puts back. A name no datasheet knows is left out, so it can never be moved.
 */
export function fleetActuatorInstances(mcus: readonly McuInfo[]): ActuatorInstance[] {
  const instances: ActuatorInstance[] = [];
  for (const mcu of mcus) {
    if (mcu.place === null) continue;
    for (const name of mcu.actuators ?? []) {
      const actuator = findActuator(name);
      if (actuator !== undefined) instances.push({ actuator, place: mcu.place, mcu: mcu.id });
    }
  }
  return instances;
}
