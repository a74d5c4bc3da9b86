import { COUNT_NOUNS, EVENT_NOUNS, type StatCue } from './lexicon.js';
import type { ReadText } from './text.js';
import { inFactUnit, type StatedUnit, TIME_UNITS, unitAt } from './units.js';

/**
 * The numbers an answer states, each with the unit written after it and what its position says it is:
 * a count of samples ("3 of the 8 readings"), a gap ("0.9 C above the setpoint", "by 2 %"), an end of a
 * span ("from 30 to 32 C"), a ratio ("5 times brighter"). Numbers that state nothing about a reading are
 * left out: identifiers (DHT11, esp32-living-room, a ROM code), dates and clock times, ordinals, sample
 * labels ("sample #3"), accuracies ("+/- 2 C"), coefficients ("10 mV per C"), the operands of a worked
 * calculation ("0.321 V x 100 = 32.1 C" states 32.1 C), definitions ("1 means tilted") and negated figures
 * ("not 0").
 */

export interface NumberMention {
  /** Offsets into the read text: the number and its unit. */
  start: number;
  end: number;
  text: string;
  value: number;
  /** The unit of its last written digit, in the unit written ("2 m": 1, "199.3 cm": 0.1): how precisely it is stated. */
  resolution: number;
  /** Canonical units the written unit may be; empty when none was written. */
  units: readonly StatedUnit[];
  /** A duration ("5 s"), a number of samples ("3 readings"), a code (a ROM address), or any other value. */
  kind: 'value' | 'time' | 'count' | 'code';
  /** For a code: its characters without separators, upper case. */
  code?: string;
  /** What its position says it is. */
  stats: Set<StatCue>;
  /** Numbers joined by "or" are alternatives for one thing; they share this id. */
  alternatives?: number;
  /** Numbers listed together ("30 and 32", "36 vs 31 C"): the list's id and this number's place in it. */
  list?: { id: number; position: number };
  /** "all 8 readings": every sample, which is also the count of those meeting a condition the clause names. */
  all?: true;
  /** Its count or total was read off an unmistakable pattern ("3 of 8", "3/8"), not guessed. */
  fixed?: true;
  /** A level glossed in parentheses ("low (0)"): it may state a pin level, never a count. */
  gloss?: true;
  /** A figure the prompt gave, repeated as a reference ("above the 30 C threshold"): it keeps its own words, states nothing. */
  reference?: true;
  sentence: number;
}

const NUMBER = /(?<![\p{L}\p{N}_#.'])([-+](?=\d))?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:e([-+]?\d+))?/giu;

const WORD_NUMBERS: Readonly<Record<string, number>> = {
  zero: 0,
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
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
};

const NOUNS = [...COUNT_NOUNS, ...EVENT_NOUNS].join('|');
const EVENT = new RegExp(`^\\s+(?:[a-z][a-z'-]*\\s+){0,2}(?:${EVENT_NOUNS.join('|')})\\b`, 'i');
const DIRECT_COUNT_NOUN = new RegExp(`^\\s+(?:${NOUNS})\\b`, 'i');
/** Words that start a clause of their own ("sits at 1 when nobody touches it"): they qualify no counted noun. */
const NOT_QUALIFIERS =
  'of|in|at|on|for|from|per|over|across|during|within|through|throughout|and|or|when|while|if|because|since|until|after|before|where|which|that|who|nobody|somebody|someone|anyone|no|it|he|she|they|we|you|i';
/** "3 wet readings", "2 triggered samples": up to two words between a number and what it counts. */
const QUALIFIED_COUNT_NOUN = new RegExp(`^(?:\\s+(?!(?:${NOT_QUALIFIERS})\\b)[a-z][a-z'-]*){1,2}\\s+(?:${NOUNS})\\b`, 'i');
/** After a counted noun, what makes it the count of a condition ("3 readings were above 60 dB") rather than of all samples. */
const CONDITION_AFTER =
  /^\s*(?:were|was|showed|show|shows|had|have|has|read|reported|registered|detected|with|where|in which|that|flagged|triggered|above|below|over|under|exceeded|caught|saw|returned|gave|crossed|hit|said|says|came up|turned up|recorded)\b/i;
/** "8 readings came back" is every sample; "3 readings came back with shock set" those meeting a condition. */
const CONDITION_ARRIVED = /^\s*came back\s+(?:with|as|showing|reading|positive|negative|true|false|high|low|set)\b/i;
/** Words after a number (and its unit) that make it a gap from something: "0.9 C above", "2 points higher". */
const GAP_AFTER =
  /^\s*(?:above|below|over|under|higher|lower|warmer|cooler|colder|hotter|louder|quieter|brighter|darker|dimmer|wetter|drier|more|less|greater|fewer|off (?:the|from|target|by)|away from|short|apart|beyond|up(?!\s+to\b)|down(?!\s+to\b)|closer|farther|further|outside (?:the|its|of)|stronger|weaker|bigger|smaller|larger|ahead|behind|out|longer|shorter|taller|wider|to spare|spare|extra|remaining|of margin|of headroom|of clearance|left over|different|from (?:the\s+)?(?:centre|center|middle|target|nominal|setpoint|threshold|ideal|mark|trigger|limit|rest)|before (?:the|its|it|reaching|hitting|tripping|triggering))\b|^\s*off\s*(?:[).,;!]|$|\s+(?:and|but|so|which|while|in|at|on|for)\b)/i;
/** "over the 5 s", "under a second": time, not a comparison. */
const TEMPORAL_AFTER =
  /^\s*(?:over|under|across|during|within|in)\s+(?:the\s+|a\s+|an\s+|those\s+|these\s+)?(?:last|past|next|whole|entire|full|first|same)?\s*(?:(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|few|a few|couple of)\s*(?:[a-z]+-[a-z]+\s+)?)?(?:s\b|sec|second|minute|min\b|sample|reading|window|period|series|run|interval|span|time|check|poll)/i;
const RATIO_AFTER =
  /^\s*(?:x\b(?!\s*[\d(])|\u00d7(?!\s*[\d(])|times\s+(?:brighter|darker|more|less|higher|lower|as|larger|bigger|greater|stronger|louder|the|over))/i;
const TOLERANCE_BEFORE =
  /(?:\+\/-|plus or minus|accuracy(?: of)?|accurate to(?: within)?|margin of(?: error of)?|error of|tolerance of|give or take|uncertainty of)\s*$/i;
const LABEL_BEFORE = /(?:#|\bSPF|\bIP|\bUSB|\bno\.|\bnumber|\bgpio|\bid|\bn\s?=|[\p{L}_]\[)\s*$/iu;
/** "t = 2 s", "t=0": the time of a sample; "T = 10.75 °C", a temperature, is a reading. */
const TIME_LABEL_BEFORE = /\bt\s?=\s*$/i;
/**
 * "sample 3", "probe 2": a noun numbering its items, with a whole number and no unit ("air probe 282.96 K" is a
 * reading); after an ordinal ("first sample 0", "the last reading 1") the item is named and the figure is its value.
 */
const NOUN_LABEL_BEFORE =
  /(?<!\b(?:first|last|final|initial|latest|earliest|opening|closing|next|previous|second|third|1st|2nd|3rd)\s+)\b(?:sample|probe|channel|board|item|step|row|line)\s*$/i;
const ORDINAL = /^(?:st|nd|rd|th)\b/i;
/** "1 means tilted", "where 0 = pressed", "consistent with pressed meaning 0": a definition, not a reading. */
const DEFINES_AFTER =
  /^\s*(?:=\s*[a-z]|means\b|mean that\b|meaning\b|indicates?\b|stands? for\b|would mean\b|signals?\b|is (?:pressed|released|tilted|blocked|high|low|on|off|wet|dry)\b(?=\s*[,;)]))/i;
const DEFINES_BEFORE =
  /(?:\bmeans|\bmeaning|\bindicates?|\bstands? for|\bwould mean|\bwould be|\bwould read|\bshould be|\bshould read|\bexpected|\bexpect|\bif it (?:were|was|read)|\bif|[=!]==?)\s*(?:a\s+|an\s+|the\s+)?$/i;
/** "10 mV per C", "10 mV/C": a coefficient. */
const PER_AFTER = /^\s*(?:per\b|\/\s*(?:°|deg|c\b|k\b|lux|s\b|sec|count|step|bit|lsb)|an?\s+(?:degree|second|count|step)\b)/i;
/** A negator just before a figure: "not 0", "isn't at 33", "never hit 40". */
const NEGATED_BEFORE = /(?:\bnot|n't|\bnever|\bno longer)\s+(?:\w+\s+){0,2}$/i;
/** "a 3.3 V reference", "the 4095 full scale", "a 0.5 V offset": a constant of the circuit, not a reading. */
/** (A figure hyphenated to a part of the hardware names it: "1-Wire", "3-axis", "2-pin".) */
const CONSTANT_AFTER =
  /^\s*(?:reference|ref\b|supply|rail|full[- ]scale|adc\b|resolution|nominal|spec|rating|rated|ceiling|maximum\b|max\b|-bit|-(?:wire|axis|pin|channel|way|core|digit|wire bus)\b|bit\b|bits\b(?!\s+(?:of|resolution))|limit of the|(?:offset|slope|gain|coefficient|sensitivity|scale factor)\b(?!\s+(?:of|from)\b))/i;
/** A unit written after a pause: "57.6, in dBA", "20,120 - that is in lux", "320.7, which is the value in millivolts". */
const DETACHED_UNIT =
  /^\s*(?:,|\s-\s|-)?\s*(?:(?:which|that|this) (?:is|are)\s+|that's\s+|measured\s+|expressed\s+|given\s+)?(?:(?:the\s+)?(?:value|reading|figure|number|result)\s+)?(?:in\s+)?((?:degrees\s+)?[a-z%°µ][a-z%°µ/ -]{1,24}?)(?=[.,;)]|\s*$|\s+(?:and|in|at|for|from|on|over|with)\b)/i;
/** A word whose level a number in parentheses merely glosses: "low (0)", "high (1)", "false (0)". */
const GLOSS_BEFORE =
  /\b(?:low|high|on|off|true|false|set|clear|pressed|released|open|closed|blocked|tilted|wet|dry)\s*\(\s*(?:(?:raw|pin|level|value)\s*(?:=\s*)?)?$/i;
/** A series spreading by an amount: "varied by", "ranged by", "fluctuated only by", "swung by". */
const SPREAD_BY =
  /\b(?:var(?:ied|ies|y|ying)|rang(?:ed|es|ing)|fluctuat(?:ed|es|ing)|swung|swings|swinging|spread|wobbled|wobbles|moved\s+around)\s+(?:only\s+|just\s+)?by\s+(?:only\s+|just\s+|about\s+|around\s+|roughly\s+)?$/i;

/** "over 23 mT", "at least 4", "more than 2 s", "below about 40 %", "above the roughly 40 %": a bound, not the value. */
/** ("->" and "=>" are arrows, not bounds: "245.7 lux -> 22.8 fc".) */
const BOUND_BEFORE =
  /(?:\b(?:over|above|under|below|more than|less than|fewer than|at least|at most|greater than|upwards of|beyond|nearly|almost)\s+(?:(?:the\s+)?(?:about|around|roughly|approximately|some)\s+)?|(?<![-=])[<>\u2264\u2265]=?\s*)$/i;
/** "warmer than 24 °C": the figure a comparative measures against, unless it is placed ("cooler than 36 °C outside"). */
const COMPARED_BEFORE = /\b[a-z]+er than\s+$/i;
const PLACED_AFTER = /^\s+(?:in|at|on|from|outside|inside|indoors|outdoors)\b/i;
/** "6 or more", "5+": a bound, not the value. */
const BOUND_AFTER = /^\s*(?:or (?:more|less|above|below|higher|lower|greater|fewer|over|under|up|down)\b|\+(?!\s*\d))/i;

/** "3888 (out of 4095)": the scale a reading is read on. */
const SCALE_BEFORE = /\bout of\s+(?:a\s+(?:possible|maximum(?:\s+of)?)\s+)?$/i;

/** Whether the figure at `at` is the scale of the reading before it, not a total of samples ("4 out of 20"). */
function scaleOf(inSentence: readonly NumberMention[], text: string, sentenceStart: number, at: number, rest: string): boolean {
  const prev = inSentence[inSentence.length - 1];
  if (prev === undefined || prev.kind !== 'value' || !SCALE_BEFORE.test(text.slice(Math.max(0, at - LOOK_BEHIND), at)) || DIRECT_COUNT_NOUN.test(rest))
    return false;
  return !/^\s*(?:\p{L}+\s+)?out of\s+$/iu.test(text.slice(prev.end - sentenceStart, at));
}

/** "with raw = 1", "where pressed is true": the value a condition compares a field with. */
const CONDITION_VALUE_BEFORE =
  /(?:\b(?:with|where|having|whose|when)\s+(?:the\s+)?|\b(?:samples|readings|reads|values)\s*\(\s*)[\p{L}_.]+\s*(?:==?|is|was)\s*$/iu;
/** "All five samples read 5.6": a figure every sample had is each statistic of the series. */
const ALL_SAMPLES_READ =
  /\ball\s+(?:the\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty)\s+(?:samples|readings|values|measurements|reads)\s+(?:read|were|came back(?:\s+at)?|showed|gave|returned|stayed at|sat at|held at)\s+(?:exactly\s+|at\s+)?$/i;
/** "Samples: 6", "Number of readings = 8": a label counting the samples with no condition is their total. */
const ALL_SAMPLES_LABEL = /^\s*(?:the\s+)?(?:(?:total\s+)?(?:number|count)\s+of\s+(?:the\s+)?|total\s+)?(?:samples|readings|checks|reads|polls)\s*[:=]\s*$/i;
/** "it hit 62.1 °C", "reached 31 C": the value a series got up to is its highest. */
const REACHED_BEFORE = /\b(?:hit|hits|hitting|reached|reaches|reaching)\s+(?:about\s+|around\s+|roughly\s+)?$/i;

/** "if a press pulls it to 0", "you'd expect 1": a figure in a supposition, not a reading. */
const SUPPOSED =
  /\b(?:if|unless|would|should|you'd|expect|expected|suppose|supposing|assuming|whenever|in theory|ideally|nominally|typically reads|turn|turning|aim|aiming|target|recommend|recommended|suggest|try|trying|adjust|consider|you could|you can|you might)\b(?:(?!\s-\s|\b(?:so|but|because|whereas|while|which)\b)[^,;:()])*$/i;

/** "the first 3 readings", "the last two samples": which samples are meant, not a count of them. */
const SELECTION_BEFORE = /\b(?:first|last|next|final|initial|other|remaining|previous|earliest|latest)\s+$/i;

/** "every one of", "no one", "someone": not numbers. */
const NOT_A_NUMBER_BEFORE = /\b(?:every|each|any|no|some|the only|this|that|which|anyone|no)(?:\s+single)?\s*$/i;

/**
 * How far back the words before a figure are read: what qualifies a figure stands within a clause of it, and
 * a pattern anchored at the end of all the text before it would cost time in the square of an answer's length.
 */
const LOOK_BEHIND = 160;

/** Dates, clock times and version numbers are masked before numbers are looked for. */
function masked(text: string): string {
  const blank = (m: string) => ' '.repeat(m.length);
  return text
    .replace(/\b\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?\b/g, blank)
    .replace(/\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?/gi, blank)
    .replace(/\b\d+(?:\.\d+){2,}\b/g, blank)
    .replace(/\b\d{1,2}\s?[ap]\.?m\.?(?![a-z])/gi, blank);
}

/** The run of letters and digits glued to a number ("31C", "5s", "28F79B..."): a unit, an ordinal or an identifier. */
function glued(after: string): string {
  return /^[\p{L}\p{N}]+/u.exec(after)?.[0] ?? '';
}

/** Operators of a worked calculation between numbers: "2047 / 4095 x 3300 = 1649.6". */
const OPERATOR = /^\s*\)?\s*(?:[x×*/÷+^]|[-−](?=\s)|times|divided by|multiplied by|minus|plus)\s*[-+]?\(?\s*$/i;
const EQUALS = /^\s*\)?\s*(?:=|\u2248|equals|gives|is about|comes to|works out to)\s*$/i;

let nextGroup = 0;

/** Whether a counted noun after the number counts all samples ("I took 8 readings") or those meeting a condition. */
function countKind(before: string, rest: string, qualified: boolean): StatCue[] {
  // "sampled 12 times": how often it was read is every sample.
  if (/\b(?:sampled|polled|read|checked|queried|measured)\s+(?:it\s+)?$/i.test(before) && /^\s+times\b/i.test(rest)) return ['total'];
  if (EVENT.test(rest)) return ['count'];
  // "the five one-second samples", "six consecutive readings": words saying how the samples were spaced qualify no condition.
  if (
    qualified &&
    new RegExp(
      `^\\s+(?:(?:[a-z]+|\\d+(?:\\.\\d+)?)-(?:second|sec|s|minute|min|hour|ms)|consecutive|successive|separate|individual|evenly-spaced)\\s+(?:${NOUNS})\\b`,
      'i',
    ).test(rest)
  )
    qualified = false;
  if (/\bin\s*$/i.test(before) || qualified) return ['count'];
  // "streamed 5 s, 10 samples": the samples a stream or a poll produced are all of them.
  if (
    /\b(?:streamed|sampled|polled|logged|collected|gathered|recorded|took)\b[^.;:]{0,20}$/i.test(before) &&
    !/\b(?:with|where|were|was|had|showed)\b/i.test(before.slice(-20))
  )
    return ['total'];
  if (
    /(?:\b(?:the|all|those|these|of|total of|took|take|taken|got|get|collected|logged|recorded|sampled|polled|gathered|made|across|over|from)|\()\s*$/i.test(
      before,
    )
  )
    return ['total'];
  if (/^\s+[^\s,;]+\s+(?:in total|in all|altogether|total|at|every|each|over|across|in the window|came in|arrived)\b/i.test(rest)) return ['total'];
  // "Six one-second readings: 45.8, 44.7, ...": the samples a list of values goes on to give.
  if (new RegExp(`^\\s+(?:[a-z][a-z'-]*\\s+){0,2}(?:${NOUNS})\\s*:`, 'i').test(rest)) return ['total'];
  const noun = new RegExp(`^\\s+(?:[a-z][a-z'-]*\\s+){0,2}(?:${NOUNS})\\b`, 'i').exec(rest)?.[0].length ?? 0;
  // "3 readings were above 60 dB" counts a condition; "the answer is 6 samples" could be either.
  const after = rest.slice(noun);
  return CONDITION_AFTER.test(after) || CONDITION_ARRIVED.test(after) ? ['count'] : ['count', 'total'];
}

function mentionsIn(text: string, sentenceStart: number, sentenceText: string, index: number): NumberMention[] {
  const inSentence: NumberMention[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const at = match.index ?? 0;
    const before = text.slice(Math.max(0, at - LOOK_BEHIND), at);
    // "KY-038", "esp32-living-room", "GUVA-S12SD": a number inside a name ("30-32" is a span).
    if (/\p{L}-$/u.test(before)) continue;
    if (TOLERANCE_BEFORE.test(before) || LABEL_BEFORE.test(before)) continue;
    if (NOUN_LABEL_BEFORE.test(before) && match[3] === undefined && unitAt(text.slice(at + match[0].length)) === null) continue;
    if (TIME_LABEL_BEFORE.test(before) && (unitAt(text.slice(at + match[0].length))?.units.every((u) => TIME_UNITS.has(u)) ?? true)) continue;
    let end = at + match[0].length;
    const after = text.slice(end);
    const stuck = glued(after);
    if (ORDINAL.test(stuck)) continue;
    let value = Number(`${match[1] ?? ''}${match[2]!.replace(/,/g, '')}${match[3] ?? ''}${match[4] !== undefined ? `e${match[4]}` : ''}`);
    if (!Number.isFinite(value)) continue;
    // The unit of its last digit: "2 m" is stated to the metre, "199.3 cm" to the millimetre.
    let resolution = 10 ** -((match[3]?.length ?? 1) - 1) * 10 ** Number(match[4] ?? 0);
    let units: readonly StatedUnit[] = [];
    const stats = new Set<StatCue>();
    let kind: NumberMention['kind'] = 'value';
    // "36.4k lux", "1.2k".
    if (/^k\b|^k\s+(?:lux|lx)\b/i.test(after)) {
      value *= 1000;
      resolution *= 1000;
      end += 1;
    }
    const unit = unitAt(text.slice(end));
    if (stuck !== '' && (unit === null || unit.length < stuck.length) && !/^x$/i.test(stuck)) continue;
    if (unit !== null) {
      units = unit.units;
      value *= unit.scale;
      resolution *= unit.scale;
      end += unit.length;
      if (units.every((u) => TIME_UNITS.has(u))) kind = 'time';
    }
    let rest = text.slice(end);
    if (units.length === 0) {
      // "approximately 57.6, in dBA", "20,120 - that is in lux", "320.7, which is the value in millivolts".
      const detached = DETACHED_UNIT.exec(rest);
      const later = detached === null ? null : unitAt(` ${detached[1]}`);
      if (detached !== null && later !== null && detached[1]!.length >= 2) {
        units = later.units;
        value *= later.scale;
        resolution *= later.scale;
        if (units.every((u) => TIME_UNITS.has(u))) kind = 'time';
        rest = rest.slice(detached[0].length);
      }
    }
    if (scaleOf(inSentence, text, sentenceStart, at, rest)) continue;
    // "over 23 mT": a bound, not a value.
    if (BOUND_BEFORE.test(before) || BOUND_AFTER.test(rest) || (COMPARED_BEFORE.test(before) && !PLACED_AFTER.test(rest))) continue;
    if (/^\s*(?:hz|khz|mhz|hertz)\b/i.test(rest)) continue;
    if (/\b(?:add|adding|subtract|subtracting|minus|plus|multiply|multiplying|divide|dividing|times)\s+$/i.test(before)) continue;
    // "Number of samples with raw = 1 is 3": the 1 is the value a condition compares with, no reading.
    if (CONDITION_VALUE_BEFORE.test(before)) continue;
    if (
      CONSTANT_AFTER.test(rest) ||
      PER_AFTER.test(rest) ||
      DEFINES_AFTER.test(rest) ||
      DEFINES_BEFORE.test(before) ||
      NEGATED_BEFORE.test(before) ||
      SUPPOSED.test(before)
    )
      continue;
    if (
      kind === 'value' &&
      units.length === 0 &&
      /\b(?:mean|average|avg|median|max|maximum|min|minimum|sum|total|each|every one)\s+of\s*$/i.test(before) &&
      /^\s*(?:\)|samples|readings|values|measurements|$)/i.test(rest)
    ) {
      // "(mean of 6)": how many samples a statistic was taken over.
      kind = 'count';
      stats.add('total');
    } else if (RATIO_AFTER.test(rest)) stats.add('ratio');
    // A figure with a fractional part counts nothing: "4.564 over five readings" is a value.
    else if (kind === 'value' && units.length === 0 && match[3] === undefined) {
      const qualified = !DIRECT_COUNT_NOUN.test(rest) && QUALIFIED_COUNT_NOUN.test(rest);
      if (DIRECT_COUNT_NOUN.test(rest) || qualified || /^\s+of\s+(?:the|those|these|them|all)\b/i.test(rest)) {
        // "the first 3 readings": which samples, not how many met a condition.
        if (SELECTION_BEFORE.test(before)) continue;
        kind = 'count';
        for (const stat of /^\s+of\s/i.test(rest) ? (['count'] as StatCue[]) : countKind(before, rest, qualified)) stats.add(stat);
      } else if (
        !/\d\s+(?:samples|readings|checks|reads|polls)\s*[:=]\s*$/i.test(before) &&
        /(?<!\b(?:raw|adc|uvs|als)\s)\b(?:samples|readings|checks|times|reads|polls|count|number|detections|triggers)\b[^.:;=]{0,60}[:=]\s*$|\b(?:number|count)\s+of\s+[^.:;]{0,60}\b(?:is|was|came to)\s*$/i.test(
          before,
        ) &&
        !/\b(?:total|all|taken|took|in all|alarms?|probes?)\b/i.test(before.slice(-70))
      ) {
        // "Readings with CLK low: 1", "Number of triggered samples = 2"; "Number of samples: 6" qualifies nothing.
        kind = 'count';
        stats.add(ALL_SAMPLES_LABEL.test(before) ? 'total' : 'count');
      }
    }
    if (!TEMPORAL_AFTER.test(rest) && GAP_AFTER.test(rest)) {
      stats.add('difference');
      stats.add('delta');
    }
    if (
      /\b(?:rose|risen|rising|climbed|climbing|(?:went|gone|got|came) up|increased|jumped|peaked|spiked|reached|hit)\s+(?:\w+ly\s+)?(?:back\s+)?(?:up\s+)?to\s+(?:about\s+|around\s+)?$/i.test(
        before,
      )
    ) {
      stats.add('upper-end');
      stats.add('last');
    } else if (
      /\b(?:fell|falling|dropped|dropping|(?:went|gone|got|came) down|decreased|dipped|sank|declined|settled|eased)\s+(?:\w+ly\s+)?(?:back\s+)?(?:down\s+)?to\s+(?:about\s+|around\s+)?$/i.test(
        before,
      )
    ) {
      stats.add('lower-end');
      stats.add('last');
    } else if (REACHED_BEFORE.test(before)) stats.add('max');
    // "varied by 1 mV", "fluctuated by 0.2 C": by how much a series spread is its range, not a change.
    if (SPREAD_BY.test(before)) stats.add('range');
    // "by 2 C", "up 11.5 dB"; not "stayed up around 57 dBA", a level.
    else if (
      /(?:\bby|(?<!\b(?:stay|stays|stayed|staying|held|holds|kept|keeps|remained|remains|sat|sits)\s+)\b(?:up|down)(?:\s+by)?)\s+(?:about\s+|around\s+|roughly\s+|approximately\s+|some\s+|nearly\s+|almost\s+|just\s+|only\s+)?$/i.test(
        before,
      )
    ) {
      stats.add('difference');
      stats.add('delta');
    }
    if (kind === 'value' && ALL_SAMPLES_READ.test(before)) stats.add('constant');
    const mention: NumberMention = {
      start: sentenceStart + at,
      end: sentenceStart + end,
      text: sentenceText.slice(at, end),
      value,
      resolution,
      units,
      kind,
      stats,
      sentence: index,
    };
    // "low (0)", "high (1)": a level glossed in passing, never a count.
    if (GLOSS_BEFORE.test(before) && (/^\s*\)/.test(rest) || (/^\s*,/.test(rest) && /\(\s*(?:raw|pin|level|value)\s*=?\s*$/i.test(before))))
      mention.gloss = true;
    if (kind === 'count' && /\ball\s*$/i.test(before)) mention.all = true;
    inSentence.push(mention);
  }
  // Whether the sentence speaks of samples, where "never" counts none of them: read once.
  let ofSamples: boolean | undefined;
  for (const word of text.matchAll(
    /\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|once|twice|none|no|never)\b/gi,
  )) {
    const at = word.index ?? 0;
    const lower = word[1]!.toLowerCase();
    const before = text.slice(Math.max(0, at - LOOK_BEHIND), at);
    const rest = text.slice(at + word[0].length);
    const mention = (value: number, stat: StatCue | null, kind: NumberMention['kind'] = 'count'): NumberMention => ({
      start: sentenceStart + at,
      end: sentenceStart + at + word[0].length,
      text: sentenceText.slice(at, at + word[0].length),
      value,
      resolution: 1,
      units: [],
      kind,
      stats: new Set(stat === null ? [] : [stat]),
      sentence: index,
    });
    if ((lower === 'once' || lower === 'twice') && !/^\s+(?:a|an|per|every|each)\b/i.test(rest)) inSentence.push(mention(lower === 'once' ? 1 : 2, 'count'));
    else if (lower === 'once' || lower === 'twice') continue;
    else if (lower === 'none' || lower === 'no') {
      const counted = /^\s+(?:of\s+(?:the\s+)?(?:\d+\s+)?)?(?:[a-z]+\s+)?(?:samples|readings|checks|polls|measurements|reads|values|times|snapshots)\b/i.test(
        rest,
      );
      if (counted && !/\b(?:could|couldn't|can't|cannot|unable|failed|available|returned|came back|error)\b/i.test(rest)) inSentence.push(mention(0, 'count'));
    } else if (lower === 'never') {
      ofSamples ??= /\b(?:samples?|readings?|checks?|polls?|times?|window)\b/i.test(text);
      if (ofSamples) inSentence.push(mention(0, 'count'));
    } else if (lower in WORD_NUMBERS && !NOT_A_NUMBER_BEFORE.test(before)) {
      const value = WORD_NUMBERS[lower]!;
      if (/^\s+of\s+(?:the|those|these|them|all)\b/i.test(rest)) {
        // "Six of the readings came in below a metre".
        if (!SELECTION_BEFORE.test(before)) inSentence.push(mention(value, 'count'));
      } else if (DIRECT_COUNT_NOUN.test(rest) || QUALIFIED_COUNT_NOUN.test(rest) || /^\s+(?:of|out of)\s+(?:the\s+)?\d/i.test(rest)) {
        if (SELECTION_BEFORE.test(before)) continue;
        const m = mention(value, null);
        for (const stat of countKind(before, rest, !DIRECT_COUNT_NOUN.test(rest))) m.stats.add(stat);
        inSentence.push(m);
      } else if (
        /^\s+(?:[a-z-]+\s+)?[a-z]+s\s+(?:are|were|have|had|stayed|remained|got|came back|show|showed|reported|flagged|triggered|tripped|detected|in alarm)\b/i.test(
          rest,
        ) &&
        !NEGATED_BEFORE.test(before)
      ) {
        // "two probes are flagged": a number of things in words, stated as digits would be.
        inSentence.push(mention(value, null, 'value'));
      } else if (at < LOOK_BEHIND && /^\s*(?:just|only|exactly)?\s*$/i.test(before) && /^\s*[.!]?\s*$/.test(rest)) {
        // "Just one!", "Three.": a sentence that is only a number in words answers "how many".
        inSentence.push(mention(value, 'count'));
      } else if (
        !NEGATED_BEFORE.test(before) &&
        !/\b(?:near|nearly|close to|almost|about|around|above|below|over|under|essentially|practically|virtually|basically|effectively)\s*-?\s*(?:at\s+)?$/i.test(
          before,
        ) &&
        /(?:\b(?:was|is|were|are|be|been|at|to|reads|read|just|only|exactly|count|count is|count was)|[:=])\s*$/i.test(before) &&
        /^\s*(?:[.!,;)]|$|of them|in total|\s-\s)/i.test(rest)
      ) {
        // "The count was zero", "it read one.": a figure in words.
        inSentence.push(mention(value, null, 'value'));
      }
    }
  }
  inSentence.sort((a, b) => a.start - b.start);
  return inSentence;
}

/** Every figure a text names, with its unit, statement or not: the thresholds and targets of a prompt. */
export function figuresIn(text: string): { value: number; units: readonly StatedUnit[] }[] {
  const figures: { value: number; units: readonly StatedUnit[] }[] = [];
  const plain = masked(text);
  for (const match of plain.matchAll(NUMBER)) {
    if (/\p{L}-$/u.test(plain.slice(0, match.index ?? 0))) continue;
    const end = (match.index ?? 0) + match[0].length;
    if (glued(plain.slice(end)) !== '' && unitAt(plain.slice(end)) === null) continue;
    const unit = unitAt(plain.slice(end));
    const value = Number(`${match[1] ?? ''}${match[2]!.replace(/,/g, '')}${match[3] ?? ''}`) * (unit?.scale ?? 1);
    if (Number.isFinite(value)) figures.push({ value, units: unit?.units ?? [] });
  }
  return figures;
}

/** A larger unit and the smaller one that goes on from it ("3 ft 11.2 in", "1 m 20 cm"), with the smaller's size in the larger. */
const COMPOUNDS: readonly [StatedUnit, StatedUnit, number][] = [
  ['ft', 'in', 12],
  ['m', 'cm', 100],
];

/** "3 ft 11.2 in": one length written in two units is one figure, in the smaller unit, as precise as its last part. */
function joinCompounds(numbers: NumberMention[], text: string, offset: number): NumberMention[] {
  const out: NumberMention[] = [];
  for (let i = 0; i < numbers.length; i++) {
    const a = numbers[i]!;
    const b = numbers[i + 1];
    const compound =
      b === undefined
        ? undefined
        : COMPOUNDS.find(([big, small]) => a.units.length === 1 && a.units[0] === big && b.units.length === 1 && b.units[0] === small);
    if (b === undefined || compound === undefined || !Number.isInteger(a.value) || !/^\s*(?:and\s+)?$/i.test(text.slice(a.end - offset, b.start - offset))) {
      out.push(a);
      continue;
    }
    const sign = a.value < 0 ? -1 : 1;
    out.push({
      ...a,
      end: b.end,
      text: `${a.text}${text.slice(a.end - offset, b.start - offset)}${b.text}`,
      value: a.value * compound[2] + sign * b.value,
      resolution: b.resolution,
      units: b.units,
      stats: new Set([...a.stats, ...b.stats]),
    });
    i++;
  }
  return out;
}

/** "119.7 cm (t=0)", "766 (at 0 s)": a figure stamped with the start of the window is the first reading. */
const STAMPED_AT_START =
  /^\s*(?:\(\s*(?:at\s+)?(?:t\s*=\s*)?0(?:\.0+)?\s*(?:s|secs?|seconds?)?\s*\)|at\s+t\s*=\s*0(?:\.0+)?\s*(?:s|secs?|seconds?)?(?![\d.]))/i;

/** Every number the answer states, in text order. */
export function numbersIn(read: ReadText): NumberMention[] {
  const mentions: NumberMention[] = [];
  read.sentences.forEach((sentence, index) => {
    const text = masked(sentence.text);
    const inSentence = dropOperands(joinCompounds(mentionsIn(text, sentence.start, sentence.text, index), text, sentence.start), text, sentence.start);
    unitsOfLabels(inSentence, sentence.text, sentence.start);
    markPatterns(inSentence, sentence.text, sentence.start);
    for (const n of inSentence)
      if (n.kind === 'value' && STAMPED_AT_START.test(sentence.text.slice(n.end - sentence.start, n.end - sentence.start + 24))) n.stats.add('first');
    // "+655 vs the line", "(+218.4 lux)": a figure written with its plus sign is a change or a gap, unless its
    // sentence signs every figure ("x -1.35, z +1.23").
    if (!inSentence.some((n) => n.value < 0)) {
      for (const n of inSentence) {
        if (n.kind === 'value' && n.text.startsWith('+') && n.stats.size === 0) {
          n.stats.add('difference');
          n.stats.add('delta');
        }
      }
    }
    for (const n of inSentence) mentions.push(n);
  });
  markWholes(read.text, mentions);
  markTimeline(read, mentions);
  return withoutUnitDefinitions(read.text, mentions);
}

/** "1 mT = 10 G", "(1 millitesla equals 10 gauss)": how units relate, not a reading: both figures go. */
function withoutUnitDefinitions(text: string, mentions: NumberMention[]): NumberMention[] {
  const gone = new Set<NumberMention>();
  for (let i = 0; i + 1 < mentions.length; i++) {
    const [a, b] = [mentions[i]!, mentions[i + 1]!];
    if (a.value !== 1 || a.units.length === 0 || b.units.length === 0 || a.units.join() === b.units.join()) continue;
    if (!/^\s*(?:=|equals|is|is equal to|makes)\s*$/i.test(text.slice(a.end, b.start))) continue;
    if (!b.units.some((unit) => inFactUnit(1, a.units, unit) !== null)) continue;
    gone.add(a);
    gone.add(b);
  }
  return gone.size === 0 ? mentions : mentions.filter((n) => !gone.has(n));
}

/** "distance_cm = 275.3", "temp_c: 21.5": a field name ending in a unit gives the bare figure after it that unit. */
function unitsOfLabels(numbers: NumberMention[], text: string, offset: number): void {
  for (const n of numbers) {
    if (n.kind !== 'value' || n.units.length > 0) continue;
    const before = text.slice(Math.max(0, n.start - offset - 30), n.start - offset);
    // "BH1750 lux = 22472.8": a unit standing as the field's name, set equal to the figure.
    const label = /[a-z\d]_([a-z%]+)\s*(?:=|:|is|was|of)\s*$/i.exec(before) ?? /(?:^|[\s(*`])([a-z%\u00b0/\u00b5]{2,8})\s*=\s*$/i.exec(before);
    if (label === null) continue;
    const unit = unitAt(` ${label[1]}`);
    if (unit === null || unit.length !== label[1]!.length + 1) continue;
    n.units = unit.units;
    n.value *= unit.scale;
    n.resolution *= unit.scale;
  }
}

/** A line opening with the time of its sample: "t = 2 s: raw 19", "At 0.5 s: 31 C", a table's "Time: 5 s, Distance: 120 cm". */
const TIME_LABEL =
  /^\s*(?:at\s+)?t\s*=\s*(\d+(?:\.\d+)?)\s*(?:s|secs?|seconds?)?\s*[:,)-]|^\s*(?:at\s+|time\s*[:=]\s*)?(\d+(?:\.\d+)?)\s*(?:s|secs?|seconds?)\s*[:,-]/i;

/**
 * Readings listed one a line by their sample times ("t = 0 s: raw 17", "t = 2 s: raw 19"): the earliest is
 * the first reading, the latest the last.
 */
function markTimeline(read: ReadText, mentions: readonly NumberMention[]): void {
  let run: { index: number; time: number }[] = [];
  const close = () => {
    if (run.length >= 2) {
      for (const n of mentions) if (n.kind === 'value' && n.sentence === run[0]!.index) n.stats.add('first');
      for (const n of mentions) if (n.kind === 'value' && n.sentence === run[run.length - 1]!.index) n.stats.add('last');
    }
    run = [];
  };
  read.sentences.forEach((sentence, index) => {
    const label = TIME_LABEL.exec(sentence.text);
    const time = label === null ? null : Number(label[1] ?? label[2]);
    const previous = run[run.length - 1];
    if (time === null || (previous !== undefined && (previous.index !== index - 1 || time <= previous.time))) close();
    if (time !== null) run.push({ index, time });
  });
  close();
}

/** Calculation signs right after a figure: it goes on into a formula ("2047/4095 x 3.3"). */
const CALCULATION_AFTER = /^\s*\)?\s*(?:[x×*/÷+=^]|times|divided by|multiplied by)/i;
const CALCULATION_BEFORE = /(?:[x×*/÷+=^]|\s[-−]|times|divided by|multiplied by)\s*\(?\s*$/i;

/** A result sign after a figure: what went before it was worked out ("= 1649.6 mV", "≈ 3.2 mV"). */
const RESULT_AFTER = /=|\u2248|\b(?:equals|gives|comes to|works out to|is about)\b/i;

/**
 * A slash that does not divide: "10/20 samples" (a tally), "32 °C / 28.3 %RH", "Min/max: 1159.2 / 1170.8 lux"
 * (figures side by side). A slash divides only in a worked formula: beside another operator, or before its result.
 */
function separates(a: NumberMention, b: NumberMention, text: string, offset: number): boolean {
  if (!/^\s*\/\s*$/.test(text.slice(a.end - offset, b.start - offset))) return false;
  if (CALCULATION_AFTER.test(text.slice(b.end - offset)) || CALCULATION_BEFORE.test(text.slice(Math.max(0, a.start - offset - LOOK_BEHIND), a.start - offset)))
    return false;
  const tally = a.units.length === 0 && b.units.length === 0 && Number.isInteger(a.value) && Number.isInteger(b.value) && a.value <= b.value;
  return tally || !RESULT_AFTER.test(text.slice(b.end - offset));
}

/**
 * The whole a part is counted out of: "I polled it 20 times; it read 0 on 9 of them" (the samples "them"
 * points back to are all of them), "Out of 20 reads, 9 were low" (the figure the sentence goes on to
 * count is a part of the whole).
 */
function markWholes(text: string, mentions: readonly NumberMention[]): void {
  let lastCount: NumberMention | undefined;
  mentions.forEach((n, i) => {
    if (/^\s+(?:of|out of)\s+(?:them|those|these)\b/i.test(text.slice(n.end, n.end + 20))) {
      if (lastCount !== undefined && !lastCount.fixed) fixCount(lastCount, 'total');
    }
    if (n.kind === 'count') lastCount = n;
    // "Out of 20 reads, 9 were low", "Of the 10 samples taken, 2 read high".
    if (n.kind !== 'count' || !/(?:\bout of|(?:^|[.!?;:]\s+|\n\s*)of)\s+(?:the\s+|all\s+)?$/i.test(text.slice(Math.max(0, n.start - 20), n.start))) return;
    // The part counted out of the whole: the next figure of its sentence that is no time ("over 4 seconds").
    let j = i + 1;
    while (mentions[j]?.kind === 'time' && mentions[j]!.sentence === n.sentence) j++;
    const part = mentions[j];
    if (part === undefined || part.sentence !== n.sentence || part.fixed || part.kind !== 'value' || part.units.length > 0) return;
    // "9 were low", "the switch was pressed in 3 (at 2.75 s ...)".
    if (CONDITION_AFTER.test(text.slice(part.end, part.end + 30)) || /\bin\s+$/i.test(text.slice(Math.max(0, part.start - 6), part.start))) {
      fixCount(n, 'total');
      fixCount(part, 'count');
    }
  });
}

/** A number of samples read off an unmistakable pattern: all of them (`total`) or those meeting a condition. */
function fixCount(n: NumberMention, stat: 'count' | 'total'): void {
  n.kind = 'count';
  n.stats.delete(stat === 'count' ? 'total' : 'count');
  n.stats.add(stat);
  n.fixed = true;
}

/** A dash between two figures: a minus only in a worked formula, else a pause ("955 counts - 655 above"). */
const MINUS = /^\s*\)?\s*[-−]\s*\(?\s*$/;

/** Whether two figures stand in a worked formula: in parentheses, or with a result sign after them. */
function formula(a: NumberMention, b: NumberMention, text: string, offset: number): boolean {
  const before = text.slice(Math.max(0, a.start - offset - 3), a.start - offset);
  const after = text.slice(b.end - offset, b.end - offset + 24);
  return /\(\s*$/.test(before) || /^\s*\)/.test(after) || /^\s*\)?\s*(?:[=\u2248x×*/÷+]|[-−]\s*\d|times|equals|gives)/i.test(after);
}

/** The operands of a worked calculation go; its result ("= 1649.6 mV") stays. */
function dropOperands(numbers: NumberMention[], text: string, offset: number): NumberMention[] {
  const operand = new Set<NumberMention>();
  for (let i = 0; i + 1 < numbers.length; i++) {
    const between = text.slice(numbers[i]!.end - offset, numbers[i + 1]!.start - offset);
    if (separates(numbers[i]!, numbers[i + 1]!, text, offset)) continue;
    // "2^16 - 1": a minus goes on with a chain already worked.
    if (OPERATOR.test(between) && (!MINUS.test(between) || operand.has(numbers[i]!) || formula(numbers[i]!, numbers[i + 1]!, text, offset))) {
      operand.add(numbers[i]!);
      operand.add(numbers[i + 1]!);
    } else if (
      EQUALS.test(between) &&
      (operand.has(numbers[i]!) || OPERATOR.test(text.slice(Math.max(0, numbers[i]!.start - offset - 6), numbers[i]!.start - offset)))
    ) {
      operand.add(numbers[i]!);
    }
  }
  // "count / 1.2", "raw x 3.3": a figure a named quantity is worked with is a coefficient of the formula.
  for (const n of numbers) {
    const before = text.slice(Math.max(0, n.start - offset - 30), n.start - offset);
    const named = /(?<![\p{N}\s])\s*(?:[×*÷^]|\s\/\s)\s*\(?\s*$/u.exec(before);
    if (named === null) continue;
    const word = /(\p{L}+)\s*\)?$/u.exec(before.slice(0, named.index))?.[1];
    if (word !== undefined && word.length >= 3 && unitAt(` ${word}`) === null) operand.add(n);
  }
  // The first operand of a chain, when it carries a unit, is the reading worked from ("0.321 V x 100 = 32.1 C").
  for (let i = 0; i < numbers.length; i++) {
    const n = numbers[i]!;
    if (!operand.has(n) || n.units.length === 0) continue;
    const prev = numbers[i - 1];
    if (prev === undefined || !OPERATOR.test(text.slice(prev.end - offset, n.start - offset))) operand.delete(n);
  }
  // The last number of a chain is its result when an equals sign leads to it, and a result worked out from
  // operands is a derived value ("(0.73 - 0.5) x 100 = 23 C").
  for (let i = 1; i < numbers.length; i++) {
    const between = text.slice(numbers[i - 1]!.end - offset, numbers[i]!.start - offset);
    if (!EQUALS.test(between)) continue;
    if (operand.has(numbers[i - 1]!)) numbers[i]!.stats.add('derived');
    // "= 0.832 / 2.095 x 100": a result the working goes on from is an operand of the next step.
    const next = numbers[i + 1];
    if (next !== undefined && operand.has(next) && OPERATOR.test(text.slice(numbers[i]!.end - offset, next.start - offset))) continue;
    operand.delete(numbers[i]!);
  }
  return numbers.filter((n) => !operand.has(n));
}

/** Hex codes ("28F79B36D8EA95EF", "28-F7-9B-36-D8-EA-95-EF"): ROM addresses and scratchpads. */
export function codesIn(read: ReadText): NumberMention[] {
  const codes: NumberMention[] = [];
  read.sentences.forEach((sentence, index) => {
    for (const match of sentence.text.matchAll(
      /(?<![\p{L}\p{N}])(?:0x)?(?:(?:[0-9a-f]{2}[-:]?){3,}[0-9a-f]{2,}|(?:[0-9a-f]{2} ){7,}[0-9a-f]{2})(?![\p{L}\p{N}])/giu,
    )) {
      const code = match[0].replace(/^0x/i, '').replace(/[-: ]/g, '').toUpperCase();
      if (code.length < 8 || (!/[A-F]/.test(code) && !/^\d{8,}$/.test(code))) continue;
      const start = sentence.start + (match.index ?? 0);
      codes.push({
        start,
        end: start + match[0].length,
        text: match[0],
        value: Number.NaN,
        resolution: 0,
        units: [],
        kind: 'code',
        code,
        stats: new Set(),
        sentence: index,
      });
    }
  });
  return codes;
}

/** What joins listed numbers: "30 and 32", "0.0865 V vs roughly 0.0183 V", "18 mV over the 4 s, versus 87 mV". */
const LIST_JOINER =
  /^\s*(?:(?:over|across|during|in)\s+the\s+(?:\d+(?:\.\d+)?\s*)?(?:s|sec|seconds|minutes|window|series|samples|readings)\s*)?(?:,|and|, and|&|vs\.?|versus|, versus|\/|then|against|compared (?:to|with)|, compared (?:to|with))\s*(?:about|around|roughly|approximately|nearly|just|only)?\s*$/i;

/** What offers a second figure for the same thing: "31 or maybe 33", "6 samples - or 5". */
const ALTERNATIVE_JOINER =
  /^\s*(?:\p{L}+\s*)?(?:,|\s[-\u2013\u2014]|[-\u2013\u2014])?\s*(?:or|or maybe|or perhaps|or possibly|maybe|perhaps|possibly|or even|or else|either|or so,? or)\s+(?:\w+\s+)?(?:about\s+|around\s+|roughly\s+)?$/iu;

/**
 * Whether two figures are offered as alternatives: a maybe always offers one; a plain "or" in another unit
 * ("4 of 10 samples, or 40 %") restates.
 */
function alternatives(a: NumberMention, b: NumberMention, between: string): boolean {
  // "0 readings said tilted - maybe 1 if ...": a maybe right before a figure offers it, whatever came between.
  if (
    a.kind !== 'time' &&
    b.kind !== 'time' &&
    between.length <= 80 &&
    /(?:^|[,;\u2013\u2014-]|\bor)\s*(?:maybe|perhaps|possibly)\s+(?:about\s+|around\s+|roughly\s+)?$/iu.test(between)
  )
    return true;
  if (!ALTERNATIVE_JOINER.test(between)) return false;
  if (/maybe|perhaps|possibly/i.test(between)) return true;
  // A count is in no unit: a figure with one after it ("or 40 %") is the count in another measure.
  const other = (x: NumberMention, y: NumberMention) => x.kind === 'count' && y.units.length > 0;
  if (other(a, b) || other(b, a)) return false;
  return /\bor\b/i.test(between) && (a.units.length === 0 || b.units.length === 0 || a.units.join() === b.units.join());
}

/** "N of (the) M", "N out of M", "N/M": a count and its total; "from X to Y", "between X and Y": two ends; lists and alternatives. */
/**
 * "The rest of the readings hovered between 58 and 61", "the first three samples were near zero (-0.22 to
 * 0.22)": a span said of some of the samples, not the ends of the whole series.
 */
const SUBSET =
  /\b(?:the rest|the others?|the remaining|all (?:the )?other|(?:first|last|next|final|initial|other|remaining|early|earlier|later)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|few|couple(?:\s+of)?|several|handful(?:\s+of)?)\b)(?:(?!\b(?:but|while|whereas|however|although|though|overall)\b|;).)*$/i;

/** "mostly 0.6-0.9 V", "most readings sat between about 0.58 and 0.93 V": a span the series mostly kept to, said right before it. */
const MOSTLY_BEFORE =
  /\b(?:mostly|most of the (?:time|samples|readings|values)|most (?:other\s+)?(?:samples|readings|values)(?:\s+(?:sat|stayed|were|was|hovered|ran|fell|lay|ranged))?)\s+(?:(?:in\s+the\s+range\s+|between\s+|from\s+|around\s+)?(?:about\s+|around\s+|roughly\s+)?)?$/i;

/** "between 0.65 and 0.95 V most of the time": a span the series kept to, not its ends. */
const MOSTLY_AFTER = /^\s*(?:[a-z%°/]+\s*)?(?:,\s*)?(?:most of the time|much of the time|mostly|usually|typically|otherwise|in between)\b/i;

/** "the extremes were", "its extremes: ": the two ends of a series, named together. */
const EXTREMES_BEFORE = /\bextremes?\b(?:\s+[\p{L}\p{N}-]+){0,5}?\s*(?:were|are|was|:|of)\s*(?:about\s+|around\s+)?$/iu;

/** "119.7 cm, then 120 cm": figures in the order they came. */
const THEN = /^\s*,?\s*(?:and\s+)?then\s*(?:about\s+|around\s+|roughly\s+)?$/i;

function markPatterns(numbers: NumberMention[], text: string, offset: number): void {
  // Whether the sentence speaks of change, where an arrow is a move from one figure to the next: read once.
  let changing: boolean | undefined;
  const speaksOfChange = (): boolean => {
    changing ??= /\b(?:change|changed|first|start|started|from|went|rose|fell|dropped|climbed)\b/i.test(text);
    return changing;
  };
  // "from 0.195 V (195 mV) to 0.197 V (197 mV)": a figure restated in parentheses stands aside; the span is
  // read between the figures around it, and the restatement shares what its figure is.
  const restating = new Map<NumberMention, NumberMention>();
  for (let i = 1; i < numbers.length; i++) {
    const before = text.slice(numbers[i - 1]!.end - offset, numbers[i]!.start - offset);
    const after = text.slice(numbers[i]!.end - offset, numbers[i]!.end - offset + 3);
    const [figure, aside] = [numbers[i - 1]!, numbers[i]!];
    // Only a conversion restates: the same figure in another unit ("(+218.4 lux)" after a move is its size).
    const converted = figure.units.length > 0 && aside.units.length > 0 && figure.units.join() !== aside.units.join() && !/^[+\u2212-]/.test(aside.text);
    if (converted && /^\s*\(\s*(?:about|around|roughly|approx\.?|~|\u2248)?\s*$/i.test(before) && /^\s*\)/.test(after)) restating.set(aside, figure);
  }
  const spanned = numbers.filter((n) => !restating.has(n));
  for (let i = 0; i + 1 < spanned.length; i++) {
    const a = spanned[i]!;
    const b = spanned[i + 1]!;
    if (restating.size > 0 && numbers.indexOf(b) !== numbers.indexOf(a) + 1) {
      const aside = text.slice(a.end - offset, b.start - offset);
      if (!/^\s*\([^()]*\)\s*(?:(?:up\s+|down\s+)?to|and|through|until|-)\s*(?:about\s+|around\s+)?$/i.test(aside)) continue;
    }
    const between = text.slice(a.end - offset, b.start - offset).replace(/^\s*\([^()]*\)/, '');
    const before = text.slice(Math.max(0, a.start - offset - LOOK_BEHIND), a.start - offset);
    const tally = a.units.length === 0 && b.units.length === 0 && b.value >= a.value && Number.isInteger(a.value) && Number.isInteger(b.value);
    // "3 of 8", "10 lows out of 20 samples", "3/8".
    if (/^\s*(?:of|out of)\s+(?:the\s+|all\s+|all\s+the\s+)?$/i.test(between) || (tally && /^\s*(?:\p{L}+\s+out of|\/)\s*$/iu.test(between))) {
      fixCount(a, 'count');
      fixCount(b, 'total');
      continue;
    }
    // "108.3 → 326.7 lux": an arrow between figures of one unit is a move from one to the other.
    const gap = (n: NumberMention) => n.stats.has('difference') || n.stats.has('delta');
    const sameMeasure = (a.units.length === 0 || b.units.length === 0 || a.units.join() === b.units.join()) && !gap(a) && !gap(b);
    // "11.2 % -> 0.112": a bare figure a hundred or a thousand times off the one before is it rescaled, not a move.
    const ratio = a.units.length > 0 && b.units.length === 0 && a.value !== 0 && b.value !== 0 ? Math.log10(Math.abs(b.value / a.value)) : 0;
    const rescaled = [2, 3].some((k) => Math.abs(Math.abs(ratio) - k) < 0.005);
    const arrow = /^\s*(?:->|\u2192|=>)\s*$/.test(between) && !rescaled && (sameMeasure || speaksOfChange());
    const span =
      arrow ||
      (/^(?:\s*(?:(?:up\s+|down\s+)?to|and|through|until)\s*(?:about\s+|around\s+)?|-)$/i.test(between) &&
        (!/^\s*and/i.test(between) || /\bbetween\s+(?:\w+\s+){0,3}$/i.test(before)));
    if (
      span &&
      a.kind === b.kind &&
      !SUBSET.test(before.slice(-80)) &&
      !MOSTLY_BEFORE.test(before) &&
      !MOSTLY_AFTER.test(text.slice(b.end - offset, b.end - offset + 40))
    ) {
      // "30 to 32 C", "between 30 and 32", "from 51 to 53 %": the ends of a span, lowest first or first first.
      const moving =
        arrow ||
        /\b(?:from|went|go|going|gone|moved|rose|risen|fell|dropped|climbed|started|changed|drifted|increased|decreased)\s+(?:\w+\s+){0,3}$/i.test(before);
      const rising = a.value <= b.value;
      a.stats.add(rising ? 'lower-end' : 'upper-end');
      b.stats.add(rising ? 'upper-end' : 'lower-end');
      if (moving) {
        a.stats.add('first');
        b.stats.add('last');
      }
      if (b.units.length > 0 && a.units.length === 0) a.units = b.units;
    }
  }
  for (const [aside, figure] of restating) for (const stat of figure.stats) aside.stats.add(stat);
  // "The extremes were -56.6 °/s at t=2 s and +53 °/s at t=3 s": the two figures after are the series' ends,
  // whatever their times, the lower one its lowest.
  const values = numbers.filter((n) => n.kind === 'value');
  for (let i = 0; i + 1 < values.length; i++) {
    const [a, b] = [values[i]!, values[i + 1]!];
    if (!EXTREMES_BEFORE.test(text.slice(Math.max(0, a.start - offset - LOOK_BEHIND), a.start - offset))) continue;
    if (!/^[^.;:!?]{0,40}?\b(?:and|to)\s+(?:about\s+|around\s+)?$/i.test(text.slice(a.end - offset, b.start - offset))) continue;
    a.stats.add(a.value <= b.value ? 'lower-end' : 'upper-end');
    b.stats.add(a.value <= b.value ? 'upper-end' : 'lower-end');
  }
  // "119.7 cm, then 120 cm 5 s later": figures in time order start with the first reading (the next is only
  // the next: where the last one is, words must say).
  for (let i = 0; i + 1 < numbers.length; i++) {
    const start = numbers[i]!;
    if (start.kind !== 'value' || numbers[i + 1]!.kind !== 'value' || !THEN.test(text.slice(start.end - offset, numbers[i + 1]!.start - offset))) continue;
    if (i > 0 && THEN.test(text.slice(numbers[i - 1]!.end - offset, start.start - offset))) continue;
    if (SUBSET.test(text.slice(Math.max(0, start.start - offset - 80), start.start - offset))) continue;
    start.stats.add('first');
  }
  // Groups: numbers joined only by "or" are alternatives; by "and", ",", "vs", "/", "then", a list.
  let list: NumberMention[] = [];
  const flush = () => {
    if (list.length >= 2) {
      const id = nextGroup++;
      list.forEach((n, position) => {
        n.list = { id, position };
      });
    }
    list = [];
  };
  const listed = numbers.filter((n) => n.kind !== 'time');
  for (let i = 0; i < listed.length; i++) {
    const n = listed[i]!;
    const prev = listed[i - 1];
    const between = prev === undefined ? '' : text.slice(prev.end - offset, n.start - offset);
    if (prev !== undefined && alternatives(prev, n, between)) {
      prev.alternatives ??= nextGroup++;
      n.alternatives = prev.alternatives;
      continue;
    }
    if (prev !== undefined && LIST_JOINER.test(between)) {
      if (list.length === 0) list.push(prev);
      list.push(n);
    } else flush();
  }
  flush();
}
