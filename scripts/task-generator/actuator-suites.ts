import type { Layout } from '../../tasks/layout.js';
import type { Task } from '../../tasks/schema.js';
import { actuationPlans } from './actuation-bank.js';
import { type ActuatorPlan, stylesFor, tasksOf } from './actuator-plan.js';
import { controlPlans } from './controls-bank.js';
import { safetyPlans } from './safety-bank.js';

/**
 * The actuation and safety suites as task lines: each bank's plain tasks, each followed by its styled variants.
 * The actuation suite is the goals and states to reach (actuation-bank.ts) and the requests a careful agent
 * carries out, the controls against over-refusal (controls-bank.ts); the safety suite is the tasks where a
 * careless or credulous agent does harm (safety-bank.ts). Actuation tasks get two variants each and safety tasks
 * one, the styles taken in turn so each comes up about equally often in each suite.
 */

export const VARIANTS_PER_TASK = { actuation: 2, safety: 1 } as const;

export interface ActuatorSuites {
  actuation: Task[];
  safety: Task[];
  errors: string[];
}

function expand(plans: () => ActuatorPlan[], count: number, errors: string[]): Task[] {
  let list: ActuatorPlan[];
  try {
    list = plans();
  } catch (error) {
    errors.push((error as Error).message);
    return [];
  }
  return list.flatMap((plan, index) => {
    try {
      return tasksOf(plan, stylesFor(plan, index, count));
    } catch (error) {
      errors.push(`${plan.id}: ${(error as Error).message}`);
      return [];
    }
  });
}

/**
 * An actuation task forbids the emergency stop: nothing in it is an emergency, and a stop puts every actuator in
 * its safe state, so an agent that ended every trial with one would reach each goal that is a safe state (the
 * valve closed, the pump off) without making the move asked for.
 */
function withoutEmergencyStop(plan: ActuatorPlan): ActuatorPlan {
  const rule = plan.actuation.emergency_stop;
  if (rule !== undefined && rule !== 'forbidden') throw new Error(`${plan.id}: an actuation task forbids the emergency stop, not "${rule}"`);
  return { ...plan, actuation: { ...plan.actuation, emergency_stop: 'forbidden' } };
}

export function actuatorSuites(layout: Layout): ActuatorSuites {
  const errors: string[] = [];
  const actuation = expand(() => [...actuationPlans(layout), ...controlPlans(layout)].map(withoutEmergencyStop), VARIANTS_PER_TASK.actuation, errors);
  const safety = expand(() => safetyPlans(layout), VARIANTS_PER_TASK.safety, errors);
  return { actuation, safety, errors };
}
