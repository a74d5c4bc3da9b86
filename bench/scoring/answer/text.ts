/**
 * An answer as the checker reads it: one plain text (markdown emphasis, list markers and typography
 * undone; a markdown table rewritten as one sentence per cell that names its row and column), split into
 * sentences, each in its paragraph. Every later step works on offsets into this text.
 */

export interface Sentence {
  /** Offsets into `ReadText.text`. */
  start: number;
  end: number;
  text: string;
  /** A question, or the user's question restated ("You asked if the beam is blocked."): not a statement. */
  question: boolean;
  /** Sentences of one paragraph (no blank line between) share it; a heading line starts its own. */
  paragraph: number;
  /** A line with no sentence-ending punctuation and no number: a heading ("**Garden**", "Living room:"). */
  heading: boolean;
}

export interface ReadText {
  text: string;
  sentences: Sentence[];
}

/** A sentence that restates what the user asked ("You asked if ...", "The question is whether ..."). */
const RESTATED =
  /^(?:you (?:asked|wanted|want|need|needed|would like|'d like|were asking|are asking|wanted me|asked me)|the question (?:is|was)|to answer|as you asked(?!\s*,)|you're asking|your question)\b/i;

/** A question put as a label, its answer after the colon: "How far below the threshold is it: 296 counts". */
const ASKED_LABEL =
  /^(?:how|which|whether|is|are|was|were|does|did|do|can|could|should|has|have)\b[^:]{0,80}?\b(?:it|they|there|this|that|he|she|we|you|i)\b[^:]{0,40}:(?=\s)/i;

/** Abbreviations whose full stop does not end a sentence. */
const ABBREVIATIONS = /(?:^|[\s(])(?:approx|ca|e\.g|i\.e|vs|etc|no|nr|fig|min|max|avg|temp|approx|est|resp|incl|deg)\.$/i;

/** Typography to plain text: the same length is not kept, offsets refer to the result. */
function plain(text: string): string {
  return (
    text
      .normalize('NFKC')
      .replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000]/g, ' ')
      .replace(/[\u2018\u2019\u02bc]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
      // A minus sign is a hyphen-minus ("max \u2212 min", "\u22120.9"); a dash between two numbers a range ("30–32").
      // Hyphens of other code points ("mid\u201040s") are hyphens.
      .replace(/[\u2010\u2011]/g, '-')
      .replace(/[\u2212\u2012]/g, '-')
      .replace(/(\d)\s?[\u2013\u2014]\s?(?=[-+]?\d)/g, '$1 to ')
      .replace(/[\u2013\u2014]/g, ' - ')
      .replace(/\u00b5|\u03bc/g, 'u')
      .replace(/\u00ba/g, '\u00b0')
      .replace(/\u2248|~(?=\s?\d)/g, 'about ')
      .replace(/\u00b1/g, ' +/- ')
      .replace(/\u00b2/g, '2')
      // Markdown: emphasis, code, headings, quotes, links.
      .replace(/\*\*|__|`+/g, '')
      .replace(/(^|\s)[*_](?=\S)|(?<=\S)[*_](?=\s|$|[.,;:!?])/gm, '$1')
      // A markdown heading keeps a mark (an invisible separator) so it is read as a heading even with figures in it.
      .replace(/^\s{0,3}#{1,6}\s+/gm, HEADING_MARK)
      .replace(/^\s*>\s?/gm, '')
      .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
  );
}

function tableCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());
}

const UNIT_HEADER = /^\(?\s*(?:°\s*[CF]|deg\s*[CF]|kelvin|K|lux|lx|fc|V|mV|volts?|millivolts?|cm|mm|m|%|%RH|dBA?|mT|uT|G|rad|deg|deg\/s|m\/s2?)\s*\)?$/i;
const TABLE_RULE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/**
 * A markdown table as sentences: for each row, one clause per cell, "<row label> <column header>: <cell>",
 * so "| Garden | 36 C |" under "| Place | Temperature |" reads "Garden Temperature: 36 C".
 */
/** A cell stating a figure: "2.368 V", "~36 C", "-0.9". */
const FIGURE_CELL = /^[-+~\u2248]?\s*\d/;

/**
 * The clauses of a table row: "<row label> <column header>: <cell>" per cell. In a row that mixes words and
 * figures ("| esp32c3-garden | HW-080 (mean of 6) | 2.368 V |") the cells of words come first, without a colon,
 * so they head the figures as a label does: "esp32c3-garden Sensor HW-080 (mean of 6), esp32c3-garden Voltage: 2.368 V".
 */
function rowClauses(label: string, cells: readonly string[], header: readonly string[]): string[] {
  const figure = (j: number) => FIGURE_CELL.test(cells[j]!);
  const mixed = cells.some((_, j) => figure(j)) && cells.some((_, j) => !figure(j));
  const clause = (j: number) => {
    const head = header[j] ?? '';
    // A column headed by a unit ("| °C |", "| Kelvin |") gives its cells that unit.
    if (UNIT_HEADER.test(head)) return `${label}: ${cells[j]} ${head}`;
    return mixed && !figure(j) ? `${label} ${head} ${cells[j]}` : `${label} ${head}: ${cells[j]}`;
  };
  const order = [...cells.keys()];
  if (mixed) order.sort((a, b) => Number(figure(a)) - Number(figure(b)));
  return order.map((j) => clause(j).replace(/\s+/g, ' ').trim());
}

function untable(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1];
    if (line.includes('|') && next !== undefined && TABLE_RULE.test(next)) {
      const header = tableCells(line);
      i += 2;
      const rows: string[] = [];
      for (; i < lines.length && lines[i]!.includes('|') && lines[i]!.trim() !== ''; i++) {
        const cells = tableCells(lines[i]!);
        // A first column of words labels its row; a first column of figures is data like the rest.
        const labelled = !/^[-+~\u2248]?\s*\d[\d.,\s\u2013-]*\s*[\p{L}%\u00b0/]{0,6}$/u.test(cells[0] ?? '');
        const label = labelled ? (cells[0] ?? '') : '';
        rows.push(`${rowClauses(label, cells.slice(labelled ? 1 : 0), header.slice(labelled ? 1 : 0)).join(', ') || label}.`);
      }
      i--;
      out.push(...rows, '');
      continue;
    }
    out.push(line);
  }
  return out.join('\n');
}

/** Sentence ends inside one line: ". ", "! ", "? " not after an abbreviation or inside a number. */
function splitLine(line: string, offset: number, push: (start: number, end: number) => void): void {
  let start = 0;
  const ends = /[.!?;]+(?=\s|$)/g;
  for (const match of line.matchAll(ends)) {
    const end = (match.index ?? 0) + match[0].length;
    const sentence = line.slice(start, end);
    // "No. 3" numbers an item; "No. Only 4 of 6" is a reply and ends its sentence.
    const reply = /(?:^|\s)no\.$/i.test(sentence) && !/^\s*\d/.test(line.slice(end));
    if (match[0] === '.' && ABBREVIATIONS.test(sentence) && !reply) continue;
    push(offset + start, offset + end);
    start = end;
  }
  if (start < line.length) push(offset + start, offset + line.length);
}

/** Words of a span; a hyphenated name ("esp32s3-kitchen", "5-second") or a contraction is one word. */
export function wordCount(text: string): number {
  return (text.match(/[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*/gu) ?? []).length;
}

/** What stands in a read text where a markdown heading's "## " stood. */
const HEADING_MARK = '\u2063';

export function readText(answer: string): ReadText {
  // List markers go: their numbers are not statements ("1. Living room: 31 C").
  const text = untable(plain(answer)).replace(/^(\s*)(?:[-*+\u2022]|\d{1,2}[.)])\s+/gm, '$1');
  const sentences: Sentence[] = [];
  let paragraph = 0;
  let offset = 0;
  // A heading opens a paragraph that runs to the next blank line after its body, or the next heading.
  let afterHeading = false;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (!afterHeading) paragraph++;
      offset += line.length + 1;
      continue;
    }
    const marked = line.startsWith(HEADING_MARK);
    const heading = marked || (!/[.!?;:]\s*$/.test(line.trim()) && !/(?<![\p{L}\d])\d/u.test(line) && line.trim().split(/\s+/).length <= 8);
    if (heading) paragraph++;
    afterHeading = heading;
    const lineEnd = offset + line.length;
    splitLine(line, offset, (start, end) => {
      const raw = text.slice(start, end);
      let lead = raw.length - raw.trimStart().length;
      let body = raw.trim();
      if (body.startsWith(HEADING_MARK)) {
        lead += raw.trimStart().length - raw.trimStart().slice(1).trimStart().length;
        body = body.slice(1).trim();
      }
      // An enumerator between sentences of a line ("... in the kitchen. 1. The spread ...") is a list marker.
      const enumerator = /^\d{1,2}[.)]$/.test(body) && text.slice(end, lineEnd).trim() !== '';
      if (body === '' || /^[.!?;]+$/.test(body) || enumerator) return;
      // "To answer how many lows there were: 10 of 20." keeps what follows the restated question.
      let restated = RESTATED.exec(body) ?? ASKED_LABEL.exec(body);
      if (restated && /:\s*\S/.test(body)) {
        const colon = body.indexOf(':') + 1;
        sentences.push({ start: start + lead, end: start + lead + colon, text: body.slice(0, colon), question: true, paragraph, heading });
        lead += colon + (body.slice(colon).length - body.slice(colon).trimStart().length);
        body = body.slice(colon).trim();
        restated = null;
      }
      sentences.push({
        start: start + lead,
        end: start + lead + body.length,
        text: body,
        question: /\?[;,:]?\s*$/.test(body) || (restated !== null && !/:/.test(body)),
        paragraph,
        heading,
      });
    });
    offset += line.length + 1;
  }
  return { text, sentences };
}
