/**
 * Tool-call arguments travel through the harness as JSON text (conversation.ts), but Anthropic and Ollama
 * speak in objects. These two functions cross that border in both directions for the adapters.
 */

/**
 * The object to send back to a provider that wants one. A model's malformed JSON from an earlier turn is
 * sent as `{}`: the provider cannot take text there, and the scorer already saw the raw text.
 */
export function argumentsObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through: not an object
  }
  return {};
}

/**
 * The JSON text of arguments a provider handed over: an object is serialised; a string (a server that broke
 * its own format and sent the model's text) is kept as it came, so scoring can call it malformed.
 * Undefined when there are none at all.
 */
export function argumentsText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
