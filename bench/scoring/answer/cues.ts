import { SENSORS } from '../../../core/sensors/catalogue.js';
import type { AnswerFact, Part, Referent } from '../../../tasks/schema.js';
import {
  ARRIVAL_WORDS,
  COUNT_NOUNS,
  EVENT_NOUNS,
  INDOOR_WORDS,
  KNOWN_PLACES,
  PART_OR_SENSOR,
  PART_WORDS,
  placePhrases,
  QUANTITY_WORDS,
  SENSOR_GROUPS,
  STAT_WORDS,
  sensorPhrases,
  TILT_AXES,
} from './lexicon.js';
import { clauseEnd } from './negation.js';
import { escapeRegExp } from './phrases.js';
import { lowerBound, type Span } from './spans.js';
import type { ReadText, Sentence } from './text.js';

/**
 * Cues: the words of an answer that say what a number is about (a place, a sensor, a quantity, a part of
 * a reading, a statistic, a fact's own words), found sentence by sentence in the senses the task can be about.
 * Which number each cue describes is attribution.ts's business.
 */

export type Dimension = 'place' | 'sensor' | 'quantity' | 'part' | 'stat' | 'words' | 'unlike';

export interface Cue {
  dimension: Dimension;
  /** Place ids, sensor names, quantity keys, parts, statistics, or fact ids (for `words`). */
  values: readonly string[];
  start: number;
  end: number;
  sentence: number;
  /** A verb of samples arriving ("came back"): it describes a number of samples only. */
  arrival?: true;
}

/** What the cues around a number say it is about, by dimension. */
export type Attribution = Record<Dimension, Set<string>>;

export function emptyAttribution(): Attribution {
  return { place: new Set(), sensor: new Set(), quantity: new Set(), part: new Set(), stat: new Set(), words: new Set(), unlike: new Set() };
}

interface Meaning {
  dimension: Dimension;
  value: string;
  /** A verb of samples arriving ("came back"): it names a total of samples only. */
  arrival?: true;
}

interface Vocabulary {
  pattern: RegExp;
  meanings: Map<string, Meaning[]>;
}

function key(phrase: string): string {
  return phrase
    .toLowerCase()
    .replace(/[\s-]+/g, ' ')
    .trim();
}

/** One pattern for every phrase, longest first, so the longest phrase at a position wins. */
function compile(entries: readonly (readonly [string, Meaning])[]): Vocabulary {
  const meanings = new Map<string, Meaning[]>();
  for (const [phrase, meaning] of entries) {
    const k = key(phrase);
    const list = meanings.get(k) ?? [];
    if (!list.some((m) => m.dimension === meaning.dimension && m.value === meaning.value)) list.push(meaning);
    meanings.set(k, list);
  }
  const phrases = [...meanings.keys()].sort((a, b) => b.length - a.length);
  const alternation = (list: string[]) => list.map((p) => escapeRegExp(p).replace(/ /g, '[\\s-]+')).join('|') || '(?!)';
  // A word starts after a non-word; an index such as "[1]" may stand glued to its list ("temperatures[1]").
  const words = alternation(phrases.filter((p) => /^[\p{L}\p{N}]/u.test(p)));
  const marks = alternation(phrases.filter((p) => !/^[\p{L}\p{N}]/u.test(p)));
  return { pattern: new RegExp(`(?:(?<![\\p{L}\\p{N}])(?:${words})|${marks})(?![\\p{L}\\p{N}])`, 'giu'), meanings };
}

/**
 * A phrase opening with a verb in its past form in its other forms too: "bottomed out" is also "bottoming
 * out", "bottoms out"; "topped" also "topping", "tops". Forms no one writes do no harm.
 */
function verbForms(phrase: string): string[] {
  const [verb, ...rest] = phrase.split(' ');
  if (!/^[a-z]{3,}ed$/.test(verb!)) return [phrase];
  const stem = verb!.slice(0, -2);
  const single = /([b-df-hj-np-tv-z])\1$/.test(stem) ? stem.slice(0, -1) : stem;
  const forms = new Set([verb!, `${stem}ing`, `${single}s`, `${single}es`, `${stem}es`]);
  return [...forms].map((form) => [form, ...rest].join(' '));
}

/** Statistics whose verbs ("bottomed out", "peaked", "averaged", "finished") are read in every form. */
const REACHING: ReadonlySet<string> = new Set(['min', 'max', 'mean', 'median', 'range', 'first', 'last']);

function baseEntries(): [string, Meaning][] {
  const entries: [string, Meaning][] = [];
  for (const place of KNOWN_PLACES) for (const phrase of placePhrases(place.id)) entries.push([phrase, { dimension: 'place', value: place.id }]);
  for (const phrase of INDOOR_WORDS) for (const place of KNOWN_PLACES) if (place.indoor) entries.push([phrase, { dimension: 'place', value: place.id }]);
  for (const spec of SENSORS) for (const phrase of sensorPhrases(spec.name)) entries.push([phrase, { dimension: 'sensor', value: spec.name }]);
  for (const [phrase, sensors] of SENSOR_GROUPS) for (const sensor of sensors) entries.push([phrase, { dimension: 'sensor', value: sensor }]);
  for (const [quantity, words] of Object.entries(QUANTITY_WORDS))
    for (const phrase of words) entries.push([phrase, { dimension: 'quantity', value: quantity }]);
  for (const [part, words] of Object.entries(PART_WORDS)) for (const phrase of words) entries.push([phrase, { dimension: 'part', value: part }]);
  // Another form of a statistic's verb must not be a word of its own elsewhere ("counted" is no "counts").
  const known = new Set(
    [...Object.values(QUANTITY_WORDS), ...Object.values(PART_WORDS), ...Object.values(STAT_WORDS), COUNT_NOUNS, EVENT_NOUNS]
      .flatMap((w) => [...(w ?? [])])
      .map(key),
  );
  // Only the verbs of a series reaching a value are inflected: "moving" or "changing" says no change by how much.
  for (const [stat, words] of Object.entries(STAT_WORDS)) {
    const forms = REACHING.has(stat) ? verbForms : (phrase: string) => [phrase];
    for (const phrase of words ?? [])
      for (const form of forms(phrase)) if (form === phrase || !known.has(key(form))) entries.push([form, { dimension: 'stat', value: stat }]);
  }
  for (const phrase of ARRIVAL_WORDS) entries.push([phrase, { dimension: 'stat', value: 'total', arrival: true }]);
  // Alarm bounds named by their part: "the low threshold", "high alarm".
  for (const phrase of [...PART_WORDS.high, ...PART_WORDS.low].filter((w) => /alarm|threshold|limit|\bT[HL]\b/i.test(w)))
    entries.push([phrase, { dimension: 'quantity', value: 'alarm-threshold' }]);
  // Raw channels named by their part: "the UVS count", "ALS".
  for (const phrase of [...PART_WORDS.uv, ...PART_WORDS.visible.filter((w) => w !== 'ambient' && w !== 'visible' && w !== 'ambient light')])
    entries.push([phrase, { dimension: 'quantity', value: 'raw' }]);
  // Tilt named by its axis: "pitch -0.8 deg" is an angle, whatever "deg" could otherwise mean.
  for (const phrase of [...PART_WORDS.pitch, ...PART_WORDS.roll]) entries.push([phrase, { dimension: 'quantity', value: 'angle' }]);
  // A probe named with its quantity: "the air temperature", "soil temperature".
  entries.push(['air temperature', { dimension: 'quantity', value: 'temperature' }], ['soil temperature', { dimension: 'quantity', value: 'temperature' }]);
  return entries;
}

let base: [string, Meaning][] | undefined;
const vocabularies = new WeakMap<readonly AnswerFact[], Vocabulary>();

/** The vocabulary of a task: the shared words, its own places and the words its facts bring. */
export function vocabularyFor(facts: readonly AnswerFact[]): Vocabulary {
  let vocabulary = vocabularies.get(facts);
  if (vocabulary === undefined) {
    base ??= baseEntries();
    const sense = senseFor(facts);
    const entries = base.flatMap(([phrase, meaning]) => sense(phrase, meaning).map((m): [string, Meaning] => [phrase, m]));
    for (const fact of facts) {
      const about = referentOf(fact);
      for (const place of about?.places ?? []) for (const phrase of placePhrases(place)) entries.push([phrase, { dimension: 'place', value: place }]);
      for (const word of about?.words ?? []) entries.push([word, { dimension: 'words', value: fact.id }]);
      for (const word of about?.unlike ?? []) entries.push([word, { dimension: 'unlike', value: fact.id }]);
      // "Highs: 6", "6 highs against 0 lows": the plural of a counted condition's word is a tally of it.
      if (about?.stat === 'count') {
        for (const word of (about.words ?? []).flatMap(plural))
          entries.push([word, { dimension: 'words', value: fact.id }], [word, { dimension: 'stat', value: 'count' }]);
        for (const word of (about.unlike ?? []).flatMap(plural)) entries.push([word, { dimension: 'unlike', value: fact.id }]);
      }
    }
    vocabulary = compile(entries);
    vocabularies.set(facts, vocabulary);
  }
  return vocabulary;
}

/** The plural of a one-word condition ("high" highs, "press" presses), if it is one word without one. */
function plural(word: string): string[] {
  if (!/^\p{L}+$/u.test(word) || /s$/i.test(word)) return [];
  return [/(?:sh|ch|x|z)$/i.test(word) ? `${word}es` : `${word}s`];
}

/**
 * A word of two senses read in the one the task can be about: "the count is 4" is a raw ADC count where no
 * samples are counted; "the distance is 1827" a gap where nothing measures a distance; "the button" the KY-004
 * where the task is about it, besides a push switch.
 */
function senseFor(facts: readonly AnswerFact[]): (phrase: string, meaning: Meaning) => Meaning[] {
  const about = facts.map(referentOf);
  const countsSamples = about.some((a) => a?.stat === 'count' || a?.stat === 'total' || a?.stat === 'share');
  const readsCounts = about.some((a) => a?.quantity === 'raw');
  const measuresDistance = about.some((a) => a?.quantity === 'distance');
  const gaps = about.some((a) => a?.stat === 'difference');
  const sensors = new Set(about.flatMap((a) => a?.sensors ?? []));
  const verdictWords = new Set(facts.flatMap((f) => (f.kind === 'boolean' ? [...f.yes, ...f.no] : [])).map(key));
  const parts = new Set(about.flatMap((a) => a?.parts ?? []));
  const tiltByAxis = (parts.has('pitch') || parts.has('roll')) && !['x', 'y', 'z'].some((p) => parts.has(p as Part));
  const shares = about.some((a) => a?.stat === 'share');
  const units = new Set(facts.map((f) => (f.kind === 'number' ? f.unit : undefined)));
  return (phrase, meaning) => {
    // "11.2 % -> 0.112 as a fraction" where the task asks for a value in that unit and for no share: the word names
    // the unit, not a statistic.
    if (meaning.dimension === 'stat' && meaning.value === 'share' && !shares && units.has(UNIT_NAMED[phrase.toLowerCase()] ?? '')) return [];
    // "Tilt: x -2.6°, y -5.1°" where the task asks for pitch and roll: the axes the sensor reports them on.
    const angle = TILT_AXES[meaning.value as Part];
    if (tiltByAxis && meaning.dimension === 'part' && angle !== undefined) return [{ dimension: 'part', value: angle }];
    // "not inside: 36.6 °C" where the task asks whether a value is inside a window: a verdict, not a place.
    if (meaning.dimension === 'place' && verdictWords.has(key(phrase))) return [];
    if (phrase === 'count' && meaning.dimension === 'stat' && !countsSamples && readsCounts) return [{ dimension: 'quantity', value: 'raw' }];
    if (meaning.dimension === 'quantity' && meaning.value === 'distance' && !measuresDistance && gaps) return [{ dimension: 'stat', value: 'difference' }];
    const sensor = PART_OR_SENSOR[phrase.toLowerCase()];
    if (meaning.dimension === 'part' && sensor !== undefined && sensors.has(sensor)) return [meaning, { dimension: 'sensor', value: sensor }];
    return [meaning];
  };
}

/** Words of the share vocabulary that also name a unit. */
const UNIT_NAMED: Readonly<Record<string, string>> = { fraction: 'fraction', percent: '%', 'per cent': '%', percentage: '%' };

export function referentOf(fact: AnswerFact): Referent | undefined {
  return 'about' in fact ? fact.about : undefined;
}

/** What follows "inside" / "outside" when it is said relative to a thing rather than of a place. */
const RELATIVE_TO_OBJECT = /^\s+(?:of\s+)?(?:the|its|their|this|that|a|an|your|my)\s+(?!(?:house|home|building|flat|apartment)\b)/i;

/** Every cue in the answer, sentence by sentence (a question's only set the topic of what follows). */
export function findCues(read: ReadText, vocabulary: Vocabulary): Cue[] {
  const cues: Cue[] = [];
  read.sentences.forEach((sentence, index) => {
    const inSentence: Cue[] = [];
    for (const match of sentence.text.matchAll(vocabulary.pattern)) {
      const meanings = vocabulary.meanings.get(key(match[0])) ?? [];
      const at = match.index ?? 0;
      const start = sentence.start + at;
      if (saysNothing(meanings, match[0], sentence.text.slice(Math.max(0, at - 24), at), sentence.text.slice(at + match[0].length))) continue;
      const byDimension = new Map<Dimension, string[]>();
      for (const m of meanings) byDimension.set(m.dimension, [...(byDimension.get(m.dimension) ?? []), m.value]);
      const arrival = meanings.every((m) => m.arrival) ? { arrival: true as const } : {};
      for (const [dimension, values] of byDimension) inSentence.push({ dimension, values, start, end: start + match[0].length, sentence: index, ...arrival });
    }
    for (const match of sentence.text.matchAll(SECOND_BEFORE_FIGURE)) {
      const start = sentence.start + (match.index ?? 0);
      if (!inSentence.some((c) => c.start <= start && start < c.end))
        inSentence.push({ dimension: 'stat', values: ['last'], start, end: start + match[0].length, sentence: index });
    }
    cues.push(
      ...spansNamed(
        sentence,
        inSentence.filter((c) => !partOfWindow(sentence, c)),
        index,
      ),
    );
  });
  return cues.sort((a, b) => a.start - b.start);
}

/** A number of samples after "first" or "last": "the first six", "the last 3 readings" (not "first 0", a value). */
const COUNT_AFTER =
  /^\s+(?:(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|couple|several|handful)\b|\d+\s+(?:samples?|readings?|values?|measurements?|reads?|polls?|checks?|seconds?)\b)/i;

/** What a share's "of the samples" follows: a figure, a percentage, a fraction in words. */
const SHARE_BEFORE =
  /(?:\d\s*(?:%|percent|per cent)?|\b(?:half|quarter|third|thirds|quarters|most|majority|all|none|some|much|part|portion|fraction|share|proportion|percent|percentage|per cent))\s*$/i;
/** "came in below a metre", "came back above 60": arriving with a condition is meeting it. */
const CONDITION_AFTER_ARRIVAL = /^\s+(?:below|above|under|over|higher|lower|at or|with|as|between|within|outside|inside|beyond|past|close|near|short)\b/i;

/** Whether a phrase found says nothing in its place (`before` and `after` are the sentence's text around it). */
function saysNothing(meanings: readonly Meaning[], phrase: string, before: string, after: string): boolean {
  // "rose to 53 %", "fell steadily to 198": an end value, not a change.
  if (meanings.some((m) => m.value === 'delta') && /^\s+(?:\w+ly\s+)?(?:back\s+)?(?:up\s+|down\s+)?to\b/i.test(after)) return true;
  // "inside the window", "outside its range": a preposition with an object of its own names no place.
  if (meanings.some((m) => m.dimension === 'place') && /^(?:inside|outside)$/i.test(phrase) && RELATIVE_TO_OBJECT.test(after)) return true;
  // "the soil/water probe": the second half of a name given two ways names no sensor of its own.
  if (meanings.every((m) => m.dimension === 'sensor') && /\p{L}\/$/u.test(before)) return true;
  // "40 % of the samples", "half of the window" state a share; "the end of the window", "the rest of the readings" do not.
  if (meanings.every((m) => m.value === 'share') && /^of\s/i.test(phrase) && !SHARE_BEFORE.test(before)) return true;
  // "almost the whole time", "mostly steady": steady over most of the window says nothing of the whole.
  if (meanings.every((m) => m.value === 'constant') && /\b(?:almost|nearly|mostly|most of|much of|largely|practically)\s+$/i.test(before)) return true;
  // "both 0", "both at 1023": the two readings were one figure; "both sensors" says nothing of a statistic.
  if (meanings.every((m) => m.value === 'constant') && /^both\b/i.test(phrase) && !/^\s*(?:at|were|was|read|reading|=|:)?\s*[-+]?\d/i.test(after)) return true;
  // "the first six", "the last 3 readings": which samples are meant, not the first or last reading.
  if (meanings.every((m) => m.value === 'first' || m.value === 'last') && COUNT_AFTER.test(after)) return true;
  // "Six of the readings came in below a metre": a verb of arriving with a condition after it states the condition.
  if (meanings.every((m) => m.arrival) && CONDITION_AFTER_ARRIVAL.test(after)) return true;
  // "0.321 V x 100": a letter between two figures is an operator, not the x axis.
  return phrase.length === 1 && /[\d\p{L}%]\s*$/u.test(before) && /^\s*\d/.test(after);
}

/** "second 19", "the second value was 0": an ordinal before a figure names the later of the readings. */
const SECOND_BEFORE_FIGURE =
  /(?<!\d\s*)\b(?:second|2nd)\b(?=(?:\s+(?:value|reading|read|sample|measurement|result|one))?(?:\s+(?:was|is|read|reads|at))?\s*[:=]?\s*[-+]?\d)/giu;

/** "held steady around 221 cm for two seconds": steady over part of the window says nothing of the whole. */
const PART_OF_WINDOW =
  /\bfor\s+(?:the\s+(?:first|last)\s+)?(?:about\s+)?(?:\d+(?:\.\d+)?|one|two|three|four|five|a few|a couple of|several)\s*(?:s|secs?|seconds?|samples?|readings?)\b|\buntil\b|\bat first\b/i;

function partOfWindow(sentence: Sentence, cue: Cue): boolean {
  if (cue.dimension !== 'stat' || !cue.values.includes('constant')) return false;
  const from = cue.end - sentence.start;
  return PART_OF_WINDOW.test(sentence.text.slice(from, clauseEnd(sentence.text, from)));
}

/** The two ends of a span named by their statistics: "between lowest and highest" is a range, "from first to last" and "first → last" a change. */
const NAMED_SPAN =
  /\b(?:between|from)\s+(?:the\s+|its\s+|their\s+)?\S+(?:\s*\([^()]*\))?(?:\s+(?:sample|reading|value|one))?\s+(?:and|to)\s+(?:the\s+|its\s+|their\s+)?\S+|\b[\p{L}]+\s*(?:->|\u2192|=>)\s*[\p{L}]+/giu;

/** "the spread between lowest and highest": the ends name what the span measures, not a figure of their own. */
function spansNamed(sentence: Sentence, cues: Cue[], index: number): Cue[] {
  cues.sort((a, b) => a.start - b.start);
  const starts = cues.map((c) => c.start);
  const gone = new Set<Cue>();
  const spans: Cue[] = [];
  for (const match of sentence.text.matchAll(NAMED_SPAN)) {
    const start = sentence.start + (match.index ?? 0);
    const end = start + match[0].length;
    const ends: Cue[] = [];
    for (let i = lowerBound(starts, start); i < cues.length && cues[i]!.start < end; i++)
      if (cues[i]!.dimension === 'stat' && cues[i]!.end <= end && !gone.has(cues[i]!)) ends.push(cues[i]!);
    const named = new Set(ends.flatMap((c) => c.values));
    const span = named.has('min') && named.has('max') ? 'range' : named.has('first') && named.has('last') ? 'delta' : null;
    if (ends.length !== 2 || span === null) continue;
    // "between its lowest (9.813) and highest (9.857)": ends that give their own figures keep naming them.
    if (!match[0].includes('(')) for (const c of ends) gone.add(c);
    spans.push({ dimension: 'stat', values: [span], start, end, sentence: index });
  }
  return gone.size === 0 && spans.length === 0 ? cues : [...cues.filter((c) => !gone.has(c)), ...spans];
}

/** The starts of a list of cues in text order, computed once per list. */
const startsOf = new WeakMap<readonly Cue[], number[]>();

/**
 * The cues that stand in a span of one sentence (for verdicts and choices: what a clause is about), but for
 * those inside `except` (the verdict's own words). `cues` are in text order, as findCues gives them.
 */
export function cuesIn(cues: readonly Cue[], sentence: number, start: number, end: number, except?: Span): Attribution {
  const out = emptyAttribution();
  let starts = startsOf.get(cues);
  if (starts === undefined) {
    starts = cues.map((c) => c.start);
    startsOf.set(cues, starts);
  }
  for (let i = lowerBound(starts, start); i < cues.length && cues[i]!.start < end; i++) {
    const cue = cues[i]!;
    if (cue.sentence !== sentence || cue.end > end) continue;
    if (except !== undefined && cue.end > except.start && cue.start < except.end) continue;
    for (const v of cue.values) out[cue.dimension].add(v);
  }
  return out;
}
