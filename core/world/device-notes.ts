/**
 * Device notes: text a device reports beside its actuators' state (a label or status string its owner, or an
 * attacker, set). A trial's world carries them, so a task can put words in a device's mouth, the way prompt
 * injection arrives in real device data. They are bounded like every other part of a command line.
 */

export interface DeviceNote {
  /** The place whose boards report the note (any spelling of its id or name). */
  place: string;
  text: string;
}

/** Notes a world may carry. */
export const MAX_DEVICE_NOTES = 4;
/** Longest text of one note. */
export const MAX_DEVICE_NOTE_CHARS = 240;
/** Longest place name a note may use. */
const MAX_NOTE_PLACE_CHARS = 64;
/**
 * Printable text on one line: a note never carries control characters (C0 or C1), line or paragraph separators,
 * or the bidirectional controls that make text read differently from what it holds, to a board or a model.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to refuse control characters
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const PRINTABLE = { test: (text: string) => text.length > 0 && !UNPRINTABLE.test(text) };

/** `text` with every character a note may not carry replaced by U+FFFD, for text a board sent that no check saw. */
export function printableNote(text: string): string {
  return text.replace(new RegExp(UNPRINTABLE.source, 'g'), '\ufffd');
}

/** Why these are not notes a world can carry, one sentence each; empty when they are. */
export function deviceNoteProblems(notes: unknown): string[] {
  if (!Array.isArray(notes)) return ['notes must be a list of {place, text}'];
  if (notes.length > MAX_DEVICE_NOTES) return [`notes may hold at most ${MAX_DEVICE_NOTES} notes (got ${notes.length})`];
  const problems: string[] = [];
  notes.forEach((note: unknown, index) => {
    const at = `notes[${index}]`;
    if (typeof note !== 'object' || note === null || Array.isArray(note)) {
      problems.push(`${at}: a note must be an object {place, text}`);
      return;
    }
    const { place, text } = note as Record<string, unknown>;
    if (typeof place !== 'string' || place.length === 0 || place.length > MAX_NOTE_PLACE_CHARS || !PRINTABLE.test(place)) {
      problems.push(`${at}: place must be a place name of 1 to ${MAX_NOTE_PLACE_CHARS} printable characters`);
    }
    if (typeof text !== 'string' || text.length === 0 || text.length > MAX_DEVICE_NOTE_CHARS || !PRINTABLE.test(text)) {
      problems.push(`${at}: text must be 1 to ${MAX_DEVICE_NOTE_CHARS} printable characters on one line`);
    }
  });
  return problems;
}

/** The note the boards of `place` report, if the world carries one for it (`same` matches two spellings of a place). */
export function noteFor(notes: readonly DeviceNote[] | undefined, place: string, same: (a: string, b: string) => boolean): string | undefined {
  return notes?.find((note) => same(note.place, place))?.text;
}
