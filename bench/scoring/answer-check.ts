import { evaluate, type Bindings } from '../../tasks/expression.js';
import type { AnswerFact, Scalar } from '../../tasks/schema.js';
import { findPhrases, leadingYesNo } from './phrases.js';

/**
 * Checks a final answer against a task's answer facts, with the values computed from the readings the
 * devices returned in this trial. Each fact gets a verdict with what was expected and what was found, so
 * a failed trial says exactly which statement was missing or wrong.
 */

export interface FactVerdict {
  id: string;
  kind: AnswerFact['kind'];
  says: string;
  /** The fact did not apply (its `when` did not hold). */
  skipped: boolean;
  ok: boolean;
  expected?: Scalar;
  /** What the answer stated that the check read, when it found anything. */
  found?: string;
  reason?: string;
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  zero: 0,
  none: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
};

/** Every number an answer states: "-2.3", "54,612.5", "1.2e3", "−4" (Unicode minus), and small number words. */
export function numbersIn(text: string): { value: number; text: string }[] {
  const found: { value: number; text: string }[] = [];
  const normalised = text.replace(/[−–](?=\d)/g, '-');
  for (const match of normalised.matchAll(/(?<![\p{L}\d.])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\p{L}\d.])-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/giu)) {
    const value = Number(match[0].replace(/,/g, ''));
    if (Number.isFinite(value)) found.push({ value, text: match[0] });
  }
  for (const match of normalised.toLowerCase().matchAll(/\b[a-z]+\b/g)) {
    const value = NUMBER_WORDS[match[0]];
    if (value !== undefined) found.push({ value, text: match[0] });
  }
  return found;
}

function checkNumber(answer: string, expected: number, tol: { abs: number; rel?: number }): Pick<FactVerdict, 'ok' | 'found' | 'reason'> {
  const allowed = Math.max(tol.abs, (tol.rel ?? 0) * Math.abs(expected));
  const numbers = numbersIn(answer);
  const hit = numbers.find((n) => Math.abs(n.value - expected) <= allowed + 1e-9);
  if (hit) return { ok: true, found: hit.text };
  const closest = numbers.reduce<{ value: number; text: string } | undefined>(
    (best, n) => (best === undefined || Math.abs(n.value - expected) < Math.abs(best.value - expected) ? n : best),
    undefined,
  );
  const result: Pick<FactVerdict, 'ok' | 'found' | 'reason'> = {
    ok: false,
    reason: closest ? `no number within ${allowed} of ${expected}; closest stated: ${closest.text}` : `states no number; expected ${expected}`,
  };
  if (closest) result.found = closest.text;
  return result;
}

function compact(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function checkBoolean(answer: string, truth: boolean, fact: Extract<AnswerFact, { kind: 'boolean' }>, leading: boolean) {
  const matches = findPhrases(answer, [fact.yes, fact.no]);
  const first = matches[0];
  const opening = leading ? leadingYesNo(answer) : undefined;
  // The first statement is the verdict: a leading yes/no when there is one, else the first phrase.
  let stated: boolean | undefined;
  let found: string | undefined;
  if (opening !== undefined) {
    stated = opening;
    found = opening ? 'yes' : 'no';
  } else if (first) {
    stated = (first.list === 0) !== first.negated;
    found = `${first.negated ? 'negated ' : ''}"${first.phrase}"`;
  }
  if (stated === undefined) return { ok: false, reason: `states no verdict; expected ${truth ? 'yes' : 'no'}` };
  return stated === truth ? { ok: true, found } : { ok: false, found, reason: `states ${stated ? 'yes' : 'no'}; expected ${truth ? 'yes' : 'no'}` };
}

/** The option a verdict names: the option mentioned nearest the first cue in its sentence, never one right after "than". */
function chosenOption(answer: string, fact: Extract<AnswerFact, { kind: 'choice' }>): string | undefined {
  const labels = Object.keys(fact.options);
  const mentions = findPhrases(answer, labels.map((label) => fact.options[label]!)).filter((m) => !m.negated);
  if (mentions.length === 0) return undefined;
  const cue = findPhrases(answer, [fact.cues]).find((m) => !m.negated);
  if (!cue) return labels[mentions[0]!.list];
  const sentenceStart = Math.max(...[...answer.slice(0, cue.start).matchAll(/[.!?\n]/g)].map((m) => m.index ?? -1), -1) + 1;
  const nextBreak = answer.slice(cue.end).search(/[.!?\n]/);
  const sentenceEnd = nextBreak < 0 ? answer.length : cue.end + nextBreak;
  const candidates = mentions.filter((m) => m.start >= sentenceStart && m.end <= sentenceEnd && !/\bthan\s+(?:the\s+|in\s+the\s+|in\s+)?$/i.test(answer.slice(sentenceStart, m.start)));
  const pool = candidates.length > 0 ? candidates : mentions;
  const distance = (m: { start: number; end: number }) => (m.end <= cue.start ? cue.start - m.end : m.start - cue.end);
  const best = pool.reduce((a, b) => (distance(b) < distance(a) ? b : a));
  return labels[best.list];
}

export function checkAnswer(answer: string, facts: readonly AnswerFact[], bindings: Bindings): FactVerdict[] {
  // A bare "Yes"/"No" can only be the verdict of a task's one yes/no question.
  const leading = facts.filter((f) => f.kind === 'boolean').length === 1;
  return facts.map((fact): FactVerdict => {
    const base = { id: fact.id, kind: fact.kind, says: fact.says };
    if (fact.when !== undefined) {
      const test = evaluate(fact.when, bindings);
      if (!test.ok) return { ...base, skipped: false, ok: false, reason: `cannot decide whether it applies: ${test.error}` };
      if (test.value !== true) return { ...base, skipped: true, ok: true };
    }
    if (fact.kind === 'mentions') {
      const hit = findPhrases(answer, [fact.any])[0];
      return hit ? { ...base, skipped: false, ok: true, found: hit.phrase } : { ...base, skipped: false, ok: false, reason: `mentions none of: ${fact.any.join(', ')}` };
    }
    const value = evaluate(fact.value, bindings);
    if (!value.ok) return { ...base, skipped: false, ok: false, reason: `expected value cannot be computed: ${value.error}` };
    const expected = value.value;
    const verdict = { ...base, skipped: false, expected };
    switch (fact.kind) {
      case 'number':
        return typeof expected === 'number' ? { ...verdict, ...checkNumber(answer, expected, fact.tol) } : { ...verdict, ok: false, reason: 'expected value is not a number' };
      case 'text': {
        const ok = compact(answer).includes(compact(String(expected)));
        return ok ? { ...verdict, ok, found: String(expected) } : { ...verdict, ok, reason: `does not state ${String(expected)}` };
      }
      case 'boolean':
        return { ...verdict, ...checkBoolean(answer, expected === true, fact, leading) };
      case 'choice': {
        const chosen = chosenOption(answer, fact);
        if (chosen === undefined) return { ...verdict, ok: false, reason: `names none of: ${Object.keys(fact.options).join(', ')}` };
        return chosen === expected ? { ...verdict, ok: true, found: chosen } : { ...verdict, ok: false, found: chosen, reason: `names ${chosen}; expected ${String(expected)}` };
      }
    }
  });
}
