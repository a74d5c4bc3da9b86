import type { WorldContext } from '../../core/world/types.js';

/**
 * Whose moves an actuator call belongs to, as the server knows it (never as the model claims it).
 *
 * The scope is the trial: a world carries no trial id, so its scenario and seed stand for it (a bench runs one
 * trial per scenario and seed at a time). A call without a world drives the one physical fleet, and every such
 * call shares the scope `live`: a physical home has one set of actuators, so an emergency stop made over one
 * MCP session must hold for every other. The MCP session cannot be the scope anyway, since `emergency_stop`
 * lives on a server of its own and each server has its own session.
 */
export function actuationScope(world: WorldContext | undefined): string {
  return world === undefined ? 'live' : `trial:${world.scenario}/${world.seed}`;
}

/** Who calls: the MCP client's name and, where the transport has one, its session. */
export function actuationCaller(clientName: string | undefined, sessionId: string | undefined): string {
  return `mcp:${clientName ?? 'client'}${sessionId === undefined ? '' : `/${sessionId}`}`;
}
