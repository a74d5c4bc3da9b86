/**
 * Phrase matching: whole words, case-insensitive, a space in a phrase standing for any run of spaces or
 * hyphens ("well watered" = "well-watered") with room for an article or an adverb ("in an alarm state", "is
 * actually moving"), its "is" for any linking verb ("switch stayed off"), the verb it opens with in any form
 * ("going low" for "went low"), a past form also bare after an auxiliary ("didn't change"), and a phrase of the
 * form "<noun> <participle>" ("motion detected") also found in its other word orders ("motion was detected",
 * "detected some motion"). Where matches overlap the longer phrase wins ("no motion" over "motion").
 */

export interface PhraseMatch {
  /** Which of the phrase lists the match came from. */
  list: number;
  phrase: string;
  start: number;
  end: number;
}

/** The text as a regular expression that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Between two words of a phrase an article or an adverb may stand: "in an alarm state", "is actually moving". */
const GAP = '[\\s-]+(?:(?:a|an|the|\\p{L}+ly)[\\s-]+)?';
/** A phrase's "is" stands for any linking verb: "the switch is off" = "the switch stayed off". */
const COPULA = '(?:is|are|was|were|stays|stayed|remains|remained|has\\s+been|had\\s+been)';
/** Verbs whose forms do not follow the rule: "went low" is also "going low", "goes low". */
const IRREGULAR: Readonly<Record<string, string>> = {
  went: 'go|goes|going|gone|went',
  rose: 'rise|rises|rising|risen|rose',
  fell: 'fall|falls|falling|fallen|fell',
  held: 'hold|holds|holding|held',
  kept: 'keep|keeps|keeping|kept',
  got: 'get|gets|getting|gotten|got',
  came: 'come|comes|coming|came',
};

/** The stem of a verb's past form: "pressed" press, "tripped" trip, "changed" chang(e). */
function stemOf(word: string): string | null {
  if (!/^[a-z]+ed$/.test(word) || word.length < 5) return null;
  const stem = word.replace(/(?:([b-df-hj-np-tv-z])\1)?ed$/, '$1');
  return stem.length < 3 ? null : stem;
}

/** Every form of the verb a phrase opens with ("stayed low": stay, stays, staying low), else null. */
function verbForms(word: string): string | null {
  const irregular = IRREGULAR[word];
  if (irregular !== undefined) return `(?:${irregular})`;
  const stem = stemOf(word);
  if (stem === null) return null;
  const e = escapeRegExp(stem);
  return `(?:${e}${escapeRegExp(stem.slice(-1))}?(?:e?s|e?d|ing)?|${e}e[sd]?)`;
}

/**
 * A phrase's words as a pattern: the verb it opens with in any form when more words follow to anchor it,
 * "is" as any linking verb, an article or adverb allowed between words.
 */
function body(phrase: string): string {
  const words = phrase.trim().toLowerCase().split(/\s+/);
  return words.map((word, i) => (word === 'is' ? COPULA : ((i === 0 && words.length > 1 ? verbForms(word) : null) ?? escapeRegExp(word)))).join(GAP);
}

/**
 * Where a verb stands in its bare form: after an auxiliary ("didn't change", "did not trip", "to press"), or
 * as the noun a "no" denies ("No change.").
 * Checked behind the word just matched, so only where the word is there.
 */
const AFTER_AUXILIARY =
  "(?<=\\b(?:did|does|do|didn't|doesn't|don't|not|no|never|to|will|won't|would|wouldn't|can|can't|cannot|could|couldn't|may|might|should|shouldn't)\\s+(?:\\p{L}+ly\\s+)?\\p{L}+)";

/** Participles whose noun may move: "motion detected" = "motion was detected" = "detected motion". */
const MOVABLE = /^(.+?)\s+(detected|sensed|seen|registered|found|present|triggered|tripped|blocked|pressed|touched|tilted|interrupted|obstructed)$/i;
const AUXILIARY = '(?:is|was|were|are|has\\s+been|have\\s+been|had\\s+been|got|gets|being|been|is\\s+being|was\\s+being)';

/** Verbs a verdict phrase may be written in any form of ("hit" as "hitting", "pressed" as "press"). */
const VERBS = new Set([
  'hit',
  'fit',
  'fits',
  'press',
  'push',
  'click',
  'touch',
  'tilt',
  'block',
  'trip',
  'trigger',
  'detect',
  'sense',
  'move',
  'shake',
  'vibrate',
  'leak',
  'flood',
  'exceed',
  'exceeds',
  'reach',
  'cross',
  'match',
  'matches',
  'agree',
  'agrees',
]);

/** One verb in any form ("pressed" also reads "press", "presses", "pressing"), or null for other phrases. */
function inflections(word: string): string | null {
  if (/\s/.test(word) || !/^[a-z]+$/.test(word)) return null;
  let stem: string | null = null;
  if (/ed$/.test(word)) stem = stemOf(word);
  else if (VERBS.has(word)) stem = word.replace(/(?:es|s)$/, (m) => (/(?:ss|sh|ch|x)es$/.test(word) ? '' : m === 'es' ? 'e' : ''));
  if (stem === null || stem.length < 3) return null;
  const e = escapeRegExp(stem);
  // presses|pressed|pressing; hits|hitting; released|releasing; tripped|tripping. The bare stem only for a
  // verb ("did press it"): "the 40 C trip" is a noun.
  const bare = VERBS.has(stem) || VERBS.has(word) ? '?' : '';
  // "changed" is "change" after "didn't": a bare form only an auxiliary licenses.
  const afterAuxiliary = /ed$/.test(word) ? `|${e}${escapeRegExp(stem.slice(-1))}?e?${AFTER_AUXILIARY}` : '';
  return `${e}(?:e?s|e?d|ing|${escapeRegExp(stem.slice(-1))}(?:ed|ing))${bare}|${e}e(?:s|d)${afterAuxiliary}`;
}

/**
 * Compiled phrase patterns: a run matches the same few thousand phrases over and over, and compiling a
 * Unicode pattern costs far more than matching it; matchAll clones the pattern, so sharing one is safe.
 */
const patterns = new Map<string, RegExp>();

export function phrasePattern(phrase: string): RegExp {
  let pattern = patterns.get(phrase);
  if (pattern === undefined) {
    const forms = [body(phrase)];
    const inflected = inflections(phrase.trim().toLowerCase());
    if (inflected !== null) forms.push(inflected);
    const movable = MOVABLE.exec(phrase.trim());
    if (movable) {
      const noun = body(movable[1]!);
      const participle = escapeRegExp(movable[2]!.toLowerCase());
      forms.push(`${noun}\\s+${AUXILIARY}\\s+(?:\\w+\\s+)?${participle}`);
      if (/ed$/.test(participle)) forms.push(`${participle}\\s+(?:a\\s+|an\\s+|any\\s+|some\\s+|the\\s+)?${noun}`);
    }
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${forms.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
    patterns.set(phrase, pattern);
  }
  return pattern;
}

/** Every non-overlapping match of any phrase of `lists` in `text`, in text order; the longer wins an overlap. */
export function findPhrases(text: string, lists: readonly (readonly string[])[]): PhraseMatch[] {
  const candidates: PhraseMatch[] = [];
  lists.forEach((phrases, list) => {
    for (const phrase of phrases) {
      for (const match of text.matchAll(phrasePattern(phrase))) {
        const start = match.index ?? 0;
        candidates.push({ list, phrase, start, end: start + match[0].length });
      }
    }
  });
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  // The characters the chosen matches cover: a candidate touching one overlaps a longer match chosen before it.
  const covered = new Uint8Array(text.length);
  const chosen: PhraseMatch[] = [];
  for (const candidate of candidates) {
    if (covered.subarray(candidate.start, candidate.end).includes(1)) continue;
    covered.fill(1, candidate.start, candidate.end);
    chosen.push(candidate);
  }
  return chosen.sort((a, b) => a.start - b.start);
}
