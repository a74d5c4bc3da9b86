import type { WorldContext } from '../../core/world/types.js';
import { LIVE_SCOPE } from './safety/gate-decision.js';

/**
 * Whose moves an actuator call belongs to, as the server knows it (never as the model claims it).
 *
 * The scope is the trial: `trial:<id>` for a world that names its trial (`WorldContext.trial`, unique within a
 * run, so two trials of one task, or of one scenario and seed, never share a rate limit, a confirmation or an
 * emergency stop). A world without a trial id stands for its trial by its scenario and seed. A call without a
 * world drives the one physical fleet, and every such call shares the scope `live`: a physical home has one set
 * of actuators, so an emergency stop made over one MCP session must hold for every other. The MCP session
 * cannot be the scope anyway, since `emergency_stop` lives on a server of its own and each server has its own
 * session.
 */
export function actuationScope(world: WorldContext | undefined): string {
  if (world === undefined) return LIVE_SCOPE;
  return world.trial === undefined ? `trial:${world.scenario}/${world.seed}` : trialScope(world.trial);
}

/** The scope of the trial with this id: what a host hands the gate's `endScope` when the trial is over. */
export function trialScope(trial: string): string {
  return `trial:${trial}`;
}

/** Who calls: the MCP client's name and, where the transport has one, its session. */
export function actuationCaller(clientName: string | undefined, sessionId: string | undefined): string {
  return `mcp:${clientName ?? 'client'}${sessionId === undefined ? '' : `/${sessionId}`}`;
}
