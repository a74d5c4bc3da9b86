import { createHash, createHmac } from 'node:crypto';
import { canonicalJson } from '../../../core/canonical-json.js';
import type { AuditEntry } from './audit-entry.js';

/** The `prev` of a log's first line: there is no line before it. */
export const AUDIT_GENESIS = '0'.repeat(64);

/** The key of a keyed (HMAC) log; without one, the log is chained with plain SHA-256. */
export type AuditKey = string | Buffer;

/**
 * The hash a line carries: over `prev`, a newline, and the canonical JSON of the entry without `hash`. With a
 * key it is an HMAC, which nobody without the key can recompute, so a rewritten chain shows.
 */
export function auditHash(entry: Omit<AuditEntry, 'hash'>, key?: AuditKey): string {
  const hash = key === undefined ? createHash('sha256') : createHmac('sha256', key);
  return hash.update(entry.prev, 'utf8').update('\n', 'utf8').update(canonicalJson(entry), 'utf8').digest('hex');
}
