import { SENSORS } from '../../../core/sensors/catalogue.js';
import type { Part, Quantity } from '../../../tasks/schema.js';
import { type Attribution, type Cue, type Dimension, emptyAttribution } from './cues.js';
import { MOST_STATISTICS, PART_GROUPS, statisticsNamed } from './lexicon.js';
import { clauseEnd } from './negation.js';
import type { NumberMention } from './numbers.js';
import { lowerBound, SentenceGaps } from './spans.js';
import type { ReadText, Sentence } from './text.js';
import { inFactUnit } from './units.js';

/**
 * Which cues describe each number. Each cue goes to the number it stands nearest to in its sentence ("the
 * living room is 31 C and the garden 36 C"; "31 C in the living room"), names listed before as many numbers
 * listed together pair up in order ("the lowest and highest were 30 and 32 C"), and a number that names no
 * place or sensor takes the one its sentence, paragraph or heading is about.
 *
 * An answer may list every field of every reading in one sentence, so nothing here looks at every cue for
 * every number: cues are paired with the numbers within reach (found by binary search from the cue), and
 * the other steps look up the cues and numbers they need by position.
 */

/** A gap's word right before a name: the name is what the gap is from ("296 below the threshold", "4 °C above the bedroom"). */
const GAP_OBJECT = /\b(?:above|below|under|beyond|short of)\s+(?:the\s+|its\s+|their\s+|your\s+)?(?:\S+\s+)?$/i;
/**
 * Words that tie a name to the number before it: "31 C in the living room", "20.9 C from the TMP36", and a
 * moment or statistic put after its figure: "108.3 lux at the start", "-56.47 °/s at its lowest".
 */
const GLUE = /^(?:\s|\)|in|at|on|for|from|the|its|their|inside|outside|per)+$/i;
/** "62.2 cm (about 0.62 m), which is the closest reading": a clause naming the figure before it. */
const APPOSITIVE = /^\s*,?\s*(?:which|that)\s+(?:is|was|'s|were|are)\s+(?:also\s+)?(?:the\s+|its\s+|their\s+)?(?:[\p{L}-]+\s+)?$/iu;
/** "221.6 cm - the farthest reading -", "30 C, the highest of the day.": a phrase set off after the figure. */
const SET_OFF = /^\s*(?:,|\s-)\s*(?:the|its|their)\s+(?:[\p{L}-]+\s+)?$/iu;
/** What ends a phrase set off: a noun of readings and a pause, not a verb ("the lowest was 203" is a clause). */
const SET_OFF_END = /^\s*(?:(?:reading|value|sample|one|point|figure|level|measurement)s?\s*)?(?:[-,;.)]|$)/i;
/** Statistics that name one figure of a series, as a phrase set off after it can. */
const EXTREMES = /^(?:min|max|first|last|mean|median)$/;

function cueBeforeNumberGlued(text: string, number: { end: number }, cue: { start: number }): boolean {
  return cue.start >= number.end && GLUE.test(text.slice(number.end, cue.start));
}

/** "of" (with a hedge) between a statistic and its figure: "spread of 5", "average of about 12". */
const STAT_OF = /^\s+of\s+(?:about\s+|around\s+|roughly\s+|approximately\s+|just\s+|only\s+)?$/i;

/** Words between two figures that make the second a restatement of the first. */
const RESTATES =
  /^\s*(?:\(|(?:,|\s-|:)?\s*(?:which is|that is|that's|i\.e\.,?|=|\u2248|equal to|equivalent to|which equals|which works out to|which converts to|or|in (?:fahrenheit|celsius|kelvin|millivolts|volts|metres|meters|feet|inches|foot-candles)|converted))\s*(?:,\s*)?(?:about|around|roughly|approximately|exactly|just)?\s*$/i;
/** A clause after a figure and its words that restates it: "... above the midpoint - that's 21.4 mV". */
const RESTATING_CLAUSE =
  /(?:,|\s-|;|:)\s*(?:which is|which works out to|which comes to|that is|that's|i\.e\.,?|so)\s*(?:about|around|roughly|approximately|exactly|just)?\s*$/i;
/** Words that offer a figure as one possibility among others. */
const HEDGE =
  /\b(?:maybe|perhaps|possibly|might|may|could be|could also|or so|not sure|unsure|hard to say|can't tell|cannot tell|depending on|closer to|or even|uncertain)\b/i;

/**
 * How far (words plus breaks) a word may stand from the number it describes. A statistic must stand closer,
 * unless it heads the clause the number ends ("the peak raw reading from the kitchen probe was 766").
 */
const REACH = 8;
const STAT_REACH = 4;
const STAT_SUBJECT_REACH = 10;

/** The farthest any cue reaches: a number farther than this from a cue is never paired with it. */
const MAX_REACH = Math.max(REACH, STAT_REACH, STAT_SUBJECT_REACH);

function reach(gaps: SentenceGaps, cue: Cue, number: NumberMention, d: number): number {
  if (cue.dimension !== 'stat') return REACH;
  // "steady", "throughout" describe a series; they name a figure only close by.
  if (cue.values.includes('constant')) return STAT_REACH;
  const unbroken = cue.end <= number.start && !gaps.colonBetween(cue.end, number.start) && d === gaps.wordsBetween(cue.end, number.start);
  return unbroken ? STAT_SUBJECT_REACH : STAT_REACH;
}

/** Parenthesised asides of a sentence that hold a figure: offsets into the read text. */
function asidesOf(sentence: Sentence, numbers: readonly NumberMention[], starts: readonly number[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const match of sentence.text.matchAll(/\([^()]*\)/g)) {
    const start = sentence.start + (match.index ?? 0);
    const end = start + match[0].length;
    const first = numbers[lowerBound(starts, start)];
    if (first !== undefined && first.end <= end) out.push({ start, end });
  }
  return out;
}

/** Dimensions a number takes one cue of (a second one goes to another number if it can); parts one per kind. */
const SINGLE: ReadonlySet<Dimension> = new Set(['place', 'sensor', 'part']);

/** Whether a number already has a cue of this kind ("the switch pin is low (0)": a pin and a level are two kinds). */
function taken(cue: Cue, own: Attribution): boolean {
  if (!SINGLE.has(cue.dimension)) return false;
  if (cue.dimension !== 'part') return own[cue.dimension].size > 0;
  const group = PART_GROUPS.find((g) => g.includes(cue.values[0] as Part));
  return group?.some((p) => own.part.has(p)) ?? false;
}
/** Dimensions a number without a cue of its own takes from its sentence, paragraph or heading. */
const TOPICAL: readonly Dimension[] = ['place', 'sensor', 'part', 'quantity'];

/** Whether a cue can describe a number at all: a quantity never describes a duration or a count of samples. */
/** The units a quantity can be stated in: "3.22 mV" is no UV index, whatever words stand near it. */
const QUANTITY_UNITS: Partial<Record<Quantity, readonly string[]>> = {
  temperature: ['C', 'F', 'K'],
  'alarm-threshold': ['C', 'F', 'K'],
  humidity: ['%RH', '%', 'points'],
  moisture: ['%', 'points', 'fraction'],
  light: ['lux', 'fc'],
  'uv-index': [],
  'sound-level': ['dBA'],
  distance: ['cm', 'mm', 'm', 'in', 'ft'],
  acceleration: ['m/s2', 'g', 'G'],
  'rotation-rate': ['deg/s', 'rad/s', 'deg', 'rad'],
  angle: ['deg', 'rad'],
  voltage: ['V', 'mV'],
  raw: ['counts', 'points'],
  'magnetic-field': ['mT', 'G', 'uT'],
  'pin-level': [],
  // A tally of probes, an address: never a figure with a unit.
  'alarm-count': [],
  'rom-code': [],
  scratchpad: [],
  resolution: ['bits'],
  duration: ['s', 'ms', 'min', 'h'],
};

function unitAllows(quantity: string, units: readonly string[]): boolean {
  const allowed = QUANTITY_UNITS[quantity as Quantity];
  return allowed === undefined || units.length === 0 || units.some((u) => allowed.includes(u));
}

function eligible(cue: Cue, number: NumberMention): boolean {
  if (cue.dimension === 'quantity' && !cue.values.some((q) => unitAllows(q, number.units))) return false;
  // A threshold repeated from the prompt keeps the words that name it ("the 30 C threshold"), nothing more.
  if (number.reference) return cue.dimension === 'quantity' || cue.dimension === 'part';
  if (cue.arrival) return number.kind === 'count';
  // "low (0)": a gloss restates the level before it; the level word is no statistic of it, nor is it ever a
  // count ("begins LOW (0)" is the first level, though).
  if (number.gloss && cue.dimension === 'stat' && (number.start - cue.end <= 3 || cue.values.some((v) => v === 'count' || v === 'total' || v === 'share')))
    return false;
  if (number.kind === 'value') return true;
  if (number.kind === 'code')
    return cue.dimension !== 'stat' && (cue.dimension !== 'quantity' || cue.values.some((v) => v === 'rom-code' || v === 'scratchpad'));
  if (number.kind === 'time')
    return cue.dimension === 'place' || cue.dimension === 'sensor' || (cue.dimension === 'quantity' && cue.values.includes('duration'));
  if (cue.dimension === 'quantity') return false;
  if (cue.dimension === 'stat') return cue.values.some((v) => v === 'count' || v === 'total' || v === 'share');
  return true;
}

/** One sentence being read: its figures, its cues, and what has been said about each figure so far. */
interface SentenceBeingRead {
  text: string;
  sentence: Sentence;
  index: number;
  /** Its figures in text order, and where each stands in that order. */
  inSentence: readonly NumberMention[];
  order: Map<NumberMention, number>;
  /** Its cues in text order, their starts, and those of each dimension. */
  sentenceCues: readonly Cue[];
  cueStarts: readonly number[];
  byDimension: Map<Dimension, Cue[]>;
  gaps: SentenceGaps;
  out: Map<NumberMention, Attribution>;
  assigned: Set<Cue>;
  /** The number each cue was given to (the last, where a list's name went to each of its numbers). */
  givenTo: Map<Cue, NumberMention>;
  /** Statistics a figure took from a remark in parentheses after it ("766 (at the very first sample)"). */
  remarks: Map<NumberMention, Set<string>>;
}

function give(reading: SentenceBeingRead, cue: Cue, number: NumberMention): void {
  for (const v of cue.values) reading.out.get(number)![cue.dimension].add(v);
  reading.assigned.add(cue);
  reading.givenTo.set(cue, number);
}

/** The cues of the sentence lying wholly in [from, to), in text order. */
function cuesWithin(reading: SentenceBeingRead, from: number, to: number, dimension?: Dimension): Cue[] {
  const out: Cue[] = [];
  const { sentenceCues, cueStarts } = reading;
  for (let i = lowerBound(cueStarts, from); i < sentenceCues.length && sentenceCues[i]!.start < to; i++) {
    const cue = sentenceCues[i]!;
    if (cue.end <= to && (dimension === undefined || cue.dimension === dimension)) out.push(cue);
  }
  return out;
}

/** The index of the first cue of a list in text order that starts at or after `at` (the list's length if none). */
function firstStartingAt(cues: readonly Cue[], at: number): number {
  let lo = 0;
  let hi = cues.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cues[mid]!.start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first cue of a list in text order that starts at or after `at`. */
function firstFrom(cues: readonly Cue[] | undefined, at: number): Cue | undefined {
  return cues === undefined ? undefined : cues[firstStartingAt(cues, at)];
}

/** The last cue of a list in text order that ends at or before `at` and passes `test`. */
function lastBefore(cues: readonly Cue[] | undefined, at: number, test: (cue: Cue) => boolean): Cue | undefined {
  if (cues === undefined) return undefined;
  for (let i = firstStartingAt(cues, at) - 1; i >= 0; i--) if (cues[i]!.end <= at && test(cues[i]!)) return cues[i];
  return undefined;
}

function bySentence<T extends { sentence: number; start: number }>(items: readonly T[], count: number): T[][] {
  const out: T[][] = Array.from({ length: count }, () => []);
  for (const item of items) out[item.sentence]?.push(item);
  for (const list of out) list.sort((a, b) => a.start - b.start);
  return out;
}

/**
 * Which cues describe each number. `numbers` are those still standing after references to the prompt's
 * figures were set aside.
 */
/**
 * Where each sensor type was read, from the headers of the tool results ("MPU6050 on rp2040-workshop (workshop)"):
 * a sensor read in one place only names that place.
 */
export function sensorPlacesIn(toolTexts: readonly string[] | undefined): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const text of toolTexts ?? []) {
    for (const match of text.matchAll(/^\s*([A-Za-z0-9][\w-]*)\s+on\s+[\w-]+\s+\(([a-z][\w-]*)\)/gm)) {
      if (!out.has(match[1]!)) out.set(match[1]!, new Set());
      out.get(match[1]!)!.add(match[2]!);
    }
  }
  return out;
}

/**
 * "garage field = -0.22 mT. MPU6050 pitch = 13 deg": a figure whose place is only carried over from before, of a
 * sensor read in one place only, is that place's.
 */
function placeBySensor(
  { inSentence, out }: SentenceBeingRead,
  placed: ReadonlySet<NumberMention>,
  sensed: ReadonlySet<NumberMention>,
  sensorPlaces: ReadonlyMap<string, ReadonlySet<string>>,
): void {
  for (const number of inSentence) {
    const own = out.get(number)!;
    // "Button not pressed. X range = 3583": a sensor carried over from before that no tool was read from is a
    // word's reading of the topic ("button"), not what gave the figure.
    if (!sensed.has(number) && own.sensor.size > 0 && ![...own.sensor].some((s) => sensorPlaces.has(s))) own.sensor = new Set();
    if (placed.has(number) || own.sensor.size === 0) continue;
    const places = new Set<string>();
    for (const sensor of own.sensor) {
      const where = sensorPlaces.get(sensor);
      if (where === undefined || where.size !== 1) return;
      for (const p of where) places.add(p);
    }
    if (places.size === 1) own.place = places;
  }
}

export function attribute(
  read: ReadText,
  numbers: readonly NumberMention[],
  cues: readonly Cue[],
  sensorPlaces: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): Map<NumberMention, Attribution> {
  const out = new Map<NumberMention, Attribution>();
  for (const n of numbers) {
    const own = emptyAttribution();
    for (const stat of n.stats) own.stat.add(stat);
    out.set(n, own);
  }
  const topic: Topic = new Map();
  let introduced: Introduction | undefined;
  const numbersOf = bySentence(numbers, read.sentences.length);
  const cuesOf = bySentence(cues, read.sentences.length);
  // The last figure of each kind in the sentences read so far: what a figure opening a sentence may restate.
  const earlier = new Map<NumberMention['kind'], NumberMention>();
  read.sentences.forEach((sentence, index) => {
    const inSentence = numbersOf[index]!;
    const sentenceCues = cuesOf[index]!;
    if (sentence.question) {
      askedTopic(topic, sentenceCues, sentence);
    } else {
      const byDimension = new Map<Dimension, Cue[]>();
      for (const cue of sentenceCues) {
        if (!byDimension.has(cue.dimension)) byDimension.set(cue.dimension, []);
        byDimension.get(cue.dimension)!.push(cue);
      }
      const reading: SentenceBeingRead = {
        text: read.text,
        sentence,
        index,
        inSentence,
        order: new Map(inSentence.map((n, i) => [n, i])),
        sentenceCues,
        cueStarts: sentenceCues.map((c) => c.start),
        byDimension,
        gaps: new SentenceGaps(sentence.text, sentence.start),
        out,
        assigned: new Set(),
        givenTo: new Map(),
        remarks: new Map(),
      };
      const label = labelOf(reading);
      pairLists(reading);
      pairSpanNames(reading);
      pairNearest(reading);
      shareCoordinated(reading);
      markStuffing(reading);
      applyOpening(reading);
      const placed = new Set(inSentence.filter((n) => out.get(n)!.place.size > 0));
      const sensed = new Set(inSentence.filter((n) => out.get(n)!.sensor.size > 0));
      inheritTopic(reading, topic);
      if (label.labelled) applyLabel(reading, label.end);
      shareRestated(reading, earlier);
      if (introduced !== undefined && introduced.paragraph === sentence.paragraph && ownLine(read.text, sentence)) applyIntroduction(reading, introduced);
      if (sensorPlaces.size > 0) placeBySensor(reading, placed, sensed, sensorPlaces);
      mirrorComparison(reading);
      shareGapped(reading);
      gapOfExtremes(reading);
      uniteAlternatives(reading);
      countCondition(reading);
      setTopic(topic, sentenceCues, sentence, index);
      introduced = introductionAfter(reading, introduced);
    }
    for (const n of inSentence) earlier.set(n.kind, n);
  });
  return out;
}

/**
 * A label ending in a colon ("Averages: die 21.1 C, pitch 0.8 deg"): where it ends, and whether it is one
 * (figures in it that state no reading, "over the 5 s", "before the 40 C trip", leave it a label).
 */
function labelOf({ sentence, inSentence }: SentenceBeingRead): { end: number; labelled: boolean } {
  const colon = /^[^:]{1,80}:(?=\s|$)/.exec(sentence.text);
  const end = sentence.start + (colon?.[0].length ?? 0);
  // Figures in parentheses are asides of the label ("Spread between lowest (9.813) and highest (9.857): 0.044").
  const label = colon === null ? '' : colon[0];
  const aside = (n: NumberMention) => {
    const before = label.slice(0, n.start - sentence.start);
    return (before.match(/\(/g) ?? []).length > (before.match(/\)/g) ?? []).length;
  };
  return { end, labelled: colon !== null && !inSentence.some((n) => n.start < end && n.kind !== 'time' && n.kind !== 'count' && !n.reference && !aside(n)) };
}

/** Names listed ahead of as many numbers listed together pair up in order. */
function pairLists(reading: SentenceBeingRead): void {
  const { text, sentence, inSentence, order, gaps, assigned } = reading;
  const lists = new Map<number, NumberMention[]>();
  for (const n of inSentence) {
    if (n.list === undefined) continue;
    if (!lists.has(n.list.id)) lists.set(n.list.id, []);
    lists.get(n.list.id)!.push(n);
  }
  for (const list of lists.values()) {
    const first = list[0]!;
    const last = list[list.length - 1]!;
    // The number before the list: names since it are the list's, and it is what a name nearer to it describes.
    const previous = inSentence[order.get(first)! - 1];
    // Names after the list may be its own, unless they stand in an aside ("(temperatures flat throughout)").
    const paren = text.indexOf('(', last.end);
    const asideFrom = paren === -1 || paren >= sentence.end ? Infinity : paren;
    for (const dimension of ['place', 'sensor', 'part', 'stat', 'quantity'] as const) {
      const ahead = cuesWithin(reading, previous?.end ?? 0, first.start, dimension).filter((c) => !assigned.has(c));
      const inside = cuesWithin(reading, first.start, last.end, dimension);
      const next = firstFrom(reading.byDimension.get(dimension), last.end);
      const behind = next !== undefined && next.start <= asideFrom;
      const distinct = ahead.filter((c, i) => ahead.findIndex((d) => d.values.join() === c.values.join()) === i);
      if (inside.length > 0 || distinct.length !== list.length) {
        if (distinct.length !== 1 || behind || inside.length > 0) continue;
      }
      if (distinct.length === 1 && dimension !== 'quantity' && !behind) {
        // One name before a list describes all of it: "averages: 0.0865 V vs 0.0183 V"; a sensor or a part named
        // with one place does not describe a figure of another ("the workshop IMU: 25.78 °C vs 23 °C in the living room").
        if ((dimension === 'sensor' || dimension === 'part') && placesDiffer(reading, previous?.end ?? 0, first.start, last.end)) continue;
        const cue = distinct[0]!;
        if (previous === undefined || gaps.distance(cue, first) <= gaps.distance(cue, previous)) {
          for (const n of list) if (eligible(cue, n)) give(reading, cue, n);
        }
        continue;
      }
      distinct.forEach((cue, i) => {
        if (eligible(cue, list[i]!)) give(reading, cue, list[i]!);
      });
      for (const c of ahead) assigned.add(c);
    }
  }
}

/** Whether a place is named within or after a list (to the end of its clause) that is not one named before it. */
function placesDiffer(reading: SentenceBeingRead, from: number, listStart: number, listEnd: number): boolean {
  const before = new Set(cuesWithin(reading, from, listStart, 'place').flatMap((c) => c.values));
  const end = reading.sentence.start + clauseEnd(reading.sentence.text, listEnd - reading.sentence.start);
  return cuesWithin(reading, listStart, Math.max(end, listEnd), 'place').some((c) => !c.values.some((v) => before.has(v)));
}

/**
 * "5–30 °C (TL–TH)", "44.7 / 57.3 dBA (quietest / loudest)": names in an aside right after a span or a list
 * pair up with its figures in order.
 */
function pairSpanNames(reading: SentenceBeingRead): void {
  const { text, sentence, inSentence } = reading;
  const groups: NumberMention[][] = [];
  const lists = new Map<number, NumberMention[]>();
  inSentence.forEach((b, i) => {
    const a = inSentence[i - 1];
    if (a !== undefined && (b.stats.has('upper-end') || b.stats.has('lower-end'))) groups.push([a, b]);
    if (b.list === undefined) return;
    if (!lists.has(b.list.id)) groups.push(lists.set(b.list.id, []).get(b.list.id)!);
    lists.get(b.list.id)!.push(b);
  });
  for (const group of groups) {
    const last = group[group.length - 1]!;
    const aside = /^\s*\(([^()]*)\)/.exec(text.slice(last.end, sentence.end));
    if (aside === null) continue;
    const start = last.end + aside.index;
    const end = start + aside[0].length;
    for (const dimension of ['part', 'stat', 'quantity', 'place', 'sensor'] as const) {
      const names = cuesWithin(reading, start, end, dimension);
      if (names.length !== group.length || new Set(names.map((c) => c.values.join())).size !== names.length) continue;
      names.forEach((name, k) => {
        if (eligible(name, group[k]!)) give(reading, name, group[k]!);
        reading.assigned.add(name);
      });
    }
  }
}

/** The numbers of the sentence a cue may reach, in text order: scanning out from it, no farther than any cue reaches. */
function withinReach({ inSentence, gaps }: SentenceBeingRead, starts: readonly number[], cue: Cue): NumberMention[] {
  const split = lowerBound(starts, cue.start);
  const out: NumberMention[] = [];
  for (let i = split - 1; i >= 0 && gaps.wordsOutsideAsides(inSentence[i]!.end, cue.start) <= MAX_REACH; i--) out.push(inSentence[i]!);
  out.reverse();
  for (let i = split; i < inSentence.length && gaps.wordsOutsideAsides(cue.end, inSentence[i]!.start) <= MAX_REACH; i++) out.push(inSentence[i]!);
  return out;
}

/** Each remaining cue to its nearest number, a number taking one cue of a kind where it can. */
function pairNearest(reading: SentenceBeingRead): void {
  const { text, sentence, inSentence, sentenceCues, gaps, out, assigned } = reading;
  const pairs: { cue: Cue; number: NumberMention; d: number }[] = [];
  const starts = inSentence.map((n) => n.start);
  const asides = asidesOf(sentence, inSentence, starts);
  const asideStarts = asides.map((a) => a.start);
  // Figures standing in parentheses right after a statistic: "lowest (9.813)".
  const glosses = new Map<NumberMention, Cue>();
  for (const cue of reading.byDimension.get('stat') ?? []) {
    const aside = /^\s*\(\s*(?:about\s+|around\s+|roughly\s+|~\s*)?$/i;
    const number = inSentence[lowerBound(starts, cue.end)];
    if (number !== undefined && eligible(cue, number) && aside.test(text.slice(cue.end, number.start)) && /^\s*\)/.test(text.slice(number.end, number.end + 4)))
      glosses.set(number, cue);
  }
  for (const cue of sentenceCues) {
    if (assigned.has(cue)) continue;
    // A name inside an aside that states a figure of its own ("(TL is 5 C)") describes that figure only.
    const around = asides[lowerBound(asideStarts, cue.start + 1) - 1];
    const aside = around !== undefined && cue.end <= around.end ? around : undefined;
    for (const number of withinReach(reading, starts, cue)) {
      if (!eligible(cue, number)) continue;
      if (aside !== undefined && (number.start < aside.start || number.end > aside.end)) continue;
      // "30 C, than the garden", "2044, roughly double your threshold": what a number is compared with does not
      // describe it.
      if (
        cue.start >= number.end &&
        /\bthan\b|\bcompared (?:to|with)\b|\bversus\b|\bvs\b|\b(?:double|twice|triple|thrice|half|a (?:third|quarter|fifth|tenth) of|times)\b/i.test(
          text.slice(number.end, cue.start),
        )
      )
        continue;
      if (cue.start >= number.end && GAP_OBJECT.test(text.slice(number.end, cue.start))) continue;
      const locative = cue.dimension === 'place' || cue.dimension === 'sensor' || cue.dimension === 'part' || cue.dimension === 'stat';
      // "the 40 °C trip point": a figure and the noun right after it make one name.
      const compound = cue.dimension === 'quantity' && cue.start >= number.end && text.slice(number.end, cue.start).trim() === '';
      // A name cannot describe a figure it holds ("between its lowest (9.813) and highest (9.857)").
      if (number.start >= cue.start && number.end <= cue.end) continue;
      const between = cue.dimension === 'stat' && cue.start >= number.end ? text.slice(number.end, cue.start).replace(/\([^()]*\)/g, ' ') : undefined;
      const appositive =
        between !== undefined &&
        cue.values.every((v) => EXTREMES.test(v)) &&
        (APPOSITIVE.test(between) || (SET_OFF.test(between) && SET_OFF_END.test(text.slice(cue.end, cue.end + 40))));
      // "lowest (9.813)": a figure in parentheses right after a statistic is its value, and no other statistic's.
      const glossed = cue.dimension === 'stat' ? glosses.get(number) : undefined;
      if (glossed !== undefined && glossed !== cue) continue;
      // "a spread of 5 counts", "an average of 576.2": a statistic and "of" before its figure name it.
      const statOf = cue.dimension === 'stat' && number.start >= cue.end && STAT_OF.test(text.slice(cue.end, number.start));
      const d =
        compound || glossed === cue || statOf || (locative && cueBeforeNumberGlued(text, number, cue))
          ? 0
          : appositive
            ? 1
            : gaps.distance(cue, number) + (cue.start >= number.end ? 0.5 : 0);
      if (d <= reach(gaps, cue, number, d)) pairs.push({ cue, number, d });
    }
  }
  pairs.sort((a, b) => a.d - b.d);
  const pair = (cue: Cue, number: NumberMention) => {
    give(reading, cue, number);
    // "766 (at the very first sample)": a remark on when the figure was read, which a label's statistic outranks.
    if (cue.dimension === 'stat' && cue.start >= number.end && /\([^)]*$/.test(text.slice(number.end, cue.start))) {
      if (!reading.remarks.has(number)) reading.remarks.set(number, new Set());
      for (const v of cue.values) reading.remarks.get(number)!.add(v);
    }
  };
  for (const { cue, number } of pairs) {
    if (assigned.has(cue)) continue;
    if (taken(cue, out.get(number)!)) continue;
    pair(cue, number);
  }
  for (const { cue, number } of pairs) if (!assigned.has(cue) && !taken(cue, out.get(number)!)) pair(cue, number);
}

/** What joins statistics named together: "min and max", "lowest, highest", "first/last". */
const COORDINATED = /^\s*(?:,\s*)?(?:and|&|\/|as well as)?\s*(?:the\s+)?$/i;

/**
 * Statistics named together describe one figure together: "the min and max were both 65535" gives "min",
 * left too far from the figure, the figure "max" went to.
 */
function shareCoordinated(reading: SentenceBeingRead): void {
  const stats = reading.byDimension.get('stat') ?? [];
  for (let i = stats.length - 2; i >= 0; i--) {
    const cue = stats[i]!;
    const next = reading.givenTo.get(stats[i + 1]!);
    if (reading.assigned.has(cue) || next === undefined || !COORDINATED.test(reading.text.slice(cue.end, stats[i + 1]!.start))) continue;
    if (eligible(cue, next)) give(reading, cue, next);
  }
}

/**
 * "The living room duration lowest highest average first last change total is 0.75 s": statistics named
 * together that no one figure can all be are keyword stuffing, and go to the figure they stand before whatever
 * it is (a duration takes no statistic otherwise), so that it states nothing.
 */
function markStuffing({ text, inSentence, byDimension, gaps, out }: SentenceBeingRead): void {
  const stats = byDimension.get('stat') ?? [];
  for (let i = 0; i < stats.length; ) {
    let j = i;
    while (j + 1 < stats.length && COORDINATED.test(text.slice(stats[j]!.end, stats[j + 1]!.start))) j++;
    const run = stats.slice(i, j + 1);
    i = j + 1;
    const named = new Set(run.flatMap((c) => c.values));
    if (statisticsNamed(named) <= MOST_STATISTICS) continue;
    const end = run[run.length - 1]!.end;
    const figure = inSentence.find((n) => n.start >= end);
    if (figure !== undefined && gaps.wordsOutsideAsides(end, figure.start) <= STAT_SUBJECT_REACH) for (const v of named) out.get(figure)!.stat.add(v);
  }
}

/**
 * "Averaged over the whole window, the garage sensor read about 112.8 cm": a statistic opening a sentence
 * before its first comma describes the figure the sentence goes on to state.
 */
/** The verb a sentence's subject ends at, before the figure it states: "... was 18 °C", "... came out at 17.3". */
const SUBJECT_COPULA =
  /\b(?:was|is|were|came (?:out )?(?:at|to)|comes (?:out )?(?:at|to)|worked out (?:at|to)|stood at|sat at|reached|hit)\s+(?:about|around|roughly|approximately|exactly|just|only|a\s+mere)?\s*$/i;

function applyOpening(reading: SentenceBeingRead): void {
  const { text, sentence, inSentence, gaps, out, assigned } = reading;
  const cue = reading.byDimension.get('stat')?.[0];
  if (cue === undefined || assigned.has(cue) || cue.values.includes('constant') || gaps.wordsBetween(sentence.start, cue.start) > 2) return;
  const comma = text.indexOf(',', cue.end);
  // "The highest temperature the bedroom DHT11 reported during the window was 18 °C": a statistic heading the
  // subject of a sentence describes the figure its verb goes on to state, however long the subject.
  const first = inSentence.find((n) => n.kind === 'value');
  if (
    first !== undefined &&
    first.start > cue.end &&
    (comma === -1 || comma > first.start) &&
    SUBJECT_COPULA.test(text.slice(Math.max(cue.end, first.start - 30), first.start)) &&
    gaps.wordsBetween(cue.end, first.start) <= 24
  ) {
    if (out.get(first)!.stat.size === 0 && eligible(cue, first)) give(reading, cue, first);
    return;
  }
  // "Averaged over the five samples, ...": a number of samples or a time in the opening belongs to it, not its figure.
  if (comma === -1 || comma >= sentence.end || (inSentence.find((n) => n.kind === 'value')?.start ?? Infinity) < comma) return;
  const figure = inSentence.find((n) => n.kind === 'value' && n.start > comma);
  if (figure !== undefined && out.get(figure)!.stat.size === 0 && eligible(cue, figure)) give(reading, cue, figure);
}

/**
 * A number naming no place (sensor, part, quantity) takes the nearest one named before it in its sentence
 * ("in the living room, temperature 31 C, humidity 37 %"), else its paragraph's topic.
 */
function inheritTopic({ sentence, index, inSentence, byDimension, out }: SentenceBeingRead, topic: Topic): void {
  // A sentence naming a place of its own starts a new topic ("- Kitchen WATER raw ADC: 3"); what a
  // reading is and which part of it carry over only from a heading.
  const ownPlace = byDimension.has('place');
  for (const number of inSentence) {
    const own = out.get(number)!;
    for (const dimension of TOPICAL) {
      if (own[dimension].size > 0) continue;
      // A unit already says what the number measures; a code is what it is.
      if (dimension === 'quantity' && (number.units.length > 0 || number.kind !== 'value')) continue;
      let nearest = lastBefore(byDimension.get(dimension), number.start, (c) => eligible(c, number));
      // A place named since starts a new subject: "workshop TMP36 at 22.8 C, the garden probe's TL 5 C"; a
      // figure of another place than the one the sensor was named with is not the sensor's ("the workshop IMU is
      // warmer: 25.78 °C vs 23 °C in the living room").
      if (nearest !== undefined && (dimension === 'sensor' || dimension === 'part')) {
        const place = firstFrom(byDimension.get('place'), nearest.end);
        if (place !== undefined && place.end <= number.start) nearest = undefined;
        else {
          const named = lastBefore(byDimension.get('place'), nearest.start, () => true);
          if (own.place.size > 0 && named !== undefined && !named.values.some((v) => own.place.has(v))) nearest = undefined;
        }
      }
      const entry = topic.get(dimension);
      const carries =
        entry !== undefined && entry.paragraph === sentence.paragraph && (dimension === 'place' || (!ownPlace && (dimension === 'sensor' || entry.heading)));
      // "Yes, the soil is warmer. It reads 12.25 °C": the pronoun is the subject of the sentence before.
      const pointsBack =
        entry !== undefined &&
        dimension === 'part' &&
        entry.index === index - 1 &&
        entry.paragraph === sentence.paragraph &&
        PRONOUN_SUBJECT.test(sentence.text);
      const inherited = nearest?.values ?? (pointsBack ? entry.subject : carries ? entry.values : undefined);
      // "SW420 raw: 0 / Gyro x: -1.35 deg/s": a sensor named before is about a figure only if it reads in its unit.
      for (const v of inherited ?? []) if (dimension !== 'sensor' || (couldRead(v, number) && hasParts(v, own.part))) own[dimension].add(v);
    }
  }
}

/** The units each sensor type reports its fields in (none for a raw count or a flag). */
const SENSOR_UNITS = new Map(SENSORS.map((spec) => [spec.name, Object.values(spec.fields).map((field) => field.unit)]));

/** The fields each sensor type reports, and every field any does. */
const SENSOR_FIELDS = new Map(SENSORS.map((spec) => [spec.name, new Set(Object.keys(spec.fields))]));
const ANY_FIELD = new Set(SENSORS.flatMap((spec) => Object.keys(spec.fields)));

/** "Button not pressed. X range = 3583": a sensor carried over is not a figure's whose part (a field) it lacks. */
function hasParts(sensor: string, parts: ReadonlySet<string>): boolean {
  const fields = SENSOR_FIELDS.get(sensor);
  return fields === undefined || [...parts].every((p) => !ANY_FIELD.has(p) || fields.has(p));
}

/** Whether a sensor type could have given a figure: one stated without a unit, or in a unit one of its fields converts to. */
function couldRead(sensor: string, number: NumberMention): boolean {
  const units = SENSOR_UNITS.get(sensor);
  return number.units.length === 0 || units === undefined || units.some((unit) => inFactUnit(1, number.units, unit) !== null);
}

/** A label describes the whole sentence: "Averages: die 21.1 C, pitch 0.8 deg, roll -0.9 deg". */
function applyLabel({ text, inSentence, sentenceCues, out, remarks }: SentenceBeingRead, labelEnd: number): void {
  const labels = sentenceCues.filter((cue) => cue.end <= labelEnd && (cue.dimension === 'stat' || cue.dimension === 'place' || cue.dimension === 'sensor'));
  if (labels.length === 0) return;
  const labelPlaces = new Set(labels.filter((c) => c.dimension === 'place').flatMap((c) => c.values));
  // Figures in an aside ("743.5 (742, 740, 742, 750)") are not what the label names: count the parentheses
  // opened and closed since the label, figure by figure.
  let depth = 0;
  let at = labelEnd;
  for (const number of inSentence) {
    if (number.start < labelEnd) continue;
    for (; at < number.start; at++) depth += text[at] === '(' ? 1 : text[at] === ')' ? -1 : 0;
    if (depth > 0) continue;
    const own = out.get(number)!;
    // A statistic named only in a remark after the figure leaves room for the label's.
    const open = (dimension: Dimension) =>
      own[dimension].size === 0 || (dimension === 'stat' && number.stats.size === 0 && [...own.stat].every((v) => remarks.get(number)?.has(v)));
    // A label's sensor was named with its place: a figure said of another place is another sensor's.
    const elsewhere = [...own.place].some((p) => labelPlaces.size > 0 && !labelPlaces.has(p));
    for (const cue of labels) {
      if (cue.dimension === 'sensor' && elsewhere) continue;
      if (open(cue.dimension) && eligible(cue, number)) for (const v of cue.values) own[cue.dimension].add(v);
    }
  }
}

/**
 * A figure restating the one before it ("33.32 C, which is about 92 F", "64.4 F (18 C)"), or offered as a
 * maybe beside it ("about 8.7, though it may be closer to 9.5"), is about the same thing.
 */
function shareRestated({ text, sentence, index, inSentence, out }: SentenceBeingRead, earlier: ReadonlyMap<NumberMention['kind'], NumberMention>): void {
  inSentence.forEach((number, i) => {
    let prev: NumberMention | undefined;
    for (let j = i - 1; j >= 0 && prev === undefined; j--) if (inSentence[j]!.kind !== 'time' || number.kind === 'time') prev = inSentence[j];
    prev ??= earlier.get(number.kind);
    if (prev === undefined) return;
    const between = prev.sentence === index ? text.slice(prev.end, number.start) : '';
    // A figure in parentheses restates only as the whole aside: "(about 795 mV)", not "(about 108 lux before a step)".
    // "0.214 V above the midpoint - that's 21.4 mV": a clause opening on "that's" after the figure's own words
    // restates it, in a unit of its dimension.
    const clause =
      prev.sentence === index &&
      between.length <= 60 &&
      RESTATING_CLAUSE.test(between) &&
      number.units.some((u) => prev.units.some((p) => p !== u && inFactUnit(1, [u] as never, p) !== null));
    // "245.68 lux -> 22.82 fc", "60.03 C, in Fahrenheit it is 140.1 F": the next figure, a few words on, in another
    // unit of the same dimension is the first converted, however the words between put it.
    const conversion =
      prev.sentence === index &&
      between.length <= 50 &&
      !/[;()]|\b(?:and|but|while|whereas|then|or|vs|versus|from|to|outside|inside|other|another|maybe|perhaps)\b/i.test(between) &&
      // "1652 mV - a ~0.23 V dip": a figure brought in as a thing of its own is a new quantity.
      !/\b(?:a|an)\s+(?:(?:about|around|roughly|approximately)\s+)?$/i.test(between) &&
      !number.stats.has('difference') &&
      !number.stats.has('delta') &&
      number.units.length > 0 &&
      prev.units.length > 0 &&
      !number.units.some((u) => prev.units.includes(u)) &&
      number.units.some((u) => prev.units.some((p) => inFactUnit(1, [u] as never, p) !== null));
    const restates =
      conversion || clause || (prev.sentence === index && RESTATES.test(between) && (!between.includes('(') || /^\s*\)/.test(text.slice(number.end))));
    // The maybe stands between the two ("8.7, though it may be closer to 9.5", "0 readings - maybe 1").
    const hedged = HEDGE.test(prev.sentence === index ? between : sentence.text.slice(0, number.start - sentence.start));
    if (!restates && !hedged) return;
    const own = out.get(number)!;
    for (const [dimension, values] of Object.entries(out.get(prev)!) as [Dimension, Set<string>][]) {
      // "208 counts (0.161 V)": a figure in another unit is the same reading of another quantity.
      // "0.103 V, which works out to 10.3 mV": a figure converted to another unit of its dimension is the same reading.
      const converts = number.units.some((u) => prev.units.some((p) => inFactUnit(1, [u] as never, p) !== null));
      if (dimension === 'quantity' && number.units.length > 0 && !converts) continue;
      // "motion in 2, which is 33.3 %": a share restating a count is no count itself.
      if (dimension === 'stat' && prev.kind === 'count' && number.kind !== 'count' && number.units.length > 0) continue;
      if (hedged) own[dimension].clear();
      // "0.103 V, which works out to 10.3 mV": the words of the restatement say it is worked out from the first, which it restates.
      if (restates && converts && prev.units.length > 0 && dimension === 'stat' && own.stat.size === 1 && own.stat.has('derived')) own.stat.clear();
      if (own[dimension].size === 0) for (const v of values) own[dimension].add(v);
    }
  });
}

/** "The averages are:" and a line per reading: each line's figure is what the introduction names. */
function applyIntroduction({ inSentence, out }: SentenceBeingRead, introduced: Introduction): void {
  for (const n of inSentence) if (n.kind === 'value' && out.get(n)!.stat.size === 0) for (const stat of introduced.stats) out.get(n)!.stat.add(stat);
}

/**
 * "0 of the 5 readings flagged shock": the condition a tally names after its total is what the count
 * counts, not the total.
 */
function countCondition({ inSentence, out }: SentenceBeingRead): void {
  inSentence.forEach((total, i) => {
    const count = inSentence[i - 1];
    if (count === undefined || !count.fixed || !total.fixed || !count.stats.has('count') || !total.stats.has('total')) return;
    for (const dimension of ['words', 'unlike'] as const) {
      for (const v of out.get(total)![dimension]) out.get(count)![dimension].add(v);
      out.get(total)![dimension].clear();
    }
  });
}

/** Alternatives ("31 or maybe 33 C") are about one thing: each takes what the others are about. */
function uniteAlternatives({ inSentence, out }: SentenceBeingRead): void {
  const groups = new Map<number, NumberMention[]>();
  for (const n of inSentence) if (n.alternatives !== undefined) groups.set(n.alternatives, [...(groups.get(n.alternatives) ?? []), n]);
  for (const group of groups.values()) {
    const union = emptyAttribution();
    for (const n of group) for (const [d, values] of Object.entries(out.get(n)!)) for (const v of values) union[d as Dimension].add(v);
    for (const n of group) out.set(n, { ...union, stat: new Set([...union.stat]) });
  }
}

/** Statistics of a series, which both sides of a comparison can share (a gap or a count is a side's own). */
const SERIES_STATS: ReadonlySet<string> = new Set(['mean', 'median', 'min', 'max', 'first', 'last', 'constant']);

/** Words that set what follows against what went before: "avg 32 °C vs bedroom 23 °C". */
const COMPARISON = /\b(?:vs\.?|versus|compared (?:to|with)|against|whereas|while)(?=\s)/i;

/**
 * The two sides of a comparison are parallel: a figure after "vs" that names no statistic takes the one of
 * the figure in its unit before ("avg 32 °C / 28.3 %RH vs bedroom 23 °C / 51 %RH": all four are averages).
 */
function mirrorComparison({ text, inSentence, out }: SentenceBeingRead): void {
  // The last figure in each unit before the turn: the counterpart of a figure in that unit after it.
  const seen = new Map<string, NumberMention>();
  let counterparts = new Map<string, NumberMention>();
  let turned = false;
  inSentence.forEach((number, i) => {
    const prev = inSentence[i - 1];
    if (prev !== undefined && COMPARISON.test(text.slice(prev.end, number.start))) {
      counterparts = new Map(seen);
      turned = true;
    }
    seen.set(number.units.join(), number);
    if (!turned || out.get(number)!.stat.size > 0 || number.units.length === 0) return;
    const counterpart = counterparts.get(number.units.join());
    if (counterpart === undefined) return;
    for (const stat of out.get(counterpart)!.stat) if (SERIES_STATS.has(stat)) out.get(number)!.stat.add(stat);
  });
}

/** What leaves out the verb of a clause that repeats the one before: ", garden 0 lux", "; the bedroom at 23 C". */
const GAPPED = /^\s*(?:,|;|,?\s*and|,?\s*while|,?\s*whereas)\s+(?:the\s+|in\s+the\s+)?[^\d,;.()]{1,30}?\s*(?::|at|is|was|-)?\s*$/i;

/**
 * "Living room averaged about 244 lux, garden 0 lux": a figure in a clause that names only another place (or
 * sensor) and the figure shares the statistic of the figure in its unit the clause before stated.
 */
function shareGapped(reading: SentenceBeingRead): void {
  const { text, inSentence, out } = reading;
  inSentence.forEach((number, i) => {
    const prev = inSentence[i - 1];
    if (prev === undefined || out.get(number)!.stat.size > 0 || number.units.length === 0 || prev.units.join() !== number.units.join()) return;
    if (!GAPPED.test(text.slice(prev.end, number.start))) return;
    const subject = cuesWithin(reading, prev.end, number.start).filter((c) => c.dimension === 'place' || c.dimension === 'sensor');
    const own = out.get(prev)!;
    if (!subject.some((c) => c.values.some((v) => !own[c.dimension].has(v)))) return;
    for (const stat of own.stat) if (SERIES_STATS.has(stat)) out.get(number)!.stat.add(stat);
  });
}

/**
 * "The lowest was 0.266 V and the highest 1.095 V, so the two were 0.829 V apart": a gap said of "the two" (or
 * "them") after a lowest and a highest of its unit is the gap between them, the range.
 */
function gapOfExtremes({ text, inSentence, out }: SentenceBeingRead): void {
  inSentence.forEach((number, i) => {
    const own = out.get(number)!;
    if (!(own.stat.has('difference') || own.stat.has('delta') || number.stats.has('difference') || number.stats.has('delta')) || i < 2) return;
    const prev = inSentence[i - 1]!;
    if (!/\b(?:the two|both|they|them|these|those|the two readings|the extremes)\b/i.test(text.slice(prev.end, number.start))) return;
    const same = inSentence.slice(0, i).filter((m) => m.units.join() === number.units.join());
    const has = (m: NumberMention, stats: string[]) => stats.some((st) => out.get(m)!.stat.has(st));
    if (same.some((m) => has(m, ['min', 'lower-end'])) && same.some((m) => has(m, ['max', 'upper-end']))) own.stat.add('range');
  });
}

interface Introduction {
  stats: string[];
  paragraph: number;
}

/**
 * The introduction in force after a sentence: the statistic a line introducing a list names ("The averages
 * are:", a heading "Peaks"); an earlier one lasts while its list goes on, a line per item in its paragraph.
 */
function introductionAfter({ text, sentence, inSentence, sentenceCues }: SentenceBeingRead, before: Introduction | undefined): Introduction | undefined {
  // "## Garden: 3 s averages (6 samples)": how long and how many samples is no figure the list states.
  if (inSentence.every((n) => n.kind === 'time' || n.kind === 'count') && (sentence.heading || /:\s*$/.test(sentence.text))) {
    const stats = sentenceCues.filter((c) => c.dimension === 'stat').flatMap((c) => c.values);
    if (stats.length > 0) return { stats, paragraph: sentence.paragraph };
  }
  return before !== undefined && before.paragraph === sentence.paragraph && ownLine(text, sentence) ? before : undefined;
}

/** Whether a sentence stands on a line of its own, as a list's items do. */
function ownLine(text: string, sentence: Sentence): boolean {
  const lineStart = text.lastIndexOf('\n', sentence.start - 1) + 1;
  const lineEnd = text.indexOf('\n', sentence.end);
  return text.slice(lineStart, sentence.start).trim() === '' && text.slice(sentence.end, lineEnd === -1 ? text.length : lineEnd).trim() === '';
}

type Topic = Map<Dimension, { values: readonly string[]; paragraph: number; heading: boolean; index?: number; subject?: readonly string[] }>;

/** What a sentence makes the topic of those after it: the last thing of each kind it names. */
function setTopic(topic: Topic, sentenceCues: readonly Cue[], sentence: Sentence, index: number): void {
  for (const dimension of TOPICAL) {
    const last = [...sentenceCues].reverse().find((c) => c.dimension === dimension);
    // The first named is the sentence's subject, what an "It" opening the next one points back to.
    const first = sentenceCues.find((c) => c.dimension === dimension);
    if (last)
      topic.set(dimension, {
        values: last.values,
        paragraph: sentence.paragraph,
        heading: sentence.heading || /:\s*$/.test(sentence.text),
        index,
        subject: first!.values,
      });
  }
}

/** A sentence whose subject is a pronoun: "It reads 12.25 °C", "They read ...". */
const PRONOUN_SUBJECT = /^\s*(?:it|it's|its|they|they're|their|this one|that one)\b/i;

/** Where a restated question moves on to its next part: "the LM35 reading and which is hotter". */
const NEXT_QUESTION = /\b(?:and|or)\s+(?:if|whether|which|what|how|who|where|when)\b/i;

/**
 * "You asked for the kitchen LM35 values and which is hotter.": a question states nothing, but the one sensor
 * its first part names heads the list that answers it. Places it names may be only the setting ("instead of
 * helping in the kitchen"), so they set no topic.
 */
function askedTopic(topic: Topic, sentenceCues: readonly Cue[], sentence: Sentence): void {
  const firstPart = sentence.start + (NEXT_QUESTION.exec(sentence.text)?.index ?? sentence.text.length);
  const sensors = sentenceCues.filter((c) => c.dimension === 'sensor' && c.end <= firstPart);
  const named = new Set(sensors.map((c) => c.values.join()));
  if (named.size === 1) topic.set('sensor', { values: sensors[0]!.values, paragraph: sentence.paragraph, heading: true });
}
