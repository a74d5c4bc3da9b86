/**
 * Negation scope: a negator ("not", "n't", "no", "never", "without", "nobody", "no sign of", "no longer")
 * negates what follows it up to the end of its clause, and two negators cancel. Clauses end at punctuation
 * and at the conjunctions that start a new statement ("but", "and", "while", "which").
 */

const CLAUSE_BREAK =
  /[,;:()]|\s[-\u2013\u2014]\s|\b(?:but|although|though|however|whereas|while|yet|so|because|since|and|which|whereas|except|unless|then|if)\b/gi;
const NEGATOR =
  /\b(?:0|zero|none)\s+(?:(?:of|out\s+of)\s+(?:the\s+)?(?:\d+\s+)?)?(?:samples|readings|checks|times|polls|reads)\b|\b(?:not|no|never|without|nobody|none|neither|nor|nothing|cannot|nowhere|lacks?|absent|absence|fails?|failed|free\s+of|unlikely)\b|\b\w+n't\b|\bcan't\b|\bwon't\b/gi;
/** A subject and its verb after "no": the "no" is a reply ("No, it is not pressed", "no he isn't"). */
const REPLY_BEFORE_SUBJECT =
  /^(?:[,.!\s\p{So}\p{Sk}]|\uFE0F|\u200d)+(?:the\s|(?:he|she|it|they|there|i|we|you|that|this)(?:'s|'re|\s+(?:is|was|are|were|did|does|do|has|have|had|isn't|wasn't|aren't|weren't|didn't|doesn't|don't|hasn't|haven't|hadn't)\b))/iu;

/** Negators that do not negate: "not only", "no doubt", "nothing but", "not just". */
const NOT_A_NEGATION = /^(?:\s+(?:only|just|merely|doubt|question|wonder|surprise|but|less|exactly)\b)/i;

/**
 * The longest a clause is taken to run: words farther off than this belong to another statement, and reading
 * every verdict word's clause to the ends of a sentence that never breaks would cost time in the square of
 * its length.
 */
const CLAUSE_REACH = 300;

/** Where the clause holding `at` starts, within `text`. */
export function clauseStart(text: string, at: number): number {
  const from = Math.max(0, at - CLAUSE_REACH);
  let start = from;
  for (const match of text.slice(from, at).matchAll(CLAUSE_BREAK)) start = from + (match.index ?? 0) + match[0].length;
  return start;
}

const FIRST_BREAK = new RegExp(CLAUSE_BREAK.source, 'i');

/** Where the clause holding `at` ends, within `text`. */
export function clauseEnd(text: string, at: number): number {
  const rest = text.slice(at, at + CLAUSE_REACH);
  const match = FIRST_BREAK.exec(rest);
  return match === null ? Math.min(text.length, at + CLAUSE_REACH) : at + (match.index ?? 0);
}

function negators(scope: string): number {
  let count = 0;
  for (const match of scope.matchAll(NEGATOR)) {
    const after = scope.slice((match.index ?? 0) + match[0].length);
    if (NOT_A_NEGATION.test(after)) continue;
    // "so no, he is not clicking": a reply before the statement it sums up, not a second negation of it.
    if (/^no$/i.test(match[0]) && REPLY_BEFORE_SUBJECT.test(after)) continue;
    // "neither the kitchen nor the living room", "not here nor there": one denial of both.
    if (/^nor$/i.test(match[0]) && count > 0) continue;
    count++;
  }
  return count;
}

/**
 * Whether the phrase at [start, end) of `text` (one sentence) is negated: by the negators of its clause
 * before it, and by any inside the words it matched that the phrase itself does not hold ("motion was not
 * detected" matched for "motion detected").
 */
export function isNegated(text: string, start: number, end: number, phrase = ''): boolean {
  const before = negators(text.slice(clauseStart(text, start), start));
  const inside = negators(text.slice(start, end)) - negators(phrase);
  return (before + Math.max(0, inside)) % 2 === 1;
}
