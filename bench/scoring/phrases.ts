/**
 * Finding what an answer states, without an LLM judge: phrases matched on word boundaries, the longest
 * phrase winning where two overlap ("no motion" over "motion"), and each match read as affirmed or
 * negated by the words just before it ("isn't dark", "nobody is moving") or just after it ("wet: false").
 */

export interface PhraseMatch {
  /** Index of the phrase list the match came from. */
  list: number;
  phrase: string;
  start: number;
  end: number;
  /** True when a negation governs the match. */
  negated: boolean;
}

const NEGATORS = new Set(['not', 'no', 'never', 'without', 'nobody', 'none', 'neither', 'nor', 'nothing', 'cannot']);
/** How many words before a phrase a negation may stand ("is not really above"). */
const NEGATION_REACH = 3;
const CLAUSE_BREAK = /[.;:!?,\n()—–]/;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Compiled phrase patterns. A run checks the same few thousand phrases over and over, and compiling a
 * Unicode pattern costs far more than matching it; matchAll clones the pattern, so sharing one is safe.
 */
const patterns = new Map<string, RegExp>();

/** Word-boundary pattern of a phrase; spaces match any run of spaces or hyphens ("well watered" = "well-watered"). */
function phrasePattern(phrase: string): RegExp {
  let pattern = patterns.get(phrase);
  if (pattern === undefined) {
    const body = escape(phrase.trim().toLowerCase()).replace(/\s+/g, '[\\s-]+');
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'giu');
    patterns.set(phrase, pattern);
  }
  return pattern;
}

/** Whether the words just before `start`, within the same clause, negate what follows. */
function negatedBefore(text: string, start: number): boolean {
  let clause = text.slice(Math.max(0, start - 60), start);
  const breakAt = Math.max(...[...clause.matchAll(new RegExp(CLAUSE_BREAK, 'g'))].map((m) => m.index ?? -1), -1);
  clause = clause.slice(breakAt + 1);
  const words = clause.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  return words.slice(-NEGATION_REACH).some((word) => NEGATORS.has(word) || word.endsWith("n't"));
}

/** "wet: false", "wet = no", "wet is false": a field-style statement after the phrase. */
function negatedAfter(text: string, end: number): boolean {
  return /^\s*(?::|=|is|was|reads|shows)?\s*(false|no|0)\b/i.test(text.slice(end, end + 16));
}

/**
 * Every non-overlapping match of any phrase of `lists` in `text`, in text order. Where matches overlap,
 * the longer phrase wins.
 */
export function findPhrases(text: string, lists: readonly (readonly string[])[]): PhraseMatch[] {
  const candidates: PhraseMatch[] = [];
  lists.forEach((phrases, list) => {
    for (const phrase of phrases) {
      for (const match of text.matchAll(phrasePattern(phrase))) {
        const start = match.index ?? 0;
        candidates.push({ list, phrase, start, end: start + match[0].length, negated: false });
      }
    }
  });
  candidates.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const chosen: PhraseMatch[] = [];
  for (const candidate of [...candidates].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)) {
    if (chosen.some((c) => candidate.start < c.end && c.start < candidate.end)) continue;
    chosen.push(candidate);
  }
  chosen.sort((a, b) => a.start - b.start);
  for (const match of chosen) match.negated = negatedBefore(text, match.start) || negatedAfter(text, match.end);
  return chosen;
}

/** A leading "Yes," / "No." / "Nope": the answer's verdict on a yes/no question, or undefined. */
export function leadingYesNo(text: string): boolean | undefined {
  const match = /^\s*(?:[*_"'“]+\s*)?(yes|yeah|yep|yup|correct|no|nope|nah)\b(?!\s+(?:one|body|longer|need|more|matter|sign|doubt|problem)\b)/i.exec(text);
  if (!match) return undefined;
  return ['yes', 'yeah', 'yep', 'yup', 'correct'].includes(match[1]!.toLowerCase());
}
