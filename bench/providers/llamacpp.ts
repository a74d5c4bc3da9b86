import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { ModelTurn, ToolCallRequest } from '../results/conversation.js';
import { callArguments, toChatFunctions } from './llamacpp/chat-functions.js';
import { toChatHistory } from './llamacpp/chat-history.js';
import { type LoadedNodeLlamaCpp, loadNodeLlamaCpp, prebuiltBinaryFor } from './llamacpp/install.js';
import type { Llama, LlamaChat, LlamaChatResponse, LlamaContextSequence, LlamaGpu } from './llamacpp/node-llama-cpp-api.js';
import { type Provider, type ProviderConfig, ProviderError, type TurnRequest } from './provider.js';

/**
 * A GGUF model run in this process by llama.cpp, through node-llama-cpp (installed on first use, see
 * llamacpp/install.ts). The model loads once per provider, on the CPU by default; each turn renders the
 * conversation with the model's own chat template and offers the tools as node-llama-cpp functions without
 * handlers, so LlamaChat stops at a function call and hands it back instead of running it.
 *
 * Turns run one at a time (one context sequence); concurrent trials queue. Settings beyond ProviderConfig
 * come from options or the environment: IOTMCP_LLAMACPP_THREADS (CPU threads, default all cores),
 * IOTMCP_LLAMACPP_CONTEXT (context tokens, default up to 8192 within the model's own), IOTMCP_LLAMACPP_GPU
 * (auto|cuda|vulkan|metal|false; a GPU also needs node-llama-cpp's package for it) and IOTMCP_LLAMACPP_DIR.
 */

export interface LlamaCppOptions {
  /** Parent folder of the on-demand install (default IOTMCP_LLAMACPP_DIR or ~/.cache/iotmcp-bench/llamacpp). */
  installRoot?: string;
  threads?: number;
  contextSize?: number;
  gpu?: LlamaGpu;
  /** Announces an install (default: a line on stderr). */
  log?: (line: string) => void;
}

/** Where node-llama-cpp came from, and what was set up; reported beside the run's measurements. */
export interface LlamaCppSetup {
  source: LoadedNodeLlamaCpp['source'];
  /** The install folder (null when the project's own node_modules has node-llama-cpp). */
  dir: string | null;
  /** How long installing node-llama-cpp took, ms (null when it was already there). */
  installMs: number | null;
  /** The context window llama.cpp created, tokens. */
  contextSize: number;
}

/** A turn's answer length when the config sets none: enough for a tool call or a short answer. */
export const DEFAULT_MAX_TOKENS = 1024;
const DEFAULT_CONTEXT_MAX = 8192;

export async function createLlamaCppProvider(
  config: ProviderConfig,
  options: LlamaCppOptions = {},
): Promise<Provider & { readonly setup: LlamaCppSetup; close(): Promise<void> }> {
  // Checked before anything is installed or loaded, so a typo costs nothing.
  const modelFile = await checkModelFile(config);
  const loaded = await loadNodeLlamaCpp(options);
  const session = await startSession(loaded, modelFile, options);
  const asked = config.model !== undefined && !isGgufPath(config.model) ? config.model : session.modelName;
  return new LlamaCppProvider(config, session, asked, loaded);
}

export function isGgufPath(model: string): boolean {
  return model.toLowerCase().endsWith('.gguf');
}

/** The model file from the config, or a clear 'bad-request' saying what is wrong with it. */
async function checkModelFile(config: ProviderConfig): Promise<string> {
  const given = config.modelPath ?? (config.model !== undefined && isGgufPath(config.model) ? config.model : undefined);
  if (given === undefined) {
    throw badRequest('llamacpp needs a GGUF model file: pass --model-path <file.gguf> (or --model <file.gguf>)');
  }
  const file = path.resolve(given);
  let magic: string;
  try {
    const handle = await open(file, 'r');
    try {
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(4), 0, 4, 0);
      magic = buffer.subarray(0, bytesRead).toString('latin1');
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') throw badRequest(`llamacpp: model file not found: ${file}`);
    if (code === 'EISDIR') throw badRequest(`llamacpp: the model path is a folder, not a GGUF file: ${file}`);
    throw badRequest(`llamacpp: cannot read the model file ${file}: ${(error as Error).message}`);
  }
  if (magic !== 'GGUF') throw badRequest(`llamacpp: ${file} is not a GGUF model (a GGUF file starts with "GGUF")`);
  return file;
}

interface Session {
  llama: Llama;
  sequence: LlamaContextSequence;
  chat: LlamaChat;
  modelName: string;
  contextSize: number;
}

async function startSession(loaded: LoadedNodeLlamaCpp, modelFile: string, options: LlamaCppOptions): Promise<Session> {
  const threads = options.threads ?? positiveIntegerFromEnv('IOTMCP_LLAMACPP_THREADS') ?? availableParallelism();
  const gpu = options.gpu ?? gpuFromEnv() ?? prebuiltBinaryFor(process.platform, process.arch)?.gpu ?? false;
  let llama: Llama;
  try {
    llama = await loaded.module.getLlama({
      gpu,
      build: 'never',
      skipDownload: true,
      usePrebuiltBinaries: true,
      progressLogs: false,
      logLevel: 'error',
      // node-llama-cpp's default is at least 4 threads; on a 2-core machine that oversubscribes and runs
      // many times slower, so the cap follows the cores actually there.
      maxThreads: threads,
    });
  } catch (error) {
    const where = loaded.dir === null ? "the project's node_modules" : loaded.dir;
    throw badRequest(
      `llamacpp: llama.cpp could not start with gpu=${String(gpu)} (${(error as Error).message}). ` +
        `Its prebuilt binary for ${process.platform}-${process.arch} may be missing from ${where}` +
        (loaded.dir === null ? '.' : '; delete that folder to have it installed again.'),
    );
  }
  try {
    const model = await llama.loadModel({ modelPath: modelFile }).catch((error: unknown) => {
      throw badRequest(`llamacpp: could not load the model ${modelFile}: ${(error as Error).message}`);
    });
    const contextSize = options.contextSize ?? positiveIntegerFromEnv('IOTMCP_LLAMACPP_CONTEXT') ?? { max: DEFAULT_CONTEXT_MAX };
    const context = await model.createContext({ contextSize, threads, sequences: 1 });
    const sequence = context.getSequence();
    const chat = new loaded.module.LlamaChat({ contextSequence: sequence });
    const name = model.fileInfo.metadata.general?.name;
    const modelName = typeof name === 'string' && name.trim() !== '' ? name : path.basename(modelFile, path.extname(modelFile));
    return { llama, sequence, chat, modelName, contextSize: context.contextSize };
  } catch (error) {
    await llama.dispose();
    if (error instanceof ProviderError) throw error;
    throw badRequest(`llamacpp: could not prepare ${modelFile}: ${(error as Error).message}`);
  }
}

class LlamaCppProvider implements Provider {
  readonly name = 'llamacpp';
  readonly kind = 'llm' as const;
  readonly label: string;
  readonly parallelToolCalls = false;
  readonly setup: LlamaCppSetup;
  private callCount = 0;
  private closed = false;
  /** The last turn queued: turns share one context sequence, so each waits for the one before. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly config: ProviderConfig,
    private readonly session: Session,
    readonly model: string,
    loaded: LoadedNodeLlamaCpp,
  ) {
    this.label = `llamacpp ${model}`;
    this.setup = { source: loaded.source, dir: loaded.dir, installMs: loaded.installMs, contextSize: session.contextSize };
  }

  turn(request: TurnRequest): Promise<ModelTurn> {
    const run = this.tail.then(() => this.runTurn(request));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async runTurn(request: TurnRequest): Promise<ModelTurn> {
    if (this.closed) throw badRequest('llamacpp: the provider is closed');
    if (request.signal.aborted) throw new ProviderError('aborted', 'llamacpp: the turn was aborted before it started', { provider: this.name });
    const timeout = this.config.timeoutMs !== undefined ? AbortSignal.timeout(this.config.timeoutMs) : null;
    const signal = timeout === null ? request.signal : AbortSignal.any([request.signal, timeout]);
    const { functions, optional } = toChatFunctions(request.tools);
    const { sequence, chat } = this.session;
    const before = sequence.tokenMeter.getState();
    const seed = request.seed ?? this.config.seed;
    let response: LlamaChatResponse;
    try {
      response = await chat.generateResponse(toChatHistory(request.messages), {
        // 'none': the model must answer now, so it is offered no functions (earlier calls still render).
        ...(request.toolChoice !== 'none' && request.tools.length > 0 && { functions }),
        maxTokens: this.config.maxTokens ?? DEFAULT_MAX_TOKENS,
        temperature: this.config.temperature ?? 0,
        ...(seed !== undefined && { seed }),
        signal,
      });
    } catch (error) {
      if (request.signal.aborted) throw new ProviderError('aborted', 'llamacpp: the turn was aborted', { provider: this.name, cause: error });
      if (timeout?.aborted) {
        throw new ProviderError('timeout', `llamacpp: no answer within ${this.config.timeoutMs} ms`, { provider: this.name, cause: error });
      }
      // In-process generation that fails on its input fails the same way every time: a prompt (the tool list)
      // longer than the context is never retried.
      const message = (error as Error).message;
      const deterministic = /context|too long|exceed|tokens?\b/i.test(message);
      throw new ProviderError(
        deterministic ? 'bad-request' : 'server',
        `llamacpp: generation failed: ${message}${deterministic ? ` (context ${this.setup?.contextSize ?? '?'} tokens)` : ''}`,
        { provider: this.name, cause: error },
      );
    }
    // Tokens llama.cpp evaluated this turn: a prompt prefix still in the KV cache from the turn before is
    // not evaluated again, so it is not counted.
    const used = sequence.tokenMeter.diff(before);
    const toolCalls: ToolCallRequest[] = (response.functionCalls ?? []).map((call) => ({
      id: `llamacpp_${++this.callCount}`,
      name: call.functionName,
      arguments: callArguments(call.functionName, call.params, optional),
    }));
    return {
      content: response.response,
      toolCalls,
      usage: { inputTokens: used.usedInputTokens, outputTokens: used.usedOutputTokens },
      model: this.session.modelName,
      stopReason: response.metadata.stopReason,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.tail;
    this.session.chat.dispose();
    // Disposing llama disposes its models and their contexts.
    await this.session.llama.dispose();
  }
}

function positiveIntegerFromEnv(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw badRequest(`llamacpp: ${name} must be a positive whole number (got "${text}")`);
  return value;
}

function gpuFromEnv(): LlamaGpu | undefined {
  const text = process.env.IOTMCP_LLAMACPP_GPU;
  if (text === undefined || text === '') return undefined;
  if (text === 'false' || text === 'cpu') return false;
  if (text === 'auto' || text === 'cuda' || text === 'vulkan' || text === 'metal') return text;
  throw badRequest(`llamacpp: IOTMCP_LLAMACPP_GPU must be auto, cuda, vulkan, metal or false (got "${text}")`);
}

function badRequest(message: string): ProviderError {
  return new ProviderError('bad-request', message, { provider: 'llamacpp' });
}
