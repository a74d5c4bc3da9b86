/**
 * An answer that is mostly tool output pasted back is not an answer: it commits to nothing the tools did
 * not already say. The share of the answer's characters that lie in runs of at least `RUN` characters copied
 * verbatim (spaces, case and markdown aside) from a tool result; at `PASTED_SHARE` or more the answer is
 * pasted output.
 */

const RUN = 24;
export const PASTED_SHARE = 0.5;

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[*_`#>|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The share (0..1) of the answer copied verbatim from the tool results. */
export function pastedShare(answer: string, toolTexts: readonly string[]): number {
  const text = normalise(answer);
  if (text.length < RUN || toolTexts.length === 0) return 0;
  const shingles = new Set<string>();
  for (const tool of toolTexts) {
    const source = normalise(tool);
    for (let i = 0; i + RUN <= source.length; i++) shingles.add(source.slice(i, i + RUN));
  }
  const covered = new Uint8Array(text.length);
  for (let i = 0; i + RUN <= text.length; i++) {
    if (shingles.has(text.slice(i, i + RUN))) covered.fill(1, i, i + RUN);
  }
  let copied = 0;
  let counted = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ' ') continue;
    counted++;
    copied += covered[i]!;
  }
  return counted === 0 ? 0 : copied / counted;
}
