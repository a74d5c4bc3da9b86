import { canonicalJson } from '../../../core/canonical-json.js';

/**
 * One line of the actuator audit log: who called which actuator tool with what, what the safety gate decided
 * and why, and what came of it. Every actuator call has one, allowed or not. `prev` and `hash` chain the lines:
 * changing, removing, adding or reordering any of them breaks the chain (`audit-verify.ts`).
 */

/** The gate's decision on one call. */
export interface AuditDecision {
  allowed: boolean;
  /** The policy rule that decided, when one did. */
  rule?: string;
  /** Why, in words a reader of the log understands. */
  reason?: string;
}

/**
 * What came of the call. `pending` is what the gate writes before it sends an allowed command: an actuation
 * that could not be recorded must not happen, so the record comes first.
 */
export type AuditOutcome = { status: 'refused' } | { status: 'pending' } | { status: 'done'; value?: number } | { status: 'failed'; error: string };

/** What the caller of `AuditLog.append` gives; the log adds the time, the sequence number and the chain. */
export interface AuditRecord {
  /** Who called: the MCP session, trial or user the call came from. */
  caller: string;
  /**
   * Whose moves the gate judged it among: `live` (the physical fleet) or `trial:<id>` (a benchmark trial, whose
   * moves act on its simulated world only). Absent on lines written before it was kept, and on a call refused
   * before its world could be read.
   */
  scope?: string;
  /** The MCP tool called. */
  tool: string;
  /** The actuator's canonical name (`core/actuators/types.ts`). */
  actuator: string;
  /** The tool's arguments as they arrived (JSON values). */
  args: Readonly<Record<string, unknown>>;
  decision: AuditDecision;
  outcome: AuditOutcome;
}

/**
 * What a line holds in place of arguments too large for it: enough to tell what was sent (its size, its hash
 * and how it began) without the bulk. The arguments are then `{}`, and the call was refused by the log.
 */
export interface AuditArgsOmitted {
  /** Bytes of the arguments' canonical JSON. */
  bytes: number;
  /** SHA-256 of the arguments' canonical JSON, in hex. */
  sha256: string;
  /** The first characters of the arguments' canonical JSON. */
  preview: string;
}

export interface AuditEntry extends AuditRecord {
  /**
   * Present when the arguments were too large for a line: they are `{}`, and this says what they were. `append`
   * rejected the call (after writing this line), so it was not carried out.
   */
  argsOmitted?: AuditArgsOmitted;
  /** 1 for the first line of a log, one more on each line after it. */
  seq: number;
  /** ISO 8601, when the call was handed to the log. */
  time: string;
  /** The previous line's `hash` (`AUDIT_GENESIS` on the first line). */
  prev: string;
  /** SHA-256, or HMAC-SHA-256 with a key, over `prev` and the canonical JSON of this entry without `hash`. */
  hash: string;
}

/**
 * The longest line the log writes or reads, newline included. Arguments are small; an entry that would be
 * longer is written with its arguments replaced by `argsOmitted` (never cut short), and the verifier never
 * holds more than this of one line.
 */
export const AUDIT_MAX_LINE_BYTES = 16 * 1024;

const HASH_PATTERN = /^[0-9a-f]{64}$/;

/** Whether `text` has the form of a hash the log writes (64 lowercase hex digits). */
export function isAuditHash(text: unknown): text is string {
  return typeof text === 'string' && HASH_PATTERN.test(text);
}

/** The fields of an entry between `seq` and `prev`, in the order a line holds them. */
const BODY_FIELDS = ['time', 'caller', 'scope', 'tool', 'actuator', 'args', 'argsOmitted', 'decision', 'outcome'] as const;

/** An entry without its place in the chain: what `auditBodyText` writes. */
export type AuditBody = Pick<AuditEntry, (typeof BODY_FIELDS)[number]>;

/**
 * The body's fields as a line holds them, between `seq` and `prev`: in the fixed order above, each value as
 * canonical JSON. The text follows from the content alone, so a line can be held to it byte for byte.
 */
export function auditBodyText(body: AuditBody): string {
  const fields: string[] = [];
  for (const name of BODY_FIELDS) {
    if (body[name] !== undefined) fields.push(`"${name}":${canonicalJson(body[name])}`);
  }
  return fields.join(',');
}

/**
 * The one text the log writes for an entry (without the newline), and the only one the verifier accepts: any
 * other spelling of the same JSON (a key repeated or moved, other spacing or escapes, a CRLF ending) parses to
 * the same hash while other readers may see something else. `bodyText` is `auditBodyText(entry)`, when known.
 */
export function auditLineText(entry: AuditEntry, bodyText = auditBodyText(entry)): string {
  const fields = [`"seq":${JSON.stringify(entry.seq)}`, bodyText, `"prev":${JSON.stringify(entry.prev)}`, `"hash":${JSON.stringify(entry.hash)}`];
  return `{${fields.filter((field) => field !== '').join(',')}}`;
}

/** Why a line that parsed as `entry` is not the text the log writes for it; null when it is that text. */
export function auditLineMismatch(text: string, entry: AuditEntry): string | null {
  if (text === auditLineText(entry)) return null;
  if (text.endsWith('\r')) return 'the line ends in a carriage return (a CRLF line ending): it is not the text the log wrote';
  return 'the line is not byte for byte the text the log writes for its entry: a key was repeated or moved, or spacing or escapes were changed';
}

/**
 * The entry a line holds, or why it is not one. Only the fields the chain rests on are checked here: the rest
 * is covered by the hash, and the line's exact text by `auditLineMismatch`.
 */
export function parseAuditLine(text: string): { entry: AuditEntry } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'not valid JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { problem: 'not a JSON object' };
  const entry = value as Record<string, unknown>;
  if (!Number.isSafeInteger(entry['seq']) || (entry['seq'] as number) < 1) return { problem: '"seq" is missing or not a whole number of at least 1' };
  if (!isAuditHash(entry['prev'])) return { problem: '"prev" is missing or not a hash' };
  if (!isAuditHash(entry['hash'])) return { problem: '"hash" is missing or not a hash' };
  return { entry: value as AuditEntry };
}
