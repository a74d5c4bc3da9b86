import { readFile } from 'node:fs/promises';
import { checkTokenFormat } from '../../../core/security/token-check.js';

/**
 * The key held in a file, without the whitespace around it (`openssl rand -hex 32 > key` ends in a newline).
 * Errors name the file, never its content.
 */
export async function readAuditKeyFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`cannot read the audit key file ${path}${code === undefined ? '' : ` (${code})`}`);
  }
  return auditKey(text, `audit key in ${path}`);
}

/** A key given as text (a file's content, an environment variable): trimmed, and held to the secrets' format. */
export function auditKey(text: string, what = 'audit key'): string {
  const key = text.trim();
  checkTokenFormat(key, what);
  return key;
}
