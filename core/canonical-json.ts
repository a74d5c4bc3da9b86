/**
 * JSON with object keys sorted at every level and no spaces, so the same content always gives the same text
 * (and hash), whatever order a writer put the keys in. Applied to a value that has been through JSON once, it
 * gives the same text as applied to that value read back.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const record = inner as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((name) => [name, record[name]]),
    );
  });
}
