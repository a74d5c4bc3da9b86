import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { packageFile } from '../../core/package.js';
import type { Usage } from '../results/conversation.js';

/**
 * What a trial's tokens cost, from a dated price table anyone can edit (bench/loop/prices.json). Prices go
 * stale; the table says when they were taken and from where, and the run manifest records both, so a cost
 * figure can always be traced to the prices it was computed with.
 */

const price = z.number().nonnegative();

export const ModelPriceSchema = z.strictObject({
  /** USD per million input tokens. */
  input: price,
  /** USD per million output tokens. */
  output: price,
  /** USD per million input tokens served from the provider's prompt cache (input price when absent). */
  cachedInput: price.optional(),
});
export type ModelPrice = z.infer<typeof ModelPriceSchema>;

export const PriceTableSchema = z.strictObject({
  date: z.iso.date(),
  source: z.string().min(1),
  currency: z.string().min(1),
  unit: z.literal('per million tokens').optional(),
  /** Providers whose models run on our own hardware (or are not models at all): they cost nothing. */
  freeProviders: z.array(z.string().min(1)).default([]),
  models: z.record(z.string().min(1), ModelPriceSchema),
});
export type PriceTable = z.infer<typeof PriceTableSchema>;

/**
 * Reads and checks a price table; without a path, the one shipped with the package. Throws an error naming
 * the file and what is wrong with it.
 */
export async function loadPrices(path?: string): Promise<PriceTable> {
  const file = path ?? shippedPricesPath();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the price table ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`the price table ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = PriceTableSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}`);
    throw new Error(`the price table ${file} is invalid:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}

/**
 * USD for `usage` on `model`, or null when the table has no price for it. `inputTokens` counts cached input
 * tokens too (OpenAI's convention); those are charged at the cached price.
 */
export function costOf(table: PriceTable, model: string, usage: Usage, provider?: string): number | null {
  if (provider !== undefined && table.freeProviders.includes(provider)) return 0;
  const entry = priceOf(table, model);
  if (entry === null) return null;
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
  const uncached = usage.inputTokens - cached;
  const micro = uncached * entry.input + cached * (entry.cachedInput ?? entry.input) + usage.outputTokens * entry.output;
  return micro / 1_000_000;
}

/**
 * The price of a model id: its exact entry, else the longest key it starts with where the rest begins with
 * "-", ":" or "@" (a dated snapshot "gpt-4o-mini-2024-07-18", an alias "claude-3-5-sonnet-latest", a
 * Vertex id "claude-3-5-sonnet@20240620"). The boundary keeps "gpt-4.5" from being priced as "gpt-4".
 */
export function priceOf(table: PriceTable, model: string): ModelPrice | null {
  if (Object.hasOwn(table.models, model)) return table.models[model] ?? null;
  let best: string | null = null;
  for (const key of Object.keys(table.models)) {
    if (model.length > key.length && model.startsWith(key) && '-:@'.includes(model[key.length]!) && (best === null || key.length > best.length)) {
      best = key;
    }
  }
  return best === null ? null : (table.models[best] ?? null);
}

/** The shipped table is source, not compiled: it sits in bench/loop/ of the package, not of the build. */
function shippedPricesPath(): string {
  return packageFile('bench', 'loop', 'prices.json');
}
