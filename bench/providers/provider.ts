import type { ToolDefinition } from '../host/tool-host.js';
import type { Message, ModelTurn } from '../results/conversation.js';

/**
 * A provider answers one turn of a conversation for a language model (openai, anthropic, ollama, llamacpp).
 * The reference agents answer the same turns, but are started per trial with its task (bench/loop/agent.ts):
 * a model never sees more than the conversation and the tools.
 */

export interface TurnRequest {
  messages: Message[];
  tools: readonly ToolDefinition[];
  /**
   * 'none' on the last step the budget allows: the model must answer now. Tools are still listed, because
   * some APIs (Anthropic) reject a conversation holding tool calls when no tools are defined.
   */
  toolChoice: 'auto' | 'none';
  /** Aborted on the trial's timeout or Ctrl-C; adapters pass it to their SDK. */
  signal: AbortSignal;
  /** Passed to providers that accept a seed (recorded either way). */
  seed?: number;
  /**
   * The structured results of the tool calls so far, by tool call id (null for errors and fleet tools).
   * The reference agents read values from here; language models read the tool messages' text.
   */
  results?: ReadonlyMap<string, Record<string, unknown> | null>;
}

export interface Provider {
  /** "openai", "anthropic", "ollama", "llamacpp". */
  readonly name: string;
  /** A language model (the reference agents are the other kinds). */
  readonly kind: 'llm';
  /** The model asked for ("gpt-4o-mini"). */
  readonly model: string;
  /** How reports name it. */
  readonly label: string;
  /** The model may ask for several tool calls in one turn. */
  readonly parallelToolCalls: boolean;
  turn(request: TurnRequest): Promise<ModelTurn>;
  close?(): Promise<void>;
}

/** Settings every provider takes (from flags, a config file and environment variables). */
export interface ProviderConfig {
  provider: string;
  model?: string;
  /** OpenAI-compatible servers (vLLM, llama.cpp's server, LM Studio), Ollama's host, a local test server. */
  baseUrl?: string;
  /** Read from the provider's environment variable when absent (OPENAI_API_KEY, ANTHROPIC_API_KEY). */
  apiKey?: string;
  temperature?: number;
  seed?: number;
  maxTokens?: number;
  /** One request's timeout, ms. */
  timeoutMs?: number;
  /** Extra request headers (a proxy's auth, OpenRouter's referer). */
  headers?: Record<string, string>;
  /** llamacpp: the GGUF file. */
  modelPath?: string;
}

/**
 * Why a provider call failed. `retryable` errors (429, 5xx, network, timeout) are retried with backoff that
 * honours `retryAfterMs`; what is still failing after the retries is an infrastructure error of the trial,
 * never a model failure. `bad-request` and `auth` are not retried.
 */
export type ProviderErrorKind = 'rate-limit' | 'server' | 'network' | 'timeout' | 'auth' | 'bad-request' | 'malformed-response' | 'aborted';

export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; provider?: string; cause?: unknown } = {},
  ) {
    super(message);
    this.name = 'ProviderError';
  }

  get retryable(): boolean {
    return this.kind === 'rate-limit' || this.kind === 'server' || this.kind === 'network' || this.kind === 'timeout';
  }
}
