import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Checks a presented secret against the expected one in constant time. Only the SHA-256 digest of the
 * secret is kept: comparing two equal-length digests with `timingSafeEqual` reveals neither the length
 * nor a matching prefix through timing, and the secret itself is not held in memory to be logged by mistake.
 */
export class TokenCheck {
  private readonly digest: Buffer;

  /** Throws when `token` could not travel in an HTTP header or a JSON line (see `checkTokenFormat`). */
  constructor(token: string, what = 'token') {
    checkTokenFormat(token, what);
    this.digest = sha256(token);
  }

  matches(candidate: string | undefined): boolean {
    if (candidate === undefined) return false;
    return timingSafeEqual(sha256(candidate), this.digest);
  }

  /** Whether an `Authorization` header carries the token as `Bearer <token>`. */
  matchesBearer(authorization: string | undefined): boolean {
    return this.matches(bearerToken(authorization));
  }

  // Never print anything derived from the secret, even by accident.
  toString(): string {
    return '[TokenCheck]';
  }
  toJSON(): string {
    return '[TokenCheck]';
  }
}

/** The token of `Authorization: Bearer <token>` (scheme case-insensitive, as RFC 6750 says); undefined otherwise. */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  const match = /^Bearer +(\S+) *$/i.exec(authorization);
  return match?.[1];
}

/** The longest secret accepted: far more than any generator makes, few enough bytes to hash per request. */
export const MAX_TOKEN_LENGTH = 4096;

/**
 * A secret must be 1 to 4096 visible ASCII characters (no spaces): it travels in an HTTP header and in a
 * device's JSON line. `openssl rand -hex 32` makes a good one.
 */
export function checkTokenFormat(token: string, what = 'token'): void {
  if (token.length === 0) throw new Error(`the ${what} is empty: give a secret (e.g. from \`openssl rand -hex 32\`)`);
  if (token.length > MAX_TOKEN_LENGTH) throw new Error(`the ${what} is longer than ${MAX_TOKEN_LENGTH} characters`);
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new Error(`the ${what} may contain only visible ASCII characters, no spaces (e.g. from \`openssl rand -hex 32\`)`);
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
