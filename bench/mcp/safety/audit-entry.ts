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
  /** The MCP tool called. */
  tool: string;
  /** The actuator's canonical name (`core/actuators/types.ts`). */
  actuator: string;
  /** The tool's arguments as they arrived (JSON values). */
  args: Readonly<Record<string, unknown>>;
  decision: AuditDecision;
  outcome: AuditOutcome;
}

export interface AuditEntry extends AuditRecord {
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
 * longer is refused whole (never cut short), and the verifier never holds more than this of one line.
 */
export const AUDIT_MAX_LINE_BYTES = 16 * 1024;

const HASH_PATTERN = /^[0-9a-f]{64}$/;

/** Whether `text` has the form of a hash the log writes (64 lowercase hex digits). */
export function isAuditHash(text: unknown): text is string {
  return typeof text === 'string' && HASH_PATTERN.test(text);
}

/**
 * The entry a line holds, or why it is not one. Only the fields the chain rests on are checked here: the rest
 * is covered by the hash, so a log stays verifiable when the vocabulary of decisions and outcomes grows.
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
