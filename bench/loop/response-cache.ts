import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { canonicalJson } from '../../core/canonical-json.js';
import type { ToolDefinition } from '../host/tool-host.js';
import type { Message, ModelTurn } from '../results/conversation.js';

/**
 * Model answers kept on disk, so re-running a run (a crash, a report bug, a changed scorer) does not pay for
 * the same tokens twice. A turn is found only by an identical request from the same trial index: the trial
 * index is part of the key, so the repetitions of `--trials k` are k real samples of the model, never one
 * answer replayed k times.
 */

/** Everything that decides what a model answers. Settings the agent loop cannot see come from the constructor. */
export interface CacheKeyParts {
  provider: string;
  model: string;
  baseUrl?: string | null;
  temperature?: number | null;
  maxTokens?: number | null;
  seed: number | null;
  /** 0-based repetition of the task. */
  trial: number;
  messages: readonly Message[];
  tools: readonly ToolDefinition[];
  toolChoice: 'auto' | 'none';
}

/** The provider's settings, fixed for a run (never its API key). */
export type CacheSettings = Pick<CacheKeyParts, 'baseUrl' | 'temperature' | 'maxTokens'>;

const CACHE_ENTRY_VERSION = 1;

const ModelTurnSchema = z.object({
  content: z.string(),
  toolCalls: z.array(z.object({ id: z.string(), name: z.string(), arguments: z.string() })),
  usage: z.object({
    inputTokens: z.number(),
    outputTokens: z.number(),
    cachedInputTokens: z.number().optional(),
  }),
  model: z.string(),
  stopReason: z.string(),
});

const EntrySchema = z.object({ v: z.literal(CACHE_ENTRY_VERSION), key: z.string(), turn: ModelTurnSchema });

export class ResponseCache {
  private ready: Promise<unknown> | null = null;

  /** `settings` (base URL, temperature, max tokens) go into every key, so changing them never hits old turns. */
  constructor(
    readonly dir: string,
    private readonly settings: CacheSettings = {},
  ) {}

  /** sha256 (hex) of the parts in a canonical form: equal requests give equal keys whatever their key order. */
  key(parts: CacheKeyParts): string {
    const { provider, model, seed, trial, messages, tools, toolChoice } = parts;
    const canonical = {
      provider,
      model,
      baseUrl: parts.baseUrl ?? this.settings.baseUrl ?? null,
      temperature: parts.temperature ?? this.settings.temperature ?? null,
      maxTokens: parts.maxTokens ?? this.settings.maxTokens ?? null,
      seed,
      trial,
      messages,
      tools,
      toolChoice,
    };
    return createHash('sha256').update(canonicalJson(canonical)).digest('hex');
  }

  /** The turn stored under `key`; null when there is none or the entry is unreadable (a miss, never an error). */
  async get(key: string): Promise<ModelTurn | null> {
    let text: string;
    try {
      text = await readFile(this.pathOf(key), 'utf8');
    } catch {
      return null;
    }
    try {
      const entry = EntrySchema.safeParse(JSON.parse(text));
      if (!entry.success || entry.data.key !== key) return null;
      const { cachedInputTokens, ...usage } = entry.data.turn.usage;
      return { ...entry.data.turn, usage: cachedInputTokens === undefined ? usage : { ...usage, cachedInputTokens } };
    } catch {
      return null;
    }
  }

  /** Stores a turn atomically: readers (other processes of a sharded run) see the old entry or the new one. */
  async set(key: string, turn: ModelTurn): Promise<void> {
    this.ready ??= mkdir(this.dir, { recursive: true }).catch((error: unknown) => {
      this.ready = null; // try again on the next write (the directory may become creatable)
      throw error;
    });
    await this.ready;
    const file = this.pathOf(key);
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temp, JSON.stringify({ v: CACHE_ENTRY_VERSION, key, turn }));
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  private pathOf(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`not a response cache key: ${key}`);
    return join(this.dir, `${key}.json`);
  }
}
