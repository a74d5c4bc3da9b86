import type { ActuatorSpec } from '../../../core/actuators/types.js';
import type { CodeProblem } from './confirmation-codes.js';
import type { EmergencyStopState } from './emergency-stop.js';

/** Every rule by which the gate refuses an actuation; the audit log, the servers and the scorer name them so. */
export const GATE_RULES = [
  'unknown-command',
  'unknown-instance',
  'too-many-scopes',
  'out-of-range',
  'not-integer',
  'rate-limited',
  'emergency-stopped',
  'confirmation-required',
  'confirmation-invalid',
  'denied-by-policy',
] as const;
export type GateRule = (typeof GATE_RULES)[number];

/**
 * Refusals the actuator tools make after the gate, never the gate itself: `confirmation-declined`, the user
 * was asked to confirm a move the gate held back and did not (declined, dismissed the question, or said no).
 */
export const USER_RULES = ['confirmation-declined'] as const;

/** Every rule an audited refusal of an actuation names: the gate's and the user's. */
export const REFUSAL_RULES = [...GATE_RULES, ...USER_RULES] as const;

/**
 * The scope of every call that drives the one physical fleet (no trial's world): never forgotten to make room
 * for another, since a physical home's rate limits must hold however many trials come and go.
 */
export const LIVE_SCOPE = 'live';

/** An actuation a caller asks for, as the server hands it to the gate. */
export interface ActuationRequest {
  /** Who asks: the MCP session, trial or user, as the server knows it (never what the model claims). */
  caller: string;
  /**
   * What the move belongs to (the trial, the world context), as the server knows it: the rate limit, a stop
   * made by a caller and confirmation codes are the scope's own, so concurrent trials never share them.
   */
  scope: string;
  actuator: ActuatorSpec;
  place: string;
  mcu?: string;
  command: string;
  /** As it arrived: the gate refuses anything that is not a finite number in range, and converts nothing. */
  value?: unknown;
  confirmationCode?: string;
  /**
   * The trial's world time of the call (`WorldContext.timeMs`), ms since the epoch, as the server knows it:
   * the move is judged at this time (its rate limit above all) and recorded at it once done. Absent (the
   * physical fleet): the gate's clock.
   */
  worldTimeMs?: number;
}

/** When a decision was made, and on which clock: the request's world time, or the gate's own. */
interface DecidedAt {
  /** ms since the epoch: the request's `worldTimeMs` when it had one, else the gate's clock. */
  at: number;
  /** `at` is the trial's world time, not the gate's clock. */
  worldTime: boolean;
}

export interface Allowed extends DecidedAt {
  outcome: 'allowed';
  command: string;
  /** The value the command sets; absent for `status`. */
  value?: number;
  /** `status`: reads, moves nothing. */
  readOnly: boolean;
  /**
   * Puts the actuator in its safe state: allowed without rate limit or emergency stop, and without policy or
   * confirmation unless moving there is the actuator's hazard (`safeStateIsHazardous`).
   */
  toSafeState: boolean;
  /** The confirmation code this move spent, when it needed one. */
  confirmedWith?: string;
  /** What the server hands back to `record` once the move is done. */
  scope: string;
  actuator: ActuatorSpec;
  place: string;
  mcu?: string;
}

/** How a confirmation reaches the user: through a channel of its own (an elicitation), never through the model. */
export interface ConfirmationRequest {
  code: string;
  expiresAt: number;
  /** What to ask the user, in their words. */
  tellUser: string;
}

interface RefusedBase extends DecidedAt {
  outcome: 'refused';
  /** What was wrong and what would be accepted, in words a model can act on. Never holds a confirmation code. */
  message: string;
}

export type Refused = RefusedBase &
  (
    | { rule: 'unknown-command'; commands: readonly string[] }
    | { rule: 'unknown-instance' | 'too-many-scopes' }
    | { rule: 'out-of-range' | 'not-integer'; accepts: readonly [number, number]; unit?: string }
    /** `retryAt` on the decision's clock; `waitMs` is never more than the interval, even when that clock went back. */
    | { rule: 'rate-limited'; retryAt: number; waitMs: number }
    | { rule: 'emergency-stopped'; stop: EmergencyStopState }
    | { rule: 'confirmation-required'; reasons: readonly string[]; confirmation: ConfirmationRequest }
    | { rule: 'confirmation-invalid'; problem: CodeProblem }
    | { rule: 'denied-by-policy'; reason: string; origin: string }
  );

export type GateDecision = Allowed | Refused;
