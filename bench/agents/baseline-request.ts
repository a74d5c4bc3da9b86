import { nameKey } from '../../core/names.js';
import { numbersFromWords, parseSampling, type Sampling } from './baseline-sampling.js';
import { CONCEPT_VOCABULARY, conceptOf, correctSpelling, editDistance, isStopword, tokens } from './baseline-words.js';

/**
 * What the user asks, as the baseline reads it: places, the sensor names and concepts mentioned in each
 * clause, how to sample (baseline-sampling.ts), thresholds ("above 30"), units to convert to ("in
 * Fahrenheit"), and whether it wants a comparison ("which is warmer").
 */

export type Comparison = 'gt' | 'ge' | 'lt' | 'le';

export interface Threshold {
  cmp: Comparison;
  value: number;
  /** The unit written after the number, normalised ("C", "F", "%", "dBA", "lux", "cm", "V", "mV", "mT", "counts"). */
  unit: string | null;
  /** Series questions: whether any sample, every sample, the average or the swing (max - min) must pass. */
  over: 'any' | 'all' | 'mean' | 'range' | null;
  /** The clause it was stated in. */
  clause: number;
}

/** A value the request states with a unit ("45 %", "the 40 °C trip point"). */
export interface Reference {
  value: number;
  unit: string | null;
}

/** A part of a sentence: where a sensor or place is mentioned, and what is said about it there. */
export interface Clause {
  text: string;
  sentence: number;
  /** The request it belongs to (see Ask.requestSampling). */
  request: number;
  /** Spelling-corrected words. */
  words: string[];
  concepts: Set<string>;
  places: string[];
  sampling: Sampling | null;
  /** Reads everything a sensor has ("everything", "full", "all its values", "read_all"). */
  wantsAll: boolean;
  /** Says one reading ("once", "right now"). */
  single: boolean;
  /** Asks yes or no ("Is ...?", "Does ...?"): flags answer it best. */
  yesNo: boolean;
}

export interface Ask {
  prompt: string;
  clauses: Clause[];
  /**
   * How each request asks to sample. A request is a run of parts up to the next that starts with a verb
   * ("log the X and the Y every second" is one; "..., and tell me whether Z" starts another).
   */
  requestSampling: (Sampling | null)[];
  /** Every concept of the prompt, with the first clause it appears in. */
  concepts: Map<string, number>;
  /** Places in the order first mentioned. */
  places: string[];
  thresholds: Threshold[];
  /** Units to convert to (`tasks/units.ts` names: "F", "in", "mV", "g"...). */
  units: string[];
  /** "which is warmer": pick the largest (max) or smallest (min) value, and the word that asked. */
  choice: { pick: 'max' | 'min'; cue: string } | null;
  /** "how much warmer", "difference", "how far apart", "times brighter". */
  difference: boolean;
  ratio: boolean;
  references: Reference[];
  /** "how far from it", "headroom", "how many points away": state the distance to each reference. */
  distance: boolean;
  /** The statistics of a series the request names ("the lowest and highest", "on average"), in order. */
  stats: SeriesStat[];
}

export type SeriesStat = 'min' | 'max' | 'mean' | 'median' | 'range' | 'delta' | 'first' | 'last';

/** Words that ask for each statistic of a series. */
const STAT_REQUESTS: readonly [RegExp, SeriesStat][] = [
  [/\b(?:lowest|minimum|min|smallest|least|coldest|coolest|closest|nearest|darkest|dimmest|quietest|driest|shortest|bottom|dips?|low point|how low)\b/, 'min'],
  [/\b(?:highest|maximum|max|peaks?|peaked|largest|biggest|hottest|warmest|loudest|brightest|farthest|furthest|top|how high|spikes?)\b/, 'max'],
  [/\b(?:average|mean|typical|on average|averaged?)\b/, 'mean'],
  [/\bmedian\b/, 'median'],
  [/\b(?:range|spread|swing|swings|peak-to-peak|fluctuat\w*|vary|varies|varied|steady|stable|wobbles?)\b/, 'range'],
  [
    /\b(?:change[ds]?|rise|rose|fall|fell|drift\w*|increase[ds]?|decrease[ds]?|how much (?:\w+er|more|less)|went up|went down|end (?:up )?(?:higher|lower))\b/,
    'delta',
  ],
  [/\b(?:first|start(?:ed|s)?|began|beginning|initial)\b/, 'first'],
  [/\b(?:last|final|end(?:ed|s)?|finish(?:ed)?|latest)\b/, 'last'],
];

/** Words that name only a statistic: "the lowest" says nothing about which sensor (a pin's "low" level). */
const STATISTIC_ONLY = new Set(['lowest', 'highest', 'minimum', 'maximum', 'min', 'max', 'average', 'mean', 'median', 'smallest', 'largest']);

function statsIn(lower: string): SeriesStat[] {
  const found = STAT_REQUESTS.filter(([pattern]) => pattern.test(lower)).map(([, stat]) => stat);
  // A change is from the first reading to the last: both are said with it.
  if (found.includes('delta')) for (const stat of ['first', 'last'] as const) if (!found.includes(stat)) found.push(stat);
  return found;
}

/** Words a person uses for a place; each maps to a place only when the fleet has one by that name. */
const PLACE_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  'living-room': ['lounge', 'sitting room', 'front room'],
  garden: ['outside', 'outdoors', 'out there', 'yard', 'patio', 'veg bed', 'vegetable bed', 'veg patch', 'vegetable patch', 'flower bed', 'lawn'],
  kitchen: ['hob', 'stove', 'cooker', 'sink', 'worktop'],
  workshop: ['bench', 'shed', 'workbench', 'shop'],
  garage: ['driveway', 'car'],
  bedroom: ['nursery'],
};

/** Words that belong to how to sample, not to what to read. */
const SAMPLING_WORDS = new Set(
  'second seconds sec secs s minute minutes min mins every once twice per apart interval intervals live stream streaming watch watching monitor follow log poll sample sampling samples reading readings window real time few couple half quarter'.split(
    ' ',
  ),
);

const UNIT_REQUESTS: readonly [RegExp, string][] = [
  [/fahrenheit|°\s*f\b|\bdeg(?:rees)?\s*f\b/, 'F'],
  [/kelvin/, 'K'],
  [/\binch(?:es)?\b/, 'in'],
  [/\bfeet\b|\bfoot\b/, 'ft'],
  [/millimet(?:er|re)s?|\bmm\b/, 'mm'],
  [/\bmet(?:er|re)s\b/, 'm'],
  [/millivolts?|\bmv\b/, 'mV'],
  [/\bin g\b|\bg-?force|\bgs\b|in gees/, 'g'],
  [/\bgauss\b/, 'G'],
  [/microtesla|\but\b/, 'uT'],
  [/radians?/, 'rad'],
  [/foot-?candles?/, 'fc'],
  [/per\s?cent|percentage|%/, '%'],
];

const MORE = [
  'hotter',
  'warmer',
  'brighter',
  'louder',
  'higher',
  'wetter',
  'damper',
  'farther',
  'further',
  'bigger',
  'larger',
  'stronger',
  'more',
  'noisier',
  'faster',
];
const LESS = ['colder', 'cooler', 'darker', 'quieter', 'lower', 'drier', 'closer', 'nearer', 'smaller', 'weaker', 'less', 'slower'];

const COMPARATORS =
  'above|over|more than|higher than|greater than|exceeds?|exceeding|passes|reaches|hits|tops|hotter than|warmer than|louder than|brighter than|' +
  'at least|below|under|less than|lower than|colder than|cooler than|quieter than|darker than|at most|fewer than';
const UNIT_TEXT = String.raw`m\/s(?:²|2|\^2)|°\s*\/\s*s|°\s*c\b|°\s*f\b|%|dba\b|db\b|lux\b|cm\b|mm\b|mv\b|v\b|mt\b|counts?\b|degrees?\b|°`;
const THRESHOLD = new RegExp(
  String.raw`\b(${COMPARATORS})\s+(?:about\s+|around\s+)?(-?\d+(?:\.\d+)?)\s*(${UNIT_TEXT})?|(-?\d+(?:\.\d+)?)\s*(${UNIT_TEXT})?\s+or\s+(more|above|higher|over|less|below|lower|under|fewer)\b`,
  'g',
);
/** A number with a unit the request measures against ("45 %", "40 °C"), for "how far from it". */
const REFERENCE = /(?<![\w.])(-?\d+(?:\.\d+)?)\s*(°\s*c\b|°\s*f\b|%|dba\b|lux\b|cm\b|mv\b|v\b|mt\b|°)/g;

function comparisonOf(word: string): Comparison {
  if (word === 'at least') return 'ge';
  if (word === 'at most') return 'le';
  return /^(below|under|less|lower|colder|cooler|quieter|darker|fewer)/.test(word) ? 'lt' : 'gt';
}

function unitOf(text: string | undefined): string | null {
  if (text === undefined) return null;
  const unit = text.replace(/\s+/g, '');
  if (unit === '°/s') return 'deg/s';
  if (unit.startsWith('m/s')) return 'm/s2';
  if (unit === '°c') return 'C';
  if (unit === '°f') return 'F';
  if (unit === '°') return 'deg';
  if (unit.startsWith('degree')) return null;
  if (unit === 'dba' || unit === 'db') return 'dBA';
  if (unit === 'mv') return 'mV';
  if (unit === 'v') return 'V';
  if (unit === 'mt') return 'mT';
  if (unit.startsWith('count')) return 'counts';
  return unit;
}

/** Series questions say what must pass: any sample, every sample, the average or the swing. */
function overWhat(text: string): Threshold['over'] {
  if (/\b(swings?|swung|varies|vary|varied|spread|fluctuat\w*|drift\w*|range)\b/.test(text)) return 'range';
  if (/\b(ever|at least once|even once|at any point|any of)\b/.test(text)) return 'any';
  if (/\b(always|whole time|every sample|stayed|throughout|all the)\b/.test(text)) return 'all';
  if (/\b(average|mean|on average)\b/.test(text)) return 'mean';
  return null;
}

function thresholdsIn(clause: string, index: number): Threshold[] {
  const text = numbersFromWords(clause.toLowerCase());
  const found: Threshold[] = [];
  for (const match of text.matchAll(THRESHOLD)) {
    const start = match.index ?? 0;
    const after = text.slice(start + match[0].length, start + match[0].length + 12);
    // "for more than 10 s" is sampling; "at least one probe" counts things, it sets no limit.
    if (/^\s*(?:s|sec|secs|seconds?|minutes?)\b/.test(after)) continue;
    const unitGiven = match[3] ?? match[5];
    if (unitGiven === undefined && /^\s*[a-z]/.test(after) && !/^\s*(?:right|now|and|or|at|in|on|the|for|today)\b/.test(after)) continue;
    const over = overWhat(text);
    if (match[1] !== undefined) {
      found.push({ cmp: comparisonOf(match[1]), value: Number(match[2]), unit: unitOf(match[3]), over, clause: index });
    } else {
      const word = match[6]!;
      const cmp: Comparison = /^(more|above|higher|over)$/.test(word) ? 'ge' : 'le';
      found.push({ cmp, value: Number(match[4]), unit: unitOf(match[5]), over, clause: index });
    }
  }
  return found;
}

function referencesIn(prompt: string): Reference[] {
  const text = numbersFromWords(prompt.toLowerCase());
  return [...text.matchAll(REFERENCE)].map((m) => ({ value: Number(m[1]), unit: unitOf(m[2]) }));
}

/** Stated limits; "is it above or below 45 %?" makes each stated value one. */
function thresholds(clauses: readonly Clause[], references: readonly Reference[], lower: string): Threshold[] {
  const found = clauses.flatMap((clause, i) => thresholdsIn(clause.text, i));
  if (found.length === 0 && /above or below|higher or lower|over or under|more or less than/.test(lower)) {
    for (const reference of references) found.push({ cmp: 'gt', value: reference.value, unit: reference.unit, over: null, clause: 0 });
  }
  return found;
}

/** Sentences: split at sentence ends, semicolons and "then", where a new request usually starts. */
function splitSentences(prompt: string): string[] {
  return prompt
    .split(/(?<=[.?!;])\s+|\s*;\s*|,?\s+\b(?:and\s+)?then\b\s+/i)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}

const NEW_REQUEST =
  /^(?:and\s+|also\s+|plus\s+|then\s+|but\s+)*(?:tell|check|give|whether|what|how|is|are|does|do|did|read|grab|take|get|say|see|let|if|measure|look|show|log|sample|watch|stream|monitor|poll|record|track)\b/i;

/** Parts of a sentence: split at commas, colons, brackets and "and" before a new verb ("... and tell me whether ..."). */
function splitParts(sentence: string): { text: string; startsRequest: boolean }[] {
  return sentence
    .split(
      /\s*[,:(]\s*|\s*\)\s*|\s+(?:and|plus|also|while)\s+(?=(?:also\s+)?(?:tell|check|give|whether|what|how|is|are|does|do|did|read|grab|take|get|say|see|let|if)\b)/i,
    )
    .map((c) => c.trim())
    .filter((c) => c.length > 0)
    .map((text, i) => ({ text, startsRequest: i === 0 || NEW_REQUEST.test(text) }));
}

/**
 * Places named in a text, in order: by their own words in any spacing or with one slip ("livng room",
 * "livingroom", "bedrom"), or by a common synonym ("lounge", "outside").
 */
function placesIn(words: readonly string[], places: readonly string[]): { place: string; at: number; words: number[] }[] {
  const found: { place: string; at: number; words: number[] }[] = [];
  for (const place of places) {
    const key = nameKey(place);
    const span = place.split(/[-_\s]+/).length;
    const synonyms = (PLACE_SYNONYMS[place] ?? []).map((phrase) => phrase.split(' '));
    let hit: { at: number; words: number[] } | undefined;
    for (let i = 0; i < words.length && hit === undefined; i++) {
      for (const n of words[i]![0] === key[0] ? [span, span + 1, span - 1].filter((n) => n >= 1) : []) {
        const joined = words.slice(i, i + n).join('');
        if (i + n > words.length || joined.length === 0) continue;
        if (joined === key || (key.length >= 5 && joined[0] === key[0] && editDistance(joined, key, 1) <= 1)) {
          hit = { at: i, words: Array.from({ length: n }, (_, k) => i + k) };
          break;
        }
      }
      for (const phrase of synonyms) {
        if (hit === undefined && phrase.every((word, k) => words[i + k] === word)) hit = { at: i, words: phrase.map((_, k) => i + k) };
      }
    }
    if (hit !== undefined) found.push({ place, ...hit });
  }
  return found.sort((a, b) => a.at - b.at);
}

/** Quantities written as a number and a unit ("22 °C", "80 cm", "55 dBA") say what is asked about. */
const UNIT_CONCEPTS: readonly [RegExp, string][] = [
  [/\d\s*°\s*\/\s*s\b|deg\/s/i, 'gyro'],
  [/\d\s*(?:°\s*[cf]?|degrees?\s*[cf]?)(?![a-z/])|\d\s*[cf]\b/i, 'temperature'],
  [/\d\s*%\s*rh\b/i, 'humidity'],
  [/\d\s*dba?\b/i, 'sound'],
  [/\d\s*(?:lux|lx)\b/i, 'light'],
  [/\d\s*(?:cm|mm|metres?|meters?|m)\b/i, 'distance'],
  [/\d\s*(?:mv|v|volts?)\b/i, 'voltage'],
  [/\d\s*mt\b/i, 'magnet'],
  [/m\/s²|m\/s2|m\/s\^2/i, 'accel'],
];

export function readAsk(prompt: string, knownPlaces: readonly string[], knownWords: ReadonlySet<string>): Ask {
  const vocabulary = new Set([...knownWords, ...CONCEPT_VOCABULARY, ...SAMPLING_WORDS]);
  const clauses: Clause[] = [];
  const requests: string[][] = [];
  splitSentences(prompt).forEach((sentence, index) => {
    for (const { text, startsRequest } of splitParts(sentence)) {
      const words = tokens(text).map((word) => correctSpelling(word, vocabulary));
      if (startsRequest || requests.length === 0) requests.push([]);
      requests[requests.length - 1]!.push(...words);
      const places = placesIn(words, knownPlaces);
      const placeWords = new Set(places.flatMap((p) => p.words));
      const concepts = new Set<string>();
      words.forEach((word, i) => {
        if (isStopword(word) || SAMPLING_WORDS.has(word) || STATISTIC_ONLY.has(word) || placeWords.has(i) || /^\d/.test(word)) return;
        // "light level", "sound level": the level of what the word before names, not a pin's level.
        if (/^levels?$/.test(word) && i > 0 && !isStopword(words[i - 1]!)) return;
        concepts.add(conceptOf(word));
      });
      for (const [pattern, concept] of UNIT_CONCEPTS) if (pattern.test(text)) concepts.add(concept);
      const corrected = words.join(' ');
      clauses.push({
        text,
        sentence: index,
        request: requests.length - 1,
        words,
        concepts,
        places: places.map((p) => p.place),
        sampling: parseSampling(corrected),
        wantsAll:
          /\b(everything|every value|all (?:of )?(?:its|the|their|his|her)?\s*(?:values|numbers|readings|fields|channels|data)|all (?:its|the) |full|whole|complete|read_?all|all three|every channel|all it'?s got|both readings|both values|every number|dump|readout|rundown)\b/i.test(
            `${text} ${corrected}`,
          ),
        single: /\b(?<!(?:even|least|than) )(once|right now|one reading|single reading|at the moment|currently|rn|atm)\b/i.test(text),
        yesNo: /^(?:and\s+|also\s+|but\s+)?(?:is|are|does|do|did|has|have|was|were|can|could|will|would|any|whether|if)\b/i.test(text.trim()),
      });
    }
  });

  const concepts = new Map<string, number>();
  clauses.forEach((clause, i) => {
    for (const concept of clause.concepts) if (!concepts.has(concept)) concepts.set(concept, i);
  });
  const places: string[] = [];
  for (const clause of clauses) for (const place of clause.places) if (!places.includes(place)) places.push(place);

  const lower = prompt.toLowerCase();
  const references = referencesIn(prompt);
  const units = UNIT_REQUESTS.filter(([pattern]) => pattern.test(lower)).map(([, unit]) => unit);
  const asksWhich = /\b(which|where)\b|\bcompare|\bvs\.?\b|\bversus\b|\bor\b/.test(lower);
  let choice: Ask['choice'] = null;
  for (const word of asksWhich ? (lower.match(/\b[a-z]+\b/g) ?? []) : []) {
    if (MORE.includes(word)) {
      choice = { pick: 'max', cue: word };
      break;
    }
    if (LESS.includes(word)) {
      choice = { pick: 'min', cue: word };
      break;
    }
  }
  return {
    prompt,
    clauses,
    // Read from the corrected words, so "evry 0.5s for 3 secnds" still says how to sample.
    requestSampling: requests.map((words) => parseSampling(words.join(' '))),
    concepts,
    places,
    thresholds: thresholds(clauses, references, lower),
    units,
    choice,
    difference: /how much (?:\w+er|more|less)|difference|differ|apart|how far|how many degrees|change[ds]?\b|\bvs\b|compare/.test(lower),
    ratio: /\btimes\b/.test(lower),
    references,
    distance: /headroom|away from|from that|before it|short of|left before|margin|how far|how many degrees|how many points|distance to|how close to/.test(
      lower,
    ),
    stats: statsIn(lower),
  };
}
