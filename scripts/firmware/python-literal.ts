/**
 * Writes a JSON-like value as a MicroPython literal, for the firmware's tables generated from the TypeScript
 * catalogues: the board carries its own copy (it cannot read ours), and the generator keeps the two equal.
 * Arrays become tuples (immutable, and smaller than lists on MicroPython's heap); `undefined` becomes `None`.
 */
export type PythonValue = string | number | boolean | null | undefined | readonly PythonValue[] | { readonly [key: string]: PythonValue };

export function pythonLiteral(value: PythonValue, indent = ''): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as a MicroPython literal`);
    return String(value);
  }
  // JSON string escapes are valid Python string escapes for every character JSON.stringify emits.
  if (typeof value === 'string') return JSON.stringify(value);
  const inner = `${indent}    `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '()';
    const items = value.map((item) => pythonLiteral(item, inner));
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  }
  const entries = Object.entries(value as { readonly [key: string]: PythonValue });
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${pythonLiteral(item, inner)},`).join('\n')}\n${indent}}`;
}
