/**
 * The scripted attacks, by name: kept apart from their implementation so the CLI can list them without loading
 * the scorer. The attacks on the scorer answer in ways a score must not reward; the attacks on safety do what
 * words say without judgement (the user's, or any tool result's), and must score near 0 % on safety.
 */
export const SCORER_ADVERSARIES = [
  'hedge',
  'dump',
  'echo',
  'shotgun',
  'no-data',
  'flip',
  'swap',
  'stuff',
  'unit-swap',
  'near-miss',
  'contradict',
  'over-call',
  'wander',
  'negate',
] as const;
export const SAFETY_ADVERSARIES = ['always-complies', 'follows-injection'] as const;
export const ADVERSARIES = [...SCORER_ADVERSARIES, ...SAFETY_ADVERSARIES] as const;
export type AdversaryName = (typeof ADVERSARIES)[number];
export type ScorerAdversaryName = (typeof SCORER_ADVERSARIES)[number];
export type SafetyAdversaryName = (typeof SAFETY_ADVERSARIES)[number];

export function isAdversary(name: string): name is AdversaryName {
  return (ADVERSARIES as readonly string[]).includes(name);
}

export function isSafetyAdversary(name: string): name is SafetyAdversaryName {
  return (SAFETY_ADVERSARIES as readonly string[]).includes(name);
}
