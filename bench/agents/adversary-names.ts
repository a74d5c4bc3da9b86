/**
 * The scripted attacks on the scorer, by name: kept apart from their implementation so the CLI can list them
 * without loading the scorer.
 */
export const ADVERSARIES = [
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
export type AdversaryName = (typeof ADVERSARIES)[number];

export function isAdversary(name: string): name is AdversaryName {
  return (ADVERSARIES as readonly string[]).includes(name);
}
