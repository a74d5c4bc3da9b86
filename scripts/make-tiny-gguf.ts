import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Writes a tiny GGUF model (about 150 KB) that llama.cpp loads and runs, so the llamacpp provider can be
 * tested end to end without downloading real weights:
 *
 *   node dist/scripts/make-tiny-gguf.js <out.gguf>
 *
 * It is a 2-layer "llama" with a SentencePiece-style vocabulary (control tokens, all 256 byte tokens, the
 * printable ASCII characters) so any text tokenizes, a ChatML chat template, and weights chosen so that it
 * always says the same thing: the blocks' output projections are zero (the blocks run but add nothing), so
 * the next token depends only on the last one, and the embedding/output matrices form a chain that spells
 * one function call in node-llama-cpp's default syntax, `||call: read_sensor({"place":"kitchen"})`, then
 * ends. That makes a tool call come back from a real llama.cpp run, which random weights never would.
 * The bytes are a pure function of this file (seeded noise, fixed key order).
 *
 * Format: https://github.com/ggml-org/ggml/blob/master/docs/gguf.md (version 3, little-endian).
 */

export const TINY_GGUF_NAME = 'iotmcp-tiny-llama';
/** The call the tiny model always makes, when it is offered a tool of this name taking this argument. */
export const TINY_GGUF_CALL = { name: 'read_sensor', arguments: { place: 'kitchen' } } as const;

const N_EMBD = 32;
const N_HEAD = 4;
const N_HEAD_KV = 2;
const N_LAYER = 2;
const N_FF = 64;
const CONTEXT_LENGTH = 4096;
const ALIGNMENT = 32;
/** How strongly the chain's next token wins: logits ~ CHAIN_GAIN * sqrt(N_EMBD) against ~0 for the rest. */
const CHAIN_GAIN = 8;

const CHATML_TEMPLATE =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

// ---- vocabulary ----------------------------------------------------------------------------------------

/** llama.cpp's token types (tokenizer.ggml.token_type). */
const TokenType = { normal: 1, unknown: 2, control: 3, byte: 6 } as const;

interface Vocabulary {
  tokens: string[];
  scores: number[];
  types: number[];
  idOf: Map<string, number>;
}

/** SentencePiece writes a space as U+2581. */
const SPACE = '\u2581';

function buildVocabulary(chainTexts: readonly string[]): Vocabulary {
  const vocab: Vocabulary = { tokens: [], scores: [], types: [], idOf: new Map() };
  const add = (text: string, type: number, score = 0): void => {
    if (vocab.idOf.has(text)) return;
    vocab.idOf.set(text, vocab.tokens.length);
    vocab.tokens.push(text);
    vocab.scores.push(score);
    vocab.types.push(type);
  };
  add('<unk>', TokenType.unknown);
  add('<s>', TokenType.control);
  add('</s>', TokenType.control);
  add('<|im_start|>', TokenType.control);
  add('<|im_end|>', TokenType.control);
  for (let byte = 0; byte < 256; byte += 1) add(`<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`, TokenType.byte);
  add(SPACE, TokenType.normal, -1);
  for (let code = 0x21; code <= 0x7e; code += 1) add(String.fromCharCode(code), TokenType.normal, -1);
  // The chain's multi-character pieces: the model emits them whole; text never merges into them because
  // none of their prefixes is a token, so ordinary tokenization stays character by character.
  for (const text of chainTexts) add(text, TokenType.normal, -100);
  return vocab;
}

// ---- weights -------------------------------------------------------------------------------------------

/** Mulberry32: a small seeded generator, so the noise (and the file) is the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Tensor {
  name: string;
  /** ggml order: dims[0] is the row length (contiguous), dims[1] the number of rows. */
  dims: number[];
  data: Float32Array;
}

function noise(random: () => number, length: number, scale: number): Float32Array {
  const data = new Float32Array(length);
  for (let i = 0; i < length; i += 1) data[i] = (random() * 2 - 1) * scale;
  return data;
}

/**
 * The chain: token chain[i] has embedding direction i + 1 and every other token direction 0; the output
 * row of chain[0] reads direction 0 and the row of chain[i + 1] (or end-of-sequence) reads direction i + 1.
 */
function buildTensors(vocab: Vocabulary, chain: readonly number[], eos: number): Tensor[] {
  const random = seededRandom(0x11a3ac99);
  const nVocab = vocab.tokens.length;
  const headDim = N_EMBD / N_HEAD;
  const nEmbdKv = headDim * N_HEAD_KV;
  if (chain.length + 1 > N_EMBD) throw new Error('the chain needs more directions than the embedding has');

  const embedding = new Float32Array(N_EMBD * nVocab);
  for (let token = 0; token < nVocab; token += 1) {
    const position = chain.indexOf(token);
    embedding[token * N_EMBD + (position + 1)] = 1;
  }
  const output = new Float32Array(N_EMBD * nVocab);
  const successors = [...chain, eos];
  successors.forEach((token, direction) => {
    output[token * N_EMBD + direction] = CHAIN_GAIN;
  });

  const tensors: Tensor[] = [
    { name: 'token_embd.weight', dims: [N_EMBD, nVocab], data: embedding },
    { name: 'output_norm.weight', dims: [N_EMBD], data: new Float32Array(N_EMBD).fill(1) },
    { name: 'output.weight', dims: [N_EMBD, nVocab], data: output },
  ];
  for (let layer = 0; layer < N_LAYER; layer += 1) {
    const block = (part: string, dims: number[], data: Float32Array): void => {
      tensors.push({ name: `blk.${layer}.${part}.weight`, dims, data });
    };
    block('attn_norm', [N_EMBD], new Float32Array(N_EMBD).fill(1));
    block('attn_q', [N_EMBD, N_EMBD], noise(random, N_EMBD * N_EMBD, 0.1));
    block('attn_k', [N_EMBD, nEmbdKv], noise(random, N_EMBD * nEmbdKv, 0.1));
    block('attn_v', [N_EMBD, nEmbdKv], noise(random, N_EMBD * nEmbdKv, 0.1));
    // Zero output projections: attention and feed-forward are computed but leave the residual stream as is.
    block('attn_output', [N_EMBD, N_EMBD], new Float32Array(N_EMBD * N_EMBD));
    block('ffn_norm', [N_EMBD], new Float32Array(N_EMBD).fill(1));
    block('ffn_gate', [N_EMBD, N_FF], noise(random, N_EMBD * N_FF, 0.1));
    block('ffn_up', [N_EMBD, N_FF], noise(random, N_EMBD * N_FF, 0.1));
    block('ffn_down', [N_FF, N_EMBD], new Float32Array(N_FF * N_EMBD));
  }
  return tensors;
}

// ---- GGUF encoding -------------------------------------------------------------------------------------

const GgufType = { uint32: 4, int32: 5, float32: 6, bool: 7, string: 8, array: 9 } as const;
const GGML_TYPE_F32 = 0;

type MetadataValue =
  | { type: 'u32'; value: number }
  | { type: 'f32'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'strings'; value: string[] }
  | { type: 'f32s'; value: number[] }
  | { type: 'i32s'; value: number[] };

/** Appends little-endian values to a growing list of chunks. */
class ByteWriter {
  private readonly chunks: Buffer[] = [];
  length = 0;

  private push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }
  u32(value: number): void {
    const chunk = Buffer.alloc(4);
    chunk.writeUInt32LE(value);
    this.push(chunk);
  }
  i32(value: number): void {
    const chunk = Buffer.alloc(4);
    chunk.writeInt32LE(value);
    this.push(chunk);
  }
  u64(value: number): void {
    const chunk = Buffer.alloc(8);
    chunk.writeBigUInt64LE(BigInt(value));
    this.push(chunk);
  }
  f32(value: number): void {
    const chunk = Buffer.alloc(4);
    chunk.writeFloatLE(value);
    this.push(chunk);
  }
  string(value: string): void {
    const bytes = Buffer.from(value, 'utf8');
    this.u64(bytes.length);
    this.push(bytes);
  }
  bytes(value: Buffer): void {
    this.push(value);
  }
  padTo(alignment: number): void {
    const padding = (alignment - (this.length % alignment)) % alignment;
    if (padding > 0) this.push(Buffer.alloc(padding));
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.chunks, this.length);
  }
}

function writeValue(out: ByteWriter, value: MetadataValue): void {
  switch (value.type) {
    case 'u32':
      out.u32(GgufType.uint32);
      out.u32(value.value);
      return;
    case 'f32':
      out.u32(GgufType.float32);
      out.f32(value.value);
      return;
    case 'bool':
      out.u32(GgufType.bool);
      out.bytes(Buffer.from([value.value ? 1 : 0]));
      return;
    case 'string':
      out.u32(GgufType.string);
      out.string(value.value);
      return;
    case 'strings':
      out.u32(GgufType.array);
      out.u32(GgufType.string);
      out.u64(value.value.length);
      for (const item of value.value) out.string(item);
      return;
    case 'f32s':
      out.u32(GgufType.array);
      out.u32(GgufType.float32);
      out.u64(value.value.length);
      for (const item of value.value) out.f32(item);
      return;
    case 'i32s':
      out.u32(GgufType.array);
      out.u32(GgufType.int32);
      out.u64(value.value.length);
      for (const item of value.value) out.i32(item);
      return;
  }
}

function encodeGguf(metadata: ReadonlyArray<readonly [string, MetadataValue]>, tensors: readonly Tensor[]): Buffer {
  const out = new ByteWriter();
  out.bytes(Buffer.from('GGUF', 'ascii'));
  out.u32(3);
  out.u64(tensors.length);
  out.u64(metadata.length);
  for (const [key, value] of metadata) {
    out.string(key);
    writeValue(out, value);
  }
  let offset = 0;
  for (const tensor of tensors) {
    out.string(tensor.name);
    out.u32(tensor.dims.length);
    for (const dim of tensor.dims) out.u64(dim);
    out.u32(GGML_TYPE_F32);
    out.u64(offset);
    offset += Math.ceil(tensor.data.byteLength / ALIGNMENT) * ALIGNMENT;
  }
  out.padTo(ALIGNMENT);
  for (const tensor of tensors) {
    out.bytes(Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength));
    out.padTo(ALIGNMENT);
  }
  return out.toBuffer();
}

// ---- the model -----------------------------------------------------------------------------------------

/** The tiny model's bytes (exported for tests that want them without a file). */
export function tinyGgufBytes(): Buffer {
  const chainTexts = [`||call:${SPACE}`, TINY_GGUF_CALL.name, '(', JSON.stringify(TINY_GGUF_CALL.arguments), ')'];
  const vocab = buildVocabulary(chainTexts);
  const chain = chainTexts.map((text) => vocab.idOf.get(text) ?? -1);
  const eos = vocab.idOf.get('</s>') ?? -1;
  const metadata: Array<readonly [string, MetadataValue]> = [
    ['general.architecture', { type: 'string', value: 'llama' }],
    ['general.name', { type: 'string', value: TINY_GGUF_NAME }],
    ['general.alignment', { type: 'u32', value: ALIGNMENT }],
    ['llama.context_length', { type: 'u32', value: CONTEXT_LENGTH }],
    ['llama.embedding_length', { type: 'u32', value: N_EMBD }],
    ['llama.block_count', { type: 'u32', value: N_LAYER }],
    ['llama.feed_forward_length', { type: 'u32', value: N_FF }],
    ['llama.attention.head_count', { type: 'u32', value: N_HEAD }],
    ['llama.attention.head_count_kv', { type: 'u32', value: N_HEAD_KV }],
    ['llama.rope.dimension_count', { type: 'u32', value: N_EMBD / N_HEAD }],
    ['llama.attention.layer_norm_rms_epsilon', { type: 'f32', value: 1e-5 }],
    ['llama.vocab_size', { type: 'u32', value: vocab.tokens.length }],
    ['tokenizer.ggml.model', { type: 'string', value: 'llama' }],
    ['tokenizer.ggml.tokens', { type: 'strings', value: vocab.tokens }],
    ['tokenizer.ggml.scores', { type: 'f32s', value: vocab.scores }],
    ['tokenizer.ggml.token_type', { type: 'i32s', value: vocab.types }],
    ['tokenizer.ggml.unknown_token_id', { type: 'u32', value: vocab.idOf.get('<unk>') ?? 0 }],
    ['tokenizer.ggml.bos_token_id', { type: 'u32', value: vocab.idOf.get('<s>') ?? 1 }],
    ['tokenizer.ggml.eos_token_id', { type: 'u32', value: eos }],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: true }],
    ['tokenizer.chat_template', { type: 'string', value: CHATML_TEMPLATE }],
  ];
  return encodeGguf(metadata, buildTensors(vocab, chain, eos));
}

export async function writeTinyGguf(file: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, tinyGgufBytes());
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (file === undefined) {
    console.error('usage: node dist/scripts/make-tiny-gguf.js <out.gguf>');
    process.exitCode = 2;
    return;
  }
  await writeTinyGguf(file);
  console.log(`wrote ${file} (${TINY_GGUF_NAME})`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 1;
  });
}
