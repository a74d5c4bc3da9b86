import type { AnswerFact, Part } from '../../../tasks/schema.js';
import { type Cue, cuesIn } from './cues.js';
import { PART_GROUPS } from './lexicon.js';
import { clauseEnd, clauseStart, isNegated } from './negation.js';
import { findPhrases } from './phrases.js';
import type { ReadText } from './text.js';
import { stateAfter } from './verdicts.js';

/**
 * Choices ("which is warmer, inside or the garden?"), read statement by statement: a cue ("warmer",
 * "the warmest") names the option it is said of, the one nearest it in its clause that is not being
 * compared against ("than the living room", "compared with the garden"); an inverse cue ("cooler") names the
 * other extreme; a negated cue ("the garden isn't warmer") names the other extreme too. A cue said of two
 * options at once ("either the garden or the living room is warmer") names neither and is a hedge.
 */

export type ChoiceFact = Extract<AnswerFact, { kind: 'choice' }>;

export interface ChoiceStatement {
  /** The option named, or null when the cue was said of two at once. */
  label: string | null;
  /** True when the statement names the pick, false when it names the opposite extreme. */
  pick: boolean;
  text: string;
}

/** Words that call two options equal. */
const TIE =
  /\b(?:a tie|tied|too close to call|no clear (?:winner|difference|leader)|neck and neck|dead heat|(?:about|roughly|essentially|basically|practically) (?:the same|equal))\b/i;

/** Options standing after these words are what another is compared with, not what the cue is said of. */
const COMPARED = /\b(?:than|compared\s+(?:to|with)|versus|vs\.?|relative\s+to|against|over|unlike)\s+(?:(?:the|in|at|inside|out|outside|of|on)\s+){0,2}$/i;

/**
 * The parts each option is about, read off the number facts that state its value ("garden" is the garden air
 * probe where the task asks for the air probe's temperature).
 */
function optionParts(fact: ChoiceFact, facts: readonly AnswerFact[]): Map<string, readonly Part[]> {
  const out = new Map<string, readonly Part[]>();
  if (!('of' in fact.value)) return out;
  for (const option of fact.value.of) {
    const same = facts.filter((f) => f.kind === 'number' && JSON.stringify(f.value) === JSON.stringify(option.value));
    out.set(
      option.label,
      same.flatMap((f) => ('about' in f ? (f.about?.parts ?? []) : [])),
    );
  }
  return out;
}

/** Whether the parts named in a span rule an option out: "the garden's soil probe reads cooler" is not the garden air. */
function otherPart(named: ReadonlySet<string>, parts: readonly Part[] | undefined): boolean {
  if (parts === undefined || parts.length === 0) return false;
  return PART_GROUPS.some((group) => {
    const wanted = parts.filter((p) => group.includes(p));
    const said = group.filter((p) => named.has(p));
    return wanted.length > 0 && said.length > 0 && !said.some((p) => wanted.includes(p));
  });
}

export function choiceStatements(read: ReadText, fact: ChoiceFact, names: readonly Cue[] = [], facts: readonly AnswerFact[] = []): ChoiceStatement[] {
  const parts = optionParts(fact, facts);
  const labels = Object.keys(fact.options);
  const optionLists = labels.map((label) => fact.options[label]!);
  const statements: ChoiceStatement[] = [];
  let first = true;
  for (const [index, sentence] of read.sentences.entries()) {
    if (sentence.question) continue;
    const text = sentence.text;
    const options = findPhrases(text, optionLists);
    // An answer that opens with an option ("The garden. It's 36 C there.", "X - it's at 208") names it.
    // "The workshop one.", "The z axis, at 9.867 m/s2." (a comma only where no other option follows).
    const opening = /^\s*(?:one|sensor|probe|board|axis|side|channel|reading)?\s*(?:[.!]|\s-\s|$|(,))/i.exec(
      options[0] === undefined ? '' : text.slice(options[0].end),
    );
    if (
      first &&
      options[0] !== undefined &&
      /^\s*(?:the\s+)?$/i.test(text.slice(0, options[0].start)) &&
      opening !== null &&
      (opening[1] === undefined || options.length === 1)
    ) {
      statements.push({ label: labels[options[0].list]!, pick: true, text: text.slice(options[0].start, options[0].end) });
    }
    first = false;
    if (options.length === 0) continue;
    // "essentially a tie between the encoder and the joystick", "too close to call": said of two options at once.
    const tie = TIE.exec(text);
    if (tie !== null && new Set(options.map((o) => o.list)).size > 1 && !isNegated(text, tie.index, tie.index + tie[0].length)) {
      statements.push({ label: null, pick: true, text: tie[0] });
      continue;
    }
    const cues = findPhrases(text, [fact.cues, fact.inverse_cues ?? []]);
    for (const cue of cues) {
      // Options said of: in the cue's clause (a "than" clause stays with it), not after a comparison word.
      const from = clauseStart(text, cue.start);
      let to = clauseEnd(text, cue.end);
      const thanTail = /^\s*(?:than|compared|versus|vs)\b/i.test(text.slice(cue.end));
      // "Higher: living room.": a label and its answer.
      const labelled = /^\s*:/.test(text.slice(cue.end));
      if (thanTail || labelled) to = clauseEnd(text, Math.min(text.length, to + 1));
      const candidates = options.filter(
        (o) =>
          o.start >= Math.max(0, from - 60) &&
          o.end <= to &&
          !COMPARED.test(text.slice(Math.max(0, o.start - 40), o.start)) &&
          (o.end <= cue.start || o.start >= cue.end),
      );
      if (candidates.length === 0) continue;
      // The parts named from the first option said of to the end of the cue's clause.
      const partsNamed = cuesIn(names, index, sentence.start + Math.min(...candidates.map((o) => o.start)), sentence.start + to).part;
      const distance = (o: { start: number; end: number }) => (o.end <= cue.start ? cue.start - o.end : o.start - cue.end);
      const inClause = candidates.filter((o) => o.start >= from);
      const pool = (inClause.length > 0 ? inClause : candidates).filter((o) => !otherPart(partsNamed, parts.get(labels[o.list]!)));
      if (pool.length === 0) continue;
      const named = new Set(pool.map((o) => labels[o.list]!));
      // "joystick pressed false": a state after the cue says which way.
      const negated = isNegated(text, cue.start, cue.end, cue.phrase) !== (stateAfter(text.slice(cue.end)) === false);
      const pick = (cue.list === 0) !== negated;
      if (named.size > 1) {
        // Two options in the clause: the nearer is what the cue is said of, unless they are joined ("X or Y").
        const sorted = [...pool].sort((a, b) => distance(a) - distance(b));
        const [near, far] = sorted;
        const joined = /^\s*(?:,|or|and|&|\/)\s*(?:the\s+|in\s+the\s+)?$/i.test(text.slice(Math.min(near!.end, far!.end), Math.max(near!.start, far!.start)));
        if (joined || distance(near!) === distance(far!)) {
          statements.push({ label: null, pick, text: text.slice(cue.start, cue.end) });
          continue;
        }
        statements.push({ label: labels[near!.list]!, pick, text: text.slice(cue.start, cue.end) });
        continue;
      }
      statements.push({ label: [...named][0]!, pick, text: text.slice(cue.start, cue.end) });
    }
  }
  return statements;
}
