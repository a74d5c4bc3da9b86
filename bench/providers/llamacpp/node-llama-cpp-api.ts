/**
 * The part of node-llama-cpp (v3) this provider uses, written out by hand: the package is installed on
 * demand, not a dependency, so its own type declarations are not there when the project compiles. The
 * shapes follow node-llama-cpp 3.22's .d.ts files (LlamaChat, ChatHistoryItem, GbnfJsonSchema...).
 */

export type LlamaGpu = false | 'auto' | 'metal' | 'cuda' | 'vulkan';

export interface GetLlamaOptions {
  gpu: LlamaGpu;
  /** 'never': use a prebuilt binary or fail; never compile llama.cpp (nor download its source). */
  build: 'never';
  skipDownload: true;
  usePrebuiltBinaries: true;
  progressLogs: false;
  logLevel: 'disabled' | 'fatal' | 'error' | 'warn' | 'info' | 'log' | 'debug';
  maxThreads?: number;
}

export interface Llama {
  loadModel(options: { modelPath: string }): Promise<LlamaModel>;
  dispose(): Promise<void>;
}

export interface LlamaModel {
  readonly fileInfo: { readonly metadata: { readonly general?: { readonly name?: unknown } } };
  createContext(options: { contextSize?: number | { min?: number; max?: number }; threads?: number; sequences?: number }): Promise<LlamaContext>;
  dispose(): Promise<void>;
}

export interface LlamaContext {
  readonly contextSize: number;
  getSequence(): LlamaContextSequence;
  dispose(): Promise<void>;
}

export interface TokenCounts {
  usedInputTokens: number;
  usedOutputTokens: number;
}

export interface LlamaContextSequence {
  /** Tokens now held in the sequence's KV cache (prompt and generation). */
  readonly contextTokens: readonly number[];
  /** Counts evaluated tokens: input = fed to the model, output = positions sampled from. */
  readonly tokenMeter: { getState(): TokenCounts; diff(state: TokenCounts): TokenCounts };
}

/** JSON values as node-llama-cpp's grammar understands a schema (a subset of JSON Schema). */
export type GbnfJsonSchema =
  | { type: GbnfPrimitive | GbnfPrimitive[]; description?: string }
  | { type: 'string'; minLength?: number; maxLength?: number; format?: 'date-time' | 'time' | 'date'; description?: string }
  | { const: string | number | boolean | null; description?: string }
  | { enum: Array<string | number | boolean | null>; description?: string }
  | { oneOf: GbnfJsonSchema[]; description?: string }
  | {
      type: 'object';
      properties?: Record<string, GbnfJsonSchema>;
      additionalProperties?: boolean | GbnfJsonSchema;
      required?: string[];
      description?: string;
    }
  | { type: 'array'; items?: GbnfJsonSchema; minItems?: number; maxItems?: number; description?: string };

export type GbnfPrimitive = 'string' | 'number' | 'integer' | 'boolean' | 'null';

/** Functions offered to the model; without handlers, LlamaChat returns the calls instead of running them. */
export type ChatModelFunctions = Record<string, { description?: string; params?: GbnfJsonSchema }>;

export interface ChatModelFunctionCall {
  type: 'functionCall';
  name: string;
  description?: string;
  params: unknown;
  result: unknown;
}

export type ChatHistoryItem =
  | { type: 'system'; text: string }
  | { type: 'user'; text: string }
  | { type: 'model'; response: Array<string | ChatModelFunctionCall> };

export interface GenerateResponseOptions {
  functions?: ChatModelFunctions;
  maxTokens?: number;
  temperature?: number;
  seed?: number;
  signal?: AbortSignal;
}

export interface LlamaChatResponse {
  /** The answer text, without thought segments. */
  response: string;
  functionCalls?: Array<{ functionName: string; params: unknown }>;
  metadata: { stopReason: string };
}

export interface LlamaChat {
  generateResponse(history: ChatHistoryItem[], options: GenerateResponseOptions): Promise<LlamaChatResponse>;
  dispose(): void;
}

export interface NodeLlamaCpp {
  getLlama(options: GetLlamaOptions): Promise<Llama>;
  LlamaChat: new (options: { contextSequence: LlamaContextSequence }) => LlamaChat;
}

/** The imported module, checked for the two entry points this provider needs. */
export function asNodeLlamaCpp(module: unknown): NodeLlamaCpp | null {
  if (typeof module !== 'object' || module === null) return null;
  const candidate = module as Partial<Record<keyof NodeLlamaCpp, unknown>>;
  return typeof candidate.getLlama === 'function' && typeof candidate.LlamaChat === 'function' ? (module as NodeLlamaCpp) : null;
}
