/**
 * How far apart two spans of one sentence are, in words plus a toll for each break between them (a comma, a
 * dash, "and", "but" ...), with parenthesised asides between them left out ("the mean LM35 output (6 samples,
 * over 3 s): 196 mV"). Cues are paired with figures by this distance, pair after pair, so it is answered from
 * prefix sums over the sentence's words and breaks in logarithmic time: an answer that lists every field of
 * every reading in one long sentence must not cost time in the square of its length.
 */

export interface Span {
  start: number;
  end: number;
}

/** Breaks between two spans and their toll, on top of the words between them. */
const BREAKS: readonly [RegExp, number][] = [
  [/,/g, 2],
  [/\)/g, 2],
  [/\s[-\u2013\u2014]\s/g, 3],
  [/\b(?:and|or|vs\.?|versus|compared\s+(?:to|with))\b/gi, 2],
  [/\b(?:but|while|whereas|although|though|however|yet|so|because|then)\b/gi, 6],
  [/\bwhich\b/gi, 1],
];

const WORD = /[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*/gu;
/** An aside: a parenthesis holding no other. */
const ASIDE = /\([^()]*\)/g;
/**
 * A worked calculation before its result: "Headroom = 40 - 31.9 = 8.1 C" names the result as directly as
 * "Headroom = 8.1 C"; its operands stand between the label and the result as an aside does.
 */
const WORKING =
  /[-+]?\d[\d.,]*(?:\s?[\p{L}\u00b0%]{1,3})?(?:\s*(?:[-\u2212+\u00d7*/\u00f7^]|\sx\s)\s*[-+]?\d[\d.,]*(?:\s?[\p{L}\u00b0%]{1,3})?)+(?=\s*(?:=|\u2248))/gu;

/** Tokens of one kind, none overlapping another: sorted by start, so also by end. */
class Tokens {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  /** prefix[i]: the weight of tokens 0..i-1. */
  readonly prefix: number[] = [0];

  add(start: number, end: number, weight: number): void {
    this.starts.push(start);
    this.ends.push(end);
    this.prefix.push(this.prefix[this.prefix.length - 1]! + weight);
  }

  /** The weight of the tokens lying wholly in [from, to). */
  within(from: number, to: number): number {
    if (to <= from) return 0;
    const lo = lowerBound(this.starts, from);
    const hi = upperBound(this.ends, to);
    return hi > lo ? this.prefix[hi]! - this.prefix[lo]! : 0;
  }
}

/** The first index whose value is >= x. */
export function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index whose value is > x. */
export function upperBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Word and break geometry of one sentence; offsets are those of the text the sentence lies in. */
export class SentenceGaps {
  private readonly words = new Tokens();
  private readonly breaks: Tokens[] = [];
  /** Each aside, with the words and the tolls inside it. */
  private readonly asides = new Tokens();
  private readonly asideWords = new Tokens();
  private readonly colons: number[] = [];
  /** Worked calculations, with their words and tolls. */
  private readonly workings = new Tokens();

  constructor(text: string, offset: number) {
    for (const m of text.matchAll(WORD)) this.words.add(offset + m.index!, offset + m.index! + m[0].length, 1);
    for (const [pattern, toll] of BREAKS) {
      const tokens = new Tokens();
      for (const m of text.matchAll(pattern)) tokens.add(offset + m.index!, offset + m.index! + m[0].length, toll);
      this.breaks.push(tokens);
    }
    for (const m of text.matchAll(ASIDE)) {
      const start = offset + m.index!;
      const end = start + m[0].length;
      this.asides.add(start, end, this.raw(start, end));
      this.asideWords.add(start, end, this.words.within(start, end));
    }
    for (let i = text.indexOf(':'); i !== -1; i = text.indexOf(':', i + 1)) this.colons.push(offset + i);
    if (/[=\u2248]/.test(text)) {
      for (const m of text.matchAll(WORKING)) {
        const start = offset + m.index!;
        const end = start + m[0].length;
        // One that overlaps an aside is left to it.
        if (this.asides.within(start - 1, end + 1) === 0 && !/[()]/.test(m[0])) this.workings.add(start, end, this.raw(start, end));
      }
    }
  }

  private raw(from: number, to: number): number {
    let sum = this.words.within(from, to);
    for (const tokens of this.breaks) sum += tokens.within(from, to);
    return sum;
  }

  /** Words plus break tolls between two spans, asides lying wholly between them left out. */
  distance(a: Span, b: Span): number {
    const [first, second] = a.start <= b.start ? [a, b] : [b, a];
    const from = first.end;
    const to = Math.max(first.end, second.start);
    return this.raw(from, to) - this.asides.within(from, to) - this.workings.within(from, to);
  }

  /** Words alone between two offsets, asides lying wholly between them left out. */
  wordsBetween(from: number, to: number): number {
    return this.words.within(from, to) - this.asideWords.within(from, to);
  }

  /**
   * Words between two offsets that stand in no aside at all: never more than `distance`, and growing as the
   * offsets move apart, so a scan outward from a cue can stop once it passes the farthest reach.
   */
  wordsOutsideAsides(from: number, to: number): number {
    if (to <= from) return 0;
    let sum = this.words.within(from, to);
    const { starts, ends } = this.asides;
    // The asides the span reaches into: those wholly inside come off by their prefix sums, the one or two an
    // end cuts through by the words of theirs that lie in the span.
    let first = upperBound(ends, from);
    let last = lowerBound(starts, to) - 1;
    if (first > last) return sum;
    if (starts[first]! < from) sum -= this.words.within(from, Math.min(to, ends[first++]!));
    if (first <= last && ends[last]! > to) sum -= this.words.within(Math.max(from, starts[last--]!), to);
    if (first <= last) sum -= this.asideWords.prefix[last + 1]! - this.asideWords.prefix[first]!;
    return sum;
  }

  /** Whether a colon stands between two offsets. */
  colonBetween(from: number, to: number): boolean {
    const i = lowerBound(this.colons, from);
    return i < this.colons.length && this.colons[i]! < to;
  }
}
