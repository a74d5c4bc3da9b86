import type { AnswerFact } from './schema.js';

/**
 * How far a stated number may stray from a number fact's value and still meet it: the larger of the fact's
 * absolute and relative tolerances. The scorer, the task checks and the attacks on the scorer share it, so
 * "within tolerance" means one thing everywhere.
 */
export function allowance(fact: Extract<AnswerFact, { kind: 'number' }>, value: number): number {
  return Math.max(fact.tol.abs, (fact.tol.rel ?? 0) * Math.abs(value));
}
