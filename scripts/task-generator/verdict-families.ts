/**
 * Verdict words that come in families: a bank that lists one member of a family means them all, so an
 * answer that says "they match" is read like one that says "the same". A family is added only to the side
 * of a verdict that already holds one of its members, never to both.
 */

const FAMILIES: readonly (readonly string[])[] = [
  ['same', 'unchanged', 'identical', 'match', 'equal'],
  ['different', 'differ', 'changed'],
  ['triggered', 'tripped', 'fired', 'went off'],
];

/** A person present, and the words that deny one: a bank whose yes names someone hears "nobody" as no. */
const PEOPLE = ['someone', 'somebody', 'anyone', 'anybody'];
const NO_PEOPLE = ['nobody', 'no one', 'no-one'];

/** For a threshold verdict: words that say the line was not crossed, whichever side it is on. */
export const NOT_CROSSED = ['nowhere near'] as const;
/** Said only under a negation ("it didn't come anywhere near 30 C"), which turns it into "not crossed". */
export const CROSSED = ['anywhere near', 'close to'] as const;

/** `yes` and `no` with every family completed on the side that names one of its members. */
export function completeFamilies(yes: string[], no: string[]): void {
  for (const family of FAMILIES) {
    const inYes = family.some((w) => yes.includes(w));
    const inNo = family.some((w) => no.includes(w));
    if (inYes === inNo) continue;
    const side = inYes ? yes : no;
    side.push(...family.filter((w) => !yes.includes(w) && !no.includes(w)));
  }
  if (PEOPLE.some((w) => yes.includes(w))) no.push(...NO_PEOPLE.filter((w) => !yes.includes(w) && !no.includes(w)));
}
